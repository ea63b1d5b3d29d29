//! Loading the two inputs, a scenario (a JSON file or a folder) and a policy (TOML), into the
//! model types, with every problem reported at once and located in the file.
//!
//! Why not `serde_json::from_str::<RawScenario>`: serde stops at the first error, and a planner
//! fixing a 3,000-row roster should not have to run the tool 40 times. So a document is parsed
//! to a generic value first (a syntax error is one located diagnostic), then each top-level
//! field and each item of the big lists is deserialised on its own. Inside an item, a failed
//! field is removed and deserialisation retried, so every bad field of an item is reported too
//! (the "missing field" that the removal itself causes is not). Semantic validation
//! (`validate`) then runs over whatever parsed, and `locate` turns paths back into lines,
//! columns and CSV rows.
//!
//! Text must be UTF-8 (a byte-order mark is accepted and dropped); names are normalised to
//! Unicode NFC so that "Nguyễn" typed on two keyboards is one name.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::Path;

use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

use super::date::Date;
use super::diag::{Diagnostic, Location};
use super::enums::*;
use super::locate::{path_string, LineIndex, Seg, SourceMap, TextIndex};
use super::policy::*;
use super::raw::*;
use super::scenario::Scenario;
use super::validate::{
    cross_issues, file_location, placeholder_raw, policy_issues, scenario_issues, sort_diagnostics, suggest, Broken,
    Draft, Issue, Orig, ALL_BROKEN, TOP_FIELDS,
};

/// A successfully loaded input: its value, the SHA-256 of its bytes, and the warnings found.
#[derive(Clone, Debug)]
pub struct Loaded<T> {
    /// The value.
    pub value: T,
    /// SHA-256 (hex) of the file's bytes; for a CSV folder, of its CSV files' sorted names and
    /// contents.
    pub digest: String,
    /// Problems that do not stop the input from being used.
    pub warnings: Vec<Diagnostic>,
}

/// Everything a run needs, validated: the scenario (raw and resolved), the policy, their
/// digests and the warnings.
#[derive(Clone, Debug)]
pub struct Inputs {
    /// The scenario as written.
    pub raw: RawScenario,
    /// The scenario resolved and indexed.
    pub scenario: Scenario,
    /// The policy, when one was given.
    pub policy: Option<Policy>,
    /// Digest of the scenario input.
    pub scenario_digest: String,
    /// Digest of the policy file.
    pub policy_digest: Option<String>,
    /// Warnings from both inputs and their cross-check, sorted.
    pub warnings: Vec<Diagnostic>,
}

/// Loads and validates a scenario: a JSON file, or a folder holding `scenario.json` or the CSV
/// files. `Err` holds every diagnostic (errors and warnings), sorted.
pub fn load_scenario(path: &Path) -> Result<Loaded<RawScenario>, Vec<Diagnostic>> {
    let parsed = parse_scenario(path);
    let mut diags = parsed.diags;
    if let Some(d) = &parsed.draft {
        diags.extend(scenario_issues(d).into_iter().map(|i| i.locate(&parsed.source)));
    }
    finish(diags, parsed.draft.map(|d| d.raw), parsed.digest)
}

/// Loads a policy (TOML) and runs its own checks (`Policy::problems()`). `Err` holds every
/// diagnostic, sorted.
pub fn load_policy(path: &Path) -> Result<Loaded<Policy>, Vec<Diagnostic>> {
    let parsed = parse_policy(path);
    let mut diags = parsed.problem_diagnostics();
    diags.extend(parsed.diags);
    finish(diags, parsed.policy, parsed.digest)
}

fn finish<T>(
    mut diags: Vec<Diagnostic>,
    value: Option<T>,
    digest: Option<String>,
) -> Result<Loaded<T>, Vec<Diagnostic>> {
    sort_diagnostics(&mut diags);
    match (value, digest) {
        (Some(value), Some(digest)) if !diags.iter().any(|d| d.is_error()) => {
            Ok(Loaded { value, digest, warnings: diags })
        }
        _ => Err(diags),
    }
}

/// Loads a scenario and (optionally) a policy, runs every check including the cross-check of
/// the policy against the scenario, and resolves the scenario. `Err` holds every diagnostic
/// (errors and warnings), sorted by file and position.
pub fn load_inputs(scenario: &Path, policy: Option<&Path>) -> Result<Inputs, Vec<Diagnostic>> {
    load_inputs_from(scenario, policy.map(PolicySource::File))
}

