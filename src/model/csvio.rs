//! The CSV folder format: a scenario as nine spreadsheet files, for planners who keep rosters
//! in Excel or LibreOffice.
//!
//! The columns are the JSON fields, flattened (`education.level` → `education_level`, the
//! cadre's ratings, planning entries and history spells in their own files keyed by `cadre`):
//!
//! | file | columns (* required) |
//! |---|---|
//! | `scenario.csv` | key*, value* — rows `format`, `name`, `plan_date`, `term_start`, `term_end`, `provenance` |
//! | `localities.csv` | id*, name*, kind*, parent, class |
//! | `units.csv` | id*, name*, kind*, locality*, level* |
//! | `teams.csv` (optional) | id*, name*, kind*, locality*, key |
//! | `posts.csv` | id*, title, unit*, role*, level*, team, key, supernumerary, holder |
//! | `cadres.csv` | id*, name*, birth_date*, gender*, hometown*, local_to (`;`-separated), post, workplace, rotated_from, civil_servant, management*, education_level*, field*, degree_class, formally_trained, outstanding |
//! | `ratings.csv` (optional) | cadre*, year*, rating* |
//! | `planning.csv` (optional) | cadre*, role*, level*, post |
//! | `history.csv` (optional) | cadre*, role*, level*, locality*, post, from*, to |
//!
//! Reading is lenient where people type and strict where it matters: cells are trimmed, an
//! empty cell is an absent value, booleans accept `true/false/1/0/x/có/không`, codes accept
//! their aliases and Vietnamese labels (`khá` for `good`), dates accept `DD/MM/YYYY`, the
//! delimiter may be `;` (what Excel writes in a Vietnamese locale), and a byte-order mark is
//! dropped. Every problem names the file, the spreadsheet row (the header is row 1) and the
//! column. Writing always produces UTF-8 **with** a byte-order mark, because Excel needs it to
//! show Vietnamese, and replaces the folder's files only once all of them are written.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::Write;
use std::path::Path;

use unicode_normalization::UnicodeNormalization;

use super::date::Date;
use super::diag::{Diagnostic, Location};
use super::enums::*;
use super::load::{read_text, sha256_hex, ScenarioParse};
use super::locate::{CsvEntry, CsvIndex, SourceMap};
use super::raw::*;
use super::validate::{file_location, placeholder_raw, suggest, vocabulary_hint, Broken, Draft, Orig, ALL_BROKEN};

/// One file of the folder format (one sheet of a workbook).
pub(crate) struct Spec {
    pub(crate) file: &'static str,
    pub(crate) required: bool,
    /// Columns, and whether each is required.
    pub(crate) columns: &'static [(&'static str, bool)],
}

pub(crate) const SCENARIO: Spec =
    Spec { file: "scenario.csv", required: true, columns: &[("key", true), ("value", true)] };
pub(crate) const LOCALITIES: Spec = Spec {
    file: "localities.csv",
    required: true,
    columns: &[("id", true), ("name", true), ("kind", true), ("parent", false), ("class", false)],
};
pub(crate) const UNITS: Spec = Spec {
    file: "units.csv",
    required: true,
    columns: &[("id", true), ("name", true), ("kind", true), ("locality", true), ("level", true)],
};
pub(crate) const TEAMS: Spec = Spec {
    file: "teams.csv",
    required: false,
    columns: &[("id", true), ("name", true), ("kind", true), ("locality", true), ("key", false)],
};
pub(crate) const POSTS: Spec = Spec {
    file: "posts.csv",
    required: true,
    columns: &[
        ("id", true),
        ("title", false),
        ("unit", true),
        ("role", true),
        ("level", true),
        ("team", false),
        ("key", false),
        ("supernumerary", false),
        ("holder", false),
    ],
};
pub(crate) const CADRES: Spec = Spec {
    file: "cadres.csv",
    required: true,
    columns: &[
        ("id", true),
        ("name", true),
        ("birth_date", true),
        ("gender", true),
        ("hometown", true),
        ("local_to", false),
        ("post", false),
        ("workplace", false),
        ("rotated_from", false),
        ("civil_servant", false),
        ("management", true),
        ("education_level", true),
        ("field", true),
        ("degree_class", false),
        ("formally_trained", false),
        ("outstanding", false),
    ],
};
pub(crate) const RATINGS: Spec =
    Spec { file: "ratings.csv", required: false, columns: &[("cadre", true), ("year", true), ("rating", true)] };
pub(crate) const PLANNING: Spec = Spec {
    file: "planning.csv",
    required: false,
    columns: &[("cadre", true), ("role", true), ("level", true), ("post", false)],
};
pub(crate) const HISTORY: Spec = Spec {
    file: "history.csv",
    required: false,
    columns: &[
        ("cadre", true),
        ("role", true),
        ("level", true),
        ("locality", true),
        ("post", false),
        ("from", true),
        ("to", false),
    ],
};

pub(crate) const SPECS: [&Spec; 9] =
    [&SCENARIO, &LOCALITIES, &UNITS, &TEAMS, &POSTS, &CADRES, &RATINGS, &PLANNING, &HISTORY];

/// The settings of `scenario.csv`, and whether each is required.
pub(crate) const SETTINGS: [(&str, bool); 6] = [
    ("format", true),
    ("name", true),
    ("plan_date", true),
    ("term_start", true),
    ("term_end", true),
    ("provenance", false),
];

/// Reads a scenario from a CSV folder (shape only: semantic validation is
/// [`load_scenario`](super::load::load_scenario)'s job). `Err` holds every problem found, each
/// with file, row and column.
pub fn read_csv_folder(dir: &Path) -> Result<RawScenario, Vec<Diagnostic>> {
    let p = parse_csv_folder(dir);
    if p.diags.iter().any(|d| d.is_error()) {
        return Err(p.diags);
    }
    match p.draft {
        Some(d) => Ok(d.raw),
        None => Err(p.diags),
    }
}

