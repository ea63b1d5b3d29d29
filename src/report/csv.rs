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

/// Reads `cadre,post` rows (header required; extra columns ignored). Returns the pairs and the
/// released cadres (rows with an empty post), or every problem with its row number.
pub fn read_pairs(s: &Scenario, text: &str) -> Result<Pairs, Vec<String>> {
    let text = text.strip_prefix(BOM).unwrap_or(text);
    let mut rdr = ::csv::ReaderBuilder::new().flexible(true).trim(::csv::Trim::All).from_reader(text.as_bytes());
    let mut errors = Vec::new();
    let headers = match rdr.headers() {
        Ok(h) => h.clone(),
        Err(e) => return Err(vec![format!("row 1: {e}")]),
    };
    let col = |name: &str| headers.iter().position(|h| h.eq_ignore_ascii_case(name));
    let (Some(ci), Some(pi)) = (col("cadre"), col("post")) else {
        return Err(vec![format!(
            "row 1: the header must name the columns 'cadre' and 'post' (found: {})",
            headers.iter().collect::<Vec<_>>().join(",")
        )]);
    };
    let mut pairs = Vec::new();
    let mut released = Vec::new();
    for (i, rec) in rdr.records().enumerate() {
        let row = i + 2;
        let rec = match rec {
            Ok(r) => r,
            Err(e) => {
                errors.push(format!("row {row}: {e}"));
                continue;
            }
        };
        let c = rec.get(ci).unwrap_or("");
        let p = rec.get(pi).unwrap_or("");
        let Some(cid) = s.cadre_by_code(c) else {
            errors.push(format!("row {row}, column cadre: unknown cadre '{c}'"));
            continue;
        };
        if p.is_empty() {
            released.push(cid);
            continue;
        }
        match s.post_by_code(p) {
            Some(pid) => pairs.push((cid, pid)),
            None => errors.push(format!("row {row}, column post: unknown post '{p}'")),
        }
    }
    if errors.is_empty() {
        Ok((pairs, released))
    } else {
        Err(errors)
    }
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
