//! The personnel submission as an Excel workbook (`rotaplan export --xlsx`), laid out as an
//! organisation board lays out a submission to the Standing Committee: one line per person
//! (STT, họ và tên, năm sinh, giới tính, chức vụ hiện tại, đơn vị, đề xuất, hình thức, lý do,
//! ghi chú), grouped by district and, within a district, by kind of move; then the targets
//! against the policy; and, when several plans are given, the plans side by side.
//!
//! Why a workbook and not the HTML report: the submission is edited before it goes to the
//! committee (a name struck, a note added), and boards do that in Excel. The sheets have a
//! frozen header row, set column widths and an A4 landscape print set-up (fit to the page
//! width, header rows repeated on every page, page numbers in the footer).
//!
//! This module only lays out what the plan documents already say; the words are Vietnamese,
//! the language of the document.

use std::collections::BTreeMap;

use rust_xlsxwriter::{
    Color, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError,
};

use crate::model::{Level, Policy, Scenario, Vocabulary};
use crate::plan::Plan;

/// The columns of the personnel list, with their widths.
pub const PERSONNEL_COLUMNS: [(&str, f64); 10] = [
    ("STT", 5.0),
    ("Họ và tên", 22.0),
    ("Năm sinh", 8.0),
    ("Giới tính", 8.0),
    ("Chức vụ hiện tại", 30.0),
    ("Đơn vị", 26.0),
    ("Đề xuất", 30.0),
    ("Hình thức", 13.0),
    ("Lý do", 38.0),
    ("Ghi chú", 20.0),
];

/// The kinds of move listed, in the order they are grouped, with their Vietnamese names.
pub const MOVE_KINDS: [(&str, &str); 4] = [
    ("rotates", "luân chuyển"),
    ("reinforcement", "tăng cường"),
    ("appointment", "bổ nhiệm"),
    ("release", "thôi giữ chức"),
];

/// A4 in Excel's paper codes.
const A4: u8 = 9;

struct Formats {
    title: Format,
    head: Format,
    group: Format,
    subgroup: Format,
    cell: Format,
    number: Format,
}

fn formats() -> Formats {
    let border = |f: Format| f.set_border(FormatBorder::Thin).set_text_wrap().set_align(FormatAlign::VerticalCenter);
    Formats {
        title: Format::new().set_bold().set_font_size(14),
        head: border(
            Format::new().set_bold().set_background_color(Color::RGB(0xDDEBF7)).set_align(FormatAlign::Center),
        ),
        group: border(Format::new().set_bold().set_background_color(Color::RGB(0xF2F2F2))),
        subgroup: border(Format::new().set_italic()),
        cell: border(Format::new()),
        number: border(Format::new().set_align(FormatAlign::Center)),
    }
}

fn print_setup(ws: &mut Worksheet, header_row: u32, title: &str) -> Result<(), XlsxError> {
    ws.set_landscape();
    ws.set_paper_size(A4);
    ws.set_print_fit_to_pages(1, 0);
    ws.set_repeat_rows(header_row, header_row)?;
    ws.set_freeze_panes(header_row + 1, 0)?;
    ws.set_margins(0.5, 0.5, 0.6, 0.6, 0.3, 0.3);
    ws.set_header(format!("&L&8{}", title.replace('&', "&&")));
    ws.set_footer("&CTrang &P/&N");
    Ok(())
}

/// The district a post belongs to (its own locality at district level, the district of a
/// commune), or `None` for a city-level post.
fn district_of(s: &Scenario, post: &str) -> Option<String> {
    let p = s.post_by_code(post)?;
    let loc = s.post(p).locality;
    s.ancestor_at(loc, Level::District).map(|d| s.locality(d).code.clone())
}

/// One line of the personnel list.
struct Line {
    name: String,
    born: String,
    gender: String,
    current: String,
    unit: String,
    proposed: String,
    kind: &'static str,
    reason: String,
    note: String,
}