/// A table read from one file (or one sheet of a workbook).
pub(crate) struct Table {
    /// The file as shown in locations.
    pub(crate) file: String,
    /// Where each column is.
    pub(crate) col: HashMap<&'static str, usize>,
    /// How each column is shown in locations, when not by its name (a workbook shows the
    /// column letter and its header).
    pub(crate) labels: HashMap<&'static str, String>,
    /// Spreadsheet row, trimmed cells, and whether the row is already known to be bad.
    pub(crate) rows: Vec<(usize, Vec<String>, bool)>,
}

impl Table {
    /// How a column is shown in locations.
    pub(crate) fn label(&self, col: &str) -> String {
        self.labels.get(col).cloned().unwrap_or_else(|| col.to_string())
    }
}

/// Spreadsheet rows of each record: a record's row is its first line, less the line breaks
/// inside quoted cells of the records before it (a spreadsheet shows such a cell on one row).
fn read_records(text: &str, delimiter: u8, file: &str, diags: &mut Vec<Diagnostic>) -> Vec<(usize, Vec<String>)> {
    let lines = super::locate::LineIndex::new(text);
    let mut out = Vec::new();
    let mut reader =
        csv::ReaderBuilder::new().has_headers(false).flexible(true).delimiter(delimiter).from_reader(text.as_bytes());
    let mut embedded = 0usize;
    for rec in reader.records() {
        match rec {
            Ok(rec) => {
                let mut start = rec.position().map(|p| p.byte() as usize).unwrap_or(0);
                while text.as_bytes().get(start).is_some_and(|b| *b == b'\n' || *b == b'\r') {
                    start += 1;
                }
                let (line, _) = lines.position(text, start);
                let row = line.saturating_sub(embedded).max(1);
                let cells: Vec<String> = rec.iter().map(|c| c.trim().to_string()).collect();
                embedded += rec.iter().map(|c| c.matches('\n').count()).sum::<usize>();
                out.push((row, cells));
            }
            Err(e) => {
                let row = e.position().map(|p| p.line() as usize);
                diags.push(Diagnostic::error(
                    "csv-syntax",
                    Location { file: file.to_string(), row, ..Default::default() },
                    format!("cannot read the file as CSV: {e}"),
                ));
                break;
            }
        }
    }
    out
}

/// `;` when the header row uses it (Excel in a Vietnamese locale), tab for tab-separated
/// files, `,` otherwise.
fn sniff_delimiter(text: &str) -> u8 {
    let header = text.lines().next().unwrap_or("");
    let count = |c: char| header.chars().filter(|x| *x == c).count();
    let (comma, semi, tab) = (count(','), count(';'), count('\t'));
    if semi > comma && semi >= tab {
        b';'
    } else if tab > comma && tab > semi {
        b'\t'
    } else {
        b','
    }
}

fn read_table(dir: &Path, spec: &'static Spec, diags: &mut Vec<Diagnostic>) -> Option<Table> {
    let path = dir.join(spec.file);
    let shown = path.display().to_string();
    if !path.is_file() {
        if spec.required {
            diags.push(
                Diagnostic::error("missing-file", file_location(&shown), format!("the scenario folder has no {}", spec.file)).with_hint(
                    "a scenario folder holds scenario.json, or scenario.csv, localities.csv, units.csv, posts.csv and cadres.csv; \
                     teams.csv, ratings.csv, planning.csv and history.csv are optional",
                ),
            );
        }
        return None;
    }
    let text = read_csv_text(&path, &shown, diags)?;
    let records = read_records(&text, sniff_delimiter(&text), &shown, diags);
    let column = |h: &str| -> Option<&'static str> {
        let h: String = h.nfc().collect::<String>().to_lowercase();
        spec.columns.iter().find(|c| c.0 == h).map(|c| c.0)
    };
    let label = |_: usize, h: &str| h.nfc().collect::<String>().to_lowercase();
    let name = |c: &'static str| c.to_string();
    let header = Header { column: &column, label: &label, name: &name, table: spec.file };
    build_table(&shown, spec, records, &header, diags)
}

/// Reads a CSV file as text: UTF-8 (with or without a byte-order mark), or, when it is not,
/// the legacy code page Excel's plain "CSV" option writes — Windows-1258 on a Vietnamese
/// system, Windows-1252 on a Western one — read as such with a warning that says how to save
/// the file as UTF-8. UTF-16 (Excel's "Unicode text") is an error.
fn read_csv_text(path: &Path, shown: &str, diags: &mut Vec<Diagnostic>) -> Option<String> {
    match read_text(path, shown) {
        Ok((t, _)) => Some(t),
        Err(d) => {
            let bytes = std::fs::read(path).ok().filter(|_| d.code == "bad-encoding");
            match bytes.filter(|b| !b.starts_with(&[0xFF, 0xFE]) && !b.starts_with(&[0xFE, 0xFF])) {
                Some(b) => {
                    let (text, encoding) = decode_legacy(&b);
                    diags.push(
                        Diagnostic::warning(
                            "legacy-encoding",
                            file_location(shown),
                            format!("the file is not UTF-8; it was read as {encoding} (what Excel's plain \"CSV\" option writes)"),
                        )
                        .with_hint(
                            "check the Vietnamese names; to be sure, save the file in Excel as \"CSV UTF-8 (Comma delimited)\" \
                             or in LibreOffice with the character set \"Unicode (UTF-8)\"",
                        ),
                    );
                    Some(text)
                }
                None => {
                    diags.push(*d);
                    None
                }
            }
        }
    }
}

