//! Issue 13's benchmark: the Hai Phong roadmap 2021-2025 (five yearly plans, each solved,
//! checked and carried into the next year), on this 2-core machine (`cargo bench --bench
//! roadmap`; figures in the README, section "The roadmap").
//!
//! A Hai Phong iteration takes minutes, too long for criterion's ten samples: the bench times
//! it once, whole, and prints the time of each year; the worked scenario (five years in well
//! under a second) is timed over ten runs. On the worked scenario both approaches are
//! measured: years in sequence (the default) and with look-ahead (`--look-ahead`); on Hai Phong
//! the default only, as look-ahead did not finish there in 25 minutes (set
//! `ROADMAP_BENCH_LOOK_AHEAD=1` to time it anyway). `ROADMAP_BENCH_SMALL=1` skips Hai Phong.

use std::path::Path;
use std::time::Instant;

use rotaplan::model::load::load_inputs;
use rotaplan::plan::InputRef;
use rotaplan::roadmap::{plan_roadmap, Roadmap, RoadmapRequest};
use rotaplan::solve::SolverSettings;

fn run(path: &str, look_ahead: bool) -> (Roadmap, f64) {
    let start = Instant::now();
    let inputs = load_inputs(Path::new(path), Some(Path::new("models/haiphong-09-kl-tu.toml"))).expect("valid");
    let policy = inputs.policy.clone().expect("policy");
    let first = inputs.raw.plan_date.year();
    let r = plan_roadmap(&RoadmapRequest {
        raw: &inputs.raw,
        scenario_ref: InputRef::default(),
        policy: &policy,
        policy_ref: InputRef::default(),
        first,
        last: inputs.raw.term.end,
        pins: Default::default(),
        solver: SolverSettings::default(),
        look_ahead,
        earlier: None,
        replan_from: None,
    })
    .expect("plans");
    (r, start.elapsed().as_secs_f64())
}

fn summary(r: &Roadmap) -> String {
    let moves: Vec<String> =
        r.doc.plans.iter().map(|y| format!("{} {} ({})", y.year, y.moves.len(), y.status)).collect();
    let unmet: usize = r.doc.plans.iter().map(|y| y.unmet.len()).sum();
    format!("moves by year: {}; unmet targets over the years: {unmet}", moves.join(", "))
}

fn main() {
    for look_ahead in [false, true] {
        let label = if look_ahead { "look-ahead" } else { "in sequence" };
        let mut times: Vec<f64> = (0..10).map(|_| run("scenarios/worked/scenario.json", look_ahead).1).collect();
        times.sort_by(f64::total_cmp);
        let (r, _) = run("scenarios/worked/scenario.json", look_ahead);
        println!("worked 2021-2025, {label}: median {:.3} s over 10 runs; {}", times[5], summary(&r));
    }
    if std::env::var_os("ROADMAP_BENCH_SMALL").is_some() {
        return;
    }
    let both = std::env::var_os("ROADMAP_BENCH_LOOK_AHEAD").is_some();
    for look_ahead in [false, true].into_iter().filter(|l| !l || both) {
        let label = if look_ahead { "look-ahead" } else { "in sequence" };
        let (r, secs) = run("scenarios/haiphong-2021", look_ahead);
        println!("haiphong 2021-2025, {label}: {secs:.1} s (one run); {}", summary(&r));
    }
}
