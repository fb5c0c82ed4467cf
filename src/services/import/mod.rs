//! Importing entries from the committee's spreadsheet, CSV or XLSX, with Indonesian or English
//! column names. The whole file is checked first: one bad row and nothing is imported, and
//! every bad row is reported with its line and reason (the first [`MAX_REPORTED_ROWS`], and the total).
//!
//! The file is read within [`table::Limits`] and checked against the contest's clusters before
//! the write transaction begins, so a large import holds the write lock only for its inserts.

mod table;

use crate::model::{ClusterId, ContestId};
pub use table::Limits;
use table::TableError;

use super::entries::{check_in, insert_all, CheckedEntry, NewEntry};
use super::setup_common::in_setup;
use super::CurrentUser;
use crate::db::{self, clusters, DbConnection};
use crate::domain::conflict::normalize_name;
use crate::error::{AppError, AppResult, Detail, ErrorKind};
use crate::i18n::setup::SetupMsg as M;
use crate::i18n::{Arg, Text};
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

/// How many bad rows an answer lists; the message gives the total.
pub const MAX_REPORTED_ROWS: usize = 100;

/// The refusal for a file that cannot be read as a table within the limits.
fn table_error(e: TableError) -> AppError {
    let message = match e {
        TableError::Unreadable(why) => Text::with(M::ErrImportFormat, [why]),
        TableError::TooManyRows { limit } => Text::with(M::ErrImportTooManyRows, [limit]),
        TableError::TooManyColumns { limit } => Text::with(M::ErrImportTooManyColumns, [limit]),
        TableError::TooLarge { limit_mb } => Text::with(M::ErrImportTooLarge, [limit_mb]),
    };
    AppError::invalid("file", message)
}

/// Imports every row or none. Returns the number imported.
#[tracing::instrument(skip_all, fields(contest_id = %contest_id, actor = %actor.id))]
pub fn import(
    conn: &mut DbConnection,
    actor: &CurrentUser,
    contest_id: ContestId,
    bytes: &[u8],
) -> AppResult<usize> {
    in_setup(conn, contest_id)?;
    let table = table::read(bytes, &Limits::default()).map_err(table_error)?;
    let cluster_rows = clusters::names(conn, contest_id)?;
    let checked = check_rows(table, &cluster_rows)?;
    db::write_tx(conn, |c| {
        in_setup(c, contest_id)?;
        // A cluster removed since the rows were checked would leave entries without one.
        if clusters::names(c, contest_id)? != cluster_rows {
            return Err(AppError::conflict(M::ErrImportClustersChanged));
        }
        insert_all(c, actor, contest_id, &checked, true)?;
        Ok(checked.len())
    })
}

/// The column index of each known key in the header.
fn header_index(header: &[String]) -> AppResult<HashMap<&'static str, usize>> {
    let header: Vec<String> = header.iter().map(|h| normalize_name(h)).collect();
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
        .map(column_name)
        .collect();
    if !missing.is_empty() {
        return Err(AppError::invalid(
            "file",
            Text::with(M::ErrImportColumns, [missing.join(", ")]),
        ));
    }
    Ok(index)
}

/// The Indonesian header name of a column key, as the template writes it.
fn column_name(key: &str) -> &str {
    COLUMNS
        .iter()
        .find(|(k, _)| *k == key)
        .map(|(_, n)| n[0])
        .unwrap_or(key)
}

/// Checks every data row against the contest's clusters and the entry rules.
fn check_rows(
    table: table::Table,
    cluster_rows: &[(ClusterId, String)],
) -> AppResult<Vec<CheckedEntry>> {
    let mut rows = table.into_iter();
    let index = header_index(&rows.next().unwrap_or_default())?;
    let by_name: HashMap<String, ClusterId> = cluster_rows
        .iter()
        .map(|(id, n)| (normalize_name(n), *id))
        .collect();
    let mut checked = Vec::new();
    let mut problems = Vec::new();
    let mut total_problems = 0usize;
    for (i, row) in rows.enumerate() {
        if row.iter().all(|v| v.trim().is_empty()) {
            continue;
        }
        match check_row(&row, &index, &by_name)? {
            Ok(entry) => checked.push(entry),
            Err(reason) => {
                total_problems += 1;
                if problems.len() < MAX_REPORTED_ROWS {
                    problems.push((i + 2, reason));
                }
            }
        }
    }
    if total_problems > 0 {
        let details = problems
            .into_iter()
            .map(|(line, reason)| Detail {
                field: Some(format!("line {line}")),
                message: Text::nest(
                    M::ErrImportRow,
                    vec![Arg::Plain(line.to_string()), reason.into()],
                ),
            })
            .collect();
        return Err(
            AppError::invalid("file", Text::with(M::ErrImportRows, [total_problems]))
                .with_details(details),
        );
    }
    if checked.is_empty() {
        return Err(AppError::invalid("file", M::ErrImportEmpty));
    }
    Ok(checked)
}

/// One row: the checked entry, or the reason it is refused.
fn check_row(
    row: &[String],
    index: &HashMap<&str, usize>,
    by_name: &HashMap<String, ClusterId>,
) -> AppResult<Result<CheckedEntry, Text>> {
    let cell = |key: &str| {
        index
            .get(key)
            .and_then(|i| row.get(*i))
            .map(|s| s.trim().to_string())
            .unwrap_or_default()
    };
    let cluster_name = cell("cluster");
    let cluster_id = match by_name.get(&normalize_name(&cluster_name)) {
        None if cluster_name.is_empty() => return Ok(Err(Text::with(M::RowMissing, ["klaster"]))),
        None => return Ok(Err(Text::with(M::RowCluster, [cluster_name]))),
        Some(id) => *id,
    };
    let input = NewEntry {
        cluster_id: String::new(),
        title: cell("title"),
        innovator: cell("innovator"),
        unit: cell("unit"),
        description: cell("description"),
        link: Some(cell("link")),
    };
    match check_in(cluster_id, &input) {
        Ok(e) => Ok(Ok(e)),
        Err(e) if e.kind == ErrorKind::Invalid => {
            let field = e.field.clone().unwrap_or_default();
            let column = column_name(&field).to_string();
            Ok(Err(match e.message.texts {
                t if t == M::ErrLink.both() => e.message.clone(),
                _ if e.message.texts == crate::i18n::Msg::ErrRequired.both() => {
                    Text::with(M::RowMissing, [column])
                }
                _ => Text::with(M::RowTooLong, [column]),
            }))
        }
        Err(e) => Err(e),
    }
}