/// Decodes text in a legacy Windows code page: Windows-1258 (Vietnamese, with its combining
/// tone marks) when that reads as more Vietnamese letters than Windows-1252 does, otherwise
/// Windows-1252. The text comes back in NFC.
pub(crate) fn decode_legacy(bytes: &[u8]) -> (String, &'static str) {
    // Windows-1258 writes a tone as a combining mark right after its vowel, and has ă, ơ, ư
    // and đ; read as Windows-1252 the same bytes are Ì, Ò, Þ, ì, ò, Ã, ã, Õ, õ, Ý, ý, Ð, ð.
    // So: tone marks after a vowel, and the four letters, speak for Windows-1258; a tone mark
    // after anything else (Italian "così" in Windows-1252) speaks against it.
    const TONES: [char; 5] = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];
    const VOWELS: &str = "aeiouyâêôăơư";
    let body = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    let (v, _, _) = encoding_rs::WINDOWS_1258.decode(body);
    let (mut good, mut bad) = (0usize, 0usize);
    let mut prev = ' ';
    for c in v.chars().flat_map(char::to_lowercase) {
        if TONES.contains(&c) {
            if VOWELS.contains(prev) {
                good += 1;
            } else {
                bad += 1;
            }
        } else if "ăơưđ".contains(c) {
            good += 1;
        }
        prev = c;
    }
    if good > bad {
        (v.nfc().collect(), "Windows-1258 (Vietnamese)")
    } else {
        let (w, _, _) = encoding_rs::WINDOWS_1252.decode(body);
        (w.into_owned(), "Windows-1252 (Western European)")
    }
}

/// How the header row of a source names the columns of a [`Spec`].
pub(crate) struct Header<'a> {
    /// The column a (trimmed, non-empty) header cell names.
    pub(crate) column: &'a dyn Fn(&str) -> Option<&'static str>,
    /// How the `k`-th column (0-based), headed `h`, is shown in locations.
    pub(crate) label: &'a dyn Fn(usize, &str) -> String,
    /// The header to write for a column, in hints.
    pub(crate) name: &'a dyn Fn(&'static str) -> String,
    /// The table as named in hints (`cadres.csv`, the sheet 'Cán bộ').
    pub(crate) table: &'a str,
}

/// A table from its records (spreadsheet row, trimmed cells; the first is the header).
pub(crate) fn build_table(
    shown: &str,
    spec: &'static Spec,
    records: Vec<(usize, Vec<String>)>,
    header_of: &Header,
    diags: &mut Vec<Diagnostic>,
) -> Option<Table> {
    let shown = shown.to_string();
    let mut records = records.into_iter();
    let loc = |row: usize, col: &str| Location {
        file: shown.clone(),
        row: Some(row),
        path: Some(col.to_string()),
        ..Default::default()
    };
    let names: Vec<String> = spec.columns.iter().map(|c| (header_of.name)(c.0)).collect();
    let Some((header_row, header)) = records.next() else {
        diags.push(
            Diagnostic::error("missing-column", file_location(&shown), "the file is empty: it has no header row")
                .with_hint(format!("the first row names the columns: {}", names.join(","))),
        );
        return None;
    };
    let mut col = HashMap::new();
    let mut labels = HashMap::new();
    let mut unnamed = Vec::new();
    for (k, h) in header.iter().enumerate() {
        if h.is_empty() {
            unnamed.push(k);
            continue;
        }
        let shown_col = (header_of.label)(k, h);
        match (header_of.column)(h) {
            Some(name) => {
                if col.insert(name, k).is_some() {
                    diags.push(
                        Diagnostic::error(
                            "duplicate-column",
                            loc(header_row, &shown_col),
                            format!("column '{}' appears twice", (header_of.name)(name)),
                        )
                        .with_hint("keep one of them"),
                    );
                }
                labels.insert(name, shown_col);
            }
            None => {
                let lower: String = h.nfc().collect::<String>().to_lowercase();
                let all = format!("the columns of {} are {}", header_of.table, names.join(", "));
                let hint =
                    suggest(&lower, names.iter().map(String::as_str)).map(|s| format!("{s} {all}")).unwrap_or(all);
                diags.push(
                    Diagnostic::error(
                        "unknown-column",
                        loc(header_row, &shown_col),
                        format!("unknown column '{lower}'"),
                    )
                    .with_hint(hint),
                );
            }
        }
    }
    let mut complete = true;
    for (name, required) in spec.columns {
        if *required && !col.contains_key(name) {
            complete = false;
            diags.push(
                Diagnostic::error(
                    "missing-column",
                    Location { file: shown.clone(), row: Some(header_row), ..Default::default() },
                    format!("required column '{}' is missing", (header_of.name)(name)),
                )
                .with_hint(format!(
                    "the header row must name: {}",
                    spec.columns.iter().filter(|c| c.1).map(|c| (header_of.name)(c.0)).collect::<Vec<_>>().join(", ")
                )),
            );
        }
    }
    let width = header.len();
    let mut rows = Vec::new();
    let mut reported_unnamed = BTreeSet::new();
    for (row, cells) in records {
        if cells.iter().all(|c| c.is_empty()) {
            continue;
        }
        if cells.len() > width && cells[width..].iter().any(|c| !c.is_empty()) {
            diags.push(
                Diagnostic::error(
                    "csv-row-length",
                    Location { file: shown.clone(), row: Some(row), ..Default::default() },
                    format!("the row has {} cells but the header names {width} columns", cells.len()),
                )
                .with_hint("a cell probably contains the delimiter: put such text in double quotes"),
            );
            rows.push((row, cells, true));
            continue;
        }
        for k in &unnamed {
            if cells.get(*k).is_some_and(|c| !c.is_empty()) && reported_unnamed.insert(*k) {
                diags.push(
                    Diagnostic::error(
                        "unknown-column",
                        Location { file: shown.clone(), row: Some(row), ..Default::default() },
                        format!("cell {} has a value but its column has no name in the header", k + 1),
                    )
                    .with_hint("name the column in row 1, or delete the values"),
                );
            }
        }
        rows.push((row, cells, false));
    }
    if !complete {
        return None;
    }
    Some(Table { file: shown, col, labels, rows })
}

/// One row being read: typed cells, with a diagnostic for every bad cell.
struct RowReader<'a> {
    table: &'a Table,
    row: usize,
    cells: &'a [String],
    ok: bool,
    diags: &'a mut Vec<Diagnostic>,
}

