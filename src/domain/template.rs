//! Contest templates: the Bailang shape most regencies use.

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bailang_rubric_sums_to_100() {
        assert_eq!(BAILANG_CRITERIA.iter().map(|c| c.2).sum::<i64>(), 100);
    }
}
