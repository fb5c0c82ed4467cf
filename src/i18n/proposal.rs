//! Words of an entry's proposal: the fields of the IID form, and what submission requires.

crate::catalog! {
    ProposalMsg;
    Title => "Proposal inovasi", "Innovation proposal";
    FieldMaturity => "Tahapan inovasi", "Maturity";
    FieldInitiator => "Inisiator inovasi", "Initiator";
    FieldDigital => "Jenis inovasi", "Digital or not";
    FieldForm => "Bentuk inovasi", "Form of innovation";
    FieldTrialDate => "Waktu uji coba", "Trial date";
    FieldImplementationDate => "Waktu penerapan", "Implementation date";
    FieldDesign => "Rancang bangun", "Design (rancang bangun)";
    FieldGoals => "Tujuan inovasi", "Goals";
    FieldBenefits => "Manfaat yang diperoleh", "Benefits";
    FieldResults => "Hasil inovasi", "Results";
    FieldVideoLink => "Tautan video", "Video link";
    MaturityInisiatif => "Inisiatif", "Initiative";
    MaturityUjiCoba => "Uji coba", "Trial";
    MaturityPenerapan => "Penerapan", "Implementation";
    InitiatorKepalaDaerah => "Kepala daerah", "Head of region";
    InitiatorAnggotaDprd => "Anggota DPRD", "Member of the regional parliament";
    InitiatorAsn => "ASN", "Civil servant (ASN)";
    InitiatorPerangkatDaerah => "Perangkat daerah", "Regional agency";
    InitiatorMasyarakat => "Masyarakat", "The public";
    Digital => "Digital", "Digital";
    NonDigital => "Non-digital", "Non-digital";
    FormTataKelola => "Tata kelola pemerintahan daerah", "Regional governance";
    FormPelayananPublik => "Pelayanan publik", "Public service";
    FormLainnya => "Lainnya sesuai urusan daerah", "Other, within the region's powers";
    Required => "wajib", "required";
    MissingFields => "Belum diisi: {}", "Not filled in: {}";
    MissingDocuments => "Dokumen belum ada: {}", "Documents missing: {}";
    Export => "Unduh semua inovasi beserta proposalnya (CSV, kolom yang sama dengan impor)", "Download every innovation with its proposal (CSV, the import's columns)";
    EditTitle => "Ubah data inovasi dan proposalnya", "Change the innovation and its proposal";
    ButtonSave => "Simpan", "Save";
    RequiredTitle => "Syarat pengajuan", "What submission requires";
    RequiredHelp => "Isian proposal dan jenis dokumen yang wajib ada sebelum inovasi diajukan. Pengajuan yang belum lengkap ditolak dengan nama isiannya.", "Proposal fields and kinds of document an innovation needs before it is submitted. An incomplete submission is refused, naming the field.";
    ErrMaturity => "Tahapan inovasi: inisiatif, uji_coba atau penerapan.", "Maturity is inisiatif, uji_coba or penerapan.";
    ErrInitiator => "Inisiator: kepala_daerah, anggota_dprd, asn, perangkat_daerah atau masyarakat.", "The initiator is kepala_daerah, anggota_dprd, asn, perangkat_daerah or masyarakat.";
    ErrDigital => "Jenis inovasi: true (digital) atau false (non-digital).", "Digital is true or false.";
    ErrForm => "Bentuk inovasi: tata_kelola, pelayanan_publik atau lainnya.", "The form is tata_kelola, pelayanan_publik or lainnya.";
    ErrDate => "Tanggal ditulis 2024-06-01 (atau 01/06/2024).", "A date is written 2024-06-01 (or 01/06/2024).";
    ErrRequiredForSubmission => "{}: wajib diisi sebelum inovasi diajukan.", "{}: required before the innovation is submitted.";
    ErrDocumentMissing => "Dokumen {} wajib diunggah sebelum inovasi diajukan.", "A document of kind {} is required before the innovation is submitted.";
    ErrRequiredFieldUnknown => "Isian wajib dipilih dari: maturity, initiator, digital, form, trial_date, implementation_date, design, goals, benefits, results, video_link.", "Required fields are chosen among maturity, initiator, digital, form, trial_date, implementation_date, design, goals, benefits, results, video_link.";
    ErrRequiredDocumentUnknown => "Jenis dokumen wajib dipilih dari: proposal, evidence, photo, other.", "Required documents are chosen among proposal, evidence, photo, other.";
}

/// The label of a proposal field.
pub fn field_label(field: crate::model::ProposalField) -> ProposalMsg {
    use crate::model::ProposalField as F;
    match field {
        F::Maturity => ProposalMsg::FieldMaturity,
        F::Initiator => ProposalMsg::FieldInitiator,
        F::Digital => ProposalMsg::FieldDigital,
        F::Form => ProposalMsg::FieldForm,
        F::TrialDate => ProposalMsg::FieldTrialDate,
        F::ImplementationDate => ProposalMsg::FieldImplementationDate,
        F::Design => ProposalMsg::FieldDesign,
        F::Goals => ProposalMsg::FieldGoals,
        F::Benefits => ProposalMsg::FieldBenefits,
        F::Results => ProposalMsg::FieldResults,
        F::VideoLink => ProposalMsg::FieldVideoLink,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn catalog_is_complete() {
        crate::i18n::check_catalog(
            &super::ProposalMsg::ALL
                .iter()
                .map(|m| m.both())
                .collect::<Vec<_>>(),
        );
    }
}
