//! Plan files in and out: reading `plan.json` and hand-drafted `cadre,post` CSVs, writing plans,
//! plan sets and CSV exports without ever losing or corrupting a user's files.
//!
//! Why a module of its own: every command that reads or writes a plan must make the same
//! promises, and they are easy to get subtly wrong one command at a time.
//! - **Reading** refuses what it cannot vouch for: a file that is not a plan, a plan of another
//!   format version (`rotaplan-plan/9`), a milestone the policy does not know. A path that does
//!   not exist is bad input; a file that exists but cannot be read is an I/O error.
//! - **An output never names an input.** [`OutputGuard`] compares canonical paths (and, on
//!   Unix, device and inode, so a hard link is caught too) of every output with the scenario
//!   (file, or every member of its folder), the policy, the `--from` plan and the plans read.
//! - **Only regular files are replaced.** A FIFO, a device, a socket or a folder is refused; a
//!   symbolic link is written *through* (its target is replaced, the link stays) and the caller
//!   says so.
//! - **Writes are atomic.** A temporary file `.NAME.<pid>.tmp` beside the output, synced, then
//!   renamed over it; a failure leaves the old file as it was. Temporaries left by a killed run
//!   are removed by the next run that writes into the same folder, when the process that made
//!   them is gone ([`clean_stale_temporaries`]).
//! - **Sets are written whole.** `--plans K` and `export --csv` write every member into a
//!   temporary folder first; only when all are written are they moved into place, and members
//!   of an earlier, larger set that are recognisably ours are removed ([`write_set`]). Each
//!   plan of a set records its run and place in the set ([`RunRef`]), so that `report` and
//!   `compare` can warn when they are given plans of different runs.
//! - **CSV cells are safe in a spreadsheet.** A cell that a spreadsheet would evaluate as a
//!   formula (leading `=`, `+`, `-`, `@`, tab or carriage return) is prefixed with `'` (the OWASP
//!   advice), and the prefix is removed again when `check` reads the CSV back.

use std::path::{Path, PathBuf};

use super::{assignment_from_pairs, assignment_from_plan, Plan, RunRef, PLAN_FORMAT};
use crate::check::Assignment;
use crate::model::policy::UnknownMilestone;
use crate::model::{CadreId, Policy, PostId, Scenario};

/// What can go wrong reading or writing plan files.
#[derive(Debug, thiserror::Error)]
pub enum PlanIoError {
    /// The path does not exist (bad input).
    #[error("cannot read {0}: no such file or folder")]
    NotFound(PathBuf),
    /// The file exists but cannot be read (an I/O error).
    #[error("cannot read {path}: {source}")]
    Unreadable {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// Not UTF-8 text.
    #[error("{0}: not UTF-8 text (save it as UTF-8)")]
    NotText(PathBuf),
    /// Not a plan document.
    #[error("{path}: not a plan: {why}")]
    NotAPlan {
        /// The file.
        path: PathBuf,
        /// Why not.
        why: NotAPlanWhy,
    },
    /// A plan of another format version.
    #[error("{path}: unsupported plan format '{found}': this rotaplan reads '{PLAN_FORMAT}' only (a plan written by another version of rotaplan must be re-made with this one)")]
    Format {
        /// The file.
        path: PathBuf,
        /// The format tag found.
        found: String,
    },
    /// Codes the scenario does not know.
    #[error("{}{}", .errors.iter().map(|e| format!("{}: {e}", .path.display())).collect::<Vec<_>>().join("\n"), .made_for.as_ref().map(|m| format!("\n{}: the plan was made for the scenario '{m}'", .path.display())).unwrap_or_default())]
    Content {
        /// The file.
        path: PathBuf,
        /// Every problem.
        errors: Vec<super::PlanProblem>,
        /// The name of the scenario the plan was made for, when it is not the one given.
        made_for: Option<String>,
    },
    /// Located problems of a plan CSV.
    #[error("{}", .errors.iter().map(|e| format!("{}, {e}", .path.display())).collect::<Vec<_>>().join("\n"))]
    Csv {
        /// The file.
        path: PathBuf,
        /// Every problem.
        errors: Vec<PlanCsvError>,
    },
    /// A plan made for a milestone the policy does not know.
    #[error("{path}: milestone: {source}")]
    Milestone {
        /// The file.
        path: PathBuf,
        /// The unknown milestone and the known ones.
        source: UnknownMilestone,
    },
    /// An output that names an input.
    #[error("{out} is also an input of this command ({what} {input}): refusing to overwrite it; nothing was written — name another output file")]
    OutputIsInput {
        /// The output as given.
        out: PathBuf,
        /// What the input is (`scenario`, `policy`, ...).
        what: String,
        /// The input as given.
        input: PathBuf,
    },
    /// An output that is not a regular file (or a folder, where a folder is expected).
    #[error(
        "{path} is {kind}, not a regular file: refusing to write to it; nothing was written — name a regular file"
    )]
    Special {
        /// The output.
        path: PathBuf,
        /// `a FIFO`, `a device`, `a folder`, ...
        kind: &'static str,
    },
    /// A symbolic link that points nowhere.
    #[error("{0} is a symbolic link to a file that does not exist: refusing to write through it; nothing was written")]
    DanglingLink(PathBuf),
    /// Writing failed (an I/O error); the earlier file, if any, is untouched.
    #[error("cannot write {path}: {source}")]
    Write {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
}