/// [`load_inputs`] with the policy from a file or built in.
pub fn load_inputs_from(scenario: &Path, policy: Option<PolicySource<'_>>) -> Result<Inputs, Vec<Diagnostic>> {
    let sp = parse_scenario(scenario);
    let scenario_whole = !sp.diags.iter().any(Diagnostic::is_error);
    let mut diags = sp.diags;
    if let Some(d) = &sp.draft {
        diags.extend(scenario_issues(d).into_iter().map(|i| i.locate(&sp.source)));
    }
    let pp = policy.map(parse_policy_from);
    let mut policy_value = None;
    let mut policy_digest = None;
    if let Some(pp) = pp {
        diags.extend(pp.problem_diagnostics());
        diags.extend(pp.diags);
        if let Some(pol) = &pp.policy {
            if let Some(d) = sp.draft.as_ref().filter(|_| scenario_whole) {
                diags.extend(cross_issues(&d.raw, pol).into_iter().map(|i| i.locate(&pp.source)));
            }
        }
        policy_value = pp.policy;
        policy_digest = pp.digest;
    }
    sort_diagnostics(&mut diags);
    let (Some(draft), Some(scenario_digest)) = (sp.draft, sp.digest) else {
        return Err(diags);
    };
    if diags.iter().any(|d| d.is_error()) || (policy.is_some() && (policy_value.is_none() || policy_digest.is_none())) {
        return Err(diags);
    }
    let resolved = match Scenario::resolve(&draft.raw) {
        Ok(s) => s,
        Err(m) => {
            diags.push(
                Diagnostic::error(
                    "internal",
                    file_location(sp.source.file()),
                    format!("the scenario passed validation but cannot be resolved: {m}"),
                )
                .with_hint("this is a bug in rotaplan's validation; please report it with the file"),
            );
            return Err(diags);
        }
    };
    // every rule cites the clause in force on the plan date
    let policy_value = policy_value.map(|p| p.in_force_on(resolved.plan_date));
    Ok(Inputs {
        raw: draft.raw,
        scenario: resolved,
        policy: policy_value,
        scenario_digest,
        policy_digest,
        warnings: diags,
    })
}

/// A scenario parsed as far as it goes.
pub(crate) struct ScenarioParse {
    /// What parsed (absent when nothing could be read).
    pub draft: Option<Draft>,
    /// Parse diagnostics (syntax, shape, encoding), located.
    pub diags: Vec<Diagnostic>,
    /// How to locate semantic issues.
    pub source: SourceMap,
    /// Digest of the input, when it could be read.
    pub digest: Option<String>,
}

/// Parses a scenario file or folder without semantic validation.
pub(crate) fn parse_scenario(path: &Path) -> ScenarioParse {
    if path.is_dir() {
        let json = path.join("scenario.json");
        if json.is_file() {
            parse_json_file(&json)
        } else {
            super::csvio::parse_csv_folder(path)
        }
    } else if super::xlsx::is_workbook(path) {
        super::xlsx::parse_workbook(path)
    } else {
        parse_json_file(path)
    }
}

fn parse_json_file(path: &Path) -> ScenarioParse {
    let shown = path.display().to_string();
    let (text, bytes) = match read_text(path, &shown) {
        Ok(x) => x,
        Err(d) => {
            return ScenarioParse { draft: None, diags: vec![*d], source: SourceMap::plain(&shown), digest: None }
        }
    };
    let digest = sha256_hex(&bytes);
    let (draft, diags, source) = parse_json_scenario(&shown, text);
    ScenarioParse { draft, diags, source, digest: Some(digest) }
}

/// SHA-256 of bytes, as lowercase hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    let mut h = Sha256::new();
    h.update(bytes);
    format!("{:x}", h.finalize())
}

/// Reads a file as UTF-8 text (without its byte-order mark); returns the text and the raw
/// bytes (for the digest).
///
/// A path that does not exist is bad input (`not-found`: the user typed a wrong path, exit 2);
/// a file that exists but cannot be read (permission denied, a folder where a file is
/// expected, a device error) is an I/O error (`io-error`, exit 3).
pub(crate) fn read_text(path: &Path, shown: &str) -> Result<(String, Vec<u8>), Box<Diagnostic>> {
    let bytes = read_file(path, shown)?;
    let text = decode(&bytes, shown)?;
    Ok((text, bytes))
}

/// Reads a file's bytes, with the diagnostic `read_text` describes.
pub(crate) fn read_file(path: &Path, shown: &str) -> Result<Vec<u8>, Box<Diagnostic>> {
    let result =
        if path.is_dir() { Err(std::io::Error::other("it is a folder, not a file")) } else { std::fs::read(path) };
    result.map_err(|e| {
        let d = if e.kind() == std::io::ErrorKind::NotFound {
            Diagnostic::error("not-found", file_location(shown), format!("cannot read {shown}: no such file or folder"))
                .with_hint("check the path")
        } else if e.kind() == std::io::ErrorKind::PermissionDenied {
            Diagnostic::error("io-error", file_location(shown), format!("cannot read {shown}: permission denied"))
                .with_hint("give the user running rotaplan permission to read it (chmod, or ask its owner)")
        } else if path.is_dir() {
            Diagnostic::error(
                "io-error",
                file_location(shown),
                format!("cannot read {shown}: it is a folder, not a file"),
            )
            .with_hint("name the file inside the folder")
        } else {
            Diagnostic::error("io-error", file_location(shown), format!("cannot read {shown}: {e}"))
                .with_hint("check that the file exists and can be read")
        };
        Box::new(d)
    })
}

/// UTF-8 with or without BOM; anything else is a located error, never a panic.
pub(crate) fn decode(bytes: &[u8], shown: &str) -> Result<String, Box<Diagnostic>> {
    const SAVE: &str =
        "save the file as UTF-8: in Excel choose \"CSV UTF-8\", in LibreOffice the character set \"Unicode (UTF-8)\"";
    if bytes.starts_with(&[0xFF, 0xFE, 0, 0]) || bytes.starts_with(&[0, 0, 0xFE, 0xFF]) {
        return Err(Box::new(
            Diagnostic::error("bad-encoding", file_location(shown), "the file is UTF-32, not UTF-8").with_hint(SAVE),
        ));
    }
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(Box::new(
            Diagnostic::error("bad-encoding", file_location(shown), "the file is UTF-16, not UTF-8").with_hint(SAVE),
        ));
    }
    let body = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    match std::str::from_utf8(body) {
        Ok(s) => Ok(s.to_string()),
        Err(e) => {
            let good = &body[..e.valid_up_to()];
            let prefix = std::str::from_utf8(good).unwrap_or("");
            let (line, column) = LineIndex::new(prefix).position(prefix, prefix.len());
            let byte = body.get(e.valid_up_to()).copied().unwrap_or(0);
            Err(Box::new(Diagnostic::error(
                "bad-encoding",
                Location { file: shown.to_string(), line: Some(line), column: Some(column), ..Default::default() },
                format!("the file is not valid UTF-8 (byte 0x{byte:02X}); Vietnamese text in another encoding such as Windows-1258 cannot be read"),
            )
            .with_hint(SAVE)))
        }
    }
}