impl RowReader<'_> {
    fn loc(&self, col: &str) -> Location {
        Location {
            file: self.table.file.clone(),
            row: Some(self.row),
            path: Some(self.table.label(col)),
            ..Default::default()
        }
    }

    fn error(&mut self, code: &'static str, col: &str, message: String, hint: String) {
        self.ok = false;
        let d = Diagnostic::error(code, self.loc(col), message).with_hint(hint);
        self.diags.push(d);
    }

    /// The trimmed cell, `None` when the column is absent or the cell empty.
    fn opt(&self, col: &str) -> Option<String> {
        let k = *self.table.col.get(col)?;
        self.cells.get(k).filter(|c| !c.is_empty()).cloned()
    }

    fn req(&mut self, col: &str) -> Option<String> {
        let v = self.opt(col);
        if v.is_none() {
            self.error("missing-value", col, format!("'{col}' is empty"), format!("every row needs a {col}"));
        }
        v
    }

    fn vocab<V: Vocabulary>(&mut self, col: &str, required: bool) -> Option<V> {
        let s = if required { self.req(col)? } else { self.opt(col)? };
        match parse_vocab::<V>(&s) {
            Some(v) => Some(v),
            None => {
                self.error("unknown-value", col, format!("unknown {col} '{s}'"), vocabulary_hint::<V>(&s));
                None
            }
        }
    }

    fn date(&mut self, col: &str, required: bool) -> Option<Date> {
        let s = if required { self.req(col)? } else { self.opt(col)? };
        match Date::parse(&s) {
            Ok(d) => Some(d),
            Err(_) => {
                self.error(
                    "bad-date",
                    col,
                    format!("'{s}' is not a date"),
                    "write YYYY-MM-DD, e.g. 1990-04-30, or DD/MM/YYYY; check that the day exists".into(),
                );
                None
            }
        }
    }

    fn boolean(&mut self, col: &str) -> Option<bool> {
        let s = self.opt(col)?;
        match parse_bool(&s) {
            Some(b) => Some(b),
            None => {
                self.error(
                    "bad-bool",
                    col,
                    format!("'{s}' is not a yes/no value"),
                    "write true or false, 1 or 0, x for yes, có or không; leave the cell empty for the default".into(),
                );
                None
            }
        }
    }

    fn number<T: std::str::FromStr>(&mut self, col: &str, what: &str) -> Option<T> {
        let s = self.opt(col)?;
        match s.parse() {
            Ok(v) => Some(v),
            Err(_) => {
                self.error("bad-number", col, format!("'{s}' is not {what}"), format!("write {what} in digits"));
                None
            }
        }
    }
}

/// Parses a boolean cell.
pub fn parse_bool(s: &str) -> Option<bool> {
    let s: String = s.trim().nfc().collect::<String>().to_lowercase();
    match s.as_str() {
        "true" | "1" | "x" | "có" | "co" | "yes" | "y" => Some(true),
        "false" | "0" | "không" | "khong" | "no" | "n" => Some(false),
        _ => None,
    }
}

/// Parses a code, an alias or a Vietnamese or English label.
pub fn parse_vocab<V: Vocabulary>(s: &str) -> Option<V> {
    if let Some(v) = V::parse_code(s) {
        return Some(v);
    }
    let s: String = s.trim().nfc().collect::<String>().to_lowercase();
    V::ALL.iter().copied().find(|v| v.label_vi().to_lowercase() == s || v.label_en().to_lowercase() == s)
}

