//! `rotaplan generate`: writes a synthetic scenario on the real administrative structure (see
//! [`crate::generate`]) to `DIR/scenario.json`.

use std::path::PathBuf;
use std::time::Instant;

use crate::generate::{generate, to_json, GenerateOptions, ProvinceSel, PLANNED_ROLES};
use crate::model::date::Date;

use super::common::LangArg;
use super::{write_atomically, BadInput, Outcome};
use crate::explain::Lang;

/// Arguments of `rotaplan generate`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Tỉnh, thành phố: mã thống kê ("31"), tên ("Hải Phòng") hoặc "all" (tất cả) / province.
    #[arg(long, default_value = "31")]
    pub province: String,
    /// Hạt giống ngẫu nhiên (cùng hạt giống cho cùng một tệp) / seed of every random draw.
    #[arg(long, default_value_t = 2021)]
    pub seed: u64,
    /// Số chức vụ có người đảm nhiệm (mặc định: theo cơ cấu, để trống 10% chức vụ, 2% chức vụ chủ
    /// chốt) / number of planned posts held.
    #[arg(long)]
    pub incumbents: Option<usize>,
    /// Số người trong nguồn trên mỗi cán bộ đương nhiệm / candidates per incumbent.
    #[arg(long, default_value_t = 2.5)]
    pub pool_ratio: f64,
    /// Ngày lập phương án, NNNN-TT-NN / plan date, YYYY-MM-DD.
    #[arg(long, default_value = "2021-03-02")]
    pub plan_date: String,
    /// Thư mục ghi DIR/scenario.json; tên tệp đuôi .xlsx thì ghi bảng tính danh sách cán bộ /
    /// output folder, or a roster workbook (.xlsx).
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// Ngôn ngữ của thông báo / language of the messages.
    #[arg(long, value_enum, default_value_t = LangArg::Vi)]
    pub lang: LangArg,
}

/// Runs the subcommand.
pub fn run(args: Args) -> anyhow::Result<Outcome> {
    let started = Instant::now();
    super::common::set_lang(args.lang.into());
    let lang: Lang = args.lang.into();
    let plan_date = Date::parse(&args.plan_date).map_err(|e| {
        BadInput(match lang {
            Lang::Vi => format!(
                "--plan-date '{}': không phải một ngày; hãy ghi NNNN-TT-NN hoặc NN/TT/NNNN, ví dụ 2021-03-02",
                args.plan_date
            ),
            Lang::En => format!("--plan-date: {e}"),
        })
    })?;
    let opts = GenerateOptions {
        province: ProvinceSel::parse(&args.province),
        seed: args.seed,
        incumbents: args.incumbents,
        pool_ratio: args.pool_ratio,
        plan_date,
        ..Default::default()
    };
    let raw = match generate(&opts) {
        Ok(raw) => raw,
        Err(e) if e.is_bad_input() => return Err(BadInput(crate::explain::words::generate_error(&e, lang)).into()),
        Err(e) => return Err(anyhow::anyhow!(crate::explain::words::generate_error(&e, lang))),
    };
    let guard = crate::plan::io::OutputGuard::new();
    let path = if crate::model::xlsx::is_xlsx(&args.out) {
        let bytes = crate::model::xlsx::write_workbook(&raw).map_err(|e| {
            anyhow::anyhow!("{}: {e}", lang.pick("không tạo được bảng tính", "cannot make the workbook"))
        })?;
        let target = super::common::output_path(&guard, &args.out, lang)?;
        write_atomically(&target, &bytes)?;
        args.out.clone()
    } else {
        let json = to_json(&raw)?;
        let path = args.out.join("scenario.json");
        guard.clone().output_folder(&args.out, &[]).map_err(super::common::plan_io_error)?;
        let target = super::common::output_path(&guard, &path, lang)?;
        write_atomically(&target, json.as_bytes())?;
        path
    };
    let planned: Vec<_> = raw.posts.iter().filter(|p| PLANNED_ROLES.contains(&p.role)).collect();
    let held = planned.iter().filter(|p| p.holder.is_some()).count();
    let (localities, units, posts, cadres) = (raw.localities.len(), raw.units.len(), raw.posts.len(), raw.cadres.len());
    let seconds = started.elapsed().as_secs_f64();
    match lang {
        Lang::Vi => eprintln!(
            "{}: {localities} địa bàn, {units} cơ quan, đơn vị, {posts} chức vụ ({} thuộc diện lập phương án, {held} có người đảm nhiệm), {cadres} cán bộ → {} ({} giây)",
            raw.name,
            planned.len(),
            path.display(),
            format!("{seconds:.1}").replace('.', ",")
        ),
        Lang::En => eprintln!(
            "{}: {localities} localities, {units} units, {posts} posts ({} planned, {held} held), {cadres} cadres → {} ({seconds:.1} s)",
            raw.name,
            planned.len(),
            path.display()
        ),
    }
    Ok(Outcome::Success)
}
