//! `rotaplan solve`: scenario + policy → plan.json.

use std::path::PathBuf;

use super::common::{load, milestone_arg, output_path, plan_io_error, terminal_safe, Format, LangArg};
use super::{BadInput, Outcome};
use crate::formulation::FormulationSettings;
use crate::plan::io::{is_our_set_member, mark_set, run_id, set_member_path, write_atomically, write_set, OutputGuard};
use crate::plan::{make_plan, InputRef, PinCodes, PlanRequest};
use crate::solve::{Presolve, SolveStatus, SolverSettings};

/// Arguments of `rotaplan solve`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Dữ liệu: tệp JSON, thư mục (scenario.json hoặc các tệp CSV) hay bảng tính / the scenario.
    pub scenario: PathBuf,
    /// Tệp quy định (TOML) / policy model; mặc định: quy định Hải Phòng có sẵn / default: the built-in Hai Phong policy.
    #[arg(long, short = 'm')]
    pub model: Option<PathBuf>,
    /// Tệp phương án sẽ ghi (JSON) / where to write the plan.
    #[arg(long, short = 'o', default_value = "plan.json")]
    pub out: PathBuf,
    /// Mốc chỉ tiêu áp dụng (mặc định: của quy định) / milestone whose bands apply.
    #[arg(long)]
    pub milestone: Option<String>,
    /// Thời gian tối đa, tính bằng giây (phương án dừng vì hết giờ có thể khác nhau giữa các lần chạy) /
    /// wall-clock limit in seconds.
    #[arg(long, default_value_t = 300.0)]
    pub time_limit: f64,
    /// Số nút tìm kiếm tối đa ở mỗi bước tối ưu (kết quả lặp lại được) / branch-and-bound nodes per stage.
    #[arg(long, default_value_t = 200)]
    pub max_nodes: u64,
    /// Mức công sức tìm lời giải nhanh của HiGHS (0..1) / HiGHS heuristic effort.
    #[arg(long, default_value_t = 0.3)]
    pub heuristic_effort: f64,
    /// Sai số tương đối cho phép khi dừng (0 là tối ưu) / relative MIP gap at which to stop.
    #[arg(long, default_value_t = 0.0)]
    pub gap: f64,
    /// Số luồng tính toán của HiGHS (1..64) / HiGHS threads.
    #[arg(long, default_value_t = 1)]
    pub threads: u32,
    /// Hạt giống ngẫu nhiên của HiGHS / HiGHS random seed.
    #[arg(long, default_value_t = 0)]
    pub seed: i32,
    /// Bỏ bước giải nới lỏng trước, tìm kiếm đầy đủ ngay / skip the relaxation-first attempt at each stage.
    #[arg(long)]
    pub no_guided: bool,
    /// Bước tiền xử lý của HiGHS / HiGHS presolve.
    #[arg(long, value_enum, default_value_t = PresolveArg::On)]
    pub presolve: PresolveArg,
    /// Bắt buộc bố trí: CÁN_BỘ=CHỨC_VỤ (dùng nhiều lần được) / force a pair.
    #[arg(long = "pin")]
    pub pin: Vec<String>,
    /// Không bố trí: CÁN_BỘ=CHỨC_VỤ (dùng nhiều lần được) / forbid a pair.
    #[arg(long)]
    pub forbid: Vec<String>,
    /// Giữ cán bộ ở chức vụ hiện tại (dùng nhiều lần được) / keep a cadre in their post.
    #[arg(long)]
    pub keep: Vec<String>,
    /// Để trống chức vụ (dùng nhiều lần được) / leave a post vacant.
    #[arg(long)]
    pub vacant: Vec<String>,
    /// Số phương án khác nhau (chỉ ghi `--plans`: 5), ghi thành `<tên>-1.json`, `<tên>-2.json`, … theo
    /// thứ hạng / number of alternative plans, written beside `--out` in rank order.
    #[arg(long, num_args = 0..=1, default_missing_value = "5", default_value_t = 1)]
    pub plans: usize,
    /// Các hướng ưu tiên giải thêm thành phương án riêng (cách nhau bằng dấu phẩy), mỗi hướng một
    /// lần giải đầy đủ / emphases also solved in full as alternatives.
    #[arg(long, value_enum, value_delimiter = ',')]
    pub emphases: Vec<EmphasisArg>,
    /// Số quyết định nhân sự chủ chốt cấp huyện, cấp thành phố tối thiểu phải khác nhau giữa hai
    /// phương án / minimum differing committee-level decisions between two plans.
    #[arg(long, default_value_t = 5)]
    pub min_difference: usize,
    /// Lập lại phương án gần nhất với phương án này (ít thay đổi nhất), ví dụ sau khi cấp ủy chốt
    /// một quyết định bằng --pin / re-plan as close as possible to an earlier plan.
    #[arg(long)]
    pub from: Option<PathBuf>,
    /// Ghi thêm mô hình toán (LP hoặc MPS, theo đuôi tệp) để kiểm tra / also write the model.
    #[arg(long)]
    pub export_model: Option<PathBuf>,
    /// Định dạng kết quả / output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Ngôn ngữ / language.
    #[arg(long, value_enum, default_value_t = LangArg::Vi)]
    pub lang: LangArg,
}

