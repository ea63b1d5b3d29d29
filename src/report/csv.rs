//! Plans as CSV: `placements.csv` (cadre,post — the columns `rotaplan check` accepts for a
//! hand-drafted plan; an empty post releases the cadre), `moves.csv`, `targets.csv`. Files are
//! UTF-8 with a byte-order mark so spreadsheet programs open Vietnamese names correctly.

use std::path::Path;

use crate::model::{CadreId, PostId, Scenario};
use crate::plan::Plan;

/// The byte-order mark written at the start of every CSV file.
pub const BOM: &str = "\u{feff}";

/// A hand-drafted plan read from CSV: the `(cadre, post)` placements, and the released cadres.
pub type Pairs = (Vec<(CadreId, PostId)>, Vec<CadreId>);

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
}

/// The headers each column of a plan CSV may have (the English names `export` writes, and the
/// Vietnamese ones a planner types).
const PLAN_COLUMNS: [(&str, &[&str]); 4] = [
    ("cadre", &["cadre", "mã cán bộ"]),
    ("post", &["post", "mã chức danh", "chức danh đề xuất"]),
    ("name", &["name", "họ và tên", "họ tên"]),
    ("title", &["title", "tên chức danh", "chức danh"]),
];

/// Reads `cadre,post` rows (header required; `name` and `title` columns are compared with the
/// codes; other columns ignored), separated by `,` or by `;` (Excel in a Vietnamese locale).
/// Returns every problem with its row number.
pub fn read_plan_csv(s: &Scenario, text: &str) -> Result<PlanCsv, Vec<String>> {
    use crate::model::fold::{plain_key, same_name};
    let text = text.strip_prefix(BOM).unwrap_or(text);
    let header_line = text.lines().next().unwrap_or("");
    let delimiter = if header_line.matches(';').count() > header_line.matches(',').count() { b';' } else { b',' };
    let mut rdr = ::csv::ReaderBuilder::new()
        .flexible(true)
        .delimiter(delimiter)
        .trim(::csv::Trim::All)
        .from_reader(text.as_bytes());
    let mut errors = Vec::new();
    let headers = match rdr.headers() {
        Ok(h) => h.clone(),
        Err(e) => return Err(vec![format!("row 1: {e}")]),
    };
    let col = |name: &str| {
        let names = PLAN_COLUMNS.iter().find(|c| c.0 == name).map(|c| c.1).unwrap_or(&[]);
        headers.iter().position(|h| names.iter().any(|n| plain_key(n) == plain_key(h)))
    };
    let (Some(ci), Some(pi)) = (col("cadre"), col("post")) else {
        return Err(vec![format!(
            "row 1: the header must name the columns 'cadre' and 'post' (found: {})",
            headers.iter().collect::<Vec<_>>().join(",")
        )]);
    };
    let (ni, ti) = (col("name"), col("title"));
    let mut out = PlanCsv::default();
    for (i, rec) in rdr.records().enumerate() {
        let row = i + 2;
        let rec = match rec {
            Ok(r) => r,
            Err(e) => {
                errors.push(format!("row {row}: {e}"));
                continue;
            }
        };
        if rec.iter().all(|c| c.is_empty()) {
            continue;
        }
        let c = rec.get(ci).unwrap_or("");
        let p = rec.get(pi).unwrap_or("");
        let Some(cid) = s.cadre_by_code(c) else {
            errors.push(format!("row {row}, column cadre: unknown cadre '{c}'"));
            continue;
        };
        let written = ni.and_then(|k| rec.get(k)).unwrap_or("");
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
        match s.post_by_code(p) {
            Some(pid) => {
                let written = ti.and_then(|k| rec.get(k)).unwrap_or("");
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
            None => errors.push(format!("row {row}, column post: unknown post '{p}'")),
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

/// Reads `cadre,post` rows (see [`read_plan_csv`]); returns the pairs and the released cadres.
pub fn read_pairs(s: &Scenario, text: &str) -> Result<Pairs, Vec<String>> {
    read_plan_csv(s, text).map(|p| (p.pairs, p.released))
}

fn write_csv(rows: Vec<Vec<String>>) -> Vec<u8> {
    let mut w = ::csv::WriterBuilder::new().from_writer(Vec::new());
    for r in rows {
        let _ = w.write_record(&r);
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

/// Writes the CSV files of a plan into `dir` (each file atomically).
pub fn export(plan: &Plan, dir: &Path) -> anyhow::Result<()> {
    for (name, bytes) in plan_csv_files(plan) {
        crate::cli::write_atomically(&dir.join(name), &bytes)?;
    }
    Ok(())
}
