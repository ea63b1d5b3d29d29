//! Experiment that located the LP gap of the merged disruption-and-suitability stage on Hai
//! Phong: solves each component's relaxation under the earlier ones and counts the fractional
//! columns by the rule of their rows. `cargo run --release --example lp_gap -- scenarios/haiphong-2021 [mip]`.
use highs::{HighsModelStatus, RowProblem, Sense};
use rotaplan::formulation::ir::{RowKind, RuleRef, Var, VarKind};
use rotaplan::formulation::objective::components;
use rotaplan::formulation::*;
use rotaplan::model::load::load_inputs;
use std::collections::BTreeMap;

fn lp(
    model: &LpModel,
    costs: &BTreeMap<usize, f64>,
    fixes: &[(BTreeMap<usize, f64>, f64)],
    integer: bool,
    fixed: &BTreeMap<usize, f64>,
) -> (f64, Vec<f64>) {
    let mut pb = RowProblem::default();
    let cols: Vec<_> = model
        .cols
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let (lo, hi) = match fixed.get(&i) {
                Some(v) => (*v, *v),
                None => (c.lo, c.hi),
            };
            pb.add_column_with_integrality(costs.get(&i).copied().unwrap_or(0.0), lo..=hi, integer && c.integer)
        })
        .collect();
    for r in &model.rows {
        let t: Vec<_> = r.terms.iter().map(|(v, k)| (cols[v.index()], *k)).collect();
        pb.add_row(r.lo..=r.hi, t);
    }
    for (f, lo) in fixes {
        let t: Vec<_> = f.iter().map(|(i, k)| (cols[*i], *k)).collect();
        pb.add_row(*lo.., t);
    }
    let mut m = pb.optimise(Sense::Maximise);
    m.make_quiet();
    m.set_option("threads", 1);
    m.set_option("time_limit", 300.0);
    let t = std::time::Instant::now();
    let s = m.solve();
    eprintln!("  solve {:?} {:?}", t.elapsed(), s.status());
    assert!(matches!(s.status(), HighsModelStatus::Optimal | HighsModelStatus::ReachedTimeLimit));
    let x = s.get_solution().columns().to_vec();
    let v: f64 = costs.iter().map(|(i, k)| k * x[*i]).sum();
    (v, x)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let inputs = load_inputs(args[1].as_ref(), Some("models/haiphong-09-kl-tu.toml".as_ref())).unwrap();
    let policy = inputs.policy.clone().unwrap();
    let s = &inputs.scenario;
    let f = Formulation::build(s, &policy, &FormulationSettings::default());
    eprintln!("{}", f.model);
    let comp = components(&f);
    let tomap = |v: &[(Var, f64)]| {
        let mut m = BTreeMap::new();
        for (x, k) in v {
            *m.entry(x.index()).or_insert(0.0) += k;
        }
        m
    };
    let targets = tomap(&comp.targets);
    let disr = tomap(&comp.disruption);
    let suit = tomap(&comp.suitability);
    let none = BTreeMap::new();
    let (tb, _) = lp(&f.model, &targets, &[], false, &none);
    eprintln!("targets LP {tb}");
    let fixes = vec![(targets.clone(), tb.floor() - 1e-6 + 0.0)];
    let (db, x) = lp(&f.model, &disr, &fixes, false, &none);
    eprintln!("disruption LP {db}");
    // fractional columns
    let mut by: BTreeMap<String, usize> = BTreeMap::new();
    let mut rows_of: Vec<Vec<usize>> = vec![vec![]; f.model.cols.len()];
    for (ri, r) in f.model.rows.iter().enumerate() {
        for (v, _) in &r.terms {
            rows_of[v.index()].push(ri);
        }
    }
    let mut nfrac = 0;
    for (i, c) in f.model.cols.iter().enumerate() {
        let v = x[i];
        if (v - v.round()).abs() > 1e-6 {
            nfrac += 1;
            let kind = match c.kind {
                VarKind::Assign(..) => "assign",
                VarKind::Release(_) => "release",
                VarKind::Slack { .. } => "slack",
                VarKind::Indicator => "indicator",
                VarKind::Elastic(_) => "elastic",
            };
            for ri in &rows_of[i] {
                let t = f.model.rows[*ri].tag;
                if matches!(t.kind, RowKind::Hard) && matches!(t.rule, RuleRef::Capacity | RuleRef::Continuity) {
                    continue;
                }
                *by.entry(format!("{kind} in {:?} {:?}", t.rule, t.kind)).or_default() += 1;
            }
        }
    }
    eprintln!("fractional {nfrac}");
    for (k, v) in &by {
        eprintln!("{v:>6} {k}");
    }
    for (i, r) in policy.rules.iter().enumerate() {
        eprintln!("rule {i}: {}", r.id);
    }

    let fixes2 = vec![(targets.clone(), tb.floor() - 1e-6), (disr.clone(), db.floor() - 1e-6)];
    let (sb, x2) = lp(&f.model, &suit, &fixes2, false, &none);
    let nf =
        f.model.cols.iter().enumerate().filter(|(i, c)| c.integer && (x2[*i] - x2[*i].round()).abs() > 1e-6).count();
    eprintln!("suitability LP {sb} fractional ints {nf}");
    if args.len() > 2 {
        let (sm, _) = lp(&f.model, &suit, &fixes2, true, &none);
        eprintln!("suitability MIP {sm}");
    }
}