/// Where the tables of a scenario come from: a CSV folder, or the sheets of a workbook
/// (`super::xlsx`). Both are read into the raw structs by the same code ([`parse_tables`]).
pub(crate) trait TableSource {
    /// The table of a spec; `None` when it is absent or unusable (with diagnostics). A
    /// workbook's ratings sheet with the years as columns gives one table per year.
    fn tables(&self, spec: &'static Spec, diags: &mut Vec<Diagnostic>) -> Option<Vec<Table>>;
    /// Whether the source holds the table at all (a present but unusable table breaks every
    /// reference into it).
    fn present(&self, spec: &'static Spec) -> bool;
    /// The file (or sheet) of a spec as shown in locations.
    fn file_of(&self, spec: &'static Spec) -> String;
}

struct CsvFolder<'a>(&'a Path);

impl TableSource for CsvFolder<'_> {
    fn tables(&self, spec: &'static Spec, diags: &mut Vec<Diagnostic>) -> Option<Vec<Table>> {
        read_table(self.0, spec, diags).map(|t| vec![t])
    }
    fn present(&self, spec: &'static Spec) -> bool {
        self.0.join(spec.file).is_file()
    }
    fn file_of(&self, spec: &'static Spec) -> String {
        self.0.join(spec.file).display().to_string()
    }
}

/// Parses a CSV folder as far as it goes (shape only).
pub(crate) fn parse_csv_folder(dir: &Path) -> ScenarioParse {
    let shown = dir.display().to_string();
    let mut diags = Vec::new();
    let digest = match folder_digest(dir, &mut diags) {
        Some(d) => d,
        None => return ScenarioParse { draft: None, diags, source: SourceMap::plain(&shown), digest: None },
    };
    let (draft, index) = parse_tables(&CsvFolder(dir), &mut diags);
    ScenarioParse { draft: Some(draft), diags, source: SourceMap::csv(shown, index), digest: Some(digest) }
}

/// Reads the tables of a source into a raw scenario (shape only), recording where every item
/// came from.
pub(crate) fn parse_tables(src: &dyn TableSource, diags: &mut Vec<Diagnostic>) -> (Draft, CsvIndex) {
    let mut index = CsvIndex::default();
    let mut raw = placeholder_raw();
    let mut parsed = BTreeSet::new();
    let mut broken = Broken::default();
    let file_of = |spec: &'static Spec| src.file_of(spec);
    for (list, spec) in
        [("localities", &LOCALITIES), ("units", &UNITS), ("teams", &TEAMS), ("posts", &POSTS), ("cadres", &CADRES)]
    {
        index.insert(list.to_string(), CsvEntry { file: file_of(spec), row: 1, column: None, key_column: None });
    }

    // scenario.csv
    if let Some(t) = src.tables(&SCENARIO, diags).and_then(|v| v.into_iter().next()) {
        let mut seen: BTreeMap<String, usize> = BTreeMap::new();
        let mut values: BTreeMap<&str, (usize, String)> = BTreeMap::new();
        for (row, cells, _) in t.rows.iter().filter(|r| !r.2) {
            let mut r = RowReader { table: &t, row: *row, cells, ok: true, diags };
            let Some(key) = r.req("key").filter(|_| r.ok) else {
                continue;
            };
            let key = key.to_lowercase();
            let value = r.opt("value").unwrap_or_default();
            let Some(&(name, _)) = SETTINGS.iter().find(|s| s.0 == key) else {
                let hint = suggest(&key, SETTINGS.iter().map(|s| s.0)).unwrap_or_else(|| {
                    format!("settings: {}", SETTINGS.iter().map(|s| s.0).collect::<Vec<_>>().join(", "))
                });
                r.error("unknown-setting", "key", format!("unknown setting '{key}'"), hint);
                continue;
            };
            if let Some(first) = seen.insert(key.clone(), *row) {
                r.error(
                    "duplicate-key",
                    "key",
                    format!("setting '{key}' is given twice (rows {first} and {row})"),
                    "keep one".into(),
                );
                continue;
            }
            let path = match name {
                "term_start" => "term.start",
                "term_end" => "term.end",
                n => n,
            };
            index.insert(
                path.to_string(),
                CsvEntry {
                    file: t.file.clone(),
                    row: *row,
                    column: Some(t.label("value")),
                    key_column: Some(t.label("key")),
                },
            );
            if name == "term_start" {
                index.insert(
                    "term".into(),
                    CsvEntry {
                        file: t.file.clone(),
                        row: *row,
                        column: Some("value".into()),
                        key_column: Some("key".into()),
                    },
                );
            }
            values.insert(name, (*row, value));
        }
        for (name, required) in SETTINGS {
            if required && values.get(name).is_none_or(|v| v.1.is_empty()) {
                let at = match values.get(name) {
                    Some((row, _)) => Location {
                        file: t.file.clone(),
                        row: Some(*row),
                        path: Some("value".into()),
                        ..Default::default()
                    },
                    None => file_location(&t.file),
                };
                let example = match name {
                    "format" => SCENARIO_FORMAT,
                    "plan_date" => "2021-03-02",
                    "term_start" => "2020",
                    "term_end" => "2025",
                    _ => "Hải Phòng 2021",
                };
                diags.push(
                    Diagnostic::error("missing-value", at, format!("setting '{name}' is missing"))
                        .with_hint(format!("add a row: {name},{example}")),
                );
            }
        }
        let value = |name: &str| values.get(name).filter(|v| !v.1.is_empty()).map(|v| (v.0, v.1.clone()));
        let bad = |row: usize, code: &'static str, message: String, hint: &str| {
            Diagnostic::error(
                code,
                Location { file: t.file.clone(), row: Some(row), path: Some("value".into()), ..Default::default() },
                message,
            )
            .with_hint(hint.to_string())
        };
        if let Some((_, v)) = value("format") {
            raw.format = v;
            parsed.insert("format");
        }
        if let Some((_, v)) = value("name") {
            raw.name = v;
            parsed.insert("name");
        }
        if let Some((_, v)) = value("provenance") {
            raw.provenance = Some(v);
        }
        parsed.insert("provenance");
        if let Some((row, v)) = value("plan_date") {
            match Date::parse(&v) {
                Ok(d) => {
                    raw.plan_date = d;
                    parsed.insert("plan_date");
                }
                Err(_) => diags.push(bad(
                    row,
                    "bad-date",
                    format!("'{v}' is not a date"),
                    "write YYYY-MM-DD, e.g. 2021-03-02",
                )),
            }
        }
        let year = |name: &str, diags: &mut Vec<Diagnostic>| {
            let (row, v) = value(name)?;
            match v.parse::<i32>() {
                Ok(y) => Some(y),
                Err(_) => {
                    diags.push(bad(
                        row,
                        "bad-number",
                        format!("'{v}' is not a year"),
                        "write the year in four digits, e.g. 2020",
                    ));
                    None
                }
            }
        };
        if let (Some(start), Some(end)) = (year("term_start", diags), year("term_end", diags)) {
            raw.term = Term { start, end };
            parsed.insert("term");
        }
    }

    // the lists
    macro_rules! list {
        ($spec:expr, $name:literal, $out:expr, $broken:expr, $build:expr) => {{
            match src.tables(&$spec, diags).and_then(|v| v.into_iter().next()) {
                Some(t) => {
                    parsed.insert($name);
                    for (row, cells, bad) in &t.rows {
                        let mut r = RowReader { table: &t, row: *row, cells, ok: !bad, diags };
                        // A row whose cells are shifted is not read further (its first cell,
                        // the id, is still where it belongs).
                        let built = if *bad { None } else { $build(&mut r) };
                        match built {
                            Some(item) if r.ok => {
                                index.insert(
                                    format!("{}[{}]", $name, $out.len()),
                                    CsvEntry { file: t.file.clone(), row: *row, column: None, key_column: None },
                                );
                                $out.push(item);
                            }
                            _ => {
                                if let Some(id) = r.opt("id") {
                                    $broken.insert(id);
                                }
                            }
                        }
                    }
                }
                None => {
                    if $spec.required || src.present(&$spec) {
                        $broken.insert(ALL_BROKEN.to_string());
                    } else {
                        parsed.insert($name);
                    }
                }
            }
        }};
    }
    list!(LOCALITIES, "localities", raw.localities, broken.localities, locality_row);
    list!(UNITS, "units", raw.units, broken.units, unit_row);
    list!(TEAMS, "teams", raw.teams, broken.teams, team_row);
    list!(POSTS, "posts", raw.posts, broken.posts, post_row);
    list!(CADRES, "cadres", raw.cadres, broken.cadres, cadre_row);

