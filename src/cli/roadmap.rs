//! `rotaplan roadmap`: scenario + policy → a plan per year over the term and the roadmap
//! document (see [`crate::roadmap`]).

use std::collections::BTreeMap;
use std::path::PathBuf;

use anyhow::Context;

use super::common::{load, plan_io_error, terminal_safe, Format, LangArg};
use super::{BadInput, Outcome};
use crate::explain::Lang;
use crate::plan::io::{write_atomically, OutputGuard};
use crate::plan::{InputRef, PinCodes};
use crate::roadmap::document::RoadmapDoc;
use crate::roadmap::{plan_roadmap, RoadmapError, RoadmapRequest};
use crate::solve::SolverSettings;

/// Arguments of `rotaplan roadmap`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Dữ liệu của năm đầu (tệp JSON hoặc thư mục) / scenario of the first year: a JSON file or a folder.
    pub scenario: PathBuf,
    /// Tệp quy định (TOML), mặc định quy định Hải Phòng có sẵn / policy model (TOML) [default: the shipped Hai Phong policy].
    #[arg(long, short = 'm')]
    pub model: Option<PathBuf>,
    /// Các năm cần lập, ĐẦU..CUỐI (mặc định: từ năm của ngày lập đến hết nhiệm kỳ) / years to plan, FIRST..LAST.
    #[arg(long)]
    pub years: Option<String>,
    /// Thư mục ghi roadmap.json, plan-NĂM.json và scenario-NĂM.json / folder for roadmap.json, plan-YEAR.json and scenario-YEAR.json.
    #[arg(long, short = 'o', default_value = "roadmap")]
    pub out_dir: PathBuf,
    /// Buộc bố trí trong một năm: NĂM:CÁN_BỘ=CHỨC_VỤ (lặp lại được) / force a pair in a year: YEAR:CADRE=POST.
    #[arg(long = "pin")]
    pub pin: Vec<String>,
    /// Không bố trí trong một năm: NĂM:CÁN_BỘ=CHỨC_VỤ (lặp lại được) / forbid a pair in a year: YEAR:CADRE=POST.
    #[arg(long)]
    pub forbid: Vec<String>,
    /// Giữ nguyên một cán bộ trong một năm: NĂM:CÁN_BỘ (lặp lại được) / keep a cadre in their post in a year: YEAR:CADRE.
    #[arg(long)]
    pub keep: Vec<String>,
    /// Để trống một chức vụ trong một năm: NĂM:CHỨC_VỤ (lặp lại được) / leave a post vacant in a year: YEAR:POST.
    #[arg(long)]
    pub vacant: Vec<String>,
    /// Lộ trình đã lập (roadmap.json); các năm trước --replan-from giữ như đã quyết định / an earlier roadmap.json whose years before --replan-from are kept.
    #[arg(long, requires = "replan_from")]
    pub from_roadmap: Option<PathBuf>,
    /// Năm bắt đầu lập lại (cùng --from-roadmap) / the first year planned again (with --from-roadmap).
    #[arg(long, requires = "from_roadmap")]
    pub replan_from: Option<i32>,
    /// Mỗi năm hướng thêm tới chỉ tiêu của mốc sau (chậm hơn nhiều; mặc định mỗi năm lập theo
    /// mốc của năm đó) / each year also pursues the next milestone's targets (much slower; by
    /// default each year is planned for its own milestone).
    #[arg(long)]
    pub look_ahead: bool,
    /// Giới hạn thời gian (giây) cho cả lộ trình / wall-clock limit in seconds for the whole roadmap.
    #[arg(long, default_value_t = 1800.0)]
    pub time_limit: f64,
    /// Số nút tìm kiếm tối đa mỗi giai đoạn (kết quả lặp lại được) / branch-and-bound nodes per objective stage.
    #[arg(long, default_value_t = 200)]
    pub max_nodes: u64,
    /// Số luồng của bộ giải HiGHS / HiGHS threads.
    #[arg(long, default_value_t = 1)]
    pub threads: u32,
    /// Hạt giống ngẫu nhiên của HiGHS / HiGHS random seed.
    #[arg(long, default_value_t = 0)]
    pub seed: i32,
    /// Định dạng tóm tắt (text hoặc json) / summary format on stdout.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Ngôn ngữ của tóm tắt / language of the summary.
    #[arg(long, value_enum, default_value_t = LangArg::Vi)]
    pub lang: LangArg,
}