/// Why a file is not a plan document.
#[derive(Debug, thiserror::Error)]
pub enum NotAPlanWhy {
    /// JSON without the plan's format tag.
    #[error("no \"format\": \"{PLAN_FORMAT}\" field")]
    NoFormat,
    /// JSON that does not read as a plan (or not JSON at all).
    #[error("{message}")]
    Json {
        /// What is wrong.
        fault: JsonFault,
        /// Line (1-based).
        line: usize,
        /// Column (1-based).
        column: usize,
        /// What serde said, in English.
        message: String,
    },
}

/// What is wrong with a JSON file, as serde sees it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum JsonFault {
    /// Not JSON.
    Syntax,
    /// The file ends too early.
    Eof,
    /// A field this version does not know.
    UnknownField(String),
    /// A field that must be there is not.
    MissingField(String),
    /// A value of the wrong kind.
    WrongType,
}

impl NotAPlanWhy {
    /// Classifies serde's error.
    pub fn json(e: &serde_json::Error) -> Self {
        use serde_json::error::Category;
        let message = e.to_string();
        let quoted =
            |prefix: &str| message.strip_prefix(prefix).and_then(|rest| rest.split('`').next()).map(str::to_string);
        let fault = match e.classify() {
            Category::Eof => JsonFault::Eof,
            Category::Syntax | Category::Io => JsonFault::Syntax,
            Category::Data => match (quoted("unknown field `"), quoted("missing field `")) {
                (Some(f), _) => JsonFault::UnknownField(f),
                (_, Some(f)) => JsonFault::MissingField(f),
                _ => JsonFault::WrongType,
            },
        };
        NotAPlanWhy::Json { fault, line: e.line(), column: e.column(), message }
    }
}

impl PlanIoError {
    /// Whether this is the user's input or flags at fault (exit 2) rather than the machine
    /// (exit 3).
    pub fn is_bad_input(&self) -> bool {
        !matches!(self, PlanIoError::Unreadable { .. } | PlanIoError::Write { .. })
    }
}

// --- reading -----------------------------------------------------------------------------------

/// Reads a file's bytes: a missing path is [`PlanIoError::NotFound`], anything else that stops
/// the read (permission, a folder) is [`PlanIoError::Unreadable`].
pub fn read_bytes(path: &Path) -> Result<Vec<u8>, PlanIoError> {
    if path.is_dir() {
        return Err(PlanIoError::Unreadable {
            path: path.into(),
            source: std::io::Error::other("it is a folder, not a file"),
        });
    }
    std::fs::read(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => PlanIoError::NotFound(path.into()),
        _ => PlanIoError::Unreadable { path: path.into(), source: e },
    })
}

fn read_text(path: &Path) -> Result<String, PlanIoError> {
    let bytes = read_bytes(path)?;
    let text = String::from_utf8(bytes).map_err(|_| PlanIoError::NotText(path.into()))?;
    Ok(text.strip_prefix(BOM).map(str::to_string).unwrap_or(text))
}

/// Parses plan JSON text and checks its format tag.
pub fn parse_plan(path: &Path, text: &str) -> Result<Plan, PlanIoError> {
    // The format tag first, so a plan of another version is named as such rather than as the
    // first field this version does not know.
    let value: serde_json::Value = serde_json::from_str(text)
        .map_err(|e| PlanIoError::NotAPlan { path: path.into(), why: NotAPlanWhy::json(&e) })?;
    match value.get("format").and_then(|f| f.as_str()) {
        Some(PLAN_FORMAT) => {}
        Some(other) => return Err(PlanIoError::Format { path: path.into(), found: other.into() }),
        None => return Err(PlanIoError::NotAPlan { path: path.into(), why: NotAPlanWhy::NoFormat }),
    }
    // From the text again, so that an error says its line and column.
    serde_json::from_str(text).map_err(|e| PlanIoError::NotAPlan { path: path.into(), why: NotAPlanWhy::json(&e) })
}

/// Reads `plan.json` without a scenario (for `export`): the format is checked, codes are not.
pub fn read_plan_json(path: &Path) -> Result<Plan, PlanIoError> {
    parse_plan(path, &read_text(path)?)
}

/// Whether a path names a hand-drafted CSV plan (by its extension).
pub fn is_csv(path: &Path) -> bool {
    path.extension().is_some_and(|e| e.eq_ignore_ascii_case("csv"))
}

/// Reads a plan file for a scenario and policy: `plan.json` (format, codes and milestone
/// checked) or a hand-drafted CSV of `cadre,post` rows (status `hand`, no placements listed:
/// the assignment is what counts).
pub fn read_plan_file(s: &Scenario, policy: &Policy, path: &Path) -> Result<(Assignment, Plan), PlanIoError> {
    if is_csv(path) {
        let csv = read_plan_csv_file(s, path)?;
        return Ok(hand_plan(s, policy, &csv));
    }
    let text = read_text(path)?;
    let plan = parse_plan(path, &text)?;
    if !plan.milestone.is_empty() {
        policy
            .milestone_named(&plan.milestone)
            .map_err(|source| PlanIoError::Milestone { path: path.into(), source })?;
    }
    let a = assignment_from_plan(s, &plan).map_err(|errors| PlanIoError::Content {
        path: path.into(),
        errors,
        made_for: Some(plan.scenario.name.clone()).filter(|n| !n.is_empty() && *n != s.name),
    })?;
    Ok((a, plan))
}

