//! Turning a logical path such as `cadres[12].birth_date` back into a place a planner can open:
//! a line and column of a JSON or TOML file, or a row and column of a CSV file.
//!
//! Validation works on parsed values and speaks in logical paths, so it is the same code for
//! every file format. This module is the bridge back to the text: it scans a JSON document once
//! (a small scanner over the text, since `serde_json::Value` forgets positions), reads TOML
//! positions from the spans `toml` keeps, and for a CSV folder keeps the map from each item to
//! the file and row it came from. Lines and columns are 1-based and columns count characters,
//! not bytes, so they match what an editor shows on a line of Vietnamese text.
//!
//! Lookups fall back to the nearest enclosing value that exists, so a missing field is located
//! at the object that lacks it, and a best-effort answer is always given.

use std::collections::HashMap;
use std::sync::OnceLock;

use super::diag::Location;

/// One step of a logical path.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Seg {
    /// An object field or map key.
    Key(String),
    /// An array index.
    Index(usize),
}

/// Renders a path the way diagnostics show it: `cadres[12].ratings.2019` (`.` for the root,
/// like `serde_path_to_error`).
pub fn path_string(segs: &[Seg]) -> String {
    let mut s = String::new();
    for seg in segs {
        match seg {
            Seg::Key(k) => {
                if !s.is_empty() {
                    s.push('.');
                }
                s.push_str(k);
            }
            Seg::Index(i) => {
                s.push('[');
                s.push_str(&i.to_string());
                s.push(']');
            }
        }
    }
    s
}

/// Joins a path and a field name.
pub fn join(path: &str, key: &str) -> String {
    if path.is_empty() || path == "." {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

/// The enclosing path: `cadres[3].history[1]` → `cadres[3].history` → `cadres[3]` → `cadres`
/// → `` (the root) → none.
pub fn parent_path(path: &str) -> Option<&str> {
    if path.is_empty() {
        return None;
    }
    match path.rfind(['.', '[']) {
        Some(i) => Some(&path[..i]),
        None => Some(""),
    }
}

/// Byte offsets → 1-based line and character column.
#[derive(Clone, Debug)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    /// Indexes the line starts of `text`.
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.bytes().enumerate().filter(|(_, b)| *b == b'\n').map(|(i, _)| i + 1));
        LineIndex { starts }
    }

    /// The 1-based line and character column of byte `offset` (clamped to the text).
    pub fn position(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = offset.min(text.len());
        let line = self.starts.partition_point(|s| *s <= offset).max(1);
        let start = self.starts[line - 1];
        let mut end = offset;
        while end > start && !text.is_char_boundary(end) {
            end -= 1;
        }
        let col = text.get(start..end).map(|s| s.chars().count()).unwrap_or(0) + 1;
        (line, col)
    }

    /// The byte offset of a 1-based line and *byte* column (as `serde_json` reports them).
    pub fn offset_of_byte_column(&self, text: &str, line: usize, byte_col: usize) -> usize {
        let start = self.starts.get(line.saturating_sub(1)).copied().unwrap_or(text.len());
        (start + byte_col.saturating_sub(1)).min(text.len())
    }
}

/// Where a value (and the key naming it, inside an object) starts, as byte offsets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Entry {
    /// Start of the key, for object members.
    pub key: Option<usize>,
    /// Start of the value.
    pub value: usize,
}

/// Positions of every value of a JSON or TOML document, by logical path.
#[derive(Clone, Debug, Default)]
pub struct TextIndex {
    entries: HashMap<String, Entry>,
    /// Keys that occur twice in one object (JSON only: `serde_json` silently keeps the last).
    pub duplicate_keys: Vec<(String, usize)>,
}

impl TextIndex {
    /// The entry of exactly this path.
    pub fn get(&self, path: &str) -> Option<Entry> {
        self.entries.get(path).copied()
    }