    // per-cadre files
    let mut cadre_at: BTreeMap<String, usize> = BTreeMap::new();
    for (k, c) in raw.cadres.iter().enumerate() {
        cadre_at.entry(c.id.clone()).or_insert(k);
    }
    let cadre_ids: Vec<String> = cadre_at.keys().cloned().collect();
    let find_cadre = |r: &mut RowReader, broken: &Broken| -> Option<usize> {
        let id = r.req("cadre")?;
        if let Some(k) = cadre_at.get(&id) {
            return Some(*k);
        }
        if !broken.cadres.contains(&id) && !broken.cadres.contains(ALL_BROKEN) {
            let hint = suggest(&id, cadre_ids.iter().map(String::as_str))
                .unwrap_or_else(|| "the cadre must be in cadres.csv".into());
            r.error("unknown-reference", "cadre", format!("unknown cadre '{id}'"), hint);
        }
        r.ok = false;
        None
    };
    if let Some(tables) = src.tables(&RATINGS, diags) {
        let mut seen: BTreeMap<(usize, String), usize> = BTreeMap::new();
        for (row, cells, t) in tables.iter().flat_map(|t| t.rows.iter().filter(|r| !r.2).map(move |r| (&r.0, &r.1, t)))
        {
            let mut r = RowReader { table: t, row: *row, cells, ok: true, diags };
            let cadre = find_cadre(&mut r, &broken);
            let year = r.req("year");
            let rating = r.vocab::<Rating>("rating", true);
            let (Some(k), Some(year), Some(rating)) = (cadre, year, rating) else {
                continue;
            };
            if !r.ok {
                continue;
            }
            if let Some(first) = seen.insert((k, year.clone()), *row) {
                r.error(
                    "duplicate-key",
                    "year",
                    format!("cadre '{}' has two ratings for {year} (rows {first} and {row})", raw.cadres[k].id),
                    "keep one rating per cadre and year".into(),
                );
                continue;
            }
            index.insert(
                format!("cadres[{k}].ratings.{year}"),
                CsvEntry {
                    file: t.file.clone(),
                    row: *row,
                    column: Some(t.label("rating")),
                    key_column: Some(t.label("year")),
                },
            );
            raw.cadres[k].ratings.insert(year, rating);
        }
    } else if src.present(&RATINGS) {
        broken.cadres.insert(ALL_BROKEN.to_string());
    }
    if let Some(t) = src.tables(&PLANNING, diags).and_then(|v| v.into_iter().next()) {
        for (row, cells, _) in t.rows.iter().filter(|r| !r.2) {
            let mut r = RowReader { table: &t, row: *row, cells, ok: true, diags };
            let cadre = find_cadre(&mut r, &broken);
            let role = r.vocab::<Role>("role", true);
            let level = r.vocab::<Level>("level", true);
            let post = r.opt("post");
            let (Some(k), Some(role), Some(level)) = (cadre, role, level) else {
                continue;
            };
            if !r.ok {
                continue;
            }
            let j = raw.cadres[k].planning.len();
            index.insert(
                format!("cadres[{k}].planning[{j}]"),
                CsvEntry { file: t.file.clone(), row: *row, column: None, key_column: None },
            );
            raw.cadres[k].planning.push(PlanningEntry { role, level, post });
        }
    } else if src.present(&PLANNING) {
        broken.cadres.insert(ALL_BROKEN.to_string());
    }
    if let Some(t) = src.tables(&HISTORY, diags).and_then(|v| v.into_iter().next()) {
        for (row, cells, _) in t.rows.iter().filter(|r| !r.2) {
            let mut r = RowReader { table: &t, row: *row, cells, ok: true, diags };
            let cadre = find_cadre(&mut r, &broken);
            let role = r.vocab::<Role>("role", true);
            let level = r.vocab::<Level>("level", true);
            let locality = r.req("locality");
            let post = r.opt("post");
            let from = r.date("from", true);
            let to = r.date("to", false);
            let (Some(k), Some(role), Some(level), Some(locality), Some(from)) = (cadre, role, level, locality, from)
            else {
                continue;
            };
            if !r.ok {
                continue;
            }
            let j = raw.cadres[k].history.len();
            index.insert(
                format!("cadres[{k}].history[{j}]"),
                CsvEntry { file: t.file.clone(), row: *row, column: None, key_column: None },
            );
            raw.cadres[k].history.push(HistoryEntry { role, level, locality, post, from, to });
        }
    } else if src.present(&HISTORY) {
        broken.cadres.insert(ALL_BROKEN.to_string());
    }

    let orig = Orig::identity(&raw);
    (Draft { raw, orig, broken, parsed }, index)
}

fn locality_row(r: &mut RowReader) -> Option<RawLocality> {
    let id = r.req("id");
    let name = r.req("name");
    let kind = r.vocab::<LocalityKind>("kind", true);
    let parent = r.opt("parent");
    let class = r.number::<u8>("class", "a class (1, 2 or 3)");
    Some(RawLocality { id: id?, name: name?, kind: kind?, parent, class })
}

fn unit_row(r: &mut RowReader) -> Option<RawUnit> {
    let id = r.req("id");
    let name = r.req("name");
    let kind = r.vocab::<UnitKind>("kind", true);
    let locality = r.req("locality");
    let level = r.vocab::<Level>("level", true);
    Some(RawUnit { id: id?, name: name?, kind: kind?, locality: locality?, level: level? })
}

fn team_row(r: &mut RowReader) -> Option<RawTeam> {
    let id = r.req("id");
    let name = r.req("name");
    let kind = r.vocab::<TeamKind>("kind", true);
    let locality = r.req("locality");
    let key = r.boolean("key").unwrap_or(true);
    Some(RawTeam { id: id?, name: name?, kind: kind?, locality: locality?, key })
}

fn post_row(r: &mut RowReader) -> Option<RawPost> {
    let id = r.req("id");
    let title = r.opt("title");
    let unit = r.req("unit");
    let role = r.vocab::<Role>("role", true);
    let level = r.vocab::<Level>("level", true);
    let team = r.opt("team");
    let key = r.boolean("key").unwrap_or(false);
    let supernumerary = r.boolean("supernumerary").unwrap_or(false);
    let holder = r.opt("holder");
    Some(RawPost { id: id?, title, unit: unit?, role: role?, level: level?, team, key, supernumerary, holder })
}