/// The assignment and the (empty, status `hand`) plan document of a hand-drafted CSV plan.
pub fn hand_plan(s: &Scenario, policy: &Policy, csv: &PlanCsv) -> (Assignment, Plan) {
    let a = assignment_from_pairs(s, policy, &csv.pairs, &csv.released);
    let plan = Plan { status: super::PlanStatus::Hand, rotaplan_version: "hand".into(), ..Plan::default() };
    (a, plan)
}

// --- CSV -----------------------------------------------------------------------------------------

/// The byte-order mark written at the start of every CSV file.
pub const BOM: &str = "\u{feff}";

/// A hand-drafted plan read from CSV: the `(cadre, post)` placements, and the released cadres.
pub type Pairs = (Vec<(CadreId, PostId)>, Vec<CadreId>);

/// The first characters that make a spreadsheet evaluate a cell (OWASP "CSV injection").
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A cell as it is safe to write: a cell a spreadsheet would evaluate as a formula is prefixed
/// with `'`; numbers (`-3`, `-0.5`) are left alone, since a spreadsheet reads them as numbers.
pub fn neutralise_cell(cell: &str) -> String {
    let risky = cell.starts_with(FORMULA_STARTS) && cell.trim().parse::<f64>().map_or(true, |v| !v.is_finite());
    // A cell that already starts with the quote and would be risky without it gets another one,
    // so that reading back (which removes one quote) restores it exactly.
    let quoted_risky = cell.starts_with('\'') && cell[1..].starts_with(FORMULA_STARTS);
    if risky || quoted_risky {
        format!("'{cell}")
    } else {
        cell.to_string()
    }
}

/// The inverse of [`neutralise_cell`] for cells read back.
pub fn unneutralise_cell(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(FORMULA_STARTS) || rest.starts_with('\'') => rest,
        _ => cell,
    }
}

/// A name or title column of a hand-drafted plan that does not match its code: the code is
/// what `check` reads, so the row probably says something other than what its author meant.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NameMismatch {
    /// Spreadsheet row (the header is row 1).
    pub row: usize,
    /// `name` (of the cadre) or `title` (of the post).
    pub column: &'static str,
    /// The code on the row.
    pub code: String,
    /// What the name column says.
    pub written: String,
    /// The name or title the scenario gives the code.
    pub actual: String,
}

/// A hand-drafted plan read from CSV.
#[derive(Clone, Debug, Default)]
pub struct PlanCsv {
    /// The `(cadre, post)` placements.
    pub pairs: Vec<(CadreId, PostId)>,
    /// The released cadres (rows with an empty post).
    pub released: Vec<CadreId>,
    /// Names and titles that do not match their codes.
    pub mismatches: Vec<NameMismatch>,
    /// The legacy code page the file was read in, when it was not UTF-8 (Excel's plain "CSV").
    pub legacy_encoding: Option<&'static str>,
}

impl PlanCsv {
    /// The placements and the released cadres.
    pub fn pairs(&self) -> Pairs {
        (self.pairs.clone(), self.released.clone())
    }
}

/// What is wrong on one row of a plan CSV.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PlanCsvProblem {
    /// The header lacks the `cadre` or the `post` column.
    #[error("the header must name the columns 'cadre' and 'post' (found: {})", .found.join(","))]
    Header {
        /// The headers found.
        found: Vec<String>,
    },
    /// The row is not CSV (an unclosed quote, bytes the decoder rejects).
    #[error("{0}")]
    Malformed(String),
    /// A cadre code the scenario does not know.
    #[error("unknown cadre '{code}'{}", .suggestion.as_ref().map(|s| format!(" (did you mean '{s}'?)")).unwrap_or_default())]
    UnknownCadre {
        /// The code on the row.
        code: String,
        /// The nearest known code.
        suggestion: Option<String>,
    },
    /// A post code the scenario does not know.
    #[error("unknown post '{code}'{}", .suggestion.as_ref().map(|s| format!(" (did you mean '{s}'?)")).unwrap_or_default())]
    UnknownPost {
        /// The code on the row.
        code: String,
        /// The nearest known code.
        suggestion: Option<String>,
    },
    /// UTF-16 text (Excel's "Unicode text"), which is not read.
    #[error("UTF-16 text is not read: save the file as \"CSV UTF-8\"")]
    Utf16,
}

/// A located problem of a plan CSV: the row (the header is row 1), the column when one is at
/// fault, and what is wrong (with what would be right where rotaplan can tell).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("row {row}{}: {problem}", .column.map(|c| format!(", column {c}")).unwrap_or_default())]
pub struct PlanCsvError {
    /// Spreadsheet row.
    pub row: usize,
    /// `cadre` or `post`, when a column is at fault.
    pub column: Option<&'static str>,
    /// What is wrong.
    pub problem: PlanCsvProblem,
}

/// The headers each column of a plan CSV may have (the English names `export` writes, and the
/// Vietnamese ones a planner types).
pub const PLAN_COLUMNS: [(&str, &[&str]); 4] = [
    ("cadre", &["cadre", "mã cán bộ"]),
    ("post", &["post", "mã chức danh", "chức danh đề xuất"]),
    ("name", &["name", "họ và tên", "họ tên"]),
    ("title", &["title", "tên chức danh", "chức danh"]),
];