/// Presolve flag.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum PresolveArg {
    /// Bật / on.
    On,
    /// Tắt / off.
    Off,
}

/// Runs `rotaplan solve`.
pub fn run(args: Args) -> anyhow::Result<Outcome> {
    super::common::set_lang(args.lang.into());
    let mut solver = SolverSettings::builder()
        .time_limit(args.time_limit)
        .mip_rel_gap(args.gap)
        .threads(args.threads)
        .seed(args.seed)
        .max_nodes(args.max_nodes)
        .heuristic_effort(args.heuristic_effort)
        .guided(!args.no_guided)
        .presolve(match args.presolve {
            PresolveArg::On => Presolve::On,
            PresolveArg::Off => Presolve::Off,
        })
        .build()
        .map_err(|e| BadInput(crate::explain::words::settings_error(&e, args.lang.into())))?;
    solver.clock = Some(super::command_clock(solver.time_limit));
    let lang: crate::explain::Lang = args.lang.into();
    if args.plans == 0 {
        return Err(BadInput(
            lang.pick(
                "--plans 0: hãy nêu số phương án cần lập, từ 1 trở lên (chỉ ghi --plans là 5)",
                "--plans 0: give the number of plans wanted, 1 or more (--plans alone gives 5)",
            )
            .into(),
        )
        .into());
    }
    // Where the outputs go, checked before any work: never over an input, never a special file.
    let mut guard = OutputGuard::new().scenario(&args.scenario);
    if let Some(m) = &args.model {
        guard = guard.input("policy", m);
    }
    if let Some(f) = &args.from {
        guard = guard.input("--from plan", f);
    }
    let out = if args.plans > 1 {
        for k in 1..=args.plans {
            output_path(&guard, &set_member_path(&args.out, k), args.lang.into())?;
        }
        args.out.clone()
    } else {
        output_path(&guard, &args.out, args.lang.into())?
    };
    let export_model = match &args.export_model {
        Some(p) => {
            let target = output_path(&guard, p, args.lang.into())?;
            if target == out || (args.plans > 1 && (1..=args.plans).any(|k| set_member_path(&args.out, k) == target)) {
                let what = lang.pick("trùng với tệp phương án sẽ ghi", "is also the plan's output");
                return Err(BadInput(format!("--export-model {} {what}", p.display())).into());
            }
            Some(target)
        }
        None => None,
    };
    let (inputs, policy) = load(&args.scenario, args.model.as_deref())?;
    let milestone = match &args.milestone {
        Some(m) => Some(milestone_arg(&policy, m)?),
        None => None,
    };
    let s = &inputs.scenario;
    let pins = PinCodes {
        force: args.pin.clone(),
        forbid: args.forbid.clone(),
        keep: args.keep.clone(),
        vacant: args.vacant.clone(),
        min_rotation: Vec::new(),
    }
    .to_pins(s)
    .map_err(|errs| {
        BadInput(crate::explain::words::pin_problems(&errs, crate::explain::words::PinSource::Flags, lang))
    })?;
    let mut formulation =
        FormulationSettings { milestone: milestone.map(|m| m.as_str().to_string()), pins, ..Default::default() };
    let mut from_plan = None;
    if let Some(path) = &args.from {
        let (a, _) = super::check::read_plan(s, &policy, path)?;
        let bytes = crate::plan::io::read_bytes(path).map_err(plan_io_error)?;
        from_plan = Some(crate::model::load::sha256_hex(&bytes));
        let facts = crate::model::Facts::new(s, &policy);
        formulation.closeness =
            Some(s.post_ids().filter(|p| facts.is_planned_post(*p)).map(|p| (p, a.holder.get(&p).copied())).collect());
    }
    let req = PlanRequest {
        scenario: s,
        policy: &policy,
        scenario_ref: InputRef { name: s.name.clone(), sha256: inputs.scenario_digest.clone() },
        policy_ref: InputRef { name: policy.id.clone(), sha256: inputs.policy_digest.clone().unwrap_or_default() },
        formulation,
        solver,
        from_plan,
        emphasis: None,
    };
    if let Some(path) = &export_model {
        let f = crate::formulation::Formulation::build(s, &policy, &req.formulation);
        let names = crate::formulation::names::model_names(&f, s, &policy, &f.model);
        crate::solve::export_model(&f.model, Some(&names), path)
            .map_err(|e| anyhow::anyhow!(crate::explain::words::solve_error(&e, lang)))?;
        eprintln!("{} {}", super::common::lang().pick("đã ghi mô hình vào", "model written to"), path.display());
    }
    if args.plans > 1 {
        return run_alternatives(&args, &req);
    }
    let bar = crate::report::progress::SolveBar::start(lang.pick("đang lập phương án", "solving"), lang);
    let mut outcome = make_plan(&req).map_err(|e| anyhow::anyhow!(crate::explain::words::solve_error(&e, lang)))?;
    drop(bar);
    report_solve(&outcome);
    guard_compliant(&outcome)?;
    if !writes_plan(outcome.status) {
        // Not an answer: an existing plan at --out is left as it was.
        eprintln!(
            "{} {}",
            lang.pick(
                "không tìm được phương án nào trước giới hạn thời gian; không ghi đè",
                "no plan was found before the time limit; not written:"
            ),
            args.out.display()
        );
        print!("{}", terminal_safe(&crate::explain::summary::plan_summary(s, &policy, &outcome.plan, lang)));
        return Ok(outcome_of(outcome.status));
    }
    let id = run_id(&outcome.plan, &serde_json::json!({ "plans": 1 }));
    mark_set(std::slice::from_mut(&mut outcome.plan), &id);
    let json = serde_json::to_string_pretty(&outcome.plan)? + "\n";
    write_atomically(&out, json.as_bytes()).map_err(plan_io_error)?;
    match args.format {
        Format::Json => println!("{json}"),
        Format::Text => {
            print!("{}", terminal_safe(&crate::explain::summary::plan_summary(s, &policy, &outcome.plan, lang)))
        }
    }
    eprintln!("{} {}", super::common::lang().pick("đã ghi phương án vào", "plan written to"), args.out.display());
    Ok(outcome_of(outcome.status))
}

