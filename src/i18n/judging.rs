//! Words of judging: the judge's home, the score sheet, recusal and the committee monitor.

crate::catalog! {
    JudgingMsg;
    MyAssignments => "Inovasi yang Anda nilai", "Innovations you score";
    NoAssignments => "Belum ada inovasi yang ditugaskan kepada Anda.", "No innovation has been assigned to you yet.";
    Progress => "{} dari {} terkirim", "{} of {} submitted";
    StatusPending => "belum dinilai", "not scored";
    StatusDraft => "draf", "draft";
    StatusSubmitted => "terkirim", "submitted";
    SheetTitle => "Lembar penilaian", "Score sheet";
    HiddenBlind => "Penilaian tertutup: inovator dan unit disembunyikan.", "Blind judging: innovator and unit are hidden.";
    FieldInnovator => "Inovator", "Innovator";
    FieldUnit => "Unit", "Unit";
    FieldCluster => "Klaster", "Cluster";
    FieldComment => "Catatan untuk panitia", "Comment for the committee";
    FieldReason => "Alasan", "Reason";
    Range => "Rentang {}–{}, bobot {}%", "Range {}–{}, weight {}%";
    Total => "Nilai tertimbang", "Weighted total";
    ButtonDraft => "Simpan draf", "Save draft";
    ButtonSubmit => "Kirim", "Submit";
    Saved => "Draf disimpan.", "Draft saved.";
    Submitted => "Lembar penilaian terkirim. Anda masih dapat mengubahnya selama penilaian dibuka.", "Score sheet submitted. You can still change it while judging is open.";
    ReadOnly => "Penilaian sudah ditutup; lembar ini hanya dapat dibaca.", "Judging is closed; this sheet is read-only.";
    NotOpen => "Penilaian belum dibuka.", "Judging is not open yet.";
    StaleTitle => "Lembar ini telah diubah di perangkat atau tab lain.", "This sheet was changed on another device or tab.";
    StaleHelp => "Nilai terbaru ditampilkan di bawah. Periksa lalu simpan lagi.", "The newest values are shown below. Check them, then save again.";
    RecuseTitle => "Nyatakan konflik kepentingan", "Declare a conflict of interest";
    RecuseHelp => "Jika Anda tidak dapat menilai inovasi ini secara netral, nyatakan alasannya. Penugasan Anda dicabut dan drafnya dibuang.", "If you cannot judge this innovation impartially, give the reason. Your assignment is removed and its draft discarded.";
    ButtonRecuse => "Nyatakan konflik", "Declare conflict";
    Recused => "Konflik kepentingan dicatat; inovasi dilepas dari penugasan Anda.", "Conflict of interest recorded; the innovation is no longer assigned to you.";
    BackToList => "Kembali ke daftar", "Back to the list";
    MonitorTitle => "Pemantauan penilaian", "Judging monitor";
    MonitorByCluster => "Per klaster", "By cluster";
    MonitorByJudge => "Per juri", "By judge";
    MonitorMissing => "Inovasi yang belum lengkap", "Innovations still missing sheets";
    MonitorRecusals => "Pernyataan konflik", "Recusals";
    MonitorRemind => "Juri yang perlu diingatkan", "Judges to remind";
    MonitorRemindHelp => "Salin daftar ini ke email atau pesan.", "Copy this list into an email or message.";
    MonitorNoneMissing => "Semua lembar sudah terkirim.", "Every sheet is submitted.";
    MonitorNoRecusals => "Belum ada pernyataan konflik.", "No recusals yet.";
    ColAssigned => "Ditugaskan", "Assigned";
    ColDraft => "Draf", "Draft";
    ColSubmitted => "Terkirim", "Submitted";
    ColWaiting => "Menunggu", "Waiting for";
    ColJudge => "Juri", "Judge";
    ColInnovation => "Inovasi", "Innovation";
    ProgressName => "Lembar penilaian terkirim", "Score sheets submitted";
    ReassignTo => "Tugaskan ke juri lain", "Assign to another judge";
    ButtonReassign => "Tugaskan", "Assign";
    Reassigned => "Penugasan baru dicatat.", "New assignment recorded.";
    ErrNotAssigned => "Inovasi ini tidak ditugaskan kepada Anda.", "This innovation is not assigned to you.";
    ErrJudgingClosed => "Lembar tidak dapat diubah: lomba dalam tahap {}.", "The sheet cannot change: the contest is in phase {}.";
    ErrStale => "Lembar ini sudah diubah di tempat lain (versi {}). Muat nilai terbaru lalu simpan lagi.", "This sheet was changed elsewhere (version {}). Load the newest values and save again.";
    ErrOutOfRange => "{}: nilai harus bilangan bulat {}–{}.", "{}: the score must be a whole number from {} to {}.";
    ErrMissing => "{}: wajib diisi untuk mengirim.", "{}: required to submit.";
    ErrUnknownCriterion => "Kriteria tidak dikenal: {}.", "Unknown criterion: {}.";
    ErrNotANumber => "{}: bukan bilangan bulat.", "{}: not a whole number.";
    ErrSheetProblems => "Lembar belum dapat disimpan.", "The sheet cannot be saved yet.";
    ErrAlreadySubmitted => "Lembar Anda untuk inovasi ini sudah terkirim; hubungi panitia untuk menyatakan konflik.", "Your sheet for this innovation is already submitted; ask the committee to record the conflict.";
    ErrRecusalPhase => "Konflik hanya dapat dinyatakan sebelum penilaian ditutup.", "A conflict can only be declared before judging closes.";
    ErrJudgeNotInContest => "Juri ini tidak terdaftar pada lomba ini.", "This judge is not part of this contest.";
    ErrClusterNotAllowed => "Juri ini tidak menilai klaster inovasi ini.", "This judge does not judge this innovation's cluster.";
    ErrConflictUnit => "Konflik kepentingan: instansi juri sama dengan unit inovasi.", "Conflict of interest: the judge's affiliation is the innovation's unit.";
    ErrConflictDeclared => "Konflik kepentingan yang telah dinyatakan: {}", "Declared conflict of interest: {}";
    ErrAlreadyAssigned => "Juri ini sudah ditugaskan pada inovasi ini.", "This judge is already assigned to this innovation.";
    Documents => "Dokumen", "Documents";
    Evidence => "Bukti dukung", "Evidence";
}

#[cfg(test)]
mod tests {
    #[test]
    fn catalog_is_complete() {
        crate::i18n::check_catalog(
            &super::JudgingMsg::ALL
                .iter()
                .map(|m| m.both())
                .collect::<Vec<_>>(),
        );
    }
}