/// Parses `FIRST..LAST` (or one year); the refusal is worded in `lang`.
pub fn parse_years(text: &str, lang: Lang) -> Result<(i32, i32), String> {
    let bad = || {
        match lang {
        Lang::Vi => format!(
            "--years '{text}': hãy ghi NĂM_ĐẦU..NĂM_CUỐI, năm đầu không sau năm cuối và cách nhau không quá 20 năm, ví dụ 2021..2025"
        ),
        Lang::En => format!("--years '{text}': write FIRST..LAST, e.g. 2021..2025"),
    }
    };
    let (a, b) = match text.split_once("..") {
        Some((a, b)) => (a.trim(), b.trim().trim_start_matches('=')),
        None => (text.trim(), text.trim()),
    };
    let a: i32 = a.parse().map_err(|_| bad())?;
    let b: i32 = b.parse().map_err(|_| bad())?;
    if a > b || b - a > 20 {
        return Err(bad());
    }
    Ok((a, b))
}

/// Splits `YEAR:REST`; the refusal is worded in `lang`.
pub fn year_prefixed(flag: &str, text: &str, lang: Lang) -> Result<(i32, String), String> {
    let (y, rest) = text.split_once(':').ok_or_else(|| match lang {
        Lang::Vi => format!("{flag} '{text}': hãy ghi NĂM:{}, ví dụ {}", flag_form(flag, lang), flag_example(flag)),
        Lang::En => format!("{flag} '{text}': write YEAR:{}, e.g. {}", flag_form(flag, lang), flag_example(flag)),
    })?;
    let y: i32 = y.trim().parse().map_err(|_| match lang {
        Lang::Vi => format!("{flag} '{text}': '{y}' không phải một năm, ví dụ {}", flag_example(flag)),
        Lang::En => format!("{flag} '{text}': '{y}' is not a year"),
    })?;
    Ok((y, rest.trim().to_string()))
}

fn flag_form(flag: &str, lang: Lang) -> &'static str {
    match (flag, lang) {
        ("--keep", Lang::Vi) => "MÃ_CÁN_BỘ",
        ("--vacant", Lang::Vi) => "MÃ_CHỨC_DANH",
        (_, Lang::Vi) => "MÃ_CÁN_BỘ=MÃ_CHỨC_DANH",
        ("--keep", Lang::En) => "CADRE",
        ("--vacant", Lang::En) => "POST",
        (_, Lang::En) => "CADRE=POST",
    }
}

fn flag_example(flag: &str) -> &'static str {
    match flag {
        "--keep" => "2023:C000123",
        "--vacant" => "2023:P-311-PCT1",
        _ => "2023:C000123=P-311-PCT1",
    }
}

