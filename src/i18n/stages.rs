//! Words of a contest's stages (tahap): the pipeline, its cut rules and checklists.

crate::catalog! {
    StageMsg;
    PipelineTitle => "Tahapan", "Stages";
    PipelineHelp => "Urutan tahap lomba. Tahap berikutnya hanya menilai inovasi yang lolos tahap sebelumnya.", "The contest's stages in order. Each stage judges only the entries that passed the one before.";
    ColPosition => "No.", "No.";
    ColStage => "Tahap", "Stage";
    ColKind => "Jenis", "Kind";
    ColWeight => "Bobot", "Weight";
    ColAdvance => "Yang lolos", "Who advances";
    ColPhase => "Status", "Status";
    KindScored => "penilaian", "scored";
    KindScreening => "seleksi administrasi", "screening";
    AdvanceAll => "semua", "all";
    AdvanceTop => "{} terbaik per klaster", "best {} per cluster";
    AdvanceTopResolve => "{} terbaik per klaster (seri di batas diputuskan panitia)", "best {} per cluster (ties at the cut ordered by the committee)";
    AdvanceMinScore => "nilai minimal {}", "score at least {}";
    PhaseSetup => "persiapan", "setup";
    PhaseJudging => "penilaian dibuka", "judging";
    PhaseClosed => "ditutup", "closed";
    PhaseSealed => "dikunci", "sealed";
    MissingStagesPending => "Lomba ini memiliki {} tahap. Penilaian per tahap (penilaian, penguncian dan daftar yang lolos untuk tiap tahap) belum dapat dibuka di versi ini; hapus tahap tambahan untuk menilai dalam satu tahap.", "This contest has {} stages. Judging stage by stage (judging, sealing and shortlists per stage) cannot open in this version yet; delete the extra stages to judge in one stage.";
    ErrStageKind => "Jenis tahap: scored (penilaian) atau screening (seleksi administrasi).", "A stage's kind is scored or screening.";
    ErrStageWeight => "Bobot tahap harus bilangan bulat 0–100.", "A stage's weight is a whole number from 0 to 100.";
    ErrScreeningWeighted => "Tahap seleksi administrasi hanya menyaring: bobotnya 0.", "A screening stage only filters: its weight is 0.";
    ErrScreeningCut => "Tahap seleksi administrasi meloloskan semua inovasi yang memenuhi syarat (rule all).", "A screening stage advances every eligible entry (rule all).";
    ErrChecklistEmpty => "Tahap seleksi administrasi memerlukan daftar periksa (minimal satu butir).", "A screening stage needs a checklist (at least one item).";
    ErrChecklistLong => "Daftar periksa paling banyak 50 butir.", "A checklist has at most 50 items.";
    ErrAdvanceRule => "Aturan lolos: all, top atau min_score.", "Who advances: all, top or min_score.";
    ErrAdvanceTies => "Seri di batas: include atau resolve.", "Ties at the cut: include or resolve.";
    ErrAdvanceCount => "Jumlah yang lolos per klaster harus bilangan bulat 1–10000.", "The number who advance per cluster is a whole number from 1 to 10,000.";
    ErrAdvanceMinScore => "Nilai minimal lolos harus 0–100 dengan paling banyak dua desimal.", "The minimum score to advance is 0 to 100 with at most two decimals.";
    ErrStagePosition => "Posisi tahap harus 1 sampai {}.", "The stage's position is 1 to {}.";
    ErrStageNotInSetup => "Tahap ini sudah berjalan (status: {}); deklarasinya tidak dapat diubah.", "This stage is under way ({}); its declaration cannot change.";
    ErrOnlyStage => "Lomba memerlukan minimal satu tahap.", "A contest needs at least one stage.";
}
