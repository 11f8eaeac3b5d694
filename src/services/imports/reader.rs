//! Rows of an import file, read from a window of its bytes: CSV (RFC 4180, comma or
//! semicolon, quoted fields over several lines, a UTF-8 BOM skipped) or NDJSON (one JSON
//! object a line). Only complete rows are taken, so a window can end anywhere and the next
//! one starts at the byte after the last row read; a crash resumes there.

use csv_core::{ReadRecordResult, Reader, ReaderBuilder};

/// Longest row read; a longer one (an unclosed quote, usually) stops the import.
pub const MAX_ROW_BYTES: usize = 256 * 1024;
/// Most fields a CSV row may have.
pub const MAX_FIELDS: usize = 1024;

/// How a file's rows are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv { delimiter: u8 },
    Ndjson,
}

impl Format {
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Csv { delimiter: b';' } => "csv;",
            Format::Csv { .. } => "csv",
            Format::Ndjson => "ndjson",
        }
    }

    pub fn parse(s: &str) -> Option<Format> {
        match s {
            "csv" => Some(Format::Csv { delimiter: b',' }),
            "csv;" => Some(Format::Csv { delimiter: b';' }),
            "ndjson" => Some(Format::Ndjson),
            _ => None,
        }
    }

    /// CSV whose delimiter is read from the header: the one of `,` and `;` it has more of
    /// outside quotes.
    pub fn csv_from_header(start: &[u8]) -> Format {
        let start = start.strip_prefix(BOM).unwrap_or(start);
        let line = start.split(|&b| b == b'\n').next().unwrap_or_default();
        let (mut commas, mut semicolons, mut quoted) = (0, 0, false);
        for &b in line {
            match b {
                b'"' => quoted = !quoted,
                b',' if !quoted => commas += 1,
                b';' if !quoted => semicolons += 1,
                _ => {}
            }
        }
        let delimiter = if semicolons > commas { b';' } else { b',' };
        Format::Csv { delimiter }
    }
}

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// One row as read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fields {
    Csv(Vec<String>),
    /// One NDJSON line, not yet parsed.
    Json(String),
    /// Bytes that are not UTF-8.
    NotText,
}

/// What a window gave: its complete rows and the bytes they took (the next window starts
/// after them).
#[derive(Debug, Default)]
pub struct Window {
    pub rows: Vec<Fields>,
    pub consumed: usize,
}

/// Why a window gave no row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TooLong;

/// Up to `max_rows` complete rows at the start of `bytes` (`at_start`: the file's first
/// byte, where a BOM is skipped; `eof`: nothing follows, so a last row without a line end
/// counts). Blank lines are skipped. `Err` when the window starts with a row too long or
/// too wide to read: `MAX_ROW_BYTES` or more without a row, or the file's end.
pub fn rows(
    format: Format,
    bytes: &[u8],
    at_start: bool,
    eof: bool,
    max_rows: usize,
) -> Result<Window, TooLong> {
    let skip = if at_start && bytes.starts_with(BOM) {
        BOM.len()
    } else {
        0
    };
    let mut w = match format {
        Format::Csv { delimiter } => csv_rows(delimiter, &bytes[skip..], eof, max_rows),
        Format::Ndjson => json_rows(&bytes[skip..], eof, max_rows),
    };
    // No row, yet bytes that are not one: a row too long (or with too many fields) to read,
    // whether or not the file ends here.
    let unread = bytes.len() - skip - w.consumed;
    if w.rows.is_empty() && unread > 0 && (eof || unread >= MAX_ROW_BYTES) {
        return Err(TooLong);
    }
    w.consumed += skip;
    Ok(w)
}