/// Reads a plan CSV's bytes: UTF-8 (with or without a byte-order mark), or the legacy code
/// page Excel's plain "CSV" writes (Windows-1258 or 1252, recorded in
/// [`PlanCsv::legacy_encoding`]); then [`read_plan_csv`].
pub fn read_plan_csv_bytes(s: &Scenario, bytes: &[u8]) -> Result<PlanCsv, Vec<PlanCsvError>> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(vec![PlanCsvError { row: 1, column: None, problem: PlanCsvProblem::Utf16 }]);
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => read_plan_csv(s, text),
        Err(_) => {
            let (text, encoding) = crate::model::csvio::decode_legacy(bytes);
            let mut csv = read_plan_csv(s, &text)?;
            csv.legacy_encoding = Some(encoding);
            Ok(csv)
        }
    }
}

/// Reads `cadre,post` rows: the one reader of hand-drafted and exported plan CSVs. The header
/// is required and may use English or Vietnamese names ([`PLAN_COLUMNS`], compared without
/// diacritics or case); `name` and `title` columns are compared with the codes
/// ([`PlanCsv::mismatches`]); other columns are ignored; cells neutralised on export are read
/// back as written; `,` or `;` separates (Excel in a Vietnamese locale writes `;`). Returns
/// every problem, located.
pub fn read_plan_csv(s: &Scenario, text: &str) -> Result<PlanCsv, Vec<PlanCsvError>> {
    use crate::model::fold::{plain_key, same_name};
    let text = text.strip_prefix(BOM).unwrap_or(text);
    let header_line = text.lines().next().unwrap_or("");
    let delimiter = if header_line.matches(';').count() > header_line.matches(',').count() { b';' } else { b',' };
    let mut rdr = ::csv::ReaderBuilder::new()
        .flexible(true)
        .delimiter(delimiter)
        .trim(::csv::Trim::All)
        .from_reader(text.as_bytes());
    let at = |row: usize, column: Option<&'static str>, problem: PlanCsvProblem| PlanCsvError { row, column, problem };
    let headers = match rdr.headers() {
        Ok(h) => h.clone(),
        Err(e) => return Err(vec![at(1, None, PlanCsvProblem::Malformed(e.to_string()))]),
    };
    let col = |name: &str| {
        let names = PLAN_COLUMNS.iter().find(|c| c.0 == name).map(|c| c.1).unwrap_or(&[]);
        headers.iter().position(|h| names.iter().any(|n| plain_key(n) == plain_key(h)))
    };
    let (Some(ci), Some(pi)) = (col("cadre"), col("post")) else {
        let found = headers.iter().map(str::to_string).collect();
        return Err(vec![at(1, None, PlanCsvProblem::Header { found })]);
    };
    let (ni, ti) = (col("name"), col("title"));
    let mut errors = Vec::new();
    let mut out = PlanCsv::default();
    for (i, rec) in rdr.records().enumerate() {
        let row = i + 2;
        let rec = match rec {
            Ok(r) => r,
            Err(e) => {
                errors.push(at(row, None, PlanCsvProblem::Malformed(e.to_string())));
                continue;
            }
        };
        if rec.iter().all(|c| c.is_empty()) {
            continue;
        }
        let c = unneutralise_cell(rec.get(ci).unwrap_or(""));
        let p = unneutralise_cell(rec.get(pi).unwrap_or(""));
        let Some(cid) = s.cadre_by_code(c) else {
            let suggestion = crate::model::diag::did_you_mean(c, s.cadres.iter().map(|x| x.code.as_str()));
            let problem =
                PlanCsvProblem::UnknownCadre { code: c.to_string(), suggestion: suggestion.map(str::to_string) };
            errors.push(at(row, Some("cadre"), problem));
            continue;
        };
        let written = ni.and_then(|k| rec.get(k)).map(unneutralise_cell).unwrap_or("");
        let actual = &s.cadre(cid).name;
        if !written.is_empty() && !same_name(written, actual) {
            out.mismatches.push(NameMismatch {
                row,
                column: "name",
                code: c.to_string(),
                written: written.to_string(),
                actual: actual.clone(),
            });
        }
        if p.is_empty() {
            out.released.push(cid);
            continue;
        }
        let Some(pid) = s.post_by_code(p) else {
            let suggestion = crate::model::diag::did_you_mean(p, s.posts.iter().map(|x| x.code.as_str()));
            let problem =
                PlanCsvProblem::UnknownPost { code: p.to_string(), suggestion: suggestion.map(str::to_string) };
            errors.push(at(row, Some("post"), problem));
            continue;
        };
        let written = ti.and_then(|k| rec.get(k)).map(unneutralise_cell).unwrap_or("");
        let actual = &s.post(pid).title;
        if !written.is_empty() && !same_name(written, actual) {
            out.mismatches.push(NameMismatch {
                row,
                column: "title",
                code: p.to_string(),
                written: written.to_string(),
                actual: actual.clone(),
            });
        }
        out.pairs.push((cid, pid));
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

/// Reads a plan CSV file ([`read_plan_csv_bytes`]), its problems located in the file.
pub fn read_plan_csv_file(s: &Scenario, path: &Path) -> Result<PlanCsv, PlanIoError> {
    let bytes = read_bytes(path)?;
    read_plan_csv_bytes(s, &bytes).map_err(|errors| PlanIoError::Csv { path: path.into(), errors })
}

fn write_csv(rows: Vec<Vec<String>>) -> Vec<u8> {
    let mut w = ::csv::WriterBuilder::new().from_writer(Vec::new());
    for r in rows {
        let cells: Vec<String> = r.iter().map(|c| neutralise_cell(c)).collect();
        let _ = w.write_record(&cells);
    }
    let mut out = BOM.as_bytes().to_vec();
    out.extend(w.into_inner().unwrap_or_default());
    out
}

/// The three CSV files of a plan, as (file name, bytes).
pub fn plan_csv_files(plan: &Plan) -> Vec<(&'static str, Vec<u8>)> {
    let o = |x: &Option<String>| x.clone().unwrap_or_default();
    let mut placements = vec![vec!["cadre".into(), "post".into(), "name".into(), "title".into()]];
    for p in &plan.posts {
        if let Some(c) = &p.after {
            placements.push(vec![c.clone(), p.post.clone(), o(&p.after_name), p.title.clone()]);
        }
    }
    for c in &plan.released {
        let name = plan.moves.iter().find(|m| &m.cadre == c).map(|m| m.name.clone()).unwrap_or_default();
        placements.push(vec![c.clone(), String::new(), name, String::new()]);
    }
    let mut moves =
        vec![vec!["cadre".into(), "name".into(), "from".into(), "to".into(), "kind".into(), "serves".into()]];
    for m in &plan.moves {
        moves.push(vec![m.cadre.clone(), m.name.clone(), o(&m.from), o(&m.to), m.kind.clone(), m.serves.join(";")]);
    }
    let num = |x: Option<f64>| x.map(|v| v.to_string()).unwrap_or_default();
    let mut targets = vec![[
        "rule",
        "clause",
        "subject",
        "subject_name",
        "measure",
        "required_min",
        "required_max",
        "denominator",
        "achieved",
        "met",
        "shortfall",
        "hard",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect()];
    for t in &plan.targets {
        targets.push(vec![
            t.rule.clone(),
            t.clause.clone(),
            t.subject.clone(),
            t.subject_name.clone(),
            t.measure.clone(),
            num(t.required_min),
            num(t.required_max),
            t.denominator.map(|d| d.to_string()).unwrap_or_default(),
            t.achieved.to_string(),
            t.met.to_string(),
            t.shortfall.to_string(),
            t.hard.to_string(),
        ]);
    }
    vec![
        ("placements.csv", write_csv(placements)),
        ("moves.csv", write_csv(moves)),
        ("targets.csv", write_csv(targets)),
    ]
}

/// Writes the CSV files of a plan into `dir` as one set (see [`write_set`]); returns the files
/// written.
pub fn export_csv(plan: &Plan, dir: &Path) -> Result<Vec<PathBuf>, PlanIoError> {
    let members: Vec<(String, Vec<u8>)> = plan_csv_files(plan).into_iter().map(|(n, b)| (n.to_string(), b)).collect();
    // The three names are fixed, so an earlier export has nothing the new one does not replace.
    write_set(dir, "export", &members, &|_| false)
}

// --- where outputs may go --------------------------------------------------------------------------

/// The identity of an existing file: its canonical path and, on Unix, device and inode.
#[derive(Clone, Debug, PartialEq, Eq)]
struct FileId {
    canonical: PathBuf,
    #[cfg(unix)]
    dev_ino: (u64, u64),
}

fn file_id(path: &Path) -> Option<FileId> {
    let canonical = std::fs::canonicalize(path).ok()?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let m = std::fs::metadata(&canonical).ok()?;
        Some(FileId { canonical, dev_ino: (m.dev(), m.ino()) })
    }
    #[cfg(not(unix))]
    Some(FileId { canonical })
}

/// Where an output will actually be written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutputTarget {
    /// The path to replace: the output itself, or the target of the symbolic link it names.
    pub path: PathBuf,
    /// When the output is a symbolic link: the link as given (it is kept; its target is
    /// replaced).
    pub via_link: Option<PathBuf>,
}

/// The inputs of one command, to check that no output overwrites one of them.
#[derive(Clone, Debug, Default)]
pub struct OutputGuard {
    inputs: Vec<(String, PathBuf, FileId)>,
}

impl OutputGuard {
    /// An empty guard.
    pub fn new() -> Self {
        OutputGuard::default()
    }

    /// Adds an input file (`what`: how to name it in a message). A path that does not exist is
    /// skipped: reading it will fail on its own.
    pub fn input(mut self, what: &str, path: &Path) -> Self {
        if let Some(id) = file_id(path) {
            self.inputs.push((what.to_string(), path.to_path_buf(), id));
        }
        self
    }

    /// Adds a scenario: the file, or every file of the folder (`scenario.json`, the CSV files).
    pub fn scenario(mut self, path: &Path) -> Self {
        if path.is_dir() {
            let mut members: Vec<PathBuf> = std::fs::read_dir(path)
                .map(|rd| rd.filter_map(|e| e.ok()).map(|e| e.path()).filter(|p| p.is_file()).collect())
                .unwrap_or_default();
            members.sort();
            for m in members {
                self = self.input("scenario", &m);
            }
            self
        } else {
            self.input("scenario", path)
        }
    }

    /// Checks one output file: it must not be an input, and must be a regular file or not exist
    /// yet (a symbolic link to a regular file is followed). Returns where to write.
    pub fn output(&self, out: &Path) -> Result<OutputTarget, PlanIoError> {
        let target = output_target(out)?;
        if let Some(id) = file_id(&target.path).or_else(|| {
            // Not there yet: compare the canonical folder and the name.
            let parent = target.path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
            let canonical = std::fs::canonicalize(parent).ok()?.join(target.path.file_name()?);
            #[cfg(unix)]
            return Some(FileId { canonical, dev_ino: (u64::MAX, u64::MAX) });
            #[cfg(not(unix))]
            return Some(FileId { canonical });
        }) {
            for (what, input, iid) in &self.inputs {
                #[cfg(unix)]
                let same = iid.canonical == id.canonical || iid.dev_ino == id.dev_ino;
                #[cfg(not(unix))]
                let same = iid.canonical == id.canonical;
                if same {
                    return Err(PlanIoError::OutputIsInput {
                        out: out.to_path_buf(),
                        what: what.clone(),
                        input: input.clone(),
                    });
                }
            }
        }
        Ok(target)
    }

    /// Checks an output folder (it must be a folder or not exist yet) and the files that will
    /// be written into it.
    pub fn output_folder(&self, dir: &Path, members: &[&str]) -> Result<(), PlanIoError> {
        match std::fs::metadata(dir) {
            Ok(m) if !m.is_dir() => return Err(PlanIoError::Special { path: dir.into(), kind: "not a folder" }),
            _ => {}
        }
        for m in members {
            self.output(&dir.join(m))?;
        }
        Ok(())
    }
}

/// What kind of non-regular file a file type is.
fn special_kind(t: std::fs::FileType) -> Option<&'static str> {
    if t.is_file() {
        return None;
    }
    if t.is_dir() {
        return Some("a folder");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return Some("a FIFO (named pipe)");
        }
        if t.is_char_device() || t.is_block_device() {
            return Some("a device");
        }
        if t.is_socket() {
            return Some("a socket");
        }
    }
    Some("a special file")
}