/// Whether a solve's answer is written to `--out`: a plan, and an infeasible verdict (the plan
/// file says which rules had to give), are answers; "no plan before the limit" is not, and an
/// existing file at `--out` is left as it was.
fn writes_plan(status: SolveStatus) -> bool {
    !matches!(status, SolveStatus::NoPlanBeforeLimit)
}

/// A plan the solver made must pass the independent checker; if it does not, that is a defect
/// of rotaplan (exit 3), and nothing is written.
fn guard_compliant(out: &crate::plan::PlanOutcome) -> anyhow::Result<()> {
    if out.plan.status != crate::plan::PlanStatus::Infeasible && !out.plan.violations.is_empty() {
        let list: Vec<String> =
            out.plan.violations.iter().map(|v| format!("{} [{}]: {}", v.rule, v.subject, v.detail)).collect();
        anyhow::bail!(
            "internal error: the independent checker rejects the solver's plan ({}); nothing was written",
            list.join("; ")
        );
    }
    Ok(())
}

fn outcome_of(status: SolveStatus) -> Outcome {
    match status {
        SolveStatus::Optimal | SolveStatus::StoppedWithPlan { .. } => Outcome::Success,
        SolveStatus::Infeasible => Outcome::No,
        SolveStatus::NoPlanBeforeLimit => Outcome::NoPlanBeforeLimit,
    }
}