/// Runs `rotaplan roadmap`.
pub fn run(args: Args) -> anyhow::Result<Outcome> {
    super::common::set_lang(args.lang.into());
    let lang: Lang = args.lang.into();
    let mut solver = SolverSettings::builder()
        .time_limit(args.time_limit)
        .threads(args.threads)
        .seed(args.seed)
        .max_nodes(args.max_nodes)
        .build()
        .map_err(|e| BadInput(crate::explain::words::settings_error(&e, lang)))?;
    solver.clock = Some(super::command_clock(solver.time_limit));
    let mut pins: BTreeMap<i32, PinCodes> = BTreeMap::new();
    let mut errors = Vec::new();
    for (flag, list) in
        [("--pin", &args.pin), ("--forbid", &args.forbid), ("--keep", &args.keep), ("--vacant", &args.vacant)]
    {
        for text in list {
            match year_prefixed(flag, text, lang) {
                Ok((y, rest)) => {
                    let p = pins.entry(y).or_default();
                    match flag {
                        "--pin" => p.force.push(rest),
                        "--forbid" => p.forbid.push(rest),
                        "--keep" => p.keep.push(rest),
                        _ => p.vacant.push(rest),
                    }
                }
                Err(e) => errors.push(e),
            }
        }
    }
    if !errors.is_empty() {
        return Err(BadInput(errors.join("\n")).into());
    }
    let mut guard = OutputGuard::new().scenario(&args.scenario);
    if let Some(m) = &args.model {
        guard = guard.input("policy", m);
    }
    if let Some(f) = &args.from_roadmap {
        guard = guard.input("--from-roadmap", f);
    }
    let (inputs, policy) = load(&args.scenario, args.model.as_deref())?;
    let (first, last) = match &args.years {
        Some(y) => parse_years(y, lang).map_err(BadInput)?,
        None => (inputs.raw.plan_date.year(), inputs.raw.term.end),
    };
    let mut members = vec!["roadmap.json".to_string()];
    for y in first..=last {
        members.push(format!("plan-{y}.json"));
        members.push(format!("scenario-{y}.json"));
    }
    let names: Vec<&str> = members.iter().map(String::as_str).collect();
    guard.output_folder(&args.out_dir, &names).map_err(plan_io_error)?;
    let earlier: Option<RoadmapDoc> = match &args.from_roadmap {
        Some(path) => {
            let bytes = crate::plan::io::read_bytes(path).map_err(plan_io_error)?;
            let doc: RoadmapDoc = serde_json::from_slice(&bytes)
                .map_err(|e| BadInput(crate::explain::words::not_a_roadmap(&path.display().to_string(), &e, lang)))?;
            if doc.format != crate::roadmap::document::ROADMAP_FORMAT {
                return Err(BadInput(crate::explain::words::roadmap_format(
                    &path.display().to_string(),
                    &doc.format,
                    lang,
                ))
                .into());
            }
            Some(doc)
        }
        None => None,
    };
    let req = RoadmapRequest {
        raw: &inputs.raw,
        scenario_ref: InputRef { name: inputs.raw.name.clone(), sha256: inputs.scenario_digest.clone() },
        policy: &policy,
        policy_ref: InputRef { name: policy.id.clone(), sha256: inputs.policy_digest.clone().unwrap_or_default() },
        first,
        last,
        pins,
        solver,
        look_ahead: args.look_ahead,
        earlier: earlier.as_ref(),
        replan_from: args.replan_from,
    };
    let bar = crate::report::progress::SolveBar::start(lang.pick("đang lập lộ trình", "planning the roadmap"), lang);
    let roadmap = match plan_roadmap(&req) {
        Ok(r) => r,
        Err(e @ RoadmapError::Solve(_)) => return Err(anyhow::anyhow!(crate::explain::words::roadmap_error(&e, lang))),
        Err(e) => return Err(BadInput(crate::explain::words::roadmap_error(&e, lang)).into()),
    };
    drop(bar);
    std::fs::create_dir_all(&args.out_dir).with_context(|| {
        format!("{} {}", lang.pick("không tạo được thư mục", "cannot create the folder"), args.out_dir.display())
    })?;
    for y in &roadmap.years {
        write_atomically(&args.out_dir.join(format!("scenario-{}.json", y.year)), y.scenario_json.as_bytes())
            .map_err(plan_io_error)?;
        if let Some(plan) = &y.plan {
            let json = serde_json::to_string_pretty(plan)? + "\n";
            write_atomically(&args.out_dir.join(format!("plan-{}.json", y.year)), json.as_bytes())
                .map_err(plan_io_error)?;
        }
    }
    let json = serde_json::to_string_pretty(&roadmap.doc)? + "\n";
    write_atomically(&args.out_dir.join("roadmap.json"), json.as_bytes()).map_err(plan_io_error)?;
    match args.format {
        Format::Json => println!("{json}"),
        Format::Text => {
            let facts = roadmap.infeasibility_facts(&policy, lang);
            let titles = crate::roadmap::Roadmap::rule_titles(&policy, lang);
            let text = crate::roadmap::render::roadmap_text_with(&roadmap.doc, lang, &facts, &titles);
            print!("{}", terminal_safe(&text))
        }
    }
    eprintln!("{} {}", lang.pick("đã ghi lộ trình vào", "roadmap written to"), args.out_dir.display());
    let planned_all = roadmap.doc.plans.iter().all(|p| p.status != "not_planned" && p.status != "infeasible");
    let compliant = roadmap.doc.plans.iter().all(|p| p.violations == 0);
    Ok(if planned_all && compliant { Outcome::Success } else { Outcome::No })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_and_year_prefixes_parse() {
        let vi = Lang::Vi;
        assert_eq!(parse_years("2021..2025", vi), Ok((2021, 2025)));
        assert_eq!(parse_years("2021..=2023", vi), Ok((2021, 2023)));
        assert_eq!(parse_years("2022", vi), Ok((2022, 2022)));
        assert!(parse_years("2025..2021", vi).unwrap_err().contains("NĂM_ĐẦU..NĂM_CUỐI"));
        assert!(parse_years("soon", Lang::En).unwrap_err().contains("FIRST..LAST"));
        assert_eq!(year_prefixed("--pin", "2023:C1=P2", vi), Ok((2023, "C1=P2".to_string())));
        assert!(year_prefixed("--pin", "C1=P2", vi).unwrap_err().contains("NĂM:MÃ_CÁN_BỘ=MÃ_CHỨC_DANH"));
        assert!(year_prefixed("--keep", "20x3:C1", vi).unwrap_err().contains("không phải một năm"));
    }
}
