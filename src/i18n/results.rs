//! Words of the results, the announcement and the official documents.

crate::catalog! {
    ResultsMsg;
    ResultsTitle => "Hasil penilaian", "Results";
    ProvisionalLabel => "SEMENTARA — hasil dapat berubah sampai diumumkan.", "PROVISIONAL — results may change until published.";
    PublishedLabel => "Diumumkan pada {}. Sidik jari SHA-256 rekapitulasi: {}", "Published on {}. SHA-256 fingerprint of the recap: {}";
    DigestLabel => "Sidik jari (SHA-256)", "Fingerprint (SHA-256)";
    ColRank => "Peringkat", "Rank";
    ColEntry => "Inovasi", "Innovation";
    ColInnovator => "Inovator", "Innovator";
    ColUnit => "Unit", "Unit";
    ColScore => "Nilai akhir", "Final score";
    ColJudges => "Nilai per juri", "Score per judge";
    ColCriteria => "Rata-rata per kriteria", "Mean per criterion";
    ColPrize => "Penghargaan", "Award";
    ColAmount => "Uang pembinaan", "Prize money";
    ColFlags => "Catatan", "Notes";
    FlagTie => "seri", "tie";
    FlagResolved => "urutan ditetapkan panitia", "order set by the committee";
    FlagIncomplete => "belum lengkap", "incomplete";
    FlagBelowMinimum => "di bawah nilai minimum", "below the minimum score";
    SeparatedBy => "Nilai sama dengan di atasnya; dipisahkan oleh kriteria {}", "Same score as the one above; separated by criterion {}";
    MissingJudges => "Belum menilai: {}", "Not yet scored by: {}";
    WaivedJudges => "Dibebaskan: {}", "Waived: {}";
    Unscored => "Belum dinilai (tidak diperingkat)", "Not scored (not ranked)";
    PageOf => "Peringkat {}–{} dari {} per klaster (halaman {} dari {})", "Ranks {}–{} of {} per cluster (page {} of {})";
    PagePrevious => "‹ Sebelumnya", "‹ Previous";
    PageNext => "Berikutnya ›", "Next ›";
    NoEntries => "Belum ada inovasi yang dinilai.", "No innovation has been scored yet.";
    TieTitle => "Seri di zona juara", "Tie in the prize zone";
    TieHelp => "Tetapkan urutan entri yang seri (1 = tertinggi) dan alasannya. Keputusan dicatat dalam jejak audit.", "Set the order of the tied entries (1 = highest) and the reason. The decision is recorded in the audit trail.";
    FieldReason => "Alasan", "Reason";
    FieldPosition => "Urutan", "Position";
    ButtonResolve => "Tetapkan urutan", "Set the order";
    WaiverTitle => "Bebaskan lembar yang tidak ada", "Waive a missing sheet";
    WaiverHelp => "Entri dihitung lengkap dengan lembar yang ada. Keputusan dicatat dalam jejak audit.", "The entry counts as complete with the sheets it has. The decision is recorded in the audit trail.";
    FieldJudge => "Juri", "Judge";
    ButtonWaive => "Bebaskan", "Waive";
    PublishTitle => "Umumkan hasil", "Publish the results";
    PublishHelp => "Setelah diumumkan, hasil dan semua nilai dibekukan dan tidak dapat diubah.", "Once published, the results and every score are frozen and cannot change.";
    ButtonPublish => "Umumkan", "Publish";
    ExportCsv => "Unduh rekapitulasi (CSV)", "Download recap (CSV)";
    ExportXlsx => "Unduh rekapitulasi (XLSX)", "Download recap (XLSX)";
    MinutesLink => "Berita acara", "Minutes";
    CertificatesLink => "Piagam penghargaan", "Certificates";
    AnnouncementLink => "Pengumuman publik", "Public announcement";
    ResolvedNotice => "Urutan seri dicatat.", "The order of the tie is recorded.";
    WaivedNotice => "Lembar dibebaskan.", "The sheet is waived.";
    PublishedNotice => "Hasil diumumkan.", "The results are published.";
    AnnouncementTitle => "Pengumuman pemenang {}", "Winners of {}";
    AnnouncementIntro => "Berdasarkan penilaian dewan juri, panitia menetapkan pemenang berikut.", "Based on the judges' assessment, the committee declares the following winners.";
    NoWinners => "Tidak ada pemenang di klaster ini.", "No winners in this cluster.";
    MinutesTitle => "Berita Acara Penetapan Pemenang", "Minutes of the Determination of Winners";
    MinutesIntro => "Pada hari ini, {}, dewan juri {} tahun {} telah melaksanakan penilaian dan menetapkan peringkat serta pemenang setiap klaster sebagai berikut.", "On this day, {}, the judges of {} {} completed their assessment and determined the ranking and the winners of each cluster as follows.";
    MinutesJudges => "Dewan juri", "Judges";
    MinutesSignatures => "Yang menetapkan,", "Determined by,";
    MinutesCommittee => "Ketua Panitia", "Chair of the Committee";
    CertificateTitle => "Piagam Penghargaan", "Certificate of Award";
    CertificateGiven => "diberikan kepada", "is awarded to";
    CertificateFor => "atas inovasi", "for the innovation";
    CertificateAs => "sebagai", "as";
    CertificateIn => "klaster {} pada {} tahun {}", "in the {} cluster of {} {}";
    PrintHint => "Gunakan Cetak di peramban (A4) atau simpan sebagai PDF.", "Use the browser's Print (A4) or save as PDF.";
    ErrWrongPhase => "Tidak dapat dilakukan pada tahap {}.", "Not possible in phase {}.";
    ErrWaiverNotAssigned => "Juri ini tidak ditugaskan pada inovasi ini.", "This judge is not assigned to this innovation.";
    ErrWaiverSubmitted => "Juri ini sudah mengirim lembarnya; tidak ada yang perlu dibebaskan.", "This judge has already submitted; there is nothing to waive.";
    ErrWaiverExists => "Lembar ini sudah dibebaskan.", "This sheet is already waived.";
    ErrOrderDuplicate => "Urutan memuat inovasi yang sama lebih dari sekali.", "The order lists an innovation more than once.";
    ErrOrderNotATie => "Urutan harus memuat tepat inovasi-inovasi yang seri di zona juara klaster ini.", "The order must list exactly the innovations tied in this cluster's prize zone.";
    ErrAlreadyPublished => "Hasil sudah diumumkan dan tidak dapat diubah.", "The results are already published and cannot change.";
    ErrCannotPublish => "Hasil belum dapat diumumkan.", "The results cannot be published yet.";
    ErrNotPublished => "Hasil lomba ini belum diumumkan.", "The results of this contest are not published yet.";
    BlockNotClosed => "Penilaian harus ditutup dahulu (tahap sekarang: {}).", "Judging must be closed first (current phase: {}).";
    BlockIncomplete => "Klaster {}: \u{201c}{}\u{201d} belum lengkap — menunggu {}.", "Cluster {}: \u{201c}{}\u{201d} is incomplete — waiting for {}.";
    BlockTie => "Klaster {}: seri di zona juara belum ditetapkan urutannya ({}).", "Cluster {}: a tie in the prize zone has no order yet ({}).";
    RawScore => "tanpa normalisasi: {}", "without normalisation: {}";
}

#[cfg(test)]
mod tests {
    #[test]
    fn catalog_is_complete() {
        crate::i18n::check_catalog(
            &super::ResultsMsg::ALL
                .iter()
                .map(|m| m.both())
                .collect::<Vec<_>>(),
        );
    }
}