fn report_solve(out: &crate::plan::PlanOutcome) {
    // the model's size and each stage's figures are for analysts: --verbose, or --lang en
    let lang = super::common::lang();
    if lang == crate::explain::Lang::Vi && !super::common::verbose() {
        return;
    }
    let (cols, ints, rows) = out.model_size;
    match lang {
        crate::explain::Lang::Vi => eprintln!("mô hình: {cols} biến ({ints} biến nguyên), {rows} ràng buộc"),
        crate::explain::Lang::En => eprintln!("model: {cols} columns ({ints} integer), {rows} rows"),
    }
    for st in &out.stages {
        let gap = st
            .gap
            .map(|g| format!("{}%", crate::explain::summary::fmt_pct(g, lang)))
            .unwrap_or_else(|| lang.pick("chưa đo được", "not measured").to_string());
        match lang {
            crate::explain::Lang::Vi => eprintln!(
                "  giai đoạn «{}»: giá trị {}, khoảng cách {gap}, {} giây",
                crate::report::progress::stage_words(st.name, lang),
                format!("{:.1}", st.value).replace('.', ","),
                format!("{:.2}", st.seconds).replace('.', ",")
            ),
            crate::explain::Lang::En => {
                eprintln!("  stage {:<12} value {:>12.1}  gap {gap}  {:.2} s", st.name, st.value, st.seconds)
            }
        }
    }
}

/// `--plans K`: alternatives, ranked, each written to its own file.
fn run_alternatives(args: &Args, req: &PlanRequest<'_>) -> anyhow::Result<Outcome> {
    let lang: crate::explain::Lang = args.lang.into();
    let areq = crate::alternatives::AlternativesRequest {
        count: args.plans,
        min_difference: args.min_difference,
        emphases: args.emphases.iter().map(|e| e.emphasis()).collect(),
    };
    let bar =
        crate::report::progress::SolveBar::start(lang.pick("đang lập các phương án", "solving alternatives"), lang);
    let crate::alternatives::Alternatives { plans: found, missing } =
        crate::alternatives::alternatives_report(req, &areq)
            .map_err(|e| anyhow::anyhow!(crate::explain::words::solve_error(&e, lang)))?;
    drop(bar);
    for o in &found {
        guard_compliant(o)?;
    }
    let request = serde_json::json!({
        "plans": args.plans,
        "min_difference": args.min_difference,
        "emphases": args.emphases.iter().map(|e| format!("{e:?}")).collect::<Vec<_>>(),
    });
    if found.len() == 1 && found[0].plan.posts.is_empty() {
        let out = &found[0];
        report_solve(out);
        print!("{}", terminal_safe(&crate::explain::summary::plan_summary(req.scenario, req.policy, &out.plan, lang)));
        if writes_plan(out.status) {
            // Infeasible: the verdict (which rules had to give) is the answer, a set of one.
            let mut set = vec![out.plan.clone()];
            let id = run_id(&set[0], &request);
            mark_set(&mut set, &id);
            for n in write_plan_set(&args.out, &set)? {
                eprintln!("{} {}", lang.pick("đã ghi phương án vào", "plan written to"), n.display());
            }
        }
        return Ok(outcome_of(out.status));
    }
    let mut plans: Vec<crate::plan::Plan> = found.iter().map(|o| o.plan.clone()).collect();
    let ranked = crate::rank::rank(req.policy, &plans);
    // one plan, one number: the rank, in the file name, the file itself and every later report
    for r in &ranked {
        plans[r.index].number = Some(r.rank);
    }
    // The set, in rank order, marked with its run; written whole, replacing an earlier set.
    let mut set: Vec<crate::plan::Plan> = ranked.iter().map(|r| plans[r.index].clone()).collect();
    let id = run_id(&set[0], &request);
    mark_set(&mut set, &id);
    let names = write_plan_set(&args.out, &set)?;
    for r in &ranked {
        let p = &plans[r.index];
        let c = &r.criteria;
        eprintln!(
            "{}",
            terminal_safe(&format!(
                "{} {}: {} ({}), {} {}/{}, {} {}, {} {}",
                lang.pick("Phương án", "Plan"),
                r.rank,
                crate::explain::summary::emphasis_text(
                    req.scenario,
                    p.settings.emphasis.as_deref().unwrap_or("balanced"),
                    lang
                ),
                crate::explain::summary::status_words(p, lang),
                lang.pick("chỉ tiêu đạt", "targets met"),
                c.targets_met,
                c.targets_total,
                lang.pick("điểm phù hợp", "suitability"),
                c.suitability,
                lang.pick("điều động", "moves"),
                c.moves
            ))
        );
        if let Some(t) = crate::explain::summary::tradeoff_text(req.scenario, req.policy, p, lang) {
            let base = ranked
                .iter()
                .find(|q| plans[q.index].origin == Some(crate::alternatives::Origin::Policy))
                .map(|q| q.rank)
                .unwrap_or(1);
            eprintln!("    {} {base}: {t}", lang.pick("so với phương án", "against plan"));
        }
        let ties: usize = p.interchangeable.iter().map(|c| c.count).sum();
        if ties > 0 {
            eprintln!(
                "    {}",
                match lang {
                    crate::explain::Lang::Vi => format!(
                        "{} chức vụ có thể chọn người khác mà phương án không đổi ({ties} lựa chọn tương đương)",
                        p.interchangeable.len()
                    ),
                    crate::explain::Lang::En => format!(
                        "{} posts could take another candidate with the same plan ({ties} equivalent choices)",
                        p.interchangeable.len()
                    ),
                }
            );
        }
    }
    for (origin, why) in &missing {
        eprintln!("{}", terminal_safe(&crate::explain::summary::missing_text(req.scenario, *origin, *why, lang)));
    }
    let label = |k: usize| format!("{} {k}", lang.pick("Phương án", "Plan"));
    let mut sentences = Vec::new();
    for w in ranked.windows(2) {
        let by = crate::rank::dominator(&ranked, &w[1]).map(|d| (d, label(d.rank)));
        let by = by.as_ref().map(|(d, l)| (*d, l.as_str()));
        sentences.push(crate::rank::why_above(&w[0], &w[1], &label(w[0].rank), &label(w[1].rank), by, lang));
    }
    match args.format {
        Format::Json => {
            let v = serde_json::json!({
                "plans": ranked.iter().zip(&names).map(|(r, n)| serde_json::json!({
                    "rank": r.rank, "layer": r.layer, "file": n.display().to_string(), "criteria": r.criteria,
                    "origin": plans[r.index].origin, "tradeoff": plans[r.index].tradeoff,
                })).collect::<Vec<_>>(),
                "why": sentences,
                "missing": missing.iter().map(|(origin, why)| serde_json::json!({
                    "origin": origin, "why": why,
                })).collect::<Vec<_>>(),
            });
            println!("{}", serde_json::to_string_pretty(&v)?);
        }
        Format::Text => {
            for s in &sentences {
                println!("{}", terminal_safe(s));
            }
            for n in &names {
                println!("{}", n.display());
            }
        }
    }
    Ok(Outcome::Success)
}