fn strip_json_position(msg: &str) -> String {
    match msg.rfind(" at line ") {
        Some(i) => msg[..i].to_string(),
        None => msg.to_string(),
    }
}

/// Parses scenario JSON text: a syntax error is one diagnostic; otherwise every item is
/// deserialised on its own.
pub(crate) fn parse_json_scenario(file: &str, text: String) -> (Option<Draft>, Vec<Diagnostic>, SourceMap) {
    let value: Value = match serde_json::from_str(&text) {
        Ok(v) => v,
        Err(e) => {
            let lines = LineIndex::new(&text);
            let offset = lines.offset_of_byte_column(&text, e.line(), e.column());
            let hint = if e.is_eof() {
                "the file ends too early: a bracket, brace or quote is not closed"
            } else {
                "check the punctuation there: commas between items, none after the last, double quotes around text"
            };
            let source = SourceMap::json(file, text);
            let message = strip_json_position(&e.to_string()).replace('`', "'");
            let d = Diagnostic::error("json-syntax", source.at_offset(offset), message).with_hint(hint);
            return (None, vec![d], source);
        }
    };
    let source = SourceMap::json(file, text);
    let mut issues = Vec::new();
    if let Some(index) = source.json_index() {
        for (path, _) in &index.duplicate_keys {
            let key = path.rsplit('.').next().unwrap_or(path);
            issues.push(
                Issue::error("duplicate-key", path.clone(), format!("key '{key}' appears twice in the same object"))
                    .at_key()
                    .hint("only the last one would count: remove one of them"),
            );
        }
    }
    let draft = scenario_from_value(value, &mut issues);
    let diags = issues.into_iter().map(|i| i.locate(&source)).collect();
    (draft, diags, source)
}

const LISTS: [&str; 5] = ["localities", "units", "teams", "posts", "cadres"];

fn scenario_from_value(value: Value, issues: &mut Vec<Issue>) -> Option<Draft> {
    let Value::Object(mut top) = value else {
        issues.push(
            Issue::error("wrong-type", "", format!("a scenario file holds one JSON object, not {}", kind_of(&value)))
                .hint(format!("start the file with {{ \"format\": \"{SCENARIO_FORMAT}\", ...")),
        );
        return None;
    };
    let mut lists: BTreeMap<&str, Vec<Value>> = BTreeMap::new();
    for name in LISTS {
        if let Some(Value::Array(items)) = top.get_mut(name) {
            lists.insert(name, std::mem::take(items));
        }
    }
    let skeleton = Value::Object(top.clone());
    let head: Option<RawScenario> = deserialize_all(skeleton, &[], &[], issues);
    let mut parsed: BTreeSet<&'static str> = BTreeSet::new();
    let mut raw = match head {
        Some(h) => {
            parsed.extend(TOP_FIELDS);
            h
        }
        None => {
            // Salvage the header fields that are fine on their own, so the checks that need
            // them still run.
            let mut raw = placeholder_raw();
            let get = |k: &str| top.get(k);
            if let Some(v) = get("format").and_then(|v| String::deserialize(v).ok()) {
                raw.format = v;
                parsed.insert("format");
            }
            if let Some(v) = get("name").and_then(|v| String::deserialize(v).ok()) {
                raw.name = v;
                parsed.insert("name");
            }
            if let Some(v) = get("plan_date").and_then(|v| Date::deserialize(v).ok()) {
                raw.plan_date = v;
                parsed.insert("plan_date");
            }
            if let Some(v) = get("term").and_then(|v| Term::deserialize(v).ok()) {
                raw.term = v;
                parsed.insert("term");
            }
            for name in LISTS {
                if lists.contains_key(name) {
                    parsed.insert(name);
                }
            }
            raw
        }
    };
    let mut orig = Orig::default();
    let mut broken = Broken::default();
    for name in LISTS {
        if !lists.contains_key(name) && (name != "teams" || top.contains_key("teams")) {
            let set = match name {
                "localities" => &mut broken.localities,
                "units" => &mut broken.units,
                "teams" => &mut broken.teams,
                "posts" => &mut broken.posts,
                _ => &mut broken.cadres,
            };
            set.insert(ALL_BROKEN.to_string());
        }
    }
    fn items<T: DeserializeOwned>(
        name: &str,
        list: Option<Vec<Value>>,
        out: &mut Vec<T>,
        orig: &mut Vec<usize>,
        broken: &mut BTreeSet<String>,
        issues: &mut Vec<Issue>,
    ) {
        out.clear();
        for (i, item) in list.into_iter().flatten().enumerate() {
            let id = item.get("id").and_then(|v| v.as_str()).map(str::to_string);
            match deserialize_all::<T>(item, &[Seg::Key(name.to_string()), Seg::Index(i)], &[], issues) {
                Some(x) => {
                    out.push(x);
                    orig.push(i);
                }
                None => {
                    if let Some(id) = id {
                        broken.insert(id);
                    }
                }
            }
        }
    }
    items(
        "localities",
        lists.remove("localities"),
        &mut raw.localities,
        &mut orig.localities,
        &mut broken.localities,
        issues,
    );
    items("units", lists.remove("units"), &mut raw.units, &mut orig.units, &mut broken.units, issues);
    items("teams", lists.remove("teams"), &mut raw.teams, &mut orig.teams, &mut broken.teams, issues);
    items("posts", lists.remove("posts"), &mut raw.posts, &mut orig.posts, &mut broken.posts, issues);
    items("cadres", lists.remove("cadres"), &mut raw.cadres, &mut orig.cadres, &mut broken.cadres, issues);
    Some(Draft { raw, orig, broken, parsed })
}

fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// What serde said, sorted into the kinds we explain differently.
enum SerdeError {
    UnknownField(String, Vec<String>),
    UnknownVariant(String, Vec<String>),
    MissingField(String),
    WrongType,
    BadDate,
    Other,
}

/// The text between backticks, in order.
fn ticks(msg: &str) -> Vec<String> {
    msg.split('`').skip(1).step_by(2).map(str::to_string).collect()
}

impl SerdeError {
    fn of(msg: &str) -> Self {
        let t = ticks(msg);
        let first = t.first().cloned().unwrap_or_default();
        let rest = t.get(1..).map(<[String]>::to_vec).unwrap_or_default();
        if msg.starts_with("unknown field") {
            SerdeError::UnknownField(first, rest)
        } else if msg.starts_with("unknown variant") {
            SerdeError::UnknownVariant(first, rest)
        } else if msg.starts_with("missing field") {
            SerdeError::MissingField(first)
        } else if msg.starts_with("invalid type") {
            SerdeError::WrongType
        } else if msg.contains("is not a date") {
            SerdeError::BadDate
        } else {
            SerdeError::Other
        }
    }
}

/// Maps a code or alias to its canonical code.
type Canon = fn(&str) -> Option<&'static str>;

/// A closed vocabulary as serde lists it in "expected one of" (codes and aliases).
struct VocabInfo {
    codes: Vec<&'static str>,
    all: Vec<&'static str>,
    canon: Canon,
}

fn vocab<V: Vocabulary>() -> VocabInfo {
    let mut all = Vec::new();
    for v in V::ALL {
        all.push(v.code());
        all.extend(v.aliases());
    }
    VocabInfo { codes: V::codes(), all, canon: |s| V::parse_code(s).map(|v| v.code()) }
}

fn vocab_of(expected: &[String]) -> Option<VocabInfo> {
    [
        vocab::<Level>(),
        vocab::<LocalityKind>(),
        vocab::<UnitKind>(),
        vocab::<Role>(),
        vocab::<Rating>(),
        vocab::<DegreeClass>(),
        vocab::<EducationLevel>(),
        vocab::<Field>(),
        vocab::<Gender>(),
        vocab::<Management>(),
        vocab::<TeamKind>(),
    ]
    .into_iter()
    .find(|v| v.all.len() == expected.len() && v.all.iter().all(|a| expected.iter().any(|e| e == a)))
}

/// The field a value belongs to: the last key of its path (`planned_roles` for
/// `general.planned_roles[3]`).
fn field_of(path: &[Seg]) -> String {
    path.iter()
        .rev()
        .find_map(|s| match s {
            Seg::Key(k) => Some(k.clone()),
            Seg::Index(_) => None,
        })
        .unwrap_or_else(|| "the document".into())
}

fn issue_of(err: &SerdeError, msg: &str, path: &[Seg], extra_known: &[&str]) -> Issue {
    let p = path_string(path);
    let quoted = msg.replace('`', "'");
    match err {
        SerdeError::UnknownField(f, expected) => {
            let known = expected.iter().map(String::as_str).chain(extra_known.iter().copied());
            let hint = suggest(f, known)
                .or_else(|| (!expected.is_empty()).then(|| format!("expected one of: {}", expected.join(", "))));
            Issue::error("unknown-field", p, format!("unknown field '{f}'"))
                .at_key()
                .maybe_hint(hint.or_else(|| Some("this object takes no fields".into())))
        }
        SerdeError::UnknownVariant(v, expected) => {
            let field = field_of(path);
            let (codes, canon): (Vec<&str>, Option<Canon>) = match vocab_of(expected) {
                Some(info) => (info.codes.clone(), Some(info.canon)),
                None => (expected.iter().map(String::as_str).collect(), None),
            };
            let guess = super::diag::did_you_mean(v, expected.iter().map(String::as_str))
                .map(|g| canon.and_then(|c| c(g)).unwrap_or(g).to_string());
            let list = format!("expected one of: {}", codes.join(", "));
            let hint = match guess {
                Some(g) => format!("did you mean '{g}'? {list}"),
                None => list,
            };
            Issue::error("unknown-value", p, format!("unknown value '{v}' for {field}")).hint(hint)
        }
        SerdeError::MissingField(f) => {
            let mut full = path.to_vec();
            full.push(Seg::Key(f.clone()));
            let owner = if path.is_empty() { "the document".to_string() } else { p.clone() };
            Issue::error("missing-field", path_string(&full), format!("missing field '{f}'"))
                .hint(format!("{owner} needs a '{f}' field"))
        }
        SerdeError::WrongType => {
            let found_text = quoted.starts_with("invalid type: string");
            let hint = if found_text
                && ["expected f64", "expected u8", "expected u32", "expected i32", "expected i64", "expected u64"]
                    .iter()
                    .any(|e| quoted.contains(e))
            {
                Some("write the number without quotes")
            } else if quoted.contains("expected a string") {
                Some("put text in double quotes")
            } else if quoted.contains("expected a sequence") {
                Some("write a list in square brackets, e.g. [\"a\", \"b\"]")
            } else if quoted.contains("expected a boolean") {
                Some("write true or false, without quotes")
            } else {
                None
            };
            Issue::error("wrong-type", p, quoted).maybe_hint(hint.map(str::to_string))
        }
        SerdeError::BadDate => {
            let text = quoted.split('\'').nth(1).unwrap_or("");
            let shaped = text.len() == 10
                && text.char_indices().all(|(i, c)| if i == 4 || i == 7 { c == '-' } else { c.is_ascii_digit() });
            if shaped {
                Issue::error("bad-date", p, format!("'{text}' is not a date: there is no such day"))
                    .hint("check the day and the month; dates are written YYYY-MM-DD")
            } else {
                match quoted.split_once(": ") {
                    Some((m, h)) => Issue::error("bad-date", p, m.to_string()).hint(h.to_string()),
                    None => Issue::error("bad-date", p, quoted),
                }
            }
        }
        SerdeError::Other => Issue::error("bad-value", p, quoted),
    }
}

