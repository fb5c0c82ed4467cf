//! Reading the committee's file into a table of text cells, with every size bounded before it
//! is materialised.
//!
//! An XLSX file is a zip of XML parts, so a few kilobytes can declare a sheet of 17 billion
//! cells or inflate to gigabytes. calamine's whole-range reader allocates the declared
//! rectangle (a 1.4 KB workbook with cells at A1 and XFD1048576 asked for 512 GiB and aborted
//! the process) and its shared-string reader reserves whatever count the file claims. So,
//! before calamine sees the workbook:
//! - the zip's parts are counted and their declared inflated sizes summed (the zip reader
//!   refuses a part that inflates past its declared size, so the sum bounds the real one);
//! - the shared-string table is scanned for its declared and actual number of strings;
//!
//! and the sheet is then read one cell at a time, refusing a declared dimension, a row or a
//! column beyond the limits and a table whose text grows past [`Limits::text_bytes`].

use calamine::{Data, DataRef, Reader, Xlsx};
use std::io::{Cursor, Read};

/// The bounds of an import. The defaults keep any file up to the upload limit well inside the
/// server's memory budget (docs/configuration.md, "Importing entries").
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// Data rows, not counting the header.
    pub rows: usize,
    /// Columns of the sheet.
    pub columns: usize,
    /// Sum of the inflated sizes of a workbook's parts.
    pub inflated_bytes: u64,
    /// Parts in a workbook's zip.
    pub parts: usize,
    /// Strings in a workbook's shared-string table.
    pub shared_strings: usize,
    /// Text kept from all cells together.
    pub text_bytes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            rows: 20_000,
            columns: 64,
            inflated_bytes: 32 * 1024 * 1024,
            parts: 1_000,
            shared_strings: 300_000,
            text_bytes: 24 * 1024 * 1024,
        }
    }
}

/// Why a file could not be read as a table.
#[derive(Debug, PartialEq, Eq)]
pub enum TableError {
    /// Not a readable CSV or XLSX file; the parser's words.
    Unreadable(String),
    /// More data rows than [`Limits::rows`].
    TooManyRows { limit: usize },
    /// More columns than [`Limits::columns`].
    TooManyColumns { limit: usize },
    /// The workbook (or the table's text) is larger than the limits allow once inflated.
    TooLarge { limit_mb: u64 },
}

/// Header and rows of text cells.
pub type Table = Vec<Vec<String>>;

/// Reads a CSV (comma or semicolon) or the first sheet of an XLSX workbook.
pub fn read(bytes: &[u8], limits: &Limits) -> Result<Table, TableError> {
    if bytes.starts_with(b"PK") {
        read_xlsx(bytes, limits)
    } else {
        read_csv(bytes, limits)
    }
}

/// Builds the table cell by cell, refusing anything past the limits.
struct Builder<'l> {
    rows: Table,
    text: usize,
    limits: &'l Limits,
}

impl<'l> Builder<'l> {
    fn new(limits: &'l Limits) -> Self {
        Builder {
            rows: Vec::new(),
            text: 0,
            limits,
        }
    }

    /// Checks a row and column (0-based; row 0 is the header) against the limits.
    fn check(&self, row: usize, col: usize) -> Result<(), TableError> {
        if row > self.limits.rows {
            return Err(TableError::TooManyRows {
                limit: self.limits.rows,
            });
        }
        if col >= self.limits.columns {
            return Err(TableError::TooManyColumns {
                limit: self.limits.columns,
            });
        }
        Ok(())
    }

    fn put(&mut self, row: usize, col: usize, text: String) -> Result<(), TableError> {
        self.check(row, col)?;
        self.text += text.len();
        if self.text > self.limits.text_bytes {
            return Err(TableError::TooLarge {
                limit_mb: (self.limits.text_bytes / (1024 * 1024)) as u64,
            });
        }
        if self.rows.len() <= row {
            self.rows.resize_with(row + 1, Vec::new);
        }
        let cells = &mut self.rows[row];
        if cells.len() <= col {
            cells.resize_with(col + 1, String::new);
        }
        cells[col] = text;
        Ok(())
    }
}