    /// The entry of this path or of its nearest enclosing path that exists.
    pub fn nearest(&self, path: &str) -> Option<(&str, Entry)> {
        let mut p = path;
        loop {
            if let Some((k, e)) = self.entries.get_key_value(p) {
                return Some((k.as_str(), *e));
            }
            p = parent_path(p)?;
        }
    }

    /// Indexes a JSON document. The text should already be known to parse; on malformed text
    /// the index is simply incomplete.
    pub fn json(text: &str) -> Self {
        let mut scanner = JsonScanner { b: text.as_bytes(), text, i: 0, out: TextIndex::default() };
        scanner.ws();
        let start = scanner.i;
        scanner.out.entries.insert(String::new(), Entry { key: None, value: start });
        scanner.value(String::new(), 0);
        scanner.out
    }

    /// Indexes a TOML document from the spans the `toml` parser keeps.
    pub fn toml(root: &toml::Spanned<toml::de::DeTable<'_>>) -> Self {
        let mut out = TextIndex::default();
        out.entries.insert(String::new(), Entry { key: None, value: 0 });
        toml_table(root.get_ref(), "", &mut out);
        out
    }
}

fn toml_table(t: &toml::de::DeTable<'_>, path: &str, out: &mut TextIndex) {
    for (k, v) in t.iter() {
        let p = join(path, k.get_ref());
        out.entries.insert(p.clone(), Entry { key: Some(k.span().start), value: v.span().start });
        toml_value(v.get_ref(), &p, out);
    }
}

fn toml_value(v: &toml::de::DeValue<'_>, path: &str, out: &mut TextIndex) {
    match v {
        toml::de::DeValue::Table(t) => toml_table(t, path, out),
        toml::de::DeValue::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                let p = format!("{path}[{i}]");
                out.entries.insert(p.clone(), Entry { key: None, value: x.span().start });
                toml_value(x.get_ref(), &p, out);
            }
        }
        _ => {}
    }
}

/// A small scanner over JSON text that records where every value starts. It never panics:
/// on text that is not JSON it stops early.
struct JsonScanner<'a> {
    b: &'a [u8],
    text: &'a str,
    i: usize,
    out: TextIndex,
}

impl JsonScanner<'_> {
    fn ws(&mut self) {
        while self.i < self.b.len() && matches!(self.b[self.i], b' ' | b'\t' | b'\n' | b'\r') {
            self.i += 1;
        }
    }

    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    /// Skips a string starting at the opening quote; returns its unescaped contents.
    fn string(&mut self) -> Option<String> {
        let start = self.i;
        if self.peek() != Some(b'"') {
            return None;
        }
        self.i += 1;
        while self.i < self.b.len() {
            match self.b[self.i] {
                b'\\' => self.i += 2,
                b'"' => {
                    self.i += 1;
                    let raw = self.text.get(start..self.i)?;
                    return serde_json::from_str::<String>(raw).ok();
                }
                _ => self.i += 1,
            }
        }
        None
    }

    fn value(&mut self, path: String, depth: usize) -> bool {
        if depth > 512 {
            return false;
        }
        match self.peek() {
            Some(b'{') => {
                self.i += 1;
                self.ws();
                if self.peek() == Some(b'}') {
                    self.i += 1;
                    return true;
                }
                loop {
                    self.ws();
                    let key_at = self.i;
                    let Some(key) = self.string() else {
                        return false;
                    };
                    self.ws();
                    if self.peek() != Some(b':') {
                        return false;
                    }
                    self.i += 1;
                    self.ws();
                    let p = join(&path, &key);
                    let entry = Entry { key: Some(key_at), value: self.i };
                    if self.out.entries.insert(p.clone(), entry).is_some() {
                        self.out.duplicate_keys.push((p.clone(), key_at));
                    }
                    if !self.value(p, depth + 1) {
                        return false;
                    }
                    self.ws();
                    match self.peek() {
                        Some(b',') => self.i += 1,
                        Some(b'}') => {
                            self.i += 1;
                            return true;
                        }
                        _ => return false,
                    }
                }
            }
            Some(b'[') => {
                self.i += 1;
                self.ws();
                if self.peek() == Some(b']') {
                    self.i += 1;
                    return true;
                }
                let mut k = 0;
                loop {
                    self.ws();
                    let p = format!("{path}[{k}]");
                    self.out.entries.insert(p.clone(), Entry { key: None, value: self.i });
                    if !self.value(p, depth + 1) {
                        return false;
                    }
                    k += 1;
                    self.ws();
                    match self.peek() {
                        Some(b',') => self.i += 1,
                        Some(b']') => {
                            self.i += 1;
                            return true;
                        }
                        _ => return false,
                    }
                }
            }
            Some(b'"') => self.string().is_some(),
            Some(_) => {
                let start = self.i;
                while self.i < self.b.len()
                    && !matches!(self.b[self.i], b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r')
                {
                    self.i += 1;
                }
                self.i > start
            }
            None => false,
        }
    }
}