fn cadre_row(r: &mut RowReader) -> Option<RawCadre> {
    let id = r.req("id");
    let name = r.req("name");
    let birth_date = r.date("birth_date", true);
    let gender = r.vocab::<Gender>("gender", true);
    let hometown = r.req("hometown");
    let local_to: Vec<String> = r
        .opt("local_to")
        .map(|s| s.split(';').map(str::trim).filter(|x| !x.is_empty()).map(str::to_string).collect())
        .unwrap_or_default();
    let post = r.opt("post");
    let workplace = r.opt("workplace");
    let rotated_from = r.opt("rotated_from");
    let civil_servant = r.boolean("civil_servant").unwrap_or(false);
    let management = r.vocab::<Management>("management", true);
    let level = r.vocab::<EducationLevel>("education_level", true);
    let field = r.vocab::<Field>("field", true);
    let degree_class = r.vocab::<DegreeClass>("degree_class", false);
    let formally_trained = r.boolean("formally_trained").unwrap_or(false);
    let outstanding = r.boolean("outstanding").unwrap_or(false);
    Some(RawCadre {
        id: id?,
        name: name?,
        birth_date: birth_date?,
        gender: gender?,
        hometown: hometown?,
        local_to,
        post,
        workplace,
        rotated_from,
        civil_servant,
        management: management?,
        education: Education { level: level?, field: field?, degree_class },
        formally_trained,
        outstanding,
        ratings: BTreeMap::new(),
        planning: Vec::new(),
        history: Vec::new(),
    })
}

/// SHA-256 over the folder's CSV files in name order (name, length, bytes of each); warns
/// about CSV files the format does not know.
fn folder_digest(dir: &Path, diags: &mut Vec<Diagnostic>) -> Option<String> {
    let shown = dir.display().to_string();
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            diags.push(Diagnostic::error(
                "io-error",
                file_location(&shown),
                format!("cannot read folder {shown}: {e}"),
            ));
            return None;
        }
    };
    let mut names: Vec<String> = entries
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_file())
        .filter_map(|e| e.file_name().to_str().map(str::to_string))
        .filter(|n| n.to_lowercase().ends_with(".csv"))
        .collect();
    names.sort();
    let known: Vec<&str> = SPECS.iter().map(|s| s.file).collect();
    let mut all = Vec::new();
    for n in &names {
        if !known.contains(&n.as_str()) {
            let file = dir.join(n).display().to_string();
            let close = known.iter().find(|k| strsim::levenshtein(&n.to_lowercase(), k) <= 2);
            let hint = match close {
                Some(k) => format!("did you mean '{k}'?"),
                None => format!("the folder format reads {}", known.join(", ")),
            };
            diags.push(
                Diagnostic::warning(
                    "unknown-file",
                    file_location(&file),
                    format!("{n} is not part of the scenario format and is ignored"),
                )
                .with_hint(hint),
            );
        }
        let bytes = match std::fs::read(dir.join(n)) {
            Ok(b) => b,
            Err(e) => {
                diags.push(Diagnostic::error(
                    "io-error",
                    file_location(&dir.join(n).display().to_string()),
                    format!("cannot read {n}: {e}"),
                ));
                return None;
            }
        };
        all.extend_from_slice(n.as_bytes());
        all.push(b'\n');
        all.extend_from_slice(bytes.len().to_string().as_bytes());
        all.push(b'\n');
        all.extend_from_slice(&bytes);
    }
    Some(sha256_hex(&all))
}

// --- writing --------------------------------------------------------------------------------

fn b(v: bool) -> String {
    if v { "true" } else { "false" }.to_string()
}

fn o(v: &Option<String>) -> String {
    v.clone().unwrap_or_default()
}

/// The files of a scenario, as (file name, rows with the header first).
fn tables(raw: &RawScenario) -> Vec<(&'static str, Vec<Vec<String>>)> {
    let header = |spec: &Spec| spec.columns.iter().map(|c| c.0.to_string()).collect::<Vec<_>>();
    let mut scenario = vec![header(&SCENARIO)];
    scenario.push(vec!["format".into(), raw.format.clone()]);
    scenario.push(vec!["name".into(), raw.name.clone()]);
    scenario.push(vec!["plan_date".into(), raw.plan_date.to_string()]);
    scenario.push(vec!["term_start".into(), raw.term.start.to_string()]);
    scenario.push(vec!["term_end".into(), raw.term.end.to_string()]);
    if let Some(p) = &raw.provenance {
        scenario.push(vec!["provenance".into(), p.clone()]);
    }
    let mut localities = vec![header(&LOCALITIES)];
    for l in &raw.localities {
        localities.push(vec![
            l.id.clone(),
            l.name.clone(),
            l.kind.code().into(),
            o(&l.parent),
            l.class.map(|c| c.to_string()).unwrap_or_default(),
        ]);
    }
    let mut units = vec![header(&UNITS)];
    for u in &raw.units {
        units.push(vec![u.id.clone(), u.name.clone(), u.kind.code().into(), u.locality.clone(), u.level.code().into()]);
    }
    let mut teams = vec![header(&TEAMS)];
    for t in &raw.teams {
        teams.push(vec![t.id.clone(), t.name.clone(), t.kind.code().into(), t.locality.clone(), b(t.key)]);
    }
    let mut posts = vec![header(&POSTS)];
    for p in &raw.posts {
        posts.push(vec![
            p.id.clone(),
            o(&p.title),
            p.unit.clone(),
            p.role.code().into(),
            p.level.code().into(),
            o(&p.team),
            b(p.key),
            b(p.supernumerary),
            o(&p.holder),
        ]);
    }
    let mut cadres = vec![header(&CADRES)];
    let mut ratings = vec![header(&RATINGS)];
    let mut planning = vec![header(&PLANNING)];
    let mut history = vec![header(&HISTORY)];
    for c in &raw.cadres {
        cadres.push(vec![
            c.id.clone(),
            c.name.clone(),
            c.birth_date.to_string(),
            c.gender.code().into(),
            c.hometown.clone(),
            c.local_to.join(";"),
            o(&c.post),
            o(&c.workplace),
            o(&c.rotated_from),
            b(c.civil_servant),
            c.management.code().into(),
            c.education.level.code().into(),
            c.education.field.code().into(),
            c.education.degree_class.map(|d| d.code().to_string()).unwrap_or_default(),
            b(c.formally_trained),
            b(c.outstanding),
        ]);
        for (y, r) in &c.ratings {
            ratings.push(vec![c.id.clone(), y.clone(), r.code().into()]);
        }
        for e in &c.planning {
            planning.push(vec![c.id.clone(), e.role.code().into(), e.level.code().into(), o(&e.post)]);
        }
        for h in &c.history {
            history.push(vec![
                c.id.clone(),
                h.role.code().into(),
                h.level.code().into(),
                h.locality.clone(),
                o(&h.post),
                h.from.to_string(),
                h.to.map(|d| d.to_string()).unwrap_or_default(),
            ]);
        }
    }
    vec![
        (SCENARIO.file, scenario),
        (LOCALITIES.file, localities),
        (UNITS.file, units),
        (TEAMS.file, teams),
        (POSTS.file, posts),
        (CADRES.file, cadres),
        (RATINGS.file, ratings),
        (PLANNING.file, planning),
        (HISTORY.file, history),
    ]
}