/// What the recovery loop removed, so later paths can be reported in the file's coordinates.
#[derive(Default)]
struct Removals {
    /// Original indices removed from each array (by the array's original path), sorted.
    arrays: HashMap<Vec<Seg>, Vec<usize>>,
    /// Fields removed from each object (by the object's original path).
    fields: HashSet<(Vec<Seg>, String)>,
}

impl Removals {
    fn to_orig(&self, cur: &[Seg]) -> Vec<Seg> {
        let mut o: Vec<Seg> = Vec::with_capacity(cur.len());
        for s in cur {
            match s {
                Seg::Key(k) => o.push(Seg::Key(k.clone())),
                Seg::Index(c) => {
                    let mut idx = *c;
                    if let Some(removed) = self.arrays.get(&o) {
                        for r in removed {
                            if *r <= idx {
                                idx += 1;
                            } else {
                                break;
                            }
                        }
                    }
                    o.push(Seg::Index(idx));
                }
            }
        }
        o
    }

    /// Removes the value at `cur` (whose original path is `orig`); false when there is no such
    /// value (then recovery stops).
    fn remove(&mut self, value: &mut Value, cur: &[Seg], orig: &[Seg]) -> bool {
        let Some((last, parent)) = cur.split_last() else {
            return false;
        };
        let mut v = value;
        for s in parent {
            v = match (s, v) {
                (Seg::Key(k), Value::Object(m)) => match m.get_mut(k) {
                    Some(x) => x,
                    None => return false,
                },
                (Seg::Index(i), Value::Array(a)) => match a.get_mut(*i) {
                    Some(x) => x,
                    None => return false,
                },
                _ => return false,
            };
        }
        let orig_parent = orig[..orig.len().saturating_sub(1)].to_vec();
        match (last, v) {
            (Seg::Key(k), Value::Object(m)) => {
                if m.shift_remove(k).is_none() {
                    return false;
                }
                self.fields.insert((orig_parent, k.clone()));
                true
            }
            (Seg::Index(i), Value::Array(a)) if *i < a.len() => {
                a.remove(*i);
                if let Some(Seg::Index(o)) = orig.last() {
                    let list = self.arrays.entry(orig_parent).or_default();
                    let at = list.partition_point(|x| x < o);
                    list.insert(at, *o);
                }
                true
            }
            _ => false,
        }
    }
}

/// Deserialises `T` from `value`, reporting every error: after each error the offending value
/// is removed and deserialisation retried. Paths are reported under `base`, in the file's
/// coordinates. `extra_known` adds field names to did-you-mean suggestions.
pub(crate) fn deserialize_all<T: DeserializeOwned>(
    mut value: Value,
    base: &[Seg],
    extra_known: &[&str],
    out: &mut Vec<Issue>,
) -> Option<T> {
    let mut removed = Removals::default();
    for _ in 0..10_000 {
        let err = match serde_path_to_error::deserialize::<_, T>(&value) {
            Ok(t) => return Some(t),
            Err(e) => e,
        };
        let mut cur: Vec<Seg> = err
            .path()
            .iter()
            .filter_map(|s| match s {
                serde_path_to_error::Segment::Seq { index } => Some(Seg::Index(*index)),
                serde_path_to_error::Segment::Map { key } => Some(Seg::Key(key.clone())),
                _ => None,
            })
            .collect();
        let msg = err.inner().to_string();
        let kind = SerdeError::of(&msg);
        if let SerdeError::UnknownField(f, _) = &kind {
            // Inside internally tagged enums serde loses the path below the enum.
            if cur.last() != Some(&Seg::Key(f.clone())) {
                cur.push(Seg::Key(f.clone()));
            }
        }
        let orig = removed.to_orig(&cur);
        if let SerdeError::UnknownField(f, expected) = &kind {
            // A misspelt field: the field it was meant to be will be reported missing next;
            // the did-you-mean of this error already says so.
            let known = expected.iter().map(String::as_str).chain(extra_known.iter().copied());
            if let Some(meant) = super::diag::did_you_mean(f, known) {
                removed.fields.insert((orig[..orig.len().saturating_sub(1)].to_vec(), meant.to_string()));
            }
        }
        let suppressed = match &kind {
            SerdeError::MissingField(f) => removed.fields.contains(&(orig.clone(), f.clone())),
            _ => false,
        };
        if !suppressed {
            let mut full = base.to_vec();
            full.extend(orig.iter().cloned());
            out.push(issue_of(&kind, &msg, &full, extra_known));
        }
        if cur.is_empty() || !removed.remove(&mut value, &cur, &orig) {
            return None;
        }
    }
    None
}