/// Where writing `out` would go: refuses special files and dangling links, follows a link to a
/// regular file.
pub fn output_target(out: &Path) -> Result<OutputTarget, PlanIoError> {
    let meta = match std::fs::symlink_metadata(out) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Ok(OutputTarget { path: out.to_path_buf(), via_link: None })
        }
        Err(e) => return Err(PlanIoError::Write { path: out.into(), source: e }),
    };
    if meta.file_type().is_symlink() {
        let Ok(target_meta) = std::fs::metadata(out) else {
            return Err(PlanIoError::DanglingLink(out.into()));
        };
        if let Some(kind) = special_kind(target_meta.file_type()) {
            return Err(PlanIoError::Special { path: out.into(), kind });
        }
        let target = std::fs::canonicalize(out).map_err(|e| PlanIoError::Write { path: out.into(), source: e })?;
        return Ok(OutputTarget { path: target, via_link: Some(out.to_path_buf()) });
    }
    if let Some(kind) = special_kind(meta.file_type()) {
        return Err(PlanIoError::Special { path: out.into(), kind });
    }
    Ok(OutputTarget { path: out.to_path_buf(), via_link: None })
}

// --- writing -------------------------------------------------------------------------------------

fn folder_of(path: &Path) -> &Path {
    path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."))
}

