//! Prints the size of the model by kind of column and by rule family, for tuning the
//! formulation: `cargo run --release --example model_stats -- scenarios/haiphong-2021 models/haiphong-09-kl-tu.toml`.

use rotaplan::formulation::*;
use rotaplan::model::load::load_inputs;
use std::collections::BTreeMap;
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let inputs = load_inputs(args[1].as_ref(), Some(args[2].as_ref())).unwrap();
    let policy = inputs.policy.clone().unwrap();
    let s = &inputs.scenario;
    let t = std::time::Instant::now();
    let f = Formulation::build(s, &policy, &FormulationSettings::default());
    eprintln!("build {:?} {}", t.elapsed(), f.model);
    let mut by: BTreeMap<String, usize> = BTreeMap::new();
    for c in &f.model.cols {
        if let VarKind::Assign(cd, p) = c.kind {
            let k = format!("{:?} {:?} {:?}", f.judge.move_kind(cd, p), s.post(p).level, s.post(p).role);
            *by.entry(k).or_default() += 1;
        } else {
            *by.entry(format!("{:?}", std::mem::discriminant(&c.kind))).or_default() += 1;
        }
    }
    for (k, v) in by {
        println!("{v:>8} {k}");
    }
    let mut rows: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for r in &f.model.rows {
        let e = rows.entry(format!("{:?} {:?}", r.tag.rule, r.tag.kind)).or_default();
        e.0 += 1;
        e.1 += r.terms.len();
    }
    for (k, v) in rows {
        println!("{:>8} rows {:>9} nz {k}", v.0, v.1);
    }
    println!("targets {}", f.targets.len());
    let pool = s.cadre_ids().filter(|c| !f.judge.cadre[c.index()].incumbent).count();
    println!("cadres {} pool {} planned posts {}", s.cadres.len(), pool, f.planned_posts.len());
}
