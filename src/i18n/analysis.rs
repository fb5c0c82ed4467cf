//! Words of the analysis screen: how far a result can be trusted.

crate::catalog! {
    AnalysisMsg;
    Title => "Analisis penilaian", "Judging analysis";
    Link => "Analisis penilaian", "Judging analysis";
    Intro => "Seberapa kuat hasil ini: apakah tiap posisi bertahan bila satu juri tidak dihitung, selisih antarposisi, kesepakatan juri, kemurahan tiap juri, dan lembar yang jauh dari juri lain. Semua angka dihitung tepat dari lembar terkirim yang dihitung.", "How firm this result is: whether each place holds when one judge is left out, the gaps between places, the judges' agreement, each judge's leniency, and sheets far from the other judges. Every figure is computed exactly from the submitted sheets that count.";
    Robustness => "Bila satu juri tidak dihitung", "If one judge is left out";
    NoScenarios => "Belum ada lembar terkirim di klaster ini.", "No submitted sheet in this cluster yet.";
    Stable => "Peringkat {} ({}) bertahan pada {} dari {} skenario.", "Place {} ({}) holds in {} of {} scenarios.";
    Fragile => "Peringkat {} ({}) hanya bertahan pada {} dari {} skenario:", "Place {} ({}) holds in only {} of {} scenarios:";
    LostTo => "tanpa {}, posisi ini diraih oleh {}", "without {}, {} takes it";
    LostEmpty => "tanpa {}, posisi ini kosong", "without {}, the place is empty";
    Margins => "Selisih antarposisi", "Gaps between places";
    ColRank => "Peringkat", "Place";
    ColGap => "Selisih dengan peringkat berikutnya", "Gap to the next place";
    Agreement => "Kesepakatan juri", "Agreement between judges";
    KendallW => "W Kendall: {} (0: tidak sepakat, 1: semua juri mengurutkan sama).", "Kendall's W: {} (0: no agreement, 1: every judge ranks alike).";
    NoWTooFew => "W Kendall tidak dihitung: kurang dari dua juri atau dua inovasi bernilai.", "Kendall's W is not computed: fewer than two judges or two scored innovations.";
    NoWIncomplete => "W Kendall tidak dihitung: tidak setiap juri menilai setiap inovasi klaster ini.", "Kendall's W is not computed: not every judge scored every innovation of this cluster.";
    NoWFlat => "W Kendall tidak dihitung: semua nilai sama.", "Kendall's W is not computed: every total is equal.";
    Judges => "Juri", "Judges";
    ColJudge => "Juri", "Judge";
    ColSheets => "Lembar", "Sheets";
    ColLeniency => "Kemurahan (poin di atas/bawah juri lain pada inovasi yang sama)", "Leniency (points above/below the other judges on the same innovations)";
    ColSpread => "Sebaran nilai", "Spread of totals";
    Outliers => "Lembar yang jauh dari juri lain (lebih dari {} poin)", "Sheets far from the other judges (more than {} points)";
    NoOutliers => "Tidak ada.", "None.";
    Outlier => "{} memberi {} nilai {}; rata-rata juri lain {}.", "{} gave {} a total of {}; the other judges' mean is {}.";
    BlockUnstable => "Klaster {}: peringkat {} (\u{201c}{}\u{201d}) berubah bila satu juri tidak dihitung; panitia perlu mencatat pengakuan dengan alasan (gerbang ketahanan).", "Cluster {}: place {} (\u{201c}{}\u{201d}) changes when one judge is left out; the committee must record an acknowledgement with a reason (robustness gate).";
    AcknowledgedTitle => "Catatan ketahanan hasil", "Robustness acknowledgement";
    AcknowledgedText => "Panitia mencatat bahwa posisi berikut bergantung pada satu juri: {}. Alasan: {}", "The committee recorded that these positions depend on a single judge: {}. Reason: {}";
    GateOn => "Gerbang ketahanan aktif: mengunci tahap atau mengumumkan hasil selagi ada posisi yang bergantung pada satu juri memerlukan catatan panitia dengan alasan.", "The robustness gate is on: sealing the stage or publishing while a position depends on a single judge needs the committee's acknowledgement with a reason.";
    GateOff => "Gerbang ketahanan tidak aktif (dapat diaktifkan pada pengaturan lomba).", "The robustness gate is off (it can be turned on in the contest's settings).";
    FieldAcknowledge => "Alasan panitia menerima {} posisi yang bergantung pada satu juri", "Why the committee accepts the {} positions that depend on a single judge";
    ButtonAcknowledge => "Catat pengakuan", "Record the acknowledgement";
    FieldOutlierPoints => "Ambang pencilan (poin dari total 0–100)", "Outlier threshold (points of the 0–100 total)";
    FieldGate => "Aktifkan gerbang ketahanan", "Turn the robustness gate on";
    ButtonSettings => "Simpan pengaturan analisis", "Save the analysis settings";
    ReportLink => "Laporan analisis (cetak)", "Analysis report (print)";
    ReportTitle => "Laporan Analisis Penilaian", "Judging Analysis Report";
    ReportIntro => "Laporan ini disusun pada tanggal {} untuk rapat pleno dewan juri, atas hasil tahap \u{201c}{}\u{201d}.", "This report was drawn up on {} for the plenary meeting of the judges, on the results of the stage \u{201c}{}\u{201d}.";
}