fn read_csv(bytes: &[u8], limits: &Limits) -> Result<Table, TableError> {
    let text = std::str::from_utf8(bytes)
        .map_err(|_| TableError::Unreadable("not UTF-8 text".into()))?
        .trim_start_matches('\u{feff}');
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
    let mut table = Builder::new(limits);
    for (row, record) in reader.records().enumerate() {
        let record = record.map_err(|e| TableError::Unreadable(e.to_string()))?;
        table.check(row, record.len().saturating_sub(1))?;
        for (col, cell) in record.iter().enumerate() {
            table.put(row, col, cell.to_string())?;
        }
        table.rows.resize_with(row + 1, Vec::new);
    }
    Ok(table.rows)
}

fn unreadable(e: impl ToString) -> TableError {
    TableError::Unreadable(e.to_string())
}

fn read_xlsx(bytes: &[u8], limits: &Limits) -> Result<Table, TableError> {
    check_parts(bytes, limits)?;
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(unreadable)?;
    let first = book
        .sheet_names()
        .into_iter()
        .next()
        .ok_or_else(|| unreadable("no worksheet"))?;
    let mut cells = book.worksheet_cells_reader(&first).map_err(unreadable)?;
    let declared = cells.dimensions();
    if declared != calamine::Dimensions::default() {
        Builder::new(limits).check(declared.end.0 as usize, declared.end.1 as usize)?;
    }
    let mut table = Builder::new(limits);
    while let Some(cell) = cells.next_cell().map_err(unreadable)? {
        let (row, col) = cell.get_position();
        let text = match cell.get_value() {
            DataRef::Empty => continue,
            DataRef::SharedString(s) => s.to_string(),
            other => Data::from(other.clone()).to_string(),
        };
        table.put(row as usize, col as usize, text)?;
    }
    Ok(table.rows)
}

/// Bounds a workbook's zip before it is opened: the number of parts, their declared inflated
/// sizes, and the shared-string table's declared and actual count.
fn check_parts(bytes: &[u8], limits: &Limits) -> Result<(), TableError> {
    let too_large = || TableError::TooLarge {
        limit_mb: limits.inflated_bytes / (1024 * 1024),
    };
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(unreadable)?;
    if zip.len() > limits.parts {
        return Err(too_large());
    }
    let mut inflated: u64 = 0;
    let mut shared_strings = None;
    for i in 0..zip.len() {
        let part = zip.by_index_raw(i).map_err(unreadable)?;
        inflated = inflated.saturating_add(part.size());
        if part
            .name()
            .map_err(unreadable)?
            .to_ascii_lowercase()
            .ends_with("sharedstrings.xml")
        {
            shared_strings = Some(i);
        }
    }
    if inflated > limits.inflated_bytes {
        return Err(too_large());
    }
    if let Some(i) = shared_strings {
        let part = zip.by_index(i).map_err(unreadable)?;
        if count_shared_strings(part)? > limits.shared_strings {
            return Err(too_large());
        }
    }
    Ok(())
}