/// The lines of a plan, grouped: (district code or "" for the city, kind) → lines.
fn lines(s: &Scenario, policy: &Policy, plan: &Plan) -> BTreeMap<(usize, usize), (String, Vec<Line>)> {
    let district_order: BTreeMap<String, usize> = s
        .localities_at(Level::District)
        .into_iter()
        .enumerate()
        .map(|(k, l)| (s.locality(l).code.clone(), k + 1))
        .collect();
    let mut out: BTreeMap<(usize, usize), (String, Vec<Line>)> = BTreeMap::new();
    for m in &plan.moves {
        let Some(kind_at) = MOVE_KINDS.iter().position(|k| k.0 == m.kind) else {
            continue; // stays
        };
        let Some(c) = s.cadre_by_code(&m.cadre) else {
            continue;
        };
        let cadre = s.cadre(c);
        let title = |p: &Option<String>| {
            p.as_deref().and_then(|p| s.post_by_code(p)).map(|p| s.post(p).title.clone()).unwrap_or_default()
        };
        let unit_of = |p: &Option<String>| {
            p.as_deref().and_then(|p| s.post_by_code(p)).map(|p| s.unit(s.post(p).unit).name.clone())
        };
        let current = match &m.from {
            Some(_) => title(&m.from),
            None => "Cán bộ nguồn".to_string(),
        };
        let unit = unit_of(&m.from).or_else(|| cadre.workplace.map(|u| s.unit(u).name.clone())).unwrap_or_default();
        let proposed = match &m.to {
            Some(_) => title(&m.to),
            None => "Thôi giữ chức vụ".to_string(),
        };
        // the purpose in words, then the rule and clause it serves, or the move it follows from
        let rules = m
            .serves
            .iter()
            .filter_map(|r| policy.rules.iter().find(|x| &x.id == r))
            .map(|r| format!("{} ({})", r.title_vi, r.clause))
            .collect::<Vec<_>>()
            .join("; ");
        let after = m
            .because_of
            .as_deref()
            .and_then(|x| s.cadre_by_code(x))
            .map(|x| format!("theo điều động của đồng chí {}", s.cadre(x).name));
        let reason = match m.purpose {
            Some(p) => {
                let mut r = capitalise(crate::explain::summary::purpose_text(p, crate::explain::Lang::Vi));
                if !rules.is_empty() {
                    r = format!("{r}: {rules}");
                }
                if let Some(a) = after {
                    r = format!("{r} ({a})");
                }
                r
            }
            None => rules,
        };
        let from_d = m.from.as_deref().and_then(|p| district_of(s, p));
        let to_d = m.to.as_deref().and_then(|p| district_of(s, p));
        let dname = |d: &Option<String>| {
            d.as_deref()
                .and_then(|d| s.locality_by_code(d))
                .map(|l| s.locality(l).name.clone())
                .unwrap_or_else(|| "cấp thành phố".to_string())
        };
        let note = if m.from.is_some() && m.to.is_some() && from_d != to_d {
            format!("Từ {} đến {}", dname(&from_d), dname(&to_d))
        } else {
            String::new()
        };
        let group_d = if m.to.is_some() { to_d } else { from_d };
        let order = group_d.as_ref().and_then(|d| district_order.get(d).copied()).unwrap_or(0);
        let group_name = match &group_d {
            Some(_) => dname(&group_d),
            None => "Cấp thành phố".to_string(),
        };
        out.entry((order, kind_at)).or_insert_with(|| (group_name, Vec::new())).1.push(Line {
            name: cadre.name.clone(),
            born: cadre.birth_date.year().to_string(),
            gender: capitalise(cadre.gender.label_vi()),
            current,
            unit,
            proposed,
            kind: MOVE_KINDS[kind_at].1,
            reason,
            note,
        });
    }
    out
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

fn personnel_sheet(
    book: &mut Workbook,
    f: &Formats,
    s: &Scenario,
    policy: &Policy,
    name: &str,
    label: &str,
    plan: &Plan,
) -> Result<(), XlsxError> {
    let ws = book.add_worksheet();
    ws.set_name(name)?;
    let title = format!("Danh sách cán bộ đề nghị luân chuyển, điều động, bổ nhiệm — {} — {}", s.name, label);
    ws.write_string_with_format(0, 0, &title, &f.title)?;
    let header_row = 2;
    for (k, (h, w)) in PERSONNEL_COLUMNS.iter().enumerate() {
        ws.write_string_with_format(header_row, k as u16, *h, &f.head)?;
        ws.set_column_width(k as u16, *w)?;
    }
    let last_col = PERSONNEL_COLUMNS.len() as u16 - 1;
    let mut r = header_row + 1;
    let mut stt = 0;
    let mut current_group = None;
    for ((order, _), (group, lines)) in lines(s, policy, plan) {
        if current_group != Some(order) {
            ws.merge_range(r, 0, r, last_col, &group, &f.group)?;
            r += 1;
            current_group = Some(order);
        }
        let kind = lines.first().map(|l| l.kind).unwrap_or("");
        ws.merge_range(r, 0, r, last_col, &format!("{} ({} người)", capitalise(kind), lines.len()), &f.subgroup)?;
        r += 1;
        for l in lines {
            stt += 1;
            ws.write_number_with_format(r, 0, stt as f64, &f.number)?;
            ws.write_string_with_format(r, 1, &l.name, &f.cell)?;
            ws.write_string_with_format(r, 2, &l.born, &f.number)?;
            ws.write_string_with_format(r, 3, &l.gender, &f.number)?;
            ws.write_string_with_format(r, 4, &l.current, &f.cell)?;
            ws.write_string_with_format(r, 5, &l.unit, &f.cell)?;
            ws.write_string_with_format(r, 6, &l.proposed, &f.cell)?;
            ws.write_string_with_format(r, 7, l.kind, &f.number)?;
            ws.write_string_with_format(r, 8, &l.reason, &f.cell)?;
            ws.write_string_with_format(r, 9, &l.note, &f.cell)?;
            r += 1;
        }
    }
    if stt == 0 {
        ws.merge_range(r, 0, r, last_col, "Phương án không đề nghị thay đổi nhân sự nào.", &f.cell)?;
    }
    print_setup(ws, header_row, &title)
}

fn number(x: Option<f64>) -> String {
    match x {
        Some(v) if v.fract() == 0.0 => format!("{v:.0}"),
        Some(v) => format!("{v:.2}").replace('.', ","),
        None => "—".into(),
    }
}

fn required(min: Option<f64>, max: Option<f64>) -> String {
    match (min, max) {
        (Some(a), Some(b)) if a == b => format!("= {}", number(Some(a))),
        (Some(a), Some(b)) => format!("{} – {}", number(Some(a)), number(Some(b))),
        (Some(a), None) => format!("≥ {}", number(Some(a))),
        (None, Some(b)) => format!("≤ {}", number(Some(b))),
        (None, None) => "—".into(),
    }
}

/// The columns of the target sheet.
pub const TARGET_COLUMNS: [(&str, f64); 8] = [
    ("STT", 5.0),
    ("Chỉ tiêu", 40.0),
    ("Căn cứ", 22.0),
    ("Địa bàn, tập thể", 30.0),
    ("Yêu cầu", 12.0),
    ("Đạt được", 10.0),
    ("Kết quả", 12.0),
    ("Tính chất", 12.0),
];

fn targets_sheet(
    book: &mut Workbook,
    f: &Formats,
    s: &Scenario,
    policy: &Policy,
    plan: &Plan,
    label: &str,
) -> Result<(), XlsxError> {
    let ws = book.add_worksheet();
    ws.set_name("Chỉ tiêu")?;
    let title = format!("Kết quả thực hiện chỉ tiêu — {} — {}", s.name, label);
    ws.write_string_with_format(0, 0, &title, &f.title)?;
    let header_row = 2;
    for (k, (h, w)) in TARGET_COLUMNS.iter().enumerate() {
        ws.write_string_with_format(header_row, k as u16, *h, &f.head)?;
        ws.set_column_width(k as u16, *w)?;
    }
    for (r, (i, t)) in (header_row + 1..).zip(plan.targets.iter().enumerate()) {
        let rule =
            policy.rules.iter().find(|x| x.id == t.rule).map(|x| x.title_vi.clone()).unwrap_or_else(|| t.rule.clone());
        ws.write_number_with_format(r, 0, (i + 1) as f64, &f.number)?;
        ws.write_string_with_format(r, 1, &rule, &f.cell)?;
        ws.write_string_with_format(r, 2, &t.clause, &f.cell)?;
        ws.write_string_with_format(r, 3, &t.subject_name, &f.cell)?;
        ws.write_string_with_format(r, 4, required(t.required_min, t.required_max), &f.number)?;
        ws.write_string_with_format(r, 5, number(Some(t.achieved)), &f.number)?;
        ws.write_string_with_format(r, 6, if t.met { "đạt" } else { "chưa đạt" }, &f.number)?;
        ws.write_string_with_format(r, 7, if t.hard { "bắt buộc" } else { "mục tiêu" }, &f.number)?;
    }
    print_setup(ws, header_row, &title)
}

fn comparison_sheet(
    book: &mut Workbook,
    f: &Formats,
    s: &Scenario,
    policy: &Policy,
    plans: &[(String, Plan)],
) -> Result<(), XlsxError> {
    let ws = book.add_worksheet();
    ws.set_name("So sánh phương án")?;
    let title = format!("So sánh các phương án — {}", s.name);
    ws.write_string_with_format(0, 0, &title, &f.title)?;
    let header_row = 2;
    ws.write_string_with_format(header_row, 0, "Nội dung", &f.head)?;
    ws.set_column_width(0, 44)?;
    for (k, (label, _)) in plans.iter().enumerate() {
        ws.write_string_with_format(header_row, k as u16 + 1, label, &f.head)?;
        ws.set_column_width(k as u16 + 1, 16)?;
    }
    let r = std::cell::Cell::new(header_row + 1);
    let row = |ws: &mut Worksheet, name: &str, values: Vec<String>, fmt: &Format| -> Result<(), XlsxError> {
        let at = r.get();
        ws.write_string_with_format(at, 0, name, fmt)?;
        for (k, v) in values.iter().enumerate() {
            ws.write_string_with_format(at, k as u16 + 1, v, &f.number)?;
        }
        r.set(at + 1);
        Ok(())
    };
    let count = |p: &Plan, kind: &str| p.moves.iter().filter(|m| m.kind == kind).count().to_string();
    row(
        ws,
        "Số người thay đổi",
        plans.iter().map(|(_, p)| p.moves.iter().filter(|m| m.kind != "stays").count().to_string()).collect(),
        &f.cell,
    )?;
    for (code, vi) in MOVE_KINDS {
        row(ws, &format!("  trong đó {vi}"), plans.iter().map(|(_, p)| count(p, code)).collect(), &f.cell)?;
    }
    row(ws, "Chức danh còn khuyết", plans.iter().map(|(_, p)| p.vacancies.len().to_string()).collect(), &f.cell)?;
    row(
        ws,
        "Chỉ tiêu đạt / tổng số",
        plans
            .iter()
            .map(|(_, p)| format!("{}/{}", p.targets.iter().filter(|t| t.met).count(), p.targets.len()))
            .collect(),
        &f.cell,
    )?;
    // per rule: met / instances
    let mut rules: Vec<&str> = Vec::new();
    for (_, p) in plans {
        for t in &p.targets {
            if !rules.contains(&t.rule.as_str()) {
                rules.push(&t.rule);
            }
        }
    }
    for rule in rules {
        let name =
            policy.rules.iter().find(|x| x.id == rule).map(|x| x.title_vi.clone()).unwrap_or_else(|| rule.to_string());
        row(
            ws,
            &format!("  {name}"),
            plans
                .iter()
                .map(|(_, p)| {
                    let of: Vec<_> = p.targets.iter().filter(|t| t.rule == rule).collect();
                    format!("{}/{}", of.iter().filter(|t| t.met).count(), of.len())
                })
                .collect(),
            &f.cell,
        )?;
    }
    // placements that differ between the plans
    r.set(r.get() + 1);
    ws.write_string_with_format(r.get(), 0, "Chức danh bố trí khác nhau giữa các phương án", &f.group)?;
    r.set(r.get() + 1);
    let mut posts: BTreeMap<String, (String, Vec<String>)> = BTreeMap::new();
    for (k, (_, p)) in plans.iter().enumerate() {
        for row in &p.posts {
            let e =
                posts.entry(row.post.clone()).or_insert_with(|| (row.title.clone(), vec![String::new(); plans.len()]));
            e.1[k] = row.after_name.clone().unwrap_or_else(|| "(khuyết)".into());
        }
    }
    for (_, (title, holders)) in posts {
        if holders.iter().all(|h| h == &holders[0]) {
            continue;
        }
        row(ws, &title, holders, &f.cell)?;
    }
    print_setup(ws, header_row, &title)
}

/// The submission workbook of one or more plans (labels such as "Phương án 1"), as the bytes
/// of an `.xlsx` file: a personnel sheet per plan, the target sheet of the first plan, and a
/// comparison sheet when there are several. The same plans give the same bytes.
pub fn submission_workbook(s: &Scenario, policy: &Policy, plans: &[(String, Plan)]) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    book.set_properties(
        &DocProperties::new()
            .set_creation_datetime(&ExcelDateTime::from_ymd(2021, 1, 1)?)
            .set_author("rotaplan")
            .set_title(format!("Đề án nhân sự — {}", s.name)),
    );
    let f = formats();
    for (k, (label, plan)) in plans.iter().enumerate() {
        let name =
            if plans.len() == 1 { "Danh sách nhân sự".to_string() } else { format!("Nhân sự PA{}", k + 1) };
        personnel_sheet(&mut book, &f, s, policy, &name, label, plan)?;
    }
    if let Some((label, plan)) = plans.first() {
        targets_sheet(&mut book, &f, s, policy, plan, label)?;
    }
    if plans.len() > 1 {
        comparison_sheet(&mut book, &f, s, policy, plans)?;
    }
    book.save_to_buffer()
}