/// Where an item of a CSV folder came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CsvEntry {
    /// The CSV file (as it will be shown).
    pub file: String,
    /// Spreadsheet row (header = 1).
    pub row: usize,
    /// The column that holds the value, when the whole row is one value (a rating, a
    /// `scenario.csv` setting); otherwise the column comes from the rest of the path.
    pub column: Option<String>,
    /// The column that holds the key of the value (the `year` of a rating, the `key` of a
    /// setting).
    pub key_column: Option<String>,
}

/// The map from logical paths of a scenario read from a CSV folder to files and rows.
#[derive(Clone, Debug, Default)]
pub struct CsvIndex {
    entries: HashMap<String, CsvEntry>,
    /// How a column of a file is shown, when not by its name: (file, column) → label (a
    /// workbook shows the column's letter and header).
    labels: HashMap<(String, String), String>,
}

impl CsvIndex {
    /// Records that `path` (an item such as `cadres[3]` or `cadres[3].history[0]`) is this row.
    pub fn insert(&mut self, path: String, entry: CsvEntry) {
        self.entries.insert(path, entry);
    }

    /// Shows `column` of `file` as `label` in locations.
    pub fn label_column(&mut self, file: &str, column: &str, label: &str) {
        self.labels.insert((file.to_string(), column.to_string()), label.to_string());
    }

    /// Locates a path: the row of its nearest recorded enclosing item, and the column named by
    /// the rest of the path.
    pub fn locate(&self, path: &str, at_key: bool) -> Option<Location> {
        let mut p = path;
        loop {
            if let Some(e) = self.entries.get(p) {
                let rest = path.get(p.len()..).unwrap_or("").trim_start_matches('.');
                let column = if at_key && e.key_column.is_some() {
                    e.key_column.clone()
                } else if e.column.is_some() {
                    e.column.clone()
                } else {
                    csv_column(rest).map(|c| self.labels.get(&(e.file.clone(), c.clone())).cloned().unwrap_or(c))
                };
                return Some(Location {
                    file: e.file.clone(),
                    path: column,
                    row: Some(e.row),
                    line: None,
                    column: None,
                });
            }
            p = parent_path(p)?;
        }
    }
}

/// The CSV column that holds a field path of an item (`education.level` → `education_level`).
fn csv_column(rest: &str) -> Option<String> {
    if rest.is_empty() {
        return None;
    }
    match rest {
        "education.level" => return Some("education_level".into()),
        "education.field" => return Some("field".into()),
        "education.degree_class" => return Some("degree_class".into()),
        _ => {}
    }
    let first = rest.split(['.', '[']).next().unwrap_or(rest);
    match first {
        "" | "education" | "ratings" | "planning" | "history" => None,
        f => Some(f.to_string()),
    }
}

/// How to locate logical paths of one input.
#[derive(Debug)]
pub struct SourceMap {
    file: String,
    kind: SourceKind,
}