// --- policy -----------------------------------------------------------------------------------

/// A policy parsed as far as it goes.
pub(crate) struct PolicyParse {
    /// The policy, when every part of it parsed.
    pub policy: Option<Policy>,
    /// When some rules did not parse: the policy with the rules that did, and each kept rule's
    /// index in the file (so `problems()` can still run over them).
    pub partial: Option<(Policy, Vec<usize>)>,
    /// Parse diagnostics, located.
    pub diags: Vec<Diagnostic>,
    /// How to locate issues in the file.
    pub source: SourceMap,
    /// Digest of the file.
    pub digest: Option<String>,
}

/// The kinds of rule, for did-you-mean and for deserialising a rule's body on its own.
pub const RULE_KINDS: [&str; 9] = [
    "eligibility",
    "coverage",
    "team_mix",
    "tenure_cap",
    "rotation_quota",
    "preference",
    "vice_chair_cap",
    "same_level",
    "service_left",
];

/// Fields every rule has, whatever its kind.
const RULE_COMMON: [&str; 10] =
    ["id", "clause", "title_vi", "title_en", "enabled", "kind", "reads_vi", "provenance", "values", "clause_from"];

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleHead {
    id: String,
    clause: String,
    title_vi: String,
    title_en: String,
    #[serde(default = "yes")]
    enabled: bool,
    #[serde(default)]
    reads_vi: Option<String>,
    #[serde(default)]
    provenance: Option<crate::model::policy::Provenance>,
    #[serde(default)]
    values: std::collections::BTreeMap<String, crate::model::policy::ValueSource>,
    #[serde(default)]
    clause_from: Vec<crate::model::policy::DatedClause>,
}

fn yes() -> bool {
    true
}

/// Where a policy comes from: a file, or the policy built into the binary.
#[derive(Clone, Copy, Debug)]
pub enum PolicySource<'a> {
    /// A TOML file given with `--model`.
    File(&'a Path),
    /// The shipped policy built into the binary ([`SHIPPED_POLICY`]).
    BuiltIn,
}

/// Parses a policy file: syntax errors first (all of them), then every field and every rule on
/// its own.
pub(crate) fn parse_policy(path: &Path) -> PolicyParse {
    parse_policy_from(PolicySource::File(path))
}

/// [`parse_policy`] for either source.
pub(crate) fn parse_policy_from(source: PolicySource<'_>) -> PolicyParse {
    let read = match source {
        PolicySource::File(path) => {
            let shown = path.display().to_string();
            match read_text(path, &shown) {
                Ok((t, b)) => Ok((shown, t, b)),
                Err(d) => Err((shown, d)),
            }
        }
        PolicySource::BuiltIn => {
            Ok((SHIPPED_POLICY_NAME.to_string(), SHIPPED_POLICY.to_string(), SHIPPED_POLICY.as_bytes().to_vec()))
        }
    };
    let (shown, text, bytes) = match read {
        Ok(x) => x,
        Err((shown, d)) => {
            return PolicyParse {
                policy: None,
                partial: None,
                diags: vec![*d],
                source: SourceMap::plain(&shown),
                digest: None,
            }
        }
    };
    let digest = Some(sha256_hex(&bytes));
    let (parsed, diags, source) = parse_policy_text(&shown, text);
    let (policy, partial) = match parsed {
        Some((p, kept, true)) => {
            debug_assert_eq!(kept.len(), p.rules.len());
            (Some(p), None)
        }
        Some((p, kept, false)) => (None, Some((p, kept))),
        None => (None, None),
    };
    PolicyParse { policy, partial, diags, source, digest }
}

impl PolicyParse {
    /// `Policy::problems()` of the policy, or of the rules that parsed (their paths mapped back
    /// to the file; milestone checks are left out since they depend on the missing rules).
    pub fn problem_diagnostics(&self) -> Vec<Diagnostic> {
        if let Some(p) = &self.policy {
            return policy_issues(p).into_iter().map(|i| i.locate(&self.source)).collect();
        }
        let Some((p, kept)) = &self.partial else {
            return Vec::new();
        };
        policy_issues(p)
            .into_iter()
            .filter(|i| i.code != "unknown-milestone")
            .map(|mut i| {
                if let Some(rest) = i.path.strip_prefix("rule[") {
                    if let Some((k, tail)) = rest.split_once(']') {
                        if let Some(o) = k.parse::<usize>().ok().and_then(|k| kept.get(k)) {
                            i.path = format!("rule[{o}]{tail}");
                        }
                    }
                }
                i.locate(&self.source)
            })
            .collect()
    }
}

/// A policy with the rules that parsed, their indices in the file, and whether it is whole.
type PolicyDraft = (Policy, Vec<usize>, bool);

