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
}
