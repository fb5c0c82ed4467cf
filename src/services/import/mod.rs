//! Importing entries from the committee's spreadsheet, CSV or XLSX, with Indonesian or English
//! column names. The whole file is checked first: one bad row and nothing is imported, and
//! every bad row is reported with its line and reason (the first [`MAX_REPORTED_ROWS`], and the total).
//!
//! The file is read within [`table::Limits`] and checked against the contest's clusters before
//! the write transaction begins, so a large import holds the write lock only for its inserts.

pub mod export;
mod table;

use crate::model::{ClusterId, ContestId};
pub use table::Limits;
use table::TableError;

use super::entries::{check_in, insert_all, CheckedEntry, NewEntry};
use super::proposal::{ProposalInput, Requirements};
use super::setup_common::in_setup;
use super::CurrentUser;
use crate::db::{self, clusters, DbConnection};
use crate::domain::conflict::normalize_name;
use crate::error::{AppError, AppResult, Detail, ErrorKind};
use crate::i18n::setup::SetupMsg as M;
use crate::i18n::{Arg, Text};
use std::collections::HashMap;

/// The template offered for download: the required columns, then the proposal's (the IID
/// form's fields, docs/import.md).
pub const TEMPLATE_CSV: &str = "klaster,judul,inovator,unit,deskripsi,tautan,tahapan,inisiator,jenis,bentuk,waktu uji coba,waktu penerapan,rancang bangun,tujuan,manfaat,hasil,tautan video\n\
SKPD,Contoh Inovasi Layanan,Tim Dinas Contoh,Dinas Contoh,\"Uraian singkat, boleh memuat koma\",https://contoh.go.id,penerapan,perangkat daerah,digital,pelayanan publik,2024-01-15,2024-06-01,Latar belakang dan cara kerja inovasi.,Tujuan inovasi.,Manfaat bagi warga.,Hasil yang sudah dicapai.,https://contoh.go.id/video\n";

/// Column keys and the header names that mean them (compared after folding case, spaces and
/// `_`). The first name is the one the template writes.
const COLUMNS: [(&str, &[&str]); 17] = [
    ("cluster", &["klaster", "cluster"]),
    (
        "title",
        &["judul", "title", "judul inovasi", "nama inovasi"],
    ),
    ("innovator", &["inovator", "innovator"]),
    ("unit", &["unit", "perangkat daerah", "opd", "unit kerja"]),
    ("description", &["deskripsi", "description", "uraian"]),
    ("link", &["tautan", "link", "url"]),
    ("maturity", &["tahapan", "tahapan inovasi", "maturity"]),
    (
        "initiator",
        &[
            "inisiator",
            "inisiator inovasi",
            "inisiator inovasi daerah",
            "initiator",
        ],
    ),
    ("digital", &["jenis", "jenis inovasi", "digital"]),
    (
        "form",
        &["bentuk", "bentuk inovasi", "bentuk inovasi daerah", "form"],
    ),
    (
        "trial_date",
        &[
            "waktu uji coba",
            "tanggal uji coba",
            "waktu uji coba inovasi daerah",
            "trial date",
        ],
    ),
    (
        "implementation_date",
        &[
            "waktu penerapan",
            "tanggal penerapan",
            "waktu implementasi",
            "waktu penerapan inovasi daerah",
            "implementation date",
        ],
    ),
    (
        "design",
        &["rancang bangun", "rancang bangun inovasi", "design"],
    ),
    (
        "goals",
        &["tujuan", "tujuan inovasi", "tujuan inovasi daerah", "goals"],
    ),
    (
        "benefits",
        &["manfaat", "manfaat yang diperoleh", "benefits"],
    ),
    ("results", &["hasil", "hasil inovasi", "results"]),
    (
        "video_link",
        &["tautan video", "video", "link video", "video link"],
    ),
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
    let required = Requirements::of(&in_setup(conn, contest_id)?);
    let table = table::read(bytes, &Limits::default()).map_err(table_error)?;
    let cluster_rows = clusters::names(conn, contest_id)?;
    let checked = check_rows(table, &cluster_rows, &required)?;
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
    let header: Vec<String> = header
        .iter()
        .map(|h| normalize_name(&h.replace('_', " ")))
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
    required: &Requirements,
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
        match check_row(&row, &index, &by_name, required)? {
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

/// A cell without the `'` juri's exports put before text that a spreadsheet would take for a
/// formula (`'=…`, `'+…`, `'-…`, `'@…`), so an export imports back as it was.
fn unguarded(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@']) => rest,
        _ => cell,
    }
}

/// One row: the checked entry, or the reason it is refused.
fn check_row(
    row: &[String],
    index: &HashMap<&str, usize>,
    by_name: &HashMap<String, ClusterId>,
    required: &Requirements,
) -> AppResult<Result<CheckedEntry, Text>> {
    let cell = |key: &str| {
        index
            .get(key)
            .and_then(|i| row.get(*i))
            .map(|s| unguarded(s.trim()).to_string())
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
        proposal: ProposalInput {
            maturity: Some(cell("maturity")),
            initiator: Some(cell("initiator")),
            digital: Some(cell("digital").into()),
            form: Some(cell("form")),
            trial_date: Some(cell("trial_date")),
            implementation_date: Some(cell("implementation_date")),
            design: Some(cell("design")),
            goals: Some(cell("goals")),
            benefits: Some(cell("benefits")),
            results: Some(cell("results")),
            video_link: Some(cell("video_link")),
        },
    };
    let checked = check_in(cluster_id, &input).and_then(|e| {
        required.check_fields(&e.proposal)?;
        Ok(e)
    });
    match checked {
        Ok(e) => Ok(Ok(e)),
        Err(e) if e.kind == ErrorKind::Invalid => {
            let field = e.field.clone().unwrap_or_default();
            let column = column_name(&field).to_string();
            Ok(Err(match e.message.key {
                "ErrRequired" | "ErrRequiredForSubmission" => Text::with(M::RowMissing, [column]),
                "ErrTooLong" => Text::with(M::RowTooLong, [column]),
                // A value that is not one of the field's words says which words it takes.
                _ => e.message.clone(),
            }))
        }
        Err(e) => Err(e),
    }
}