fn write_table(path: &Path, rows: &[Vec<String>]) -> std::io::Result<()> {
    let mut f = std::fs::File::create(path)?;
    f.write_all(b"\xEF\xBB\xBF")?;
    {
        let mut w = csv::WriterBuilder::new().from_writer(&mut f);
        for r in rows {
            w.write_record(r).map_err(std::io::Error::other)?;
        }
        w.flush()?;
    }
    f.sync_all()
}

/// Writes a scenario as a CSV folder (UTF-8 with a byte-order mark). All nine files are written
/// to a temporary folder beside `dir` first; only when every one is complete do they replace
/// the folder (a rename of the whole folder when it does not exist yet, otherwise one rename
/// per file), so a failure never leaves a half-written scenario. Refuses a folder that holds a
/// `scenario.json`, which would shadow the CSV files when the folder is read.
pub fn write_csv_folder(raw: &RawScenario, dir: &Path) -> std::io::Result<()> {
    if dir.join("scenario.json").exists() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::AlreadyExists,
            format!("{} holds scenario.json, which would be read instead of the CSV files", dir.display()),
        ));
    }
    let parent = dir.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent)?;
    let name = dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "scenario".into());
    let tmp = parent.join(format!(".{name}.tmp-{}", std::process::id()));
    if tmp.exists() {
        std::fs::remove_dir_all(&tmp)?;
    }
    std::fs::create_dir(&tmp)?;
    let files = tables(raw);
    let written = files.iter().try_for_each(|(file, rows)| write_table(&tmp.join(file), rows));
    if let Err(e) = written {
        let _ = std::fs::remove_dir_all(&tmp);
        return Err(e);
    }
    let result = if !dir.exists() {
        std::fs::rename(&tmp, dir)
    } else {
        files.iter().try_for_each(|(file, _)| std::fs::rename(tmp.join(file), dir.join(file)))
    };
    let _ = std::fs::remove_dir_all(&tmp);
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_spreadsheet_rows() {
        let text = "a,b\n1,2\n\n3,\"x\ny\"\n4,5\n,,\n6,7";
        let mut d = Vec::new();
        let rows: Vec<usize> = read_records(text, b',', "f", &mut d).into_iter().map(|r| r.0).collect();
        assert_eq!(rows, vec![1, 2, 4, 5, 6, 7]);
        let crlf = "a,b\r\n1,2\r\n\r\n3,4\r\n";
        let rows: Vec<usize> = read_records(crlf, b',', "f", &mut d).into_iter().map(|r| r.0).collect();
        assert_eq!(rows, vec![1, 2, 4]);
    }

    #[test]
    fn lenient_cells() {
        assert_eq!(parse_bool("Có"), Some(true));
        assert_eq!(parse_bool("KHÔNG"), Some(false));
        assert_eq!(parse_bool("x"), Some(true));
        assert_eq!(parse_bool("maybe"), None);
        assert_eq!(parse_vocab::<DegreeClass>("Khá"), Some(DegreeClass::Good));
        assert_eq!(parse_vocab::<Rating>("hoàn thành tốt nhiệm vụ"), Some(Rating::Good));
        assert_eq!(parse_vocab::<Gender>("Nữ"), Some(Gender::Female));
        assert_eq!(sniff_delimiter("id;name;kind\n"), b';');
        assert_eq!(sniff_delimiter("id,name\n"), b',');
    }

    /// Windows-1258 as Windows writes it: a letter the code page lacks is its base letter (with
    /// circumflex, breve or horn) followed by a combining tone mark.
    fn to_cp1258(s: &str) -> Vec<u8> {
        let mut out = Vec::new();
        for c in s.chars() {
            let one = c.to_string();
            let (b, _, bad) = encoding_rs::WINDOWS_1258.encode(&one);
            if !bad {
                out.extend_from_slice(&b);
                continue;
            }
            let d: Vec<char> = c.to_string().nfd().collect();
            let tone = d.iter().copied().find(|c| ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'].contains(c));
            let base: String = d.iter().copied().filter(|x| Some(*x) != tone).collect::<String>().nfc().collect();
            let (b, _, _) = encoding_rs::WINDOWS_1258.encode(&base);
            out.extend_from_slice(&b);
            if let Some(t) = tone {
                let mark = t.to_string();
                let (b, _, _) = encoding_rs::WINDOWS_1258.encode(&mark);
                out.extend_from_slice(&b);
            }
        }
        out
    }

    #[test]
    fn legacy_code_pages() {
        let name = "Nguyễn Thị Lan, Thuỷ Nguyên, Đồ Sơn";
        let bytes = to_cp1258(name);
        assert!(std::str::from_utf8(&bytes).is_err());
        let (text, enc) = decode_legacy(&bytes);
        assert_eq!(text, name);
        assert!(enc.contains("1258"));
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode("José Müller, François, così, però");
        let (text, enc) = decode_legacy(&bytes);
        assert_eq!(text, "José Müller, François, così, però");
        assert!(enc.contains("1252"));
    }
}