fn csv_rows(delimiter: u8, bytes: &[u8], eof: bool, max_rows: usize) -> Window {
    let mut reader: Reader = ReaderBuilder::new().delimiter(delimiter).build();
    let mut w = Window::default();
    let mut out = vec![0u8; 4096];
    let mut ends = vec![0usize; 32];
    // Where the row being read started, and what of it the reader has taken so far.
    let (mut pos, mut input, mut nout, mut nend) = (0, 0, 0, 0);
    while w.rows.len() < max_rows {
        let chunk = &bytes[pos + input..];
        let (res, nin, o, e) = reader.read_record(chunk, &mut out[nout..], &mut ends[nend..]);
        input += nin;
        nout += o;
        nend += e;
        match res {
            ReadRecordResult::OutputFull if out.len() < MAX_ROW_BYTES => {
                out.resize(out.len() * 2, 0)
            }
            ReadRecordResult::OutputEndsFull if ends.len() < MAX_FIELDS => {
                ends.resize(ends.len() * 2, 0)
            }
            // A row too large to keep: the window stops before it.
            ReadRecordResult::OutputFull | ReadRecordResult::OutputEndsFull => break,
            ReadRecordResult::InputEmpty if eof && chunk.is_empty() => break,
            ReadRecordResult::InputEmpty if !eof => break,
            ReadRecordResult::InputEmpty => {}
            ReadRecordResult::End => {
                // Only line ends were left after the last row.
                w.consumed = bytes.len();
                break;
            }
            ReadRecordResult::Record => {
                let fields = csv_fields(&out[..nout], &ends[..nend]);
                let blank = matches!(&fields, Fields::Csv(f) if f.len() == 1 && f[0].is_empty());
                if !blank {
                    w.rows.push(fields);
                }
                pos += input;
                w.consumed = pos;
                (input, nout, nend) = (0, 0, 0);
            }
        }
    }
    w
}

fn csv_fields(out: &[u8], ends: &[usize]) -> Fields {
    let mut fields = Vec::with_capacity(ends.len());
    let mut start = 0;
    for &end in ends {
        match std::str::from_utf8(&out[start..end]) {
            Ok(f) => fields.push(f.to_owned()),
            Err(_) => return Fields::NotText,
        }
        start = end;
    }
    Fields::Csv(fields)
}

fn json_rows(bytes: &[u8], eof: bool, max_rows: usize) -> Window {
    let mut w = Window::default();
    let mut rest = bytes;
    while w.rows.len() < max_rows && !rest.is_empty() {
        let (line, used) = match memchr::memchr(b'\n', rest) {
            Some(i) => (&rest[..i], i + 1),
            None if eof => (rest, rest.len()),
            None => break,
        };
        if line.len() > MAX_ROW_BYTES {
            break;
        }
        rest = &rest[used..];
        w.consumed += used;
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        w.rows.push(match std::str::from_utf8(line) {
            Ok(l) => Fields::Json(l.to_owned()),
            Err(_) => Fields::NotText,
        });
    }
    w
}

/// `fields` as one CSV line, ending in CRLF.
pub fn csv_line(fields: &[&str], delimiter: u8) -> String {
    let mut line = String::new();
    for (i, f) in fields.iter().enumerate() {
        if i > 0 {
            line.push(delimiter as char);
        }
        line.push_str(&csv_cell(f, delimiter));
    }
    line.push_str("\r\n");
    line
}