#[derive(Debug)]
enum SourceKind {
    /// A JSON document, indexed on first use (most runs never need it).
    Json { text: String, lines: OnceLock<LineIndex>, index: OnceLock<TextIndex> },
    /// A TOML document, indexed while parsing.
    Toml { text: String, lines: LineIndex, index: TextIndex },
    /// A CSV folder.
    Csv(CsvIndex),
    /// Nothing to point into (the file could not be read).
    Plain,
}

impl SourceMap {
    /// A JSON document.
    pub fn json(file: impl Into<String>, text: String) -> Self {
        SourceMap { file: file.into(), kind: SourceKind::Json { text, lines: OnceLock::new(), index: OnceLock::new() } }
    }

    /// A TOML document with its index.
    pub fn toml(file: impl Into<String>, text: String, index: TextIndex) -> Self {
        let lines = LineIndex::new(&text);
        SourceMap { file: file.into(), kind: SourceKind::Toml { text, lines, index } }
    }

    /// A CSV folder.
    pub fn csv(file: impl Into<String>, index: CsvIndex) -> Self {
        SourceMap { file: file.into(), kind: SourceKind::Csv(index) }
    }

    /// A file that has no text to point into.
    pub fn plain(file: impl Into<String>) -> Self {
        SourceMap { file: file.into(), kind: SourceKind::Plain }
    }

    /// The file (or folder) this map is for.
    pub fn file(&self) -> &str {
        &self.file
    }

    /// The JSON index (built on first use), for JSON documents.
    pub fn json_index(&self) -> Option<&TextIndex> {
        match &self.kind {
            SourceKind::Json { text, index, .. } => Some(index.get_or_init(|| TextIndex::json(text))),
            _ => None,
        }
    }

    /// Where `path` is. With `at_key`, points at the key naming the value (for unknown and
    /// duplicate fields) rather than at the value.
    pub fn locate(&self, path: &str, at_key: bool) -> Location {
        let shown = if path.is_empty() { None } else { Some(path.to_string()) };
        let plain = Location { file: self.file.clone(), path: shown.clone(), ..Default::default() };
        match &self.kind {
            SourceKind::Plain => plain,
            SourceKind::Csv(index) => index.locate(path, at_key).unwrap_or(plain),
            SourceKind::Json { text, lines, index } => {
                let index = index.get_or_init(|| TextIndex::json(text));
                let lines = lines.get_or_init(|| LineIndex::new(text));
                text_location(&self.file, text, lines, index, path, at_key, shown)
            }
            SourceKind::Toml { text, lines, index } => {
                text_location(&self.file, text, lines, index, path, at_key, shown)
            }
        }
    }

    /// The location of a byte offset of the text (for syntax errors).
    pub fn at_offset(&self, offset: usize) -> Location {
        match &self.kind {
            SourceKind::Json { text, lines, .. } => {
                let lines = lines.get_or_init(|| LineIndex::new(text));
                let (line, column) = lines.position(text, offset);
                Location { file: self.file.clone(), line: Some(line), column: Some(column), ..Default::default() }
            }
            SourceKind::Toml { text, lines, .. } => {
                let (line, column) = lines.position(text, offset);
                Location { file: self.file.clone(), line: Some(line), column: Some(column), ..Default::default() }
            }
            _ => Location { file: self.file.clone(), ..Default::default() },
        }
    }
}

fn text_location(
    file: &str,
    text: &str,
    lines: &LineIndex,
    index: &TextIndex,
    path: &str,
    at_key: bool,
    shown: Option<String>,
) -> Location {
    let mut loc = Location { file: file.to_string(), path: shown, ..Default::default() };
    if let Some((found, e)) = index.nearest(path) {
        // A key only when the path itself was found: a missing field points at its object.
        let offset = if at_key && found == path { e.key.unwrap_or(e.value) } else { e.value };
        let (line, column) = lines.position(text, offset);
        loc.line = Some(line);
        loc.column = Some(column);
    }
    loc
}

