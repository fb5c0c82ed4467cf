//! Words of entries' documents: proposals, evidence (bukti dukung), photos.

crate::catalog! {
    DocumentMsg;
    ErrDocumentType => "Berkas ini bertipe {}: unggah PDF, JPEG, PNG atau WebP.", "This file is {}: upload a PDF, JPEG, PNG or WebP.";
    ErrDocumentTooLarge => "Satu berkas paling besar {} MB.", "A file is at most {} MB.";
    ErrEntryDocumentsFull => "Berkas satu inovasi paling banyak {} MB; tersisa {} MB.", "An innovation's files take at most {} MB; {} MB are left.";
    ErrDocumentEmpty => "Berkasnya kosong.", "The file is empty.";
    ErrDocumentNoFile => "Pilih berkas untuk diunggah (bagian `file`).", "Choose a file to upload (the `file` part).";
    ErrDocumentKind => "Jenis dokumen: proposal, evidence (bukti dukung), photo atau other.", "A document's kind is proposal, evidence, photo or other.";
    ErrDocumentCriterion => "Kriteria itu bukan kriteria lomba ini.", "That criterion is not one of this contest's.";
    ErrDocumentUpload => "Unggahan terputus atau rusak: {}", "The upload broke off or is malformed: {}";
}

#[cfg(test)]
mod tests {
    #[test]
    fn catalog_is_complete() {
        crate::i18n::check_catalog(
            &super::DocumentMsg::ALL
                .iter()
                .map(|m| m.both())
                .collect::<Vec<_>>(),
        );
    }
}