/// The larger of the shared-string table's declared `uniqueCount` and its actual number of
/// `<si>` items (calamine reserves the first and keeps the second).
fn count_shared_strings(part: impl Read) -> Result<usize, TableError> {
    use quick_xml::events::Event;
    let mut xml = quick_xml::Reader::from_reader(std::io::BufReader::new(part));
    let mut buf = Vec::with_capacity(1024);
    let mut declared = 0usize;
    let mut items = 0usize;
    loop {
        buf.clear();
        match xml.read_event_into(&mut buf).map_err(unreadable)? {
            Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                "sst" => {
                    if let Some(count) = e.try_get_attribute("uniqueCount").map_err(unreadable)? {
                        declared = count
                            .value
                            .trim()
                            .parse::<u64>()
                            .ok()
                            .map_or(usize::MAX, |v| usize::try_from(v).unwrap_or(usize::MAX));
                    }
                }
                "si" => items += 1,
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(declared.max(items))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn small() -> Limits {
        Limits {
            rows: 3,
            columns: 4,
            inflated_bytes: 64 * 1024,
            parts: 20,
            shared_strings: 10,
            text_bytes: 200,
        }
    }

    fn workbook(cells: &[(u32, u16, &str)]) -> Vec<u8> {
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        for (row, col, text) in cells {
            sheet.write_string(*row, *col, *text).unwrap();
        }
        book.save_to_buffer().unwrap()
    }

    /// A zip holding the given parts, deflated.
    fn zip_of(parts: &[(&str, &[u8])]) -> Vec<u8> {
        let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, bytes) in parts {
            out.start_file(*name, options).unwrap();
            out.write_all(bytes).unwrap();
        }
        out.finish().unwrap().into_inner()
    }

    #[test]
    fn a_workbook_within_the_limits_reads_whole() {
        let bytes = workbook(&[(0, 0, "klaster"), (0, 1, "judul"), (2, 1, "B")]);
        let table = read(&bytes, &small()).unwrap();
        assert_eq!(
            table,
            vec![
                vec!["klaster".to_string(), "judul".into()],
                vec![],
                vec![String::new(), "B".into()]
            ]
        );
    }

    #[test]
    fn a_far_cell_is_refused_before_anything_is_allocated() {
        // The 1.4 KB workbook that aborted the server: A1 and XFD1048576.
        let bytes = workbook(&[(0, 0, "a"), (1_048_575, 16_383, "b")]);
        assert!(bytes.len() < 8 * 1024);
        let err = read(&bytes, &Limits::default()).unwrap_err();
        assert_eq!(err, TableError::TooManyRows { limit: 20_000 });
        let wide = workbook(&[(0, 0, "a"), (0, 16_383, "b")]);
        let err = read(&wide, &Limits::default()).unwrap_err();
        assert_eq!(err, TableError::TooManyColumns { limit: 64 });
    }

    #[test]
    fn rows_and_columns_are_bounded_in_csv_too() {
        let rows = "a,b\n1,2\n3,4\n5,6\n7,8\n";
        assert_eq!(
            read(rows.as_bytes(), &small()),
            Err(TableError::TooManyRows { limit: 3 })
        );
        assert_eq!(
            read(b"a,b,c,d,e\n", &small()),
            Err(TableError::TooManyColumns { limit: 4 })
        );
        let long = format!("a\n{}\n", "x".repeat(300));
        assert_eq!(
            read(long.as_bytes(), &small()),
            Err(TableError::TooLarge { limit_mb: 0 })
        );
        assert_eq!(read(b"a;b\n1;2\n", &small()).unwrap()[1], vec!["1", "2"]);
    }

    #[test]
    fn an_inflation_bomb_is_refused_by_its_declared_size() {
        let filler = vec![b' '; 100 * 1024];
        let bytes = zip_of(&[("xl/worksheets/sheet1.xml", &filler)]);
        assert!(bytes.len() < 4 * 1024, "deflated to {}", bytes.len());
        assert_eq!(
            read(&bytes, &small()),
            Err(TableError::TooLarge { limit_mb: 0 })
        );
    }

    #[test]
    fn a_lying_shared_string_count_is_refused() {
        let declared =
            br#"<sst xmlns="x" count="1" uniqueCount="1000000000000"><si><t>a</t></si></sst>"#;
        assert_eq!(
            count_shared_strings(&declared[..]).unwrap(),
            1_000_000_000_000
        );
        let many = format!(
            r#"<sst uniqueCount="1">{}</sst>"#,
            "<si><t>a</t></si>".repeat(11)
        );
        assert_eq!(count_shared_strings(many.as_bytes()).unwrap(), 11);
        let bytes = zip_of(&[("xl/sharedStrings.xml", many.as_bytes())]);
        assert_eq!(
            read(&bytes, &small()),
            Err(TableError::TooLarge { limit_mb: 0 })
        );
    }

    #[test]
    fn garbage_is_unreadable_not_a_panic() {
        assert!(matches!(
            read(b"PK\x03\x04garbage", &small()),
            Err(TableError::Unreadable(_))
        ));
        assert!(matches!(
            read(&[0xff, 0xfe, 0x00], &small()),
            Err(TableError::Unreadable(_))
        ));
    }
}
