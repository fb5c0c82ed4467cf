//! Importing entries from the committee's spreadsheet, CSV or XLSX, with Indonesian or English
//! column names. The whole file is checked first: one bad row and nothing is imported, and
//! every bad row is reported with its line and reason.

use super::entries::{check, insert_all, NewEntry};
use super::setup_common::in_setup;
use super::CurrentUser;
use crate::db::schema::clusters;
use crate::db::{self, DbConnection};
use crate::domain::conflict::normalize_name;
use crate::error::{AppError, AppResult, Detail, ErrorKind};
use crate::i18n::setup::SetupMsg as M;
use crate::i18n::{Arg, Text};
use diesel::prelude::*;
use std::collections::HashMap;

/// The template offered for download.
pub const TEMPLATE_CSV: &str = "klaster,judul,inovator,unit,deskripsi,tautan\n\
SKPD,Contoh Inovasi Layanan,Tim Dinas Contoh,Dinas Contoh,\"Uraian singkat, boleh memuat koma\",https://contoh.go.id\n";

/// Column keys and the header names that mean them.
const COLUMNS: [(&str, &[&str]); 6] = [
    ("cluster", &["klaster", "cluster"]),
    (
        "title",
        &["judul", "title", "judul inovasi", "nama inovasi"],
    ),
    ("innovator", &["inovator", "innovator"]),
    ("unit", &["unit", "perangkat daerah", "opd", "unit kerja"]),
    ("description", &["deskripsi", "description", "uraian"]),
    ("link", &["tautan", "link", "url"]),
];

/// The table of a file: header and rows of text cells.
fn read_table(bytes: &[u8]) -> Result<Vec<Vec<String>>, String> {
    if bytes.starts_with(b"PK") {
        use calamine::{Reader, Xlsx};
        let mut book: Xlsx<_> =
            Xlsx::new(std::io::Cursor::new(bytes.to_vec())).map_err(|e| e.to_string())?;
        let range = book
            .worksheet_range_at(0)
            .ok_or_else(|| "no worksheet".to_string())?
            .map_err(|e| e.to_string())?;
        return Ok(range
            .rows()
            .map(|r| r.iter().map(|cell| cell.to_string()).collect())
            .collect());
    }
    let text = std::str::from_utf8(bytes).map_err(|_| "not UTF-8 text".to_string())?;
    let text = text.trim_start_matches('\u{feff}');
    // Excel in Indonesian locales saves CSV with semicolons.
    let first = text.lines().next().unwrap_or("");
    let delimiter = if first.matches(';').count() > first.matches(',').count() {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    reader
        .records()
        .map(|r| {
            r.map(|rec| rec.iter().map(str::to_string).collect())
                .map_err(|e| e.to_string())
        })
        .collect()
}

/// Imports every row or none. Returns the number imported.
pub fn import(
    conn: &mut DbConnection,
    actor: &CurrentUser,
    contest_id: &str,
    bytes: &[u8],
) -> AppResult<usize> {
    let table = read_table(bytes)
        .map_err(|e| AppError::invalid("file", Text::with(M::ErrImportFormat, [e])))?;
    let mut rows = table.into_iter();
    let header: Vec<String> = rows
        .next()
        .unwrap_or_default()
        .iter()
        .map(|h| normalize_name(h))
        .collect();
    let index: HashMap<&str, usize> = COLUMNS
        .iter()
        .filter_map(|(key, names)| {
            header
                .iter()
                .position(|h| names.contains(&h.as_str()))
                .map(|i| (*key, i))
        })
        .collect();
    let missing: Vec<&str> = ["cluster", "title", "innovator", "unit"]
        .into_iter()
        .filter(|k| !index.contains_key(k))
        .map(|k| {
            COLUMNS
                .iter()
                .find(|(key, _)| *key == k)
                .map(|(_, n)| n[0])
                .unwrap_or(k)
        })
        .collect();
    if !missing.is_empty() {
        return Err(AppError::invalid(
            "file",
            Text::with(M::ErrImportColumns, [missing.join(", ")]),
        ));
    }
    db::write_tx(conn, |c| {
        in_setup(c, contest_id)?;
        let cluster_rows: Vec<(String, String)> = clusters::table
            .filter(clusters::contest_id.eq(contest_id))
            .select((clusters::id, clusters::name))
            .load(c)?;
        let by_name: HashMap<String, String> = cluster_rows
            .into_iter()
            .map(|(id, n)| (normalize_name(&n), id))
            .collect();
        let mut checked = Vec::new();
        let mut problems = Vec::new();
        for (i, row) in rows.enumerate() {
            let line = i + 2;
            let cell = |key: &str| {
                index
                    .get(key)
                    .and_then(|i| row.get(*i))
                    .map(|s| s.trim().to_string())
                    .unwrap_or_default()
            };
            if row.iter().all(|v| v.trim().is_empty()) {
                continue;
            }
            let cluster_name = cell("cluster");
            let reason = match by_name.get(&normalize_name(&cluster_name)) {
                None if cluster_name.is_empty() => Some(Text::with(M::RowMissing, ["klaster"])),
                None => Some(Text::with(M::RowCluster, [cluster_name.clone()])),
                Some(cluster_id) => {
                    let input = NewEntry {
                        cluster_id: cluster_id.clone(),
                        title: cell("title"),
                        innovator: cell("innovator"),
                        unit: cell("unit"),
                        description: cell("description"),
                        link: Some(cell("link")),
                    };
                    match check(&input) {
                        Ok(e) => {
                            checked.push(e);
                            None
                        }
                        Err(e) if e.kind == ErrorKind::Invalid => {
                            let field = e.field.clone().unwrap_or_default();
                            let column = COLUMNS
                                .iter()
                                .find(|(k, _)| *k == field)
                                .map(|(_, n)| n[0])
                                .unwrap_or(&field)
                                .to_string();
                            Some(match e.message.texts {
                                t if t == M::ErrLink.both() => e.message.clone(),
                                _ if e.message.texts == crate::i18n::Msg::ErrRequired.both() => {
                                    Text::with(M::RowMissing, [column])
                                }
                                _ => Text::with(M::RowTooLong, [column]),
                            })
                        }
                        Err(e) => return Err(e),
                    }
                }
            };
            if let Some(reason) = reason {
                problems.push((line, reason));
            }
        }
        if !problems.is_empty() {
            let details = problems
                .iter()
                .map(|(line, reason)| Detail {
                    field: Some(format!("line {line}")),
                    message: Text::nest(
                        M::ErrImportRow,
                        vec![Arg::Plain(line.to_string()), reason.clone().into()],
                    ),
                })
                .collect();
            return Err(
                AppError::invalid("file", Text::with(M::ErrImportRows, [problems.len()]))
                    .with_details(details),
            );
        }
        if checked.is_empty() {
            return Err(AppError::invalid("file", M::ErrImportEmpty));
        }
        insert_all(c, actor, contest_id, &checked)?;
        Ok(checked.len())
    })
}