/// Parses policy TOML text.
pub(crate) fn parse_policy_text(file: &str, text: String) -> (Option<PolicyDraft>, Vec<Diagnostic>, SourceMap) {
    let (index, syntax) = {
        let (root, errors) = toml::de::DeTable::parse_recoverable(&text);
        let offsets: Vec<(usize, String)> =
            errors.iter().map(|e| (e.span().map(|s| s.start).unwrap_or(0), e.message().to_string())).collect();
        (TextIndex::toml(&root), offsets)
    };
    if !syntax.is_empty() {
        let source = SourceMap::toml(file, text, TextIndex::default());
        // After a first error the parser often reports every later key of a broken table as a
        // duplicate: those are echoes, not mistakes.
        let diags = syntax
            .into_iter()
            .enumerate()
            .filter(|(k, (_, m))| *k == 0 || !m.starts_with("duplicate key"))
            .map(|(_, (at, m))| {
                let hint = if m.starts_with("duplicate key") {
                    "this key or table is already defined above; every rule starts with [[rule]] (two brackets)"
                } else {
                    "TOML is written key = value, with text in double quotes and [[rule]] before each rule"
                };
                Diagnostic::error("toml-syntax", source.at_offset(at), m.replace('`', "'")).with_hint(hint)
            })
            .collect();
        return (None, diags, source);
    }
    let table: Result<toml::Table, _> = toml::from_str(&text);
    let source = SourceMap::toml(file, text, index);
    let table = match table {
        Ok(t) => t,
        Err(e) => {
            let at = e.span().map(|s| s.start).unwrap_or(0);
            let d = Diagnostic::error("toml-syntax", source.at_offset(at), e.message().to_string());
            return (None, vec![d], source);
        }
    };
    let mut issues = Vec::new();
    let policy = policy_from_value(toml_to_json(toml::Value::Table(table)), &mut issues);
    let diags = issues.into_iter().map(|i| i.locate(&source)).collect();
    (policy, diags, source)
}

fn toml_to_json(v: toml::Value) -> Value {
    match v {
        toml::Value::String(s) => Value::String(s),
        toml::Value::Integer(i) => Value::from(i),
        toml::Value::Float(f) => serde_json::Number::from_f64(f).map(Value::Number).unwrap_or(Value::Null),
        toml::Value::Boolean(b) => Value::Bool(b),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(a) => Value::Array(a.into_iter().map(toml_to_json).collect()),
        toml::Value::Table(t) => Value::Object(t.into_iter().map(|(k, v)| (k, toml_to_json(v))).collect()),
    }
}

fn policy_from_value(value: Value, issues: &mut Vec<Issue>) -> Option<PolicyDraft> {
    let Value::Object(mut top) = value else {
        return None;
    };
    let rules = match top.get_mut("rule") {
        Some(Value::Array(items)) => Some(std::mem::take(items)),
        Some(_) => {
            issues.push(
                Issue::error("wrong-type", "rule", "'rule' must be a list of tables")
                    .hint("start each rule with [[rule]] (two brackets)"),
            );
            top.insert("rule".into(), Value::Array(Vec::new()));
            None
        }
        None => None,
    };
    let head: Option<Policy> = deserialize_all(Value::Object(top), &[], &[], issues);
    let mut parsed = Vec::new();
    let mut kept = Vec::new();
    let mut all_ok = true;
    for (i, item) in rules.into_iter().flatten().enumerate() {
        match parse_rule(i, item, issues) {
            Some(r) => {
                parsed.push(r);
                kept.push(i);
            }
            None => all_ok = false,
        }
    }
    let mut policy = head?;
    policy.rules = parsed;
    Some((policy, kept, all_ok))
}

