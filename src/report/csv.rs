//! Plans as CSV: `placements.csv` (cadre,post — the columns `rotaplan check` accepts for a
//! hand-drafted plan; an empty post releases the cadre), `moves.csv`, `targets.csv`.
//!
//! Reading and writing plan files lives in [`crate::plan::io`] (with the promises every plan
//! file makes: atomic, written as a set, formula cells neutralised); this module re-exports the
//! CSV part for the renderers and their callers.

pub use crate::plan::io::{neutralise_cell, plan_csv_files, read_pairs, Pairs, BOM};

use crate::model::{CadreId, PostId, Scenario};

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