fn temp_name(name: &str, pid: u32) -> String {
    format!(".{name}.{pid}.tmp")
}

/// The process id in a temporary's name `.NAME.<pid>.tmp`, if it is one.
fn temp_pid(file_name: &str) -> Option<u32> {
    let rest = file_name.strip_prefix('.')?.strip_suffix(".tmp")?;
    let (name, pid) = rest.rsplit_once('.')?;
    if name.is_empty() || pid.is_empty() || !pid.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    pid.parse().ok()
}

/// Whether a process is running (Linux: `/proc/<pid>`; elsewhere every process is assumed to
/// be, so nothing is removed that might be in use).
fn process_alive(pid: u32) -> bool {
    if pid == std::process::id() {
        return true;
    }
    if cfg!(target_os = "linux") && Path::new("/proc/self").exists() {
        Path::new(&format!("/proc/{pid}")).exists()
    } else {
        true
    }
}

/// Removes temporaries a killed run left in `dir`: regular files `.NAME.<pid>.tmp`, and set
/// folders of that name holding only regular files, whose process is gone. Returns what was
/// removed. Nothing else is touched.
pub fn clean_stale_temporaries(dir: &Path) -> Vec<PathBuf> {
    let mut removed = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return removed;
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok()).map(|e| e.path()).collect();
    paths.sort();
    for p in paths {
        let Some(name) = p.file_name().and_then(|n| n.to_str()) else { continue };
        let Some(pid) = temp_pid(name) else { continue };
        if process_alive(pid) {
            continue;
        }
        let Ok(meta) = std::fs::symlink_metadata(&p) else { continue };
        if meta.is_file() {
            if std::fs::remove_file(&p).is_ok() {
                removed.push(p);
            }
        } else if meta.is_dir() {
            let only_files = std::fs::read_dir(&p)
                .map(|rd| rd.filter_map(|e| e.ok()).all(|e| e.file_type().is_ok_and(|t| t.is_file())))
                .unwrap_or(false);
            if only_files && std::fs::remove_dir_all(&p).is_ok() {
                removed.push(p);
            }
        }
    }
    removed
}