fn parse_rule(i: usize, item: Value, issues: &mut Vec<Issue>) -> Option<Rule> {
    let base = [Seg::Key("rule".into()), Seg::Index(i)];
    let at = path_string(&base);
    let whole = match serde_path_to_error::deserialize::<_, Rule>(&item) {
        Ok(r) => return Some(r),
        Err(e) => e,
    };
    let Value::Object(map) = item else {
        issues.push(Issue::error("wrong-type", at, "each rule must be a table").hint("start each rule with [[rule]]"));
        return None;
    };
    let before = issues.len();
    let kinds = RULE_KINDS.join(", ");
    let kind = match map.get("kind") {
        None => {
            issues.push(
                Issue::error("missing-field", format!("{at}.kind"), "missing field 'kind'")
                    .hint(format!("expected one of: {kinds}")),
            );
            None
        }
        Some(Value::String(k)) if RULE_KINDS.contains(&k.as_str()) => Some(k.clone()),
        Some(Value::String(k)) => {
            let hint = match suggest(k, RULE_KINDS) {
                Some(s) => format!("{s} expected one of: {kinds}"),
                None => format!("expected one of: {kinds}"),
            };
            issues.push(
                Issue::error("unknown-value", format!("{at}.kind"), format!("unknown rule kind '{k}'")).hint(hint),
            );
            None
        }
        Some(other) => {
            issues.push(Issue::error(
                "wrong-type",
                format!("{at}.kind"),
                format!("kind must be text, not {}", kind_of(other)),
            ));
            None
        }
    };
    let head_map: Map<String, Value> = map
        .iter()
        .filter(|(k, _)| RULE_COMMON.contains(&k.as_str()) && k.as_str() != "kind")
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    let head: Option<RuleHead> = deserialize_all(Value::Object(head_map), &base, &[], issues);
    let body_map: Map<String, Value> = map.into_iter().filter(|(k, _)| !RULE_COMMON.contains(&k.as_str())).collect();
    let body = Value::Object(body_map);
    fn b<T: DeserializeOwned>(
        v: Value,
        base: &[Seg],
        issues: &mut Vec<Issue>,
        wrap: fn(T) -> RuleBody,
    ) -> Option<RuleBody> {
        deserialize_all::<T>(v, base, &RULE_COMMON, issues).map(wrap)
    }
    let body = match kind.as_deref() {
        Some("eligibility") => b(body, &base, issues, RuleBody::Eligibility),
        Some("coverage") => b(body, &base, issues, RuleBody::Coverage),
        Some("team_mix") => b(body, &base, issues, RuleBody::TeamMix),
        Some("tenure_cap") => b(body, &base, issues, RuleBody::TenureCap),
        Some("rotation_quota") => b(body, &base, issues, RuleBody::RotationQuota),
        Some("preference") => b(body, &base, issues, RuleBody::Preference),
        Some("vice_chair_cap") => b(body, &base, issues, RuleBody::ViceChairCap),
        Some("same_level") => b(body, &base, issues, RuleBody::SameLevel),
        Some("service_left") => b(body, &base, issues, RuleBody::ServiceLeft),
        _ => None,
    };
    if issues.len() == before {
        // Our field-by-field reading found nothing, yet serde refused the rule: say what serde
        // said rather than nothing.
        let msg = whole.inner().to_string();
        let mut path = base.to_vec();
        path.extend(whole.path().iter().filter_map(|s| match s {
            serde_path_to_error::Segment::Seq { index } => Some(Seg::Index(*index)),
            serde_path_to_error::Segment::Map { key } => Some(Seg::Key(key.clone())),
            _ => None,
        }));
        issues.push(issue_of(&SerdeError::of(&msg), &msg, &path, &RULE_COMMON));
        return None;
    }
    let (head, body) = (head?, body?);
    Some(Rule {
        id: head.id,
        clause: head.clause,
        title_vi: head.title_vi,
        title_en: head.title_en,
        enabled: head.enabled,
        reads_vi: head.reads_vi,
        provenance: head.provenance,
        values: head.values,
        clause_from: head.clause_from,
        body,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(deny_unknown_fields)]
    struct Item {
        id: String,
        edu: Edu,
        #[serde(default)]
        list: Vec<Gender>,
    }

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(deny_unknown_fields)]
    struct Edu {
        level: EducationLevel,
        field: Field,
    }

    fn all(json: &str) -> (Option<Item>, Vec<Issue>) {
        let mut out = Vec::new();
        let v: Value = serde_json::from_str(json).unwrap();
        let r = deserialize_all::<Item>(v, &[Seg::Key("items".into()), Seg::Index(4)], &[], &mut out);
        (r, out)
    }

    #[test]
    fn reports_every_bad_field_of_an_item() {
        let (r, issues) = all(
            r#"{"id": 3, "edu": {"level": "bachelr", "field": "law", "x": 1}, "list": ["male", "nam giới", "f", "q"], "bogus": 1}"#,
        );
        assert!(r.is_none());
        let got: Vec<(String, &str)> = issues.iter().map(|i| (i.path.clone(), i.code)).collect();
        assert_eq!(
            got,
            vec![
                ("items[4].id".to_string(), "wrong-type"),
                ("items[4].edu.level".to_string(), "unknown-value"),
                ("items[4].edu.x".to_string(), "unknown-field"),
                ("items[4].list[1]".to_string(), "unknown-value"),
                ("items[4].list[3]".to_string(), "unknown-value"),
                ("items[4].bogus".to_string(), "unknown-field"),
            ]
        );
        assert_eq!(
            issues[1].hint.as_deref(),
            Some("did you mean 'bachelor'? expected one of: college, bachelor, master, doctor")
        );
        assert_eq!(issues[3].message, "unknown value 'nam giới' for list");
        assert!(issues[3].hint.as_deref().unwrap().starts_with("did you mean 'male'?"), "{:?}", issues[3].hint);
    }

    #[test]
    fn a_genuinely_missing_field_is_reported_once() {
        let (r, issues) = all(r#"{"id": "a", "edu": {"field": "law"}}"#);
        assert!(r.is_none());
        assert_eq!(issues.len(), 1);
        assert_eq!(issues[0].code, "missing-field");
        assert_eq!(issues[0].path, "items[4].edu.level");
        let (r, issues) = all(r#"{"id": "a", "edu": {"level": "master", "field": "law"}, "list": ["f"]}"#);
        assert!(issues.is_empty());
        assert_eq!(r.unwrap().list, vec![Gender::Female]);
    }

    #[test]
    fn decodes_bom_and_rejects_other_encodings() {
        assert_eq!(decode(b"\xEF\xBB\xBFabc", "f").unwrap(), "abc");
        let d = *decode(b"ab\ncd\xE0x", "f.csv").unwrap_err();
        assert_eq!((d.code, d.location.line, d.location.column), ("bad-encoding", Some(2), Some(3)));
        assert_eq!(decode(b"\xFF\xFEa\0", "f").unwrap_err().code, "bad-encoding");
    }

    #[test]
    fn names_compare_in_nfc_but_keep_their_spelling() {
        let decomposed = "Ha\u{0309}i Pho\u{0300}ng";
        assert!(crate::model::scenario::same_name(decomposed, "Hải Phòng"));
        assert_ne!(decomposed, "Hải Phòng");
    }
}
