//! The rekapitulasi nilai: every submitted score of every sheet, per cluster, with each entry's
//! rank, score and prize. Its CSV form is the canonical document of a publication: the digest
//! is the SHA-256 of exactly these bytes (see docs/scoring.md), so anyone holding the export
//! can recompute it with `sha256sum`.

use super::ContestResults;
use crate::db::results::ResultsData;
use crate::error::{AppError, AppResult};
use sha2::{Digest, Sha256};
use std::collections::HashMap;

pub const HEADER: [&str; 15] = [
    "klaster",
    "peringkat",
    "id_inovasi",
    "judul",
    "inovator",
    "unit",
    "nilai_akhir",
    "hadiah",
    "id_juri",
    "juri",
    "id_kriteria",
    "kriteria",
    "bobot",
    "skor_maks",
    "skor",
];

/// Spreadsheet programs run cells that start with these as formulas; a leading apostrophe
/// keeps a title like "=SUM(...)" a text (OWASP's advice for CSV injection).
fn cell(value: &str) -> String {
    if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}")
    } else {
        value.to_string()
    }
}

/// The rows of the recap, in the canonical order: clusters in their order, ranked entries by
/// rank (then unscored ones by title), sheets by judge id, criteria in rubric order.
pub fn rows(results: &ContestResults, data: &ResultsData) -> Vec<[String; 15]> {
    let criteria: Vec<_> = data.criteria.iter().collect();
    let prize_of =
        |p: &Option<super::Prize>| p.as_ref().map(|p| p.title.clone()).unwrap_or_default();
    let mut out = Vec::new();
    for cluster in &results.clusters {
        for r in &cluster.ranking {
            let mut sheets: Vec<_> = r.sheets.iter().collect();
            sheets.sort_by(|a, b| a.judge_id.cmp(&b.judge_id));
            for s in sheets {
                for c in &criteria {
                    out.push([
                        cluster.name.clone(),
                        r.rank.to_string(),
                        r.entry_id.clone(),
                        r.title.clone(),
                        r.innovator.clone(),
                        r.unit.clone(),
                        crate::domain::decimal::fixed(&parse_exact(&r.score_exact), 4),
                        prize_of(&r.prize),
                        s.judge_id.to_string(),
                        s.judge_name.to_string(),
                        c.id.clone(),
                        c.name.clone(),
                        c.weight.to_string(),
                        c.max_score.to_string(),
                        s.scores
                            .get(&c.id)
                            .map(|v| v.to_string())
                            .unwrap_or_default(),
                    ]);
                }
            }
        }
        let titles: HashMap<&str, (&str, &str)> = data
            .entries
            .iter()
            .map(|e| (e.id.as_str(), (e.innovator.as_str(), e.unit.as_str())))
            .collect();
        for e in &cluster.unscored_entries {
            let (innovator, unit) = titles.get(e.id.as_str()).copied().unwrap_or(("", ""));
            out.push([
                cluster.name.clone(),
                String::new(),
                e.id.clone(),
                e.title.clone(),
                innovator.to_string(),
                unit.to_string(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
            ]);
        }
    }
    out
}

fn parse_exact(raw: &str) -> crate::domain::ranking::Exact {
    let (n, d) = raw.split_once('/').unwrap_or((raw, "1"));
    let n: i128 = n.parse().unwrap_or(0);
    let d: i128 = d.parse().unwrap_or(1);
    if d == 0 {
        return crate::domain::ranking::Exact::from_integer(0);
    }
    crate::domain::ranking::Exact::new(n, d)
}

/// The recap as CSV: UTF-8, comma-separated, `\n` line ends, every field quoted (RFC 4180).
///
/// Quoting every field matters where Excel splits on semicolons (the Indonesian list
/// separator): an unquoted title `Inovasi Biasa;=cmd|' /C calc'!A0` became two cells there, the
/// second a formula. Recaps published before this form are served as they were published (the
/// snapshot keeps their bytes), so their digests still verify.
pub fn csv(results: &ContestResults, data: &ResultsData) -> AppResult<String> {
    canonical_csv(&HEADER, &rows(results, data))
}

/// A header and rows in the canonical form of every published CSV (the recap, the documents'
/// manifest): UTF-8, `\n`, every field quoted, formula-looking fields guarded.
pub(crate) fn canonical_csv<const N: usize>(
    header: &[&str; N],
    rows: &[[String; N]],
) -> AppResult<String> {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .quote_style(csv::QuoteStyle::Always)
        .from_writer(Vec::new());
    writer.write_record(header).map_err(AppError::internal)?;
    for row in rows {
        writer
            .write_record(row.iter().map(|v| cell(v)))
            .map_err(AppError::internal)?;
    }
    let bytes = writer.into_inner().map_err(AppError::internal)?;
    String::from_utf8(bytes).map_err(AppError::internal)
}

/// Lower-case hex SHA-256 of the canonical recap.
pub fn digest(canonical_csv: &str) -> String {
    hex::encode(Sha256::digest(canonical_csv.as_bytes()))
}

/// The recap as an XLSX workbook: a summary sheet of the rankings, then one sheet per cluster
/// with every score. Cells are written as strings or numbers, never as formulas.
pub fn xlsx(results: &ContestResults, data: &ResultsData) -> AppResult<Vec<u8>> {
    use rust_xlsxwriter::{Format, Workbook};
    let err = |e: rust_xlsxwriter::XlsxError| AppError::internal(format!("xlsx: {e}"));
    let bold = Format::new().set_bold();
    let mut book = Workbook::new();
    let summary = book.add_worksheet();
    summary.set_name("Peringkat").map_err(err)?;
    summary
        .write_string_with_format(0, 0, &results.contest.name, &bold)
        .map_err(err)?;
    let status = match &results.digest {
        Some(d) => format!("SHA-256: {d}"),
        None => "SEMENTARA (belum diumumkan)".to_string(),
    };
    summary.write_string(1, 0, &status).map_err(err)?;
    let head = [
        "klaster",
        "peringkat",
        "judul",
        "inovator",
        "unit",
        "nilai_akhir",
        "hadiah",
        "uang_pembinaan",
        "seri",
        "lengkap",
    ];
    for (i, h) in head.iter().enumerate() {
        summary
            .write_string_with_format(3, i as u16, *h, &bold)
            .map_err(err)?;
    }
    let mut row = 4u32;
    for cluster in &results.clusters {
        for r in &cluster.ranking {
            summary.write_string(row, 0, &cluster.name).map_err(err)?;
            summary
                .write_number(row, 1, f64::from(r.rank))
                .map_err(err)?;
            summary.write_string(row, 2, &r.title).map_err(err)?;
            summary.write_string(row, 3, &r.innovator).map_err(err)?;
            summary.write_string(row, 4, &r.unit).map_err(err)?;
            summary.write_number(row, 5, r.score).map_err(err)?;
            if let Some(p) = &r.prize {
                summary.write_string(row, 6, &p.title).map_err(err)?;
                summary.write_number(row, 7, p.amount as f64).map_err(err)?;
            }
            summary
                .write_string(row, 8, if r.tie { "ya" } else { "" })
                .map_err(err)?;
            summary
                .write_string(row, 9, if r.complete { "ya" } else { "tidak" })
                .map_err(err)?;
            row += 1;
        }
    }
    let all_rows = rows(results, data);
    for (index, cluster) in results.clusters.iter().enumerate() {
        let sheet = book.add_worksheet();
        let name: String = format!("{} {}", index + 1, cluster.name)
            .chars()
            .filter(|c| !"[]:*?/\\'".contains(*c))
            .take(31)
            .collect();
        sheet.set_name(name.trim()).map_err(err)?;
        for (i, h) in HEADER.iter().enumerate() {
            sheet
                .write_string_with_format(0, i as u16, *h, &bold)
                .map_err(err)?;
        }
        let rows_of_cluster = all_rows.iter().filter(|v| v[0] == cluster.name);
        for (r, values) in (1u32..).zip(rows_of_cluster) {
            for (i, v) in values.iter().enumerate() {
                sheet.write_string(r, i as u16, v).map_err(err)?;
            }
        }
    }
    book.save_to_buffer().map_err(err)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_like_cells_are_neutralised() {
        assert_eq!(cell("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(cell("-5"), "'-5");
        assert_eq!(cell("Sanggam Babungas"), "Sanggam Babungas");
    }

    #[test]
    fn digest_is_sha256_hex() {
        assert_eq!(
            digest("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