fn write_synced(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut f = std::fs::OpenOptions::new().write(true).create_new(true).open(path)?;
    f.write_all(bytes)?;
    f.sync_all()
}

/// Writes `bytes` to `path` atomically: a temporary `.NAME.<pid>.tmp` beside it, synced, then
/// renamed over it, so a failed or killed run never leaves a half-written output and the old
/// file stays as it was until the new one is complete. `path` should come from
/// [`OutputGuard::output`] (a symbolic link resolved to its target).
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), PlanIoError> {
    let dir = folder_of(path);
    let werr = |source| PlanIoError::Write { path: path.into(), source };
    std::fs::create_dir_all(dir).map_err(werr)?;
    clean_stale_temporaries(dir);
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "out".into());
    let tmp = dir.join(temp_name(&name, std::process::id()));
    let _ = std::fs::remove_file(&tmp);
    let result = write_synced(&tmp, bytes).and_then(|_| std::fs::rename(&tmp, path));
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result.map_err(werr)
}

/// Writes a set of files into `dir` as a whole: every member goes into a temporary folder
/// first; only when all are written are they moved into place (into a `dir` that does not
/// exist yet, the temporary folder is renamed to it in one step). Then files of `dir` for which
/// `stale` holds and that are not members (an earlier, larger set's `plan-5.json`) are removed.
/// A failure before the move leaves `dir` exactly as it was. Returns the members' paths.
pub fn write_set(
    dir: &Path,
    set_name: &str,
    members: &[(String, Vec<u8>)],
    stale: &dyn Fn(&Path) -> bool,
) -> Result<Vec<PathBuf>, PlanIoError> {
    let pid = std::process::id();
    let werr = |path: &Path| {
        let path = path.to_path_buf();
        move |source| PlanIoError::Write { path, source }
    };
    let fill = |tmp: &Path| -> Result<(), PlanIoError> {
        let _ = std::fs::remove_dir_all(tmp);
        std::fs::create_dir(tmp).map_err(werr(tmp))?;
        for (name, bytes) in members {
            write_synced(&tmp.join(name), bytes).map_err(werr(&tmp.join(name)))?;
        }
        Ok(())
    };
    let paths: Vec<PathBuf> = members.iter().map(|(n, _)| dir.join(n)).collect();
    if !dir.exists() {
        let parent = folder_of(dir);
        std::fs::create_dir_all(parent).map_err(werr(parent))?;
        clean_stale_temporaries(parent);
        let name = dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| set_name.into());
        let tmp = parent.join(temp_name(&name, pid));
        let result = fill(&tmp).and_then(|_| std::fs::rename(&tmp, dir).map_err(werr(dir)));
        if result.is_err() {
            let _ = std::fs::remove_dir_all(&tmp);
        }
        return result.map(|_| paths);
    }
    clean_stale_temporaries(dir);
    let tmp = dir.join(temp_name(set_name, pid));
    if let Err(e) = fill(&tmp) {
        let _ = std::fs::remove_dir_all(&tmp);
        return Err(e);
    }
    for ((name, _), path) in members.iter().zip(&paths) {
        // A member that is a symbolic link is written through, like a single output.
        let target = output_target(path)?.path;
        if let Err(e) = std::fs::rename(tmp.join(name), &target) {
            let _ = std::fs::remove_dir_all(&tmp);
            return Err(PlanIoError::Write { path: path.clone(), source: e });
        }
    }
    let _ = std::fs::remove_dir_all(&tmp);
    if let Ok(entries) = std::fs::read_dir(dir) {
        let mut old: Vec<PathBuf> = entries
            .filter_map(|e| e.ok())
            .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
            .map(|e| e.path())
            .filter(|p| !paths.contains(p) && stale(p))
            .collect();
        old.sort();
        for p in old {
            std::fs::remove_file(&p).map_err(werr(&p))?;
        }
    }
    Ok(paths)
}

/// The file of member `rank` of a set of plans named after `out` (`plan.json` →
/// `plan-2.json`).
pub fn set_member_path(out: &Path, rank: usize) -> PathBuf {
    let stem = out.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "plan".into());
    out.with_file_name(format!("{stem}-{rank}.json"))
}

/// Whether `path` is a member of a set of plans named after `out` (`plan-<n>.json`) *and* is a
/// rotaplan plan (its JSON says `"format": "rotaplan-plan/…"`): only such files are removed as
/// stale members of an earlier set.
pub fn is_our_set_member(out: &Path, path: &Path) -> bool {
    let stem = out.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "plan".into());
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else { return false };
    let Some(n) = name.strip_prefix(&format!("{stem}-")).and_then(|r| r.strip_suffix(".json")) else {
        return false;
    };
    if n.is_empty() || !n.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let Ok(bytes) = std::fs::read(path) else { return false };
    let Ok(v) = serde_json::from_slice::<serde_json::Value>(&bytes) else { return false };
    v.get("format").and_then(|f| f.as_str()).is_some_and(|f| f.starts_with("rotaplan-plan/"))
}

// --- runs and sets -------------------------------------------------------------------------------

/// The id of a run: the sha256 of what determines its plans (inputs, milestone, settings and
/// pins of the first plan, and the set request), so the same command on the same inputs gives
/// the same id and byte-identical files.
pub fn run_id(first: &Plan, request: &serde_json::Value) -> String {
    let mut settings = first.settings.clone();
    settings.emphasis = None;
    let key = serde_json::json!({
        "scenario": first.scenario.sha256,
        "policy": first.policy.sha256,
        "milestone": first.milestone,
        "settings": settings,
        "request": request,
        "rotaplan": first.rotaplan_version,
    });
    crate::model::load::sha256_hex(key.to_string().as_bytes())
}

