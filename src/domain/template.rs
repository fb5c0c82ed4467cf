//! Contest templates: the Bailang shape most regencies use, and `bertahap`, a pipeline modelled
//! on KemenPAN-RB's KIPP (screening, desk scoring of the proposal, presentation and interview,
//! field verification) with the Bailang clusters and prize tiers.

/// (name, description, weight) of the Bailang rubric; each scored 0–100.
pub const BAILANG_CRITERIA: [(&str, &str, i64); 5] = [
    (
        "Kebaruan",
        "Seberapa baru gagasan atau cara yang ditawarkan dibandingkan praktik sebelumnya.",
        30,
    ),
    (
        "Kemanfaatan",
        "Manfaat nyata bagi masyarakat atau pelayanan publik, dengan bukti.",
        25,
    ),
    (
        "Replikasi dan Kemudahan Diterapkan",
        "Seberapa mudah inovasi ditiru dan diterapkan di tempat lain.",
        20,
    ),
    (
        "Kewenangan Daerah dan Kolaborasi",
        "Kesesuaian dengan kewenangan daerah dan keterlibatan pihak lain.",
        15,
    ),
    (
        "Penguasaan Materi dan Kualitas Penyajian",
        "Penguasaan inovator atas inovasinya dan mutu presentasinya.",
        10,
    ),
];

pub const BAILANG_CLUSTERS: [&str; 4] = ["SKPD", "Kecamatan", "UPTD Puskesmas", "Tenaga Pendidik"];

/// (title, amount in rupiah) for ranks 1..=5.
pub const BAILANG_TIERS: [(&str, i64); 5] = [
    ("Juara I", 15_000_000),
    ("Juara II", 10_000_000),
    ("Juara III", 7_500_000),
    ("Harapan I", 5_000_000),
    ("Harapan II", 2_500_000),
];

/// Level descriptors shown to judges, as JSON.
pub const BAILANG_LEVELS: &str = r#"[{"min":90,"max":100,"label":"Sangat baik"},{"min":75,"max":89,"label":"Baik"},{"min":60,"max":74,"label":"Cukup"},{"min":0,"max":59,"label":"Kurang"}]"#;

/// The checklist of the `bertahap` template's administrative screening.
pub const SCREENING_CHECKLIST: [&str; 3] = [
    "Proposal lengkap",
    "Inovasi telah diterapkan minimal 1 tahun",
    "Ada SK penetapan inovasi",
];

/// How a template stage passes entries on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TemplateCut {
    All,
    Top(u32),
}

/// A scored stage of the `bertahap` template: name, weight in the final score, who goes on,
/// and its rubric (name, description, weight).
pub struct TemplateStage {
    pub name: &'static str,
    pub weight: u32,
    pub cut: TemplateCut,
    pub rubric: &'static [(&'static str, &'static str, i64)],
}

/// The scored stages of `bertahap`, after the screening: the weights are the split of
/// Bappenas' regional development award (30 / 25 / 45); every one stays editable.
pub const BERTAHAP_STAGES: [TemplateStage; 3] = [
    TemplateStage {
        name: "Penilaian proposal",
        weight: 30,
        cut: TemplateCut::Top(10),
        // After the aspects of the Innovative Government Award's proposal assessment and the
        // innovation-index form (rancang bangun, tujuan, manfaat, hasil).
        rubric: &[
            (
                "Rancang bangun dan kebaruan",
                "Masalah yang dijawab, cara kerja inovasi, dan kebaruannya dibanding praktik sebelumnya.",
                30,
            ),
            (
                "Kemanfaatan",
                "Manfaat bagi masyarakat atau tata kelola, dengan bukti dukung.",
                25,
            ),
            (
                "Hasil penerapan",
                "Hasil yang telah dicapai sejak inovasi diterapkan, terukur dan terdokumentasi.",
                20,
            ),
            (
                "Keberlanjutan dan replikasi",
                "Regulasi, anggaran dan SDM yang menjamin keberlanjutan; kemudahan ditiru daerah lain.",
                15,
            ),
            (
                "Kesesuaian dengan urusan pemerintahan",
                "Kesesuaian dengan kewenangan dan urusan pemerintahan daerah.",
                10,
            ),
        ],
    },
    TemplateStage {
        name: "Presentasi dan wawancara",
        weight: 25,
        cut: TemplateCut::Top(5),
        rubric: &[
            (
                "Penguasaan materi",
                "Pemahaman inovator atas inovasi, datanya dan kendalanya.",
                40,
            ),
            (
                "Kejelasan penyajian",
                "Presentasi runtut, jelas dan tepat waktu.",
                30,
            ),
            (
                "Jawaban wawancara",
                "Ketepatan dan kejujuran jawaban atas pertanyaan dewan juri.",
                30,
            ),
        ],
    },
    TemplateStage {
        name: "Verifikasi lapangan",
        weight: 45,
        cut: TemplateCut::All,
        rubric: &[
            (
                "Kesesuaian dengan proposal",
                "Apa yang dilihat di lapangan sesuai dengan proposal dan presentasi.",
                40,
            ),
            (
                "Bukti penerapan",
                "Inovasi berjalan nyata: dokumen, sarana, pelaksana dan penggunanya.",
                35,
            ),
            (
                "Dampak bagi masyarakat",
                "Dampak yang dirasakan dan diakui oleh masyarakat atau pengguna layanan.",
                25,
            ),
        ],
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bailang_rubric_sums_to_100() {
        assert_eq!(BAILANG_CRITERIA.iter().map(|c| c.2).sum::<i64>(), 100);
    }

    #[test]
    fn every_bertahap_rubric_sums_to_100_and_the_weights_too() {
        for stage in &BERTAHAP_STAGES {
            assert_eq!(
                stage.rubric.iter().map(|c| c.2).sum::<i64>(),
                100,
                "{}",
                stage.name
            );
        }
        assert_eq!(BERTAHAP_STAGES.iter().map(|s| s.weight).sum::<u32>(), 100);
    }
}