/// Finds the 1-based line and column of the value at `path` in a JSON text (a one-off lookup;
/// use [`SourceMap`] for many).
pub fn locate_json(text: &str, path: &str) -> Option<(usize, usize)> {
    let index = TextIndex::json(text);
    let e = index.get(path)?;
    Some(LineIndex::new(text).position(text, e.value))
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = "{\n  \"name\": \"Hải Phòng\",\n  \"cadres\": [\n    {\"id\": \"C1\", \"ratings\": {\"2019\": \"good\"}},\n    {\"id\": \"C2\", \"name\": \"Nguyễn Thị Hà\", \"birth_date\": \"1990-02-30\"}\n  ]\n}\n";

    #[test]
    fn finds_values_by_path() {
        assert_eq!(locate_json(DOC, "name"), Some((2, 11)));
        assert_eq!(locate_json(DOC, "cadres[0]"), Some((4, 5)));
        assert_eq!(locate_json(DOC, "cadres[0].ratings.2019"), Some((4, 38)));
        // columns count characters: the Vietnamese name before it has multi-byte letters
        assert_eq!(locate_json(DOC, "cadres[1].birth_date"), Some((5, 57)));
        assert_eq!(locate_json(DOC, "cadres[2]"), None);
    }

    #[test]
    fn falls_back_to_the_enclosing_value_and_points_at_keys() {
        let map = SourceMap::json("s.json", DOC.to_string());
        let loc = map.locate("cadres[1].gender", false);
        assert_eq!((loc.line, loc.column), (Some(5), Some(5)));
        assert_eq!(loc.path.as_deref(), Some("cadres[1].gender"));
        let key = map.locate("cadres[1].birth_date", true);
        assert_eq!((key.line, key.column), (Some(5), Some(43)));
    }

    #[test]
    fn reports_duplicate_keys_and_survives_garbage() {
        let idx = TextIndex::json("{\"a\": 1, \"a\": 2}");
        assert_eq!(idx.duplicate_keys.len(), 1);
        for bad in ["", "{", "[1,", "{\"a\" 1}", "\"abc", "{\"a\": [}", "\u{feff}"] {
            let _ = TextIndex::json(bad);
        }
    }

    #[test]
    fn parent_paths() {
        assert_eq!(parent_path("cadres[3].history[1]"), Some("cadres[3].history"));
        assert_eq!(parent_path("cadres[3]"), Some("cadres"));
        assert_eq!(parent_path("cadres"), Some(""));
        assert_eq!(parent_path(""), None);
        assert_eq!(path_string(&[Seg::Key("a".into()), Seg::Index(2), Seg::Key("b".into())]), "a[2].b");
    }

    #[test]
    fn csv_columns() {
        let mut idx = CsvIndex::default();
        idx.insert("cadres[0]".into(), CsvEntry { file: "cadres.csv".into(), row: 2, column: None, key_column: None });
        idx.insert(
            "cadres[0].ratings.2019".into(),
            CsvEntry {
                file: "ratings.csv".into(),
                row: 5,
                column: Some("rating".into()),
                key_column: Some("year".into()),
            },
        );
        let l = idx.locate("cadres[0].education.level", false).unwrap();
        assert_eq!((l.file.as_str(), l.row, l.path.as_deref()), ("cadres.csv", Some(2), Some("education_level")));
        let l = idx.locate("cadres[0].ratings.2019", true).unwrap();
        assert_eq!((l.file.as_str(), l.row, l.path.as_deref()), ("ratings.csv", Some(5), Some("year")));
        let l = idx.locate("cadres[0].local_to[1]", false).unwrap();
        assert_eq!(l.path.as_deref(), Some("local_to"));
        assert!(idx.locate("posts[0]", false).is_none());
    }
}
