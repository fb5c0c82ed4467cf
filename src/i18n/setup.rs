//! Words of contest setup: contests, clusters, rubric, prizes, entries, judges, assignment.

crate::catalog! {
    SetupMsg;
    ContestsTitle => "Lomba", "Contests";
    NewContest => "Lomba baru", "New contest";
    NoContests => "Belum ada lomba.", "No contest yet.";
    FieldName => "Nama", "Name";
    FieldYear => "Tahun", "Year";
    FieldDescription => "Uraian", "Description";
    FieldAggregation => "Cara menggabungkan nilai juri", "How judges' totals combine";
    FieldMinAward => "Nilai minimum untuk penghargaan (opsional)", "Minimum score for an award (optional)";
    FieldBlind => "Penilaian tertutup (juri tidak melihat inovator dan unit)", "Blind judging (judges do not see innovator and unit)";
    FieldTemplate => "Templat", "Template";
    TemplateNone => "Kosong", "Empty";
    TemplateBailang => "Bailang (4 klaster, rubrik 5 kriteria, 5 penghargaan)", "Bailang (4 clusters, 5-criterion rubric, 5 awards)";
    TemplateBertahap => "Bertahap (model KIPP): seleksi administrasi → penilaian proposal (30%) → presentasi dan wawancara (25%) → verifikasi lapangan (45%)", "In stages (KIPP-like): screening → proposal (30%) → presentation and interview (25%) → field verification (45%)";
    AggMean => "Rata-rata", "Mean";
    AggMedian => "Median", "Median";
    AggTrimmed => "Rata-rata terpangkas", "Trimmed mean";
    Phase => "Tahap", "Phase";
    PhaseSetup => "Persiapan", "Setup";
    PhaseJudging => "Penilaian", "Judging";
    PhaseClosed => "Ditutup", "Closed";
    PhasePublished => "Diumumkan", "Published";
    Clusters => "Klaster", "Clusters";
    Entries => "Inovasi", "Innovations";
    Judges => "Juri", "Judges";
    Criteria => "Rubrik penilaian", "Rubric";
    Prizes => "Penghargaan", "Prizes";
    Assignments => "Penugasan juri", "Judge assignments";
    Audit => "Jejak audit", "Audit trail";
    WinnersCount => "Jumlah pemenang", "Number of winners";
    Weight => "Bobot (%)", "Weight (%)";
    MinScore => "Nilai terendah", "Lowest score";
    MaxScore => "Nilai tertinggi", "Highest score";
    WeightSum => "Jumlah bobot: {}%", "Sum of weights: {}%";
    FieldCluster => "Klaster", "Cluster";
    FieldTitle => "Judul", "Title";
    FieldInnovator => "Inovator", "Innovator";
    FieldUnit => "Unit", "Unit";
    FieldLink => "Tautan (opsional)", "Link (optional)";
    FieldEmail => "Email", "Email";
    FieldPassword => "Kata sandi awal", "Initial password";
    FieldAffiliation => "Instansi", "Affiliation";
    FieldJudgeClusters => "Klaster yang dinilai (kosong = semua)", "Clusters judged (none = all)";
    FieldReason => "Alasan", "Reason";
    FieldJudge => "Juri", "Judge";
    FieldEntry => "Inovasi", "Innovation";
    FieldJudgesPerEntry => "Juri per inovasi", "Judges per innovation";
    FieldFile => "Berkas CSV atau XLSX", "CSV or XLSX file";
    ButtonAdd => "Tambah", "Add";
    ButtonSave => "Simpan", "Save";
    ButtonCreate => "Buat lomba", "Create contest";
    ButtonImport => "Impor", "Import";
    ButtonAuto => "Tugaskan otomatis", "Assign automatically";
    ButtonPanel => "Panel: semua juri menilai semua inovasi klasternya", "Panel: every judge scores all entries of their clusters";
    ButtonOpenJudging => "Buka penilaian", "Open judging";
    ButtonCloseJudging => "Tutup penilaian", "Close judging";
    ButtonDemo => "Buat lomba contoh (Bailang)", "Create a demo contest (Bailang)";
    ButtonDemoStaged => "Buat lomba contoh bertahap", "Create a demo contest in stages";
    DemoHelp => "Lomba contoh berisi 4 klaster, 33 inovasi, dan 6 juri dengan kata sandi {}.", "The demo contest has 4 clusters, 33 innovations and 6 judges with password {}.";
    DemoCreated => "Lomba contoh dibuat. Juri masuk dengan email mereka dan kata sandi {}.", "Demo contest created. Judges sign in with their email and password {}.";
    ImportHelp => "Kolom: klaster, judul, inovator, unit, deskripsi, tautan (atau cluster, title, innovator, unit, description, link); proposal, bila ada: tahapan, inisiator, jenis, bentuk, waktu uji coba, waktu penerapan, rancang bangun, tujuan, manfaat, hasil, tautan video (isian formulir IID). Seluruh berkas diperiksa dahulu; bila ada baris salah, tidak ada yang diimpor.", "Columns: klaster, judul, inovator, unit, deskripsi, tautan (or cluster, title, innovator, unit, description, link); the proposal, if any: tahapan, inisiator, jenis, bentuk, waktu uji coba, waktu penerapan, rancang bangun, tujuan, manfaat, hasil, tautan video (the IID form's fields). The whole file is checked first; if any row is wrong, nothing is imported.";
    ImportTemplate => "Unduh templat CSV", "Download the CSV template";
    Imported => "{} inovasi diimpor.", "{} innovations imported.";
    AutoDone => "{} penugasan baru dibuat.", "{} new assignments made.";
    ShortEntries => "Inovasi yang tidak mendapat cukup juri: {}", "Innovations without enough judges: {}";
    Load => "Beban", "Load";
    Conflict => "konflik", "conflict";
    Saved => "Tersimpan.", "Saved.";
    PhaseChanged => "Tahap lomba diubah.", "The contest phase changed.";
    Monitor => "Pemantauan", "Monitor";
    Results => "Hasil", "Results";
    When => "Waktu", "When";
    Who => "Oleh", "By";
    What => "Perubahan", "Change";
    Conflicts => "Konflik kepentingan", "Conflicts of interest";
    ErrYear => "Tahun harus antara 2000 dan 2100.", "The year must be between 2000 and 2100.";
    ErrAggregation => "Pilih mean, median, atau trimmed_mean.", "Choose mean, median or trimmed_mean.";
    ErrMinAward => "Angka 0–100 dengan paling banyak 2 desimal.", "A number from 0 to 100 with at most 2 decimals.";
    ErrBlind => "Isi true (penilaian tertutup) atau false.", "Send true (blind judging) or false.";
    ErrGate => "Isi true (gerbang ketahanan aktif) atau false.", "Send true (the robustness gate on) or false.";
    ErrOutlierPoints => "Ambang pencilan harus 0–100 poin dengan paling banyak dua desimal.", "The outlier threshold is 0 to 100 points with at most two decimals.";
    ErrTemplate => "Templat tidak dikenal (gunakan bailang atau bertahap).", "Unknown template (use bailang or bertahap).";
    ErrNotInSetup => "Data persiapan hanya dapat diubah pada tahap persiapan (sekarang: {}).", "Setup data can only change during setup (now: {}).";
    ErrClusterName => "Klaster dengan nama ini sudah ada.", "A cluster with this name already exists.";
    ErrWinnersCount => "Jumlah pemenang 1–20.", "The number of winners is 1 to 20.";
    ErrTierRanks => "Peringkat penghargaan harus 1, 2, 3, … tanpa celah dan tanpa ganda.", "Prize ranks must be 1, 2, 3, … without gaps or repeats.";
    ErrAmount => "Jumlah uang pembinaan tidak boleh negatif.", "The prize amount cannot be negative.";
    ErrWeight => "Bobot harus bilangan bulat 1–100.", "The weight must be a whole number from 1 to 100.";
    ErrRange => "Nilai terendah harus lebih kecil dari nilai tertinggi.", "The lowest score must be below the highest.";
    ErrLevels => "Setiap deskriptor perlu label dan rentang di dalam rentang nilai.", "Each level needs a label and a range inside the score range.";
    ErrTieBreak => "Urutan penentu seri harus memuat kriteria lomba ini, masing-masing sekali.", "The tie-break order must list this contest's criteria, each once.";
    ErrUnknownCluster => "Klaster tidak dikenal.", "Unknown cluster.";
    ErrLink => "Tautan harus diawali http:// atau https://.", "The link must start with http:// or https://.";
    ErrEmailOtherRole => "Email ini milik akun bukan juri.", "This email belongs to an account that is not a judge.";
    ErrAlreadyJudge => "Juri ini sudah terdaftar pada lomba ini.", "This judge is already part of this contest.";
    ErrUnknownJudge => "Juri tidak terdaftar pada lomba ini.", "The judge is not part of this contest.";
    ErrUnknownEntry => "Inovasi tidak dikenal.", "Unknown innovation.";
    ErrAffiliationConflict => "Konflik kepentingan: instansi juri sama dengan unit inovasi.", "Conflict of interest: the judge's affiliation is the innovation's unit.";
    ErrDeclaredConflict => "Konflik kepentingan telah dinyatakan untuk juri dan inovasi ini.", "A conflict of interest is declared for this judge and innovation.";
    ErrClusterNotAllowed => "Juri ini tidak menilai klaster inovasi ini.", "This judge does not judge this innovation's cluster.";
    ErrAlreadyAssigned => "Juri ini sudah ditugaskan pada inovasi ini.", "This judge is already assigned to this innovation.";
    ErrConflictExists => "Konflik ini sudah tercatat.", "This conflict is already recorded.";
    ErrAutoBody => "Kirim {\"judges_per_entry\": k} (1–20) atau {\"mode\": \"panel\"}.", "Send {\"judges_per_entry\": k} (1–20) or {\"mode\": \"panel\"}.";
    ErrPhaseUnknown => "Tahap harus judging, closed, atau published.", "The phase must be judging, closed or published.";
    ErrPhaseStep => "Tidak dapat berpindah dari {} ke {}.", "Cannot move from {} to {}.";
    ErrCannotOpen => "Penilaian belum dapat dibuka.", "Judging cannot open yet.";
    MissingNoCriteria => "Rubrik belum memiliki kriteria.", "The rubric has no criterion.";
    MissingWeights => "Jumlah bobot {}%, harus tepat 100%.", "The weights sum to {}%, they must sum to exactly 100%.";
    MissingNoClusters => "Belum ada klaster.", "There is no cluster.";
    MissingNoEntries => "Belum ada inovasi.", "There is no innovation.";
    MissingTiers => "Klaster {}: penghargaan untuk peringkat {} belum diisi.", "Cluster {}: no prize for rank {}.";
    MissingJudges => "{} inovasi belum memiliki juri: {}", "{} innovations have no judge: {}";
    ErrImportEmpty => "Berkas tidak berisi baris data.", "The file has no data rows.";
    ErrImportFormat => "Berkas tidak dapat dibaca sebagai CSV atau XLSX: {}", "The file cannot be read as CSV or XLSX: {}";
    ErrImportColumns => "Kolom wajib tidak ada: {}", "Required columns are missing: {}";
    ErrImportRows => "{} baris bermasalah; tidak ada yang diimpor.", "{} rows have problems; nothing was imported.";
    ErrImportRow => "Baris {}: {}", "Line {}: {}";
    ErrImportTooManyRows => "Berkas berisi lebih dari {} baris data. Bagi berkas menjadi beberapa bagian.", "The file has more than {} data rows. Split it into several files.";
    ErrImportTooManyColumns => "Lembar kerja lebih lebar dari {} kolom. Simpan hanya kolom data (hapus kolom kosong yang berformat).", "The sheet is wider than {} columns. Keep only the data columns (delete formatted empty columns).";
    ErrImportTooLarge => "Isi berkas lebih besar dari {} MB setelah dibuka. Simpan hanya lembar data sebagai CSV atau XLSX baru.", "The file's content is larger than {} MB once unpacked. Save only the data sheet as a new CSV or XLSX file.";
    ErrImportClustersChanged => "Klaster lomba berubah saat berkas diperiksa. Impor ulang berkas.", "The contest's clusters changed while the file was checked. Import the file again.";
    ErrImportNoFile => "Kirim berkas dalam kolom multipart \u{201c}file\u{201d}.", "Send the file in the multipart field \u{201c}file\u{201d}.";
    RowMissing => "kolom {} kosong", "column {} is empty";
    RowCluster => "klaster \u{201c}{}\u{201d} tidak ada di lomba ini", "cluster \u{201c}{}\u{201d} is not in this contest";
    RowTooLong => "kolom {} terlalu panjang", "column {} is too long";
}

#[cfg(test)]
mod tests {
    #[test]
    fn catalog_is_complete() {
        crate::i18n::check_catalog(
            &super::SetupMsg::ALL
                .iter()
                .map(|m| m.both())
                .collect::<Vec<_>>(),
        );
    }
}