/// Starts a spreadsheet would run as a formula: written after a `'`, which an import reads
/// away again.
const FORMULA: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// One CSV field, quoted where needed; a value a spreadsheet would run as a formula is
/// kept as text.
pub fn csv_cell(s: &str, delimiter: u8) -> String {
    let formula = s.starts_with(FORMULA);
    if formula || s.contains([delimiter as char, '"', '\n', '\r']) {
        let mark = if formula { "'" } else { "" };
        format!("\"{mark}{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}

/// A field as written by [`csv_cell`] (or a spreadsheet): the `'` before a formula's
/// start dropped.
pub fn uncell(s: &str) -> &str {
    match s.strip_prefix('\'') {
        Some(rest) if rest.starts_with(FORMULA) => rest,
        _ => s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn csv(rows: &[&[&str]]) -> Vec<Fields> {
        rows.iter()
            .map(|r| Fields::Csv(r.iter().map(|f| f.to_string()).collect()))
            .collect()
    }

    #[test]
    fn csv_rows_with_quotes_bom_and_semicolons() {
        let file = "\u{feff}tracking_number;order_id\r\n1Z1;\"A;1\"\r\n\r\n1Z2;\"say \"\"hi\"\"\nthere\"\n1Z3;x";
        let bytes = file.as_bytes();
        let format = Format::csv_from_header(bytes);
        assert_eq!(format, Format::Csv { delimiter: b';' });
        let all = rows(format, bytes, true, true, 100).unwrap();
        assert_eq!(
            all.rows,
            csv(&[
                &["tracking_number", "order_id"],
                &["1Z1", "A;1"],
                &["1Z2", "say \"hi\"\nthere"],
                &["1Z3", "x"],
            ])
        );
        assert_eq!(all.consumed, bytes.len());
        // Not the end of the file: the last row has no line end yet, so it waits.
        let some = rows(format, bytes, true, false, 100).unwrap();
        assert_eq!(some.rows.len(), 3);
        assert_eq!(&bytes[some.consumed..], b"1Z3;x");
        // Any cut resumes where the rows read ended, and every row is read once.
        for cut in 0..bytes.len() {
            let first = rows(format, &bytes[..cut], true, false, 100).unwrap();
            let rest = rows(
                format,
                &bytes[first.consumed..],
                first.consumed == 0,
                true,
                100,
            );
            let mut got = first.rows;
            got.extend(rest.unwrap().rows);
            assert_eq!(got, all.rows, "cut at {cut}");
        }
        // Line ends after the last row are taken too, so the file is read to its end.
        for tail in ["a;b\r\n", "a;b\n\n", "a;b\r\n\r\n", "\r\n"] {
            let w = rows(format, tail.as_bytes(), false, true, 10).unwrap();
            assert_eq!(w.consumed, tail.len(), "{tail:?}");
        }
        let two = rows(format, bytes, true, true, 2).unwrap();
        assert_eq!(two.rows.len(), 2);
        let next = rows(format, &bytes[two.consumed..], false, true, 2).unwrap();
        assert_eq!(next.rows, all.rows[2..]);
    }

    #[test]
    fn commas_are_the_default_and_quoted_semicolons_do_not_count() {
        assert_eq!(
            Format::csv_from_header(b"a,\"b;c;d\",e\nx;y;z;w"),
            Format::Csv { delimiter: b',' }
        );
        assert_eq!(
            Format::csv_from_header(b""),
            Format::Csv { delimiter: b',' }
        );
        for f in [
            Format::Csv { delimiter: b',' },
            Format::Csv { delimiter: b';' },
            Format::Ndjson,
        ] {
            assert_eq!(Format::parse(f.as_str()), Some(f));
        }
    }

    #[test]
    fn an_unclosed_quote_is_too_long_not_endless() {
        let mut file = b"a,b\n\"open,".to_vec();
        file.extend(std::iter::repeat_n(b'x', MAX_ROW_BYTES));
        let format = Format::Csv { delimiter: b',' };
        let w = rows(format, &file, true, false, 10).unwrap();
        assert_eq!(w.rows.len(), 1);
        assert_eq!(
            rows(format, &file[w.consumed..], false, false, 10).unwrap_err(),
            TooLong
        );
        assert!(
            rows(format, b"\xff,\xfe\n", true, true, 10).unwrap().rows == vec![Fields::NotText]
        );
    }

    #[test]
    fn ndjson_lines() {
        let file = b"{\"a\":1}\r\n\n  \n{\"b\":2}\n{\"c\":";
        let w = rows(Format::Ndjson, file, true, false, 10).unwrap();
        assert_eq!(
            w.rows,
            vec![
                Fields::Json("{\"a\":1}".into()),
                Fields::Json("{\"b\":2}".into())
            ]
        );
        assert_eq!(&file[w.consumed..], b"{\"c\":");
        let end = rows(Format::Ndjson, &file[w.consumed..], false, true, 10).unwrap();
        assert_eq!(end.rows, vec![Fields::Json("{\"c\":".into())]);
        let long = vec![b'x'; MAX_ROW_BYTES + 1];
        assert_eq!(
            rows(Format::Ndjson, &long, true, false, 10).unwrap_err(),
            TooLong
        );
    }

    #[test]
    fn lines_are_quoted_where_needed_and_formulas_kept_as_text() {
        assert_eq!(
            csv_line(&["a", "b,c", "say \"x\""], b','),
            "a,\"b,c\",\"say \"\"x\"\"\"\r\n"
        );
        assert_eq!(csv_line(&["=1+1", "a;b"], b';'), "\"'=1+1\";\"a;b\"\r\n");
        for v in [
            "+44 20 7946 0958",
            "=HYPERLINK(1)",
            "-1",
            "'quoted",
            "plain",
        ] {
            let cell = csv_cell(v, b',');
            let read = rows(
                Format::Csv { delimiter: b',' },
                cell.as_bytes(),
                true,
                true,
                1,
            );
            let Fields::Csv(f) = &read.unwrap().rows[0] else {
                panic!()
            };
            assert_eq!(uncell(&f[0]), v);
        }
    }
}