/// Marks each plan of a set (in rank order) with its run, place and the set's size.
pub fn mark_set(plans: &mut [Plan], id: &str) {
    let size = plans.len();
    for (k, p) in plans.iter_mut().enumerate() {
        p.run = Some(RunRef { id: id.to_string(), index: k + 1, size });
    }
}

/// How plans given together differ in origin, for a warning.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Provenance {
    /// Groups of plan labels by run id (only when there is more than one run), in first-seen
    /// order: (short run id, labels).
    pub runs: Vec<(String, Vec<String>)>,
    /// Groups of plan labels by scenario sha256 (only when there is more than one).
    pub scenarios: Vec<(String, Vec<String>)>,
}

/// Groups labelled plans by run and by scenario; a group list is empty when all agree. Plans
/// without a run record (hand-drafted ones) or without a scenario digest are left out.
pub fn provenance(plans: &[(String, &Plan)]) -> Provenance {
    fn group(items: impl Iterator<Item = (String, String)>) -> Vec<(String, Vec<String>)> {
        let mut out: Vec<(String, Vec<String>)> = Vec::new();
        for (key, label) in items {
            match out.iter_mut().find(|(k, _)| *k == key) {
                Some((_, v)) => v.push(label),
                None => out.push((key, vec![label])),
            }
        }
        if out.len() > 1 {
            out
        } else {
            Vec::new()
        }
    }
    let short = |s: &str| s.chars().take(12).collect::<String>();
    Provenance {
        runs: group(plans.iter().filter_map(|(l, p)| p.run.as_ref().map(|r| (short(&r.id), l.clone())))),
        scenarios: group(
            plans
                .iter()
                .filter(|(_, p)| !p.scenario.sha256.is_empty())
                .map(|(l, p)| (short(&p.scenario.sha256), l.clone())),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_are_neutralised_and_read_back() {
        for risky in ["=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx", "=1"] {
            let safe = neutralise_cell(risky);
            assert_eq!(safe, format!("'{risky}"));
            assert_eq!(unneutralise_cell(&safe), risky);
        }
        for plain in ["C000123", "Nguyễn Thị Lan", "-3", "-0.5", "", "a=b", "'quoted"] {
            assert_eq!(neutralise_cell(plain), plain);
            assert_eq!(unneutralise_cell(&neutralise_cell(plain)), plain);
        }
        // a cell that starts with the quote before a formula character round-trips too
        let tricky = "'=x";
        assert_eq!(unneutralise_cell(&neutralise_cell(tricky)), tricky);
    }

    #[test]
    fn plan_files_of_another_format_or_shape_are_refused_with_their_place() {
        let p = Path::new("p.json");
        let e = parse_plan(p, r#"{"format": "rotaplan-plan/9", "whatever": 1}"#).unwrap_err();
        assert!(matches!(e, PlanIoError::Format { .. }), "{e}");
        assert!(e.to_string().contains("reads 'rotaplan-plan/1' only"), "{e}");
        let e = parse_plan(p, "{\n  \"format\": \"rotaplan-plan/1\",\n  \"bogus\": 1\n}").unwrap_err();
        assert!(e.to_string().contains("unknown field `bogus`") && e.to_string().contains("line 3"), "{e}");
        let e = parse_plan(p, r#"{"posts": []}"#).unwrap_err();
        assert!(e.to_string().contains("no \"format\""), "{e}");
        assert!(parse_plan(p, r#"{"format": "rotaplan-plan/1"}"#).is_ok());
        assert!(e.is_bad_input());
    }

    #[test]
    fn temporary_names_are_recognised() {
        assert_eq!(temp_pid(".plan.json.1234.tmp"), Some(1234));
        assert_eq!(temp_pid(".plan-set.99.tmp"), Some(99));
        for not in ["plan.json", ".plan.json.tmp", ".1234.tmp", ".plan.json.12a.tmp", "x.plan.json.1.tmp"] {
            assert_eq!(temp_pid(not), None, "{not}");
        }
    }

    #[test]
    fn stale_temporaries_of_dead_processes_are_removed_only() {
        let dir = tempfile::tempdir().unwrap();
        // pid 0 is never a user process; our own pid is alive
        let dead = dir.path().join(".plan.json.0.tmp");
        let mine = dir.path().join(format!(".plan.json.{}.tmp", std::process::id()));
        let user = dir.path().join(".notes.tmp");
        for p in [&dead, &mine, &user] {
            std::fs::write(p, "x").unwrap();
        }
        let set = dir.path().join(".plan-set.0.tmp");
        std::fs::create_dir(&set).unwrap();
        std::fs::write(set.join("plan-1.json"), "{}").unwrap();
        let nested = dir.path().join(".keep.0.tmp");
        std::fs::create_dir_all(nested.join("sub")).unwrap();
        if !cfg!(target_os = "linux") {
            return;
        }
        let removed = clean_stale_temporaries(dir.path());
        assert_eq!(removed, vec![set.clone(), dead.clone()]);
        assert!(mine.exists() && user.exists() && nested.exists());
    }
}
