//! Words of entrants (pengusul): registration, their entries, set-password links, their home.

crate::catalog! {
    EntrantMsg;
    ErrRegistrationNotOpen => "Pendaftaran lomba ini sedang ditutup panitia: inovasi hanya dapat dibaca.", "Registration for this contest is closed by the committee: innovations are read-only.";
    ErrRegistrationDeadline => "Batas waktu pendaftaran ({} UTC) telah lewat: inovasi hanya dapat dibaca.", "The registration deadline ({} UTC) has passed: innovations are read-only.";
    ErrRegistrationOver => "Penilaian sudah dimulai: inovasi tidak dapat diubah lagi.", "Judging has begun: innovations can no longer change.";
    ErrRegistrationBoolean => "Nilai `registration_open` harus true atau false.", "`registration_open` must be true or false.";
    ErrDeadline => "Batas waktu pendaftaran harus berupa waktu ISO 8601 (mis. 2026-07-31T23:59:00Z) atau null.", "The registration deadline must be an ISO 8601 time (e.g. 2026-07-31T23:59:00Z) or null.";
    ErrReleaseComments => "Nilai `release_comments` harus true atau false.", "`release_comments` must be true or false.";
    ErrClusterNotAllowed => "Panitia tidak membuka klaster ini untuk unit Anda.", "The committee has not opened this cluster to your unit.";
    ErrAlreadyEntrant => "Akun ini sudah terdaftar sebagai pengusul lomba ini.", "This account is already an entrant of this contest.";
    ErrEmailNotEntrant => "Email ini milik akun bukan pengusul.", "This email belongs to an account that is not an entrant.";
    ErrLinkUsed => "Tautan ini sudah dipakai. Minta tautan baru kepada panitia.", "This link has already been used. Ask the committee for a new one.";
    ErrLinkExpired => "Tautan ini sudah kedaluwarsa. Minta tautan baru kepada panitia.", "This link has expired. Ask the committee for a new one.";
    ErrPasswordsDiffer => "Kedua kata sandi tidak sama.", "The two passwords differ.";
    ErrEntrySubmitted => "Inovasi yang sudah diajukan hanya dapat ditarik oleh panitia.", "A submitted innovation can only be withdrawn by the committee.";
    ErrCommitteeDocument => "Dokumen ini diunggah panitia: hanya panitia yang dapat menghapusnya.", "The committee uploaded this document: only the committee can delete it.";
    ErrAlreadySubmitted => "Inovasi ini sudah diajukan.", "This innovation has already been submitted.";
    NoContests => "Akun Anda belum didaftarkan pada lomba mana pun. Hubungi panitia.", "Your account is not registered in any contest yet. Contact the committee.";
    UnitLabel => "Unit: {}", "Unit: {}";
    RegistrationOpen => "Pendaftaran dibuka.", "Registration is open.";
    RegistrationOpenUntil => "Pendaftaran dibuka sampai {} UTC.", "Registration is open until {} UTC.";
    RegistrationClosed => "Pendaftaran ditutup: inovasi hanya dapat dibaca.", "Registration is closed: innovations are read-only.";
    NoEntries => "Belum ada inovasi unit Anda.", "Your unit has no innovation yet.";
    NewEntry => "Daftarkan inovasi baru", "File a new innovation";
    NewEntryTitle => "Inovasi baru", "New innovation";
    StatusDraft => "draf", "draft";
    StatusSubmitted => "diajukan", "submitted";
    StatusEligible => "lolos seleksi administrasi", "eligible";
    StatusNotEligible => "tidak lolos seleksi administrasi", "not eligible";
    StatusFinalist => "finalis", "finalist";
    StatusStopped => "tidak berlanjut", "not taken on";
    StatusRanked => "diperingkat", "ranked";
    StatusWinner => "pemenang", "winner";
    StepScreened => "{}: lolos.", "{}: eligible.";
    StepNotEligible => "{}: tidak lolos. Syarat yang tidak terpenuhi: {}", "{}: not eligible. Requirements not met: {}";
    StepScored => "{}: peringkat {} dengan nilai {}.", "{}: rank {} with a score of {}.";
    StepStageDone => "{}: dinilai.", "{}: scored.";
    StepAdvanced => "Berlanjut ke {}.", "Taken on to {}.";
    StepStopped => "Tidak berlanjut ke {}.", "Not taken on to {}.";
    StepRanked => "Hasil akhir: peringkat {} dengan nilai {}.", "Final result: rank {} with a score of {}.";
    StepPrize => "Penghargaan: {}.", "Prize: {}.";
    Documents => "Dokumen: {}", "Documents: {}";
    BlindWarning => "Lomba ini dinilai tanpa nama: jangan cantumkan nama unit, nama orang atau logo pada dokumen yang diunggah.", "This contest is judged blind: keep your unit's name, people's names and logos out of the documents you upload.";
    ButtonSave => "Simpan", "Save";
    ButtonSubmit => "Ajukan inovasi", "Submit the innovation";
    SubmitHelp => "Selama draf, inovasi belum ikut lomba. Ajukan setelah data dan dokumennya lengkap; selama pendaftaran dibuka Anda masih dapat mengubahnya.", "While a draft, the innovation is not entered. Submit it once its data and documents are complete; while registration is open you can still change it.";
    ButtonDelete => "Hapus inovasi ini", "Delete this innovation";
    Back => "Kembali ke beranda", "Back to home";
    Progress => "Perjalanan inovasi", "Progress";
    Entrants => "Pengusul", "Entrants";
    EntrantsHelp => "Akun pengusul (perangkat daerah, kecamatan, puskesmas, sekolah) mendaftarkan inovasi unitnya sendiri selama pendaftaran dibuka, dan tidak melihat inovasi unit lain. Tanpa kata sandi, juri memberi tautan sekali pakai (berlaku 7 hari) untuk diserahkan kepada pengusul.", "An entrant account (agency, kecamatan, puskesmas, school) files its own unit's innovations while registration is open and sees no other unit's. Without a password, juri gives a one-time link (valid 7 days) to hand to the entrant.";
    NoEntrants => "Belum ada pengusul.", "No entrant yet.";
    AddEntrant => "Tambah pengusul", "Add an entrant";
    FieldPasswordOptional => "Kata sandi awal (kosongkan untuk membuat tautan)", "Initial password (leave empty to get a link)";
    FieldClusters => "Klaster yang boleh diikuti (kosong = semua)", "Clusters it may enter (none = all)";
    LinkCreated => "Serahkan tautan ini kepada {} (berlaku sampai {} UTC, sekali pakai):", "Hand this link to {} (valid until {} UTC, single use):";
    ButtonNewLink => "Buat tautan baru", "New link";
    RegistrationTitle => "Pendaftaran oleh pengusul", "Registration by entrants";
    FieldRegistrationOpen => "Pendaftaran dibuka", "Registration open";
    FieldDeadline => "Batas waktu (UTC, opsional)", "Deadline (UTC, optional)";
    FieldReleaseComments => "Tampilkan komentar juri kepada pengusul setelah pengumuman (tanpa nama juri)", "Show judges' comments to entrants after publication (without judges' names)";
    SetPasswordTitle => "Buat kata sandi", "Set your password";
    SetPasswordIntro => "Akun {} ({}). Kata sandi paling sedikit 8 karakter.", "Account {} ({}). A password has at least 8 characters.";
    FieldNewPassword => "Kata sandi baru", "New password";
    FieldRepeatPassword => "Ulangi kata sandi", "Repeat the password";
    PasswordSet => "Kata sandi tersimpan. Silakan masuk.", "Password saved. Please sign in.";
    ReportTitle => "Laporan hasil", "Result report";
    ReportIntro => "Nilai inovasi Anda di samping rata-rata klasternya (rata-rata nilai semua inovasi klaster yang dinilai pada tahap itu).", "Your innovation's scores beside its cluster's mean (the mean over every innovation of the cluster scored in that stage).";
    ReportFinal => "Peringkat akhir {} dengan nilai {}.", "Final rank {} with a score of {}.";
    ColStageScore => "Nilai tahap", "Stage score";
    ColCriterion => "Kriteria", "Criterion";
    ColOwn => "Nilai Anda", "Your score";
    ColClusterMean => "Rata-rata klaster", "Cluster mean";
    Comments => "Komentar juri", "Judges' comments";
    NoComments => "Tidak ada komentar.", "No comments.";
    MissingDrafts => "{} inovasi masih draf (belum diajukan pengusul): {}. Ajukan atau hapus.", "{} innovations are still drafts (not submitted by their entrant): {}. Submit or delete them.";
}

#[cfg(test)]
mod tests {
    #[test]
    fn catalog_is_complete() {
        crate::i18n::check_catalog(
            &super::EntrantMsg::ALL
                .iter()
                .map(|m| m.both())
                .collect::<Vec<_>>(),
        );
    }
}