/// Writes a set of plans (in rank order) beside `out` as `<name>-1.json`, `<name>-2.json`, …,
/// whole, removing the members of an earlier, larger set; returns the files.
fn write_plan_set(out: &std::path::Path, set: &[crate::plan::Plan]) -> anyhow::Result<Vec<PathBuf>> {
    let mut members = Vec::new();
    for (k, plan) in set.iter().enumerate() {
        let path = set_member_path(out, k + 1);
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        members.push((name, (serde_json::to_string_pretty(plan)? + "\n").into_bytes()));
    }
    let dir = out.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(std::path::Path::new("."));
    write_set(dir, "plan-set", &members, &|p| is_our_set_member(out, p)).map_err(plan_io_error)?;
    Ok((1..=set.len()).map(|k| set_member_path(out, k)).collect())
}

/// An emphasis on the command line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum EmphasisArg {
    /// Trẻ hóa: cán bộ trẻ, cơ cấu độ tuổi nặng gấp mười / young leaders weigh ten times more.
    Rejuvenation,
    /// Ổn định: ít điều động nhất trước mức phù hợp / fewest moves before suitability.
    Stability,
    /// Không là người địa phương: nặng gấp mười / non-local placements weigh ten times more.
    #[value(name = "non_locality")]
    NonLocality,
}

impl EmphasisArg {
    fn emphasis(self) -> crate::formulation::Emphasis {
        use crate::formulation::Emphasis as E;
        match self {
            EmphasisArg::Rejuvenation => E::Rejuvenation,
            EmphasisArg::Stability => E::Stability,
            EmphasisArg::NonLocality => E::NonLocality,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_answers_are_written() {
        assert!(writes_plan(SolveStatus::Optimal));
        assert!(writes_plan(SolveStatus::StoppedWithPlan {
            gap: Some(0.1),
            reason: crate::solve::StopReason::TimeLimit
        }));
        assert!(writes_plan(SolveStatus::Infeasible));
        assert!(!writes_plan(SolveStatus::NoPlanBeforeLimit));
        assert_eq!(outcome_of(SolveStatus::NoPlanBeforeLimit), Outcome::NoPlanBeforeLimit);
    }
}
