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
    Title => "Dokumen: {}", "Documents: {}";
    Link => "Dokumen", "Documents";
    Back => "Kembali ke daftar inovasi", "Back to the innovations";
    Help => "PDF, JPEG, PNG atau WebP; satu berkas paling besar {} MB, semua berkas satu inovasi paling banyak {} MB. Bukti dukung yang ditautkan ke kriteria tampil di samping kriteria itu pada lembar penilaian juri.", "PDF, JPEG, PNG or WebP; a file at most {} MB, an innovation's files at most {} MB together. Evidence pinned to a criterion appears beside that criterion on the judges' score sheet.";
    BlindWarning => "Lomba ini dinilai tanpa nama: dokumen sering memuat nama dan logo pengusul. Tandai dokumen seperti itu agar tidak tampil bagi juri.", "This contest is judged blind: documents often carry the entrant's name and logo. Mark such documents hidden from judges.";
    NoDocuments => "Belum ada dokumen.", "No documents yet.";
    ColName => "Berkas", "File";
    ColKind => "Jenis", "Kind";
    ColCriterion => "Kriteria", "Criterion";
    ColSize => "Ukuran", "Size";
    HiddenBadge => "tersembunyi dari juri", "hidden from judges";
    FieldFile => "Berkas", "File";
    FieldKind => "Jenis dokumen", "Kind of document";
    FieldCriterion => "Bukti dukung untuk kriteria", "Evidence for the criterion";
    NoCriterion => "(tidak untuk satu kriteria)", "(not for one criterion)";
    FieldHidden => "Sembunyikan dari juri", "Hide from judges";
    ButtonUpload => "Unggah", "Upload";
    KindProposal => "proposal", "proposal";
    KindEvidence => "bukti dukung", "evidence";
    KindPhoto => "foto", "photo";
    KindOther => "lainnya", "other";
    ButtonHide => "Sembunyikan dari juri", "Hide from judges";
    ButtonShow => "Tampilkan bagi juri", "Show to judges";
}

/// The name of a kind of document.
pub fn kind_label(kind: crate::model::DocumentKind) -> DocumentMsg {
    use crate::model::DocumentKind;
    match kind {
        DocumentKind::Proposal => DocumentMsg::KindProposal,
        DocumentKind::Evidence => DocumentMsg::KindEvidence,
        DocumentKind::Photo => DocumentMsg::KindPhoto,
        DocumentKind::Other => DocumentMsg::KindOther,
    }
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
