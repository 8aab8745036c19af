//! Delimited feeds (TSV or CSV, told apart by the header line) as records with their line.

use super::row::ReadRows;
use super::FeedError;

/// A delimited file: its header (as written) and its records.
pub(crate) struct Table {
    pub header: Vec<String>,
    reader: csv::Reader<std::io::Cursor<Vec<u8>>>,
}

/// One record with the 1-based line it starts on.
pub(crate) struct Record<'t> {
    pub line: usize,
    header: &'t [String],
    fields: csv::StringRecord,
}

impl Record<'_> {
    /// The trimmed value under a column (by its name after `normalise`), when not empty.
    pub fn get(&self, column: &str) -> Option<&str> {
        let i = self.header.iter().position(|h| h == column)?;
        self.fields.get(i).map(str::trim).filter(|s| !s.is_empty())
    }
}

impl Table {
    /// Reads the header; the delimiter is a tab when the header line has one (TSV, no
    /// quoting), else a comma (CSV, quoted values may hold commas and line breaks).
    /// `normalise` maps each column name to the name the reader looks it up by.
    pub fn open(
        path: &str,
        bytes: Vec<u8>,
        normalise: fn(&str) -> String,
    ) -> Result<Table, FeedError> {
        let bytes = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
            Some(rest) => rest.to_vec(),
            None => bytes,
        };
        let first_line = bytes.split(|b| *b == b'\n').next().unwrap_or(&[]);
        let tsv = first_line.contains(&b'\t');
        // A TSV feed has no quoting (its values may hold no tab or line break), so a
        // value may start with a quote: `"Ridge" Hiking Boot`.
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(if tsv { b'\t' } else { b',' })
            .quoting(!tsv)
            .flexible(true)
            .from_reader(std::io::Cursor::new(bytes));
        let header = reader
            .headers()
            .map_err(|e| FeedError::Format {
                path: path.to_string(),
                message: format!("unreadable header: {e}"),
            })?
            .iter()
            .map(normalise)
            .collect();
        Ok(Table { header, reader })
    }

    pub fn has(&self, column: &str) -> bool {
        self.header.iter().any(|h| h == column)
    }

    /// An error naming the `required` columns the header lacks, with what such a feed
    /// has (`hint`) and what this one has.
    pub fn require(&self, path: &str, required: &[&str], hint: &str) -> Result<(), FeedError> {
        let missing: Vec<&str> = required.iter().copied().filter(|c| !self.has(c)).collect();
        if missing.is_empty() {
            return Ok(());
        }
        Err(FeedError::Format {
            path: path.to_string(),
            message: format!(
                "the header has no column {} ({hint}; found {})",
                missing.join(", "),
                self.header.join(", ")
            ),
        })
    }

    /// Calls `each` for every record; unreadable ones (bad quoting, not UTF-8) are skipped
    /// into `out`.
    pub fn each(
        &mut self,
        file: &str,
        out: &mut ReadRows,
        progress: &mut dyn FnMut(usize),
        mut each: impl FnMut(Record<'_>, &mut ReadRows),
    ) {
        let mut record = csv::StringRecord::new();
        let mut count = 0usize;
        loop {
            match self.reader.read_record(&mut record) {
                Ok(false) => break,
                Ok(true) => {
                    let line = record.position().map(|p| p.line() as usize).unwrap_or(0);
                    out.lines = line;
                    count += 1;
                    if count.is_multiple_of(10_000) {
                        progress(count);
                    }
                    if record.iter().all(|f| f.trim().is_empty()) {
                        continue;
                    }
                    each(
                        Record {
                            line,
                            header: &self.header,
                            fields: record.clone(),
                        },
                        out,
                    );
                }
                Err(e) => {
                    let line = e.position().map(|p| p.line() as usize).unwrap_or(0);
                    out.skip(file, line, format!("unreadable row: {e}"));
                    if !matches!(e.kind(), csv::ErrorKind::Utf8 { .. }) {
                        // Anything but a bad byte leaves the reader unable to go on.
                        break;
                    }
                }
            }
        }
    }
}
