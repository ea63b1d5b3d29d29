//! The workbook format: a scenario as one Excel workbook, the way an organisation board keeps
//! its roster — one sheet per table, Vietnamese column headers, the years of the ratings as
//! columns, localities, units, teams and posts named as people name them.
//!
//! Why a second reader rather than "save as CSV": Excel's CSV is one sheet per file, in the
//! machine's legacy code page, with codes and one row per cadre and year. A planner works in a
//! workbook. The sheets are read into the same tables as the CSV folder and converted to the
//! raw structs by the same code (`csvio::parse_tables`), so both formats accept the same values
//! and report problems the same way; this module only adds what a workbook needs:
//! - sheets and column headers are matched by their Vietnamese names (the template's), by the
//!   English column names of the CSV format, with or without diacritics;
//! - the sheet "Xếp loại" may put the years in columns (`Mã cán bộ | 2018 | 2019 | 2020`);
//! - `STT` and `Ghi chú` columns, and `Họ và tên` on the per-cadre sheets, are for people and
//!   are not read;
//! - a reference to a locality, unit, team or post may be its code or its name. A name matches
//!   as written, then whatever the tone placement ("Thuỷ Nguyên" = "Thủy Nguyên"), then without
//!   diacritics; a locality also without its kind ("Thuỷ Nguyên" for "Huyện Thuỷ Nguyên") and
//!   with its parent in brackets ("Tân Lập (Thuỷ Nguyên)"). A name that fits several is an
//!   error listing them;
//! - every problem names the sheet, the row and the column (letter and header).
//!
//! [`write_workbook`] writes a scenario in this format (the template, `generate --out x.xlsx`,
//! the round trip test): headers, frozen header rows, lists of the allowed values on the coded
//! columns, and a sheet "Hướng dẫn" explaining every column in Vietnamese.

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};
use std::io::Cursor;
use std::path::Path;

use calamine::{Data, Reader};
use chrono::Datelike;

use super::csvio::{self, build_table, Header, Spec, Table, TableSource};
use super::date::Date;
use super::diag::{Diagnostic, Location};
use super::enums::*;
use super::fold::{plain_key, tone_key};
use super::load::{sha256_hex, ScenarioParse};
use super::locate::SourceMap;
use super::raw::*;
use super::validate::{file_location, Broken};

/// A coded column's allowed values (the template lists them for data validation).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Codes {
    /// Yes / no.
    YesNo,
    /// [`LocalityKind`].
    LocalityKind,
    /// [`UnitKind`].
    UnitKind,
    /// [`TeamKind`].
    TeamKind,
    /// [`Role`].
    Role,
    /// [`Level`].
    Level,
    /// [`Gender`].
    Gender,
    /// [`Management`].
    Management,
    /// [`EducationLevel`].
    EducationLevel,
    /// [`Field`].
    Field,
    /// [`DegreeClass`].
    DegreeClass,
    /// [`Rating`].
    Rating,
}

fn labels<V: Vocabulary>() -> Vec<&'static str> {
    V::ALL.iter().map(|v| v.label_vi()).collect()
}

impl Codes {
    const ALL: [Codes; 12] = [
        Codes::YesNo,
        Codes::LocalityKind,
        Codes::UnitKind,
        Codes::TeamKind,
        Codes::Role,
        Codes::Level,
        Codes::Gender,
        Codes::Management,
        Codes::EducationLevel,
        Codes::Field,
        Codes::DegreeClass,
        Codes::Rating,
    ];

    /// The Vietnamese labels a cell may hold (codes and English labels are read too).
    pub fn labels(self) -> Vec<&'static str> {
        match self {
            Codes::YesNo => vec!["có", "không"],
            Codes::LocalityKind => labels::<LocalityKind>(),
            Codes::UnitKind => labels::<UnitKind>(),
            Codes::TeamKind => labels::<TeamKind>(),
            Codes::Role => labels::<Role>(),
            Codes::Level => labels::<Level>(),
            Codes::Gender => labels::<Gender>(),
            Codes::Management => labels::<Management>(),
            Codes::EducationLevel => labels::<EducationLevel>(),
            Codes::Field => labels::<Field>(),
            Codes::DegreeClass => labels::<DegreeClass>(),
            Codes::Rating => labels::<Rating>(),
        }
    }

    /// The list's title on the sheet "Danh mục".
    pub fn title(self) -> &'static str {
        match self {
            Codes::YesNo => "Có/không",
            Codes::LocalityKind => "Loại địa bàn",
            Codes::UnitKind => "Loại đơn vị",
            Codes::TeamKind => "Loại tập thể",
            Codes::Role => "Chức vụ",
            Codes::Level => "Cấp",
            Codes::Gender => "Giới tính",
            Codes::Management => "Diện quản lý",
            Codes::EducationLevel => "Trình độ",
            Codes::Field => "Chuyên ngành",
            Codes::DegreeClass => "Xếp loại tốt nghiệp",
            Codes::Rating => "Mức xếp loại",
        }
    }
}

/// One column of a sheet.
pub struct Column {
    /// The column of the CSV format (`birth_date`).
    pub code: &'static str,
    /// The Vietnamese header the template writes (`Ngày sinh`).
    pub header: &'static str,
    /// Other headers accepted.
    pub aliases: &'static [&'static str],
    /// What the column holds, in Vietnamese (the sheet "Hướng dẫn").
    pub note: &'static str,
    /// Its allowed values, when coded.
    pub codes: Option<Codes>,
}

/// One sheet of the workbook.
pub struct Sheet {
    pub(crate) spec: &'static Spec,
    /// The sheet's name.
    pub name: &'static str,
    /// What the sheet holds, in Vietnamese.
    pub note: &'static str,
    /// Its columns, in the template's order.
    pub columns: &'static [Column],
}

macro_rules! col {
    ($code:literal, $header:literal, [$($alias:literal),*], $codes:expr, $note:literal) => {
        Column { code: $code, header: $header, aliases: &[$($alias),*], note: $note, codes: $codes }
    };
}

/// The sheets, in the workbook's order.
pub static SHEETS: [Sheet; 9] = [
    Sheet {
        spec: &csvio::SCENARIO,
        name: "Thông tin chung",
        note: "Thông tin chung của kịch bản: tên, ngày lập phương án, nhiệm kỳ. Mỗi dòng một mục.",
        columns: &[
            col!("key", "Mục", ["khoá", "khóa"], None, "Tên mục: Tên kịch bản, Ngày lập phương án, Năm đầu nhiệm kỳ, Năm cuối nhiệm kỳ, Nguồn dữ liệu (không bắt buộc)."),
            col!("value", "Giá trị", [], None, "Giá trị của mục. Ngày viết dd/mm/yyyy hoặc yyyy-mm-dd."),
        ],
    },
    Sheet {
        spec: &csvio::LOCALITIES,
        name: "Địa bàn",
        note: "Cây địa bàn: thành phố, quận, huyện, xã, phường, thị trấn. Mã theo danh mục của Tổng cục Thống kê.",
        columns: &[
            col!("id", "Mã địa bàn", ["mã"], None, "Mã đơn vị hành chính (ví dụ 311). Không trùng nhau."),
            col!("name", "Tên địa bàn", ["tên"], None, "Tên đầy đủ, ví dụ \"Huyện Thuỷ Nguyên\"."),
            col!("kind", "Loại địa bàn", ["loại"], Some(Codes::LocalityKind), "Chọn trong danh sách."),
            col!("parent", "Trực thuộc", ["cấp trên"], None, "Mã hoặc tên địa bàn cấp trên; để trống với thành phố, tỉnh."),
            col!("class", "Phân loại", ["loại đơn vị hành chính"], None, "Loại đơn vị hành chính 1, 2 hoặc 3 (dùng cho định mức phó chủ tịch)."),
        ],
    },
    Sheet {
        spec: &csvio::UNITS,
        name: "Cơ quan, đơn vị",
        note: "Cấp uỷ, UBND, sở, ban, ngành, đoàn thể.",
        columns: &[
            col!("id", "Mã đơn vị", ["mã"], None, "Mã do đơn vị tự đặt, không trùng nhau (ví dụ UB-311)."),
            col!("name", "Tên đơn vị", ["tên"], None, "Tên đầy đủ, ví dụ \"UBND huyện Thuỷ Nguyên\"."),
            col!("kind", "Loại đơn vị", ["loại"], Some(Codes::UnitKind), "Chọn trong danh sách."),
            col!("locality", "Địa bàn", [], None, "Mã hoặc tên địa bàn của đơn vị."),
            col!("level", "Cấp", [], Some(Codes::Level), "Chọn trong danh sách."),
        ],
    },
    Sheet {
        spec: &csvio::TEAMS,
        name: "Tập thể lãnh đạo",
        note: "Tập thể lãnh đạo (để xét cơ cấu ba độ tuổi và chuyên ngành). Không bắt buộc.",
        columns: &[
            col!("id", "Mã tập thể", ["mã"], None, "Mã do đơn vị tự đặt, không trùng nhau."),
            col!("name", "Tên tập thể", ["tên"], None, "Ví dụ \"Lãnh đạo UBND huyện Thuỷ Nguyên\"."),
            col!("kind", "Loại tập thể", ["loại"], Some(Codes::TeamKind), "Chọn trong danh sách."),
            col!("locality", "Địa bàn", [], None, "Mã hoặc tên địa bàn."),
            col!("key", "Then chốt", [], Some(Codes::YesNo), "Có nếu là tập thể then chốt (mặc định: có)."),
        ],
    },
    Sheet {
        spec: &csvio::POSTS,
        name: "Chức danh",
        note: "Các chức danh cần bố trí, và người đang giữ.",
        columns: &[
            col!("id", "Mã chức danh", ["mã"], None, "Mã do đơn vị tự đặt, không trùng nhau (ví dụ P-311-PCT1)."),
            col!("title", "Tên chức danh", ["tên"], None, "Ví dụ \"Phó Chủ tịch UBND huyện Thuỷ Nguyên\". Dùng để gọi chức danh theo tên ở các trang khác."),
            col!("unit", "Đơn vị", ["cơ quan, đơn vị"], None, "Mã hoặc tên cơ quan, đơn vị."),
            col!("role", "Chức vụ", [], Some(Codes::Role), "Chọn trong danh sách."),
            col!("level", "Cấp", [], Some(Codes::Level), "Chọn trong danh sách."),
            col!("team", "Tập thể", ["tập thể lãnh đạo"], None, "Mã hoặc tên tập thể lãnh đạo (không bắt buộc)."),
            col!("key", "Then chốt", [], Some(Codes::YesNo), "Có nếu chức danh phải có người (mặc định: không)."),
            col!("supernumerary", "Ngoài định mức", [], Some(Codes::YesNo), "Có nếu là suất phó chủ tịch vượt định mức, chỉ dành cho cán bộ luân chuyển đến."),
            col!("holder", "Người đang giữ", ["mã người đang giữ"], None, "Mã cán bộ đang giữ chức danh; để trống nếu khuyết."),
        ],
    },
    Sheet {
        spec: &csvio::CADRES,
        name: "Cán bộ",
        note: "Cán bộ đương nhiệm và nguồn quy hoạch, mỗi người một dòng.",
        columns: &[
            col!("id", "Mã cán bộ", ["mã"], None, "Mã cán bộ, không trùng nhau."),
            col!("name", "Họ và tên", ["họ tên"], None, "Họ và tên đầy đủ."),
            col!("birth_date", "Ngày sinh", [], None, "Ngày sinh, dd/mm/yyyy."),
            col!("gender", "Giới tính", [], Some(Codes::Gender), "Chọn trong danh sách."),
            col!("hometown", "Quê quán", [], None, "Mã hoặc tên địa bàn quê quán (xã hoặc huyện)."),
            col!("local_to", "Gắn bó địa phương", [], None, "Các địa bàn khác mà cán bộ được coi là người địa phương, cách nhau bởi dấu chấm phẩy (không bắt buộc)."),
            col!("post", "Chức danh hiện tại", ["chức vụ hiện tại"], None, "Mã hoặc tên chức danh đang giữ; để trống với cán bộ nguồn."),
            col!("workplace", "Nơi công tác", [], None, "Mã hoặc tên cơ quan đang công tác (với cán bộ nguồn)."),
            col!("rotated_from", "Luân chuyển từ", ["tăng cường từ"], None, "Với cán bộ đang giữ chức danh hiện tại theo diện luân chuyển, tăng cường: mã hoặc tên địa bàn nơi cán bộ được luân chuyển đi (không bắt buộc)."),
            col!("civil_servant", "Công chức", [], Some(Codes::YesNo), "Có nếu là công chức."),
            col!("management", "Diện quản lý", [], Some(Codes::Management), "Chọn trong danh sách."),
            col!("education_level", "Trình độ", ["trình độ chuyên môn"], Some(Codes::EducationLevel), "Chọn trong danh sách."),
            col!("field", "Chuyên ngành", [], Some(Codes::Field), "Chọn trong danh sách."),
            col!("degree_class", "Xếp loại tốt nghiệp", ["xếp loại bằng"], Some(Codes::DegreeClass), "Chọn trong danh sách (không bắt buộc)."),
            col!("formally_trained", "Đào tạo chính quy", ["chính quy"], Some(Codes::YesNo), "Có nếu được đào tạo chính quy."),
            col!("outstanding", "Nổi trội", ["xuất sắc"], Some(Codes::YesNo), "Có nếu là cán bộ có phẩm chất, năng lực nổi trội (được xét bổ nhiệm vượt cấp)."),
        ],
    },
    Sheet {
        spec: &csvio::RATINGS,
        name: "Xếp loại",
        note: "Kết quả đánh giá, xếp loại hằng năm: một dòng mỗi cán bộ, một cột mỗi năm (ví dụ 2018, 2019, 2020). Ô trống: năm đó không có kết quả.",
        columns: &[
            col!("cadre", "Mã cán bộ", [], None, "Mã cán bộ như ở trang Cán bộ."),
            col!("year", "Năm", [], None, "Khi không xếp cột theo năm: năm đánh giá."),
            col!("rating", "Mức xếp loại", ["xếp loại"], Some(Codes::Rating), "Mức xếp loại; chọn trong danh sách."),
        ],
    },
    Sheet {
        spec: &csvio::PLANNING,
        name: "Quy hoạch",
        note: "Các chức danh cán bộ được quy hoạch, mỗi chức danh một dòng.",
        columns: &[
            col!("cadre", "Mã cán bộ", [], None, "Mã cán bộ như ở trang Cán bộ."),
            col!("role", "Chức vụ quy hoạch", ["chức vụ"], Some(Codes::Role), "Chọn trong danh sách."),
            col!("level", "Cấp", [], Some(Codes::Level), "Chọn trong danh sách."),
            col!("post", "Chức danh", [], None, "Mã hoặc tên chức danh cụ thể (không bắt buộc)."),
        ],
    },
    Sheet {
        spec: &csvio::HISTORY,
        name: "Quá trình công tác",
        note: "Quá trình giữ chức vụ lãnh đạo (để tính thời gian giữ chức và gắn bó địa phương).",
        columns: &[
            col!("cadre", "Mã cán bộ", [], None, "Mã cán bộ như ở trang Cán bộ."),
            col!("role", "Chức vụ", [], Some(Codes::Role), "Chọn trong danh sách."),
            col!("level", "Cấp", [], Some(Codes::Level), "Chọn trong danh sách."),
            col!("locality", "Địa bàn", [], None, "Mã hoặc tên địa bàn."),
            col!("post", "Chức danh", [], None, "Mã hoặc tên chức danh (không bắt buộc)."),
            col!("from", "Từ ngày", [], None, "Ngày bắt đầu, dd/mm/yyyy."),
            col!("to", "Đến ngày", [], None, "Ngày kết thúc; để trống nếu đang giữ."),
        ],
    },
];

/// The rows of the sheet "Thông tin chung": setting, Vietnamese name.
pub const SETTING_NAMES: [(&str, &str); 6] = [
    ("format", "Định dạng"),
    ("name", "Tên kịch bản"),
    ("plan_date", "Ngày lập phương án"),
    ("term_start", "Năm đầu nhiệm kỳ"),
    ("term_end", "Năm cuối nhiệm kỳ"),
    ("provenance", "Nguồn dữ liệu"),
];

/// The sheet explaining the columns.
pub const GUIDE_SHEET: &str = "Hướng dẫn";
/// The sheet listing the allowed values.
pub const LISTS_SHEET: &str = "Danh mục";

/// Headers of columns that are for people only and are not read.
const IGNORED: [&str; 4] = ["stt", "tt", "ghi chu", "ghi chú"];

/// How a header or sheet name compares: without diacritics, case, `*`, `_` and a bracketed
/// remark.
fn header_key(h: &str) -> String {
    let h = match (h.find('('), h.rfind(')')) {
        (Some(a), Some(b)) if a > 0 && b > a => format!("{} {}", &h[..a], &h[b + 1..]),
        _ => h.to_string(),
    };
    plain_key(&h.replace(['*', '_', ':'], " "))
}

fn sheet_def(spec: &'static Spec) -> &'static Sheet {
    SHEETS.iter().find(|s| s.spec.file == spec.file).expect("every spec has a sheet")
}

/// Spreadsheet column letters of a 0-based column.
pub fn column_letter(mut k: usize) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (k % 26) as u8);
        if k < 26 {
            break;
        }
        k = k / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

fn cell_text(d: &Data) -> String {
    match d {
        Data::Empty => String::new(),
        Data::String(s) => s.trim().to_string(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(dt) if dt.is_datetime() => {
            let (y, m, d, ..) = dt.to_ymd_hms_milli();
            format!("{y:04}-{m:02}-{d:02}")
        }
        Data::DateTime(dt) => dt.as_f64().to_string(),
        Data::DateTimeIso(s) => s.get(..10).unwrap_or(s).to_string(),
        Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("#{e}"),
    }
}

/// One sheet as read: its name and its rows (spreadsheet row, cells from column A).
struct RawSheet {
    name: String,
    rows: Vec<(usize, Vec<String>)>,
}

struct Workbook {
    file: String,
    /// The sheet of each spec (by the spec's file name).
    sheets: HashMap<&'static str, RawSheet>,
    /// Column labels of the tables handed out: (shown file, column, label).
    labels: RefCell<Vec<(String, String, String)>>,
    /// The names written beside cadre codes on the per-cadre sheets: where, code, name.
    names: RefCell<Vec<(Location, String, String)>>,
}

impl Workbook {
    fn shown(&self, sheet: &str) -> String {
        format!("{}, sheet '{sheet}'", self.file)
    }
}

fn year_header(h: &str) -> Option<String> {
    let k = plain_key(h);
    let k = k.strip_prefix("nam ").unwrap_or(&k);
    (k.len() == 4 && k.chars().all(|c| c.is_ascii_digit())).then(|| k.to_string())
}

impl TableSource for Workbook {
    fn tables(&self, spec: &'static Spec, diags: &mut Vec<Diagnostic>) -> Option<Vec<Table>> {
        let def = sheet_def(spec);
        let Some(sheet) = self.sheets.get(spec.file) else {
            if spec.required {
                diags.push(
                    Diagnostic::error(
                        "missing-file",
                        file_location(&self.file),
                        format!("the workbook has no sheet '{}'", def.name),
                    )
                    .with_hint(format!(
                        "a roster workbook holds the sheets {} (rotaplan template writes a blank one)",
                        SHEETS.iter().map(|s| format!("'{}'", s.name)).collect::<Vec<_>>().join(", ")
                    )),
                );
            }
            return None;
        };
        let shown = self.shown(&sheet.name);
        let mut rows = sheet.rows.clone();
        let column = |h: &str| column_of(def, h);
        let label = |k: usize, h: &str| format!("{} '{h}'", column_letter(k));
        let name = |c: &'static str| header_of(def, c);
        let table = format!("the sheet '{}'", def.name);
        let header_of_def = Header { column: &column, label: &label, name: &name, table: &table };
        let Some(header) = rows.first().map(|r| r.1.clone()) else {
            return build_table(&shown, spec, Vec::new(), &header_of_def, diags).map(|t| vec![t]);
        };
        // columns for people only
        let per_cadre = spec.columns.first().is_some_and(|c| c.0 == "cadre");
        let cadre_col = header.iter().position(|h| column_of(def, h) == Some("cadre"));
        for (k, h) in header.iter().enumerate() {
            let key = header_key(h);
            let name_col = per_cadre && (key == "ho va ten" || key == "ho ten");
            if let (true, Some(ci)) = (name_col, cadre_col) {
                let mut names = self.names.borrow_mut();
                for (row, cells) in rows.iter().skip(1) {
                    let (Some(code), Some(name)) = (cells.get(ci), cells.get(k)) else {
                        continue;
                    };
                    if !code.is_empty() && !name.is_empty() {
                        let at = Location {
                            file: shown.clone(),
                            row: Some(*row),
                            path: Some(format!("{} '{h}'", column_letter(k))),
                            ..Default::default()
                        };
                        names.push((at, code.clone(), name.clone()));
                    }
                }
            }
            let ignored = IGNORED.contains(&key.as_str()) || name_col;
            if ignored {
                for (_, cells) in rows.iter_mut() {
                    if let Some(c) = cells.get_mut(k) {
                        c.clear();
                    }
                }
            }
        }
        if spec.file == csvio::SCENARIO.file {
            for (_, cells) in rows.iter_mut().skip(1) {
                if let Some(c) = cells.first_mut() {
                    let key = header_key(c);
                    if let Some((code, _)) =
                        SETTING_NAMES.iter().find(|(code, vi)| header_key(vi) == key || *code == key)
                    {
                        *c = code.to_string();
                    }
                }
            }
            let has_format = rows.iter().skip(1).any(|(_, c)| c.first().is_some_and(|k| k == "format"));
            if !has_format {
                let last = rows.last().map(|r| r.0).unwrap_or(1);
                rows.push((last + 1, vec!["format".into(), SCENARIO_FORMAT.into()]));
            }
        }
        if spec.file == csvio::RATINGS.file {
            let years: Vec<(usize, String)> =
                header.iter().enumerate().filter_map(|(k, h)| year_header(h).map(|y| (k, y))).collect();
            if !years.is_empty() {
                return self.wide_ratings(&shown, def, rows, &years, diags);
            }
        }
        let t = build_table(&shown, spec, rows, &header_of_def, diags)?;
        self.note_labels(&t);
        Some(vec![t])
    }

    fn present(&self, spec: &'static Spec) -> bool {
        self.sheets.contains_key(spec.file)
    }

    fn file_of(&self, spec: &'static Spec) -> String {
        match self.sheets.get(spec.file) {
            Some(s) => self.shown(&s.name),
            None => self.shown(sheet_def(spec).name),
        }
    }
}

impl Workbook {
    fn note_labels(&self, t: &Table) {
        let mut l = self.labels.borrow_mut();
        for (c, label) in &t.labels {
            l.push((t.file.clone(), c.to_string(), label.clone()));
        }
    }

    /// The ratings sheet with a column per year: one table per year, its rows the cadres with
    /// a rating that year.
    fn wide_ratings(
        &self,
        shown: &str,
        def: &'static Sheet,
        rows: Vec<(usize, Vec<String>)>,
        years: &[(usize, String)],
        diags: &mut Vec<Diagnostic>,
    ) -> Option<Vec<Table>> {
        let header = rows.first().map(|r| r.1.clone()).unwrap_or_default();
        let mut cadre = None;
        for (k, h) in header.iter().enumerate() {
            if h.is_empty() || years.iter().any(|y| y.0 == k) {
                continue;
            }
            match column_of(def, h) {
                Some("cadre") => cadre = Some(k),
                _ => {
                    let key = header_key(h);
                    if !(IGNORED.contains(&key.as_str()) || key == "ho va ten" || key == "ho ten") {
                        diags.push(
                            Diagnostic::error(
                                "unknown-column",
                                Location {
                                    file: shown.to_string(),
                                    row: Some(rows[0].0),
                                    path: Some(format!("{} '{h}'", column_letter(k))),
                                    ..Default::default()
                                },
                                format!("unknown column '{h}'"),
                            )
                            .with_hint("with the years as columns, the sheet holds 'Mã cán bộ', 'Họ và tên' and one column per year (2018, 2019, ...)"),
                        );
                    }
                }
            }
        }
        let Some(ci) = cadre else {
            diags.push(
                Diagnostic::error(
                    "missing-column",
                    Location { file: shown.to_string(), row: Some(rows[0].0), ..Default::default() },
                    "required column 'Mã cán bộ' is missing",
                )
                .with_hint("the first row names the columns: Mã cán bộ, then one column per year"),
            );
            return None;
        };
        let mut out = Vec::new();
        for (k, year) in years {
            let label = format!("{} '{}'", column_letter(*k), header[*k]);
            let mut t = Table {
                file: shown.to_string(),
                col: HashMap::from([("cadre", 0), ("year", 1), ("rating", 2)]),
                labels: HashMap::from([
                    ("cadre", format!("{} '{}'", column_letter(ci), header[ci])),
                    ("year", label.clone()),
                    ("rating", label),
                ]),
                rows: Vec::new(),
            };
            for (row, cells) in rows.iter().skip(1) {
                let rating = cells.get(*k).cloned().unwrap_or_default();
                if rating.is_empty() {
                    continue;
                }
                let c = cells.get(ci).cloned().unwrap_or_default();
                t.rows.push((*row, vec![c, year.clone(), rating], false));
            }
            self.note_labels(&t);
            out.push(t);
        }
        Some(out)
    }
}

fn column_of(def: &Sheet, h: &str) -> Option<&'static str> {
    let key = header_key(h);
    def.columns
        .iter()
        .find(|c| {
            header_key(c.header) == key || header_key(c.code) == key || c.aliases.iter().any(|a| header_key(a) == key)
        })
        .map(|c| c.code)
        .and_then(|code| def.spec.columns.iter().find(|c| c.0 == code).map(|c| c.0))
}

fn header_of(def: &Sheet, code: &'static str) -> String {
    def.columns.iter().find(|c| c.code == code).map(|c| c.header.to_string()).unwrap_or_else(|| code.to_string())
}

/// Reads a scenario workbook (shape only: semantic validation is
/// [`load_scenario`](super::load::load_scenario)'s job).
pub fn read_workbook(path: &Path) -> Result<RawScenario, Vec<Diagnostic>> {
    let p = parse_workbook(path);
    if p.diags.iter().any(|d| d.is_error()) {
        return Err(p.diags);
    }
    match p.draft {
        Some(d) => Ok(d.raw),
        None => Err(p.diags),
    }
}

/// Whether a path names a workbook (by its extension).
pub fn is_workbook(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| ["xlsx", "xlsm", "xlsb", "xls", "ods"].contains(&e.to_ascii_lowercase().as_str()))
}

/// Whether a path names an Excel workbook that [`write_workbook`] can write (`.xlsx`).
pub fn is_xlsx(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| e.eq_ignore_ascii_case("xlsx"))
}

/// Parses a workbook as far as it goes.
pub(crate) fn parse_workbook(path: &Path) -> ScenarioParse {
    let shown = path.display().to_string();
    let fail =
        |d: Diagnostic| ScenarioParse { draft: None, diags: vec![d], source: SourceMap::plain(&shown), digest: None };
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            return fail(
                Diagnostic::error("io-error", file_location(&shown), format!("cannot read {shown}: {e}"))
                    .with_hint("check that the file exists and can be read"),
            )
        }
    };
    let digest = sha256_hex(&bytes);
    let mut book = match calamine::open_workbook_auto_from_rs(Cursor::new(bytes)) {
        Ok(b) => b,
        Err(e) => {
            return fail(
                Diagnostic::error(
                    "bad-workbook",
                    file_location(&shown),
                    format!("cannot read {shown} as a workbook: {e}"),
                )
                .with_hint("save it from Excel or LibreOffice as an Excel workbook (.xlsx)"),
            )
        }
    };
    let mut diags = Vec::new();
    let mut sheets = HashMap::new();
    for name in book.sheet_names() {
        let key = header_key(&name);
        let def = SHEETS.iter().find(|s| {
            header_key(s.name) == key
                || header_key(s.spec.file.trim_end_matches(".csv")) == key
                || header_key(s.spec.file) == key
        });
        let Some(def) = def else {
            if key != header_key(GUIDE_SHEET) && key != header_key(LISTS_SHEET) {
                diags.push(
                    Diagnostic::warning(
                        "unknown-file",
                        file_location(&format!("{shown}, sheet '{name}'")),
                        format!("sheet '{name}' is not part of the roster workbook and is ignored"),
                    )
                    .with_hint(format!(
                        "the sheets are {}",
                        SHEETS.iter().map(|s| format!("'{}'", s.name)).collect::<Vec<_>>().join(", ")
                    )),
                );
            }
            continue;
        };
        let range = match book.worksheet_range(&name) {
            Ok(r) => r,
            Err(e) => {
                diags.push(Diagnostic::error(
                    "bad-workbook",
                    file_location(&format!("{shown}, sheet '{name}'")),
                    format!("cannot read the sheet: {e}"),
                ));
                continue;
            }
        };
        let (r0, c0) = range.start().map(|(r, c)| (r as usize, c as usize)).unwrap_or((0, 0));
        let mut rows = Vec::new();
        for (i, row) in range.rows().enumerate() {
            let mut cells = vec![String::new(); c0];
            cells.extend(row.iter().map(cell_text));
            while cells.last().is_some_and(String::is_empty) {
                cells.pop();
            }
            if rows.is_empty() && cells.is_empty() {
                continue; // blank rows above the header
            }
            rows.push((r0 + i + 1, cells));
        }
        if sheets.contains_key(def.spec.file) {
            diags.push(
                Diagnostic::error(
                    "duplicate-key",
                    file_location(&format!("{shown}, sheet '{name}'")),
                    format!("two sheets hold {}", def.name),
                )
                .with_hint("keep one of them"),
            );
            continue;
        }
        sheets.insert(def.spec.file, RawSheet { name, rows });
    }
    let wb =
        Workbook { file: shown.clone(), sheets, labels: RefCell::new(Vec::new()), names: RefCell::new(Vec::new()) };
    let (mut draft, mut index) = csvio::parse_tables(&wb, &mut diags);
    for (file, col, label) in wb.labels.take() {
        index.label_column(&file, &col, &label);
    }
    let source = SourceMap::csv(shown, index);
    resolve_names(&mut draft.raw, &mut draft.broken, &source, &mut diags);
    // a name beside a cadre code that is not that cadre's: the code is what is read
    let names: HashMap<&str, &str> = draft.raw.cadres.iter().map(|c| (c.id.as_str(), c.name.as_str())).collect();
    for (at, code, written) in wb.names.take() {
        if let Some(actual) = names.get(code.as_str()) {
            if !super::fold::same_name(&written, actual) {
                diags.push(
                    Diagnostic::warning(
                        "name-mismatch",
                        at,
                        format!(
                            "the name '{written}' is beside cadre '{code}', who is {actual}; the code is what is read"
                        ),
                    )
                    .with_hint("check the row: correct the code, or the name"),
                );
            }
        }
    }
    ScenarioParse { draft: Some(draft), diags, source, digest: Some(digest) }
}

// --- names -----------------------------------------------------------------------------------

/// The prefixes that name a locality's kind ("Huyện Thuỷ Nguyên" is also "Thuỷ Nguyên").
const KIND_PREFIXES: [&str; 9] =
    ["thanh pho", "tinh", "quan", "huyen", "thi xa", "thi tran", "xa", "phuong", "dac khu"];

fn without_kind(name: &str) -> Option<String> {
    let plain = plain_key(name);
    let words: Vec<&str> = name.split_whitespace().collect();
    KIND_PREFIXES.iter().find_map(|p| {
        let n = p.split(' ').count();
        (plain.starts_with(&format!("{p} ")) && words.len() > n).then(|| words[n..].join(" "))
    })
}

/// The three strengths of name matching, strictest first: as written (case and spacing
/// aside), whatever the tone placement, without diacritics.
fn name_keys(name: &str) -> [String; 3] {
    [name.to_lowercase().split_whitespace().collect::<Vec<_>>().join(" "), tone_key(name), plain_key(name)]
}

/// Things that can be named: id, name (and for localities the parent's id).
struct Named {
    items: Vec<(String, String, Option<String>)>,
    /// The keys of each item's name, and of its name without its kind.
    keys: Vec<([String; 3], Option<[String; 3]>)>,
    ids: std::collections::HashSet<String>,
    what: &'static str,
}

impl Named {
    fn new(what: &'static str, items: Vec<(String, String, Option<String>)>) -> Self {
        let ids = items.iter().map(|i| i.0.clone()).collect();
        let keys = items.iter().map(|i| (name_keys(&i.1), without_kind(&i.1).map(|s| name_keys(&s)))).collect();
        Named { items, keys, ids, what }
    }

    /// Items whose name (or name without its kind) matches, at the strictest tier that matches.
    fn matching(&self, q: &str) -> Vec<usize> {
        let q = name_keys(q);
        for tier in 0..3 {
            let hits: Vec<usize> = self
                .keys
                .iter()
                .enumerate()
                .filter(|(_, (full, short))| {
                    full[tier] == q[tier] || short.as_ref().is_some_and(|s| s[tier] == q[tier])
                })
                .map(|(i, _)| i)
                .collect();
            if !hits.is_empty() {
                return hits;
            }
        }
        Vec::new()
    }

    fn describe(&self, i: usize, parents: Option<&Named>) -> String {
        let (id, name, parent) = &self.items[i];
        let within = parent
            .as_ref()
            .and_then(|p| parents.and_then(|ps| ps.items.iter().find(|x| &x.0 == p)))
            .map(|p| format!(", {}", p.1))
            .unwrap_or_default();
        format!("{id} ({name}{within})")
    }
}

enum Resolved {
    Same,
    Id(String),
    Ambiguous(Vec<usize>),
}

fn resolve(named: &Named, q: &str) -> Resolved {
    if q.is_empty() || named.ids.contains(q) {
        return Resolved::Same;
    }
    let hits = named.matching(q);
    match hits.len() {
        1 => return Resolved::Id(named.items[hits[0]].0.clone()),
        n if n > 1 => return Resolved::Ambiguous(hits),
        _ => {}
    }
    // "Tân Lập (Thuỷ Nguyên)" or "Tân Lập, Thuỷ Nguyên": the name within a parent
    let split = match (q.find('('), q.rfind(')')) {
        (Some(a), Some(b)) if b > a => Some((q[..a].trim(), q[a + 1..b].trim())),
        _ => q.split_once(',').map(|(a, b)| (a.trim(), b.trim())),
    };
    let Some((name, within)) = split else {
        return Resolved::Same;
    };
    let parents = named.matching(within);
    let parent_ids: Vec<&str> = parents.iter().map(|&i| named.items[i].0.as_str()).collect();
    let hits: Vec<usize> = named
        .matching(name)
        .into_iter()
        .filter(|&i| named.items[i].2.as_deref().is_some_and(|p| parent_ids.contains(&p)))
        .collect();
    match hits.len() {
        0 => Resolved::Same,
        1 => Resolved::Id(named.items[hits[0]].0.clone()),
        _ => Resolved::Ambiguous(hits),
    }
}

/// Replaces names by codes in every reference that is not a code, and reports names that fit
/// several items.
fn resolve_names(raw: &mut RawScenario, broken: &mut Broken, source: &SourceMap, diags: &mut Vec<Diagnostic>) {
    let localities = Named::new(
        "localities",
        raw.localities.iter().map(|l| (l.id.clone(), l.name.clone(), l.parent.clone())).collect(),
    );
    let units = Named::new("units", raw.units.iter().map(|u| (u.id.clone(), u.name.clone(), None)).collect());
    let teams = Named::new("teams", raw.teams.iter().map(|t| (t.id.clone(), t.name.clone(), None)).collect());
    let posts = Named::new(
        "posts",
        raw.posts.iter().filter_map(|p| p.title.clone().map(|t| (p.id.clone(), t, None))).collect(),
    );
    let post_ids: std::collections::HashSet<String> = raw.posts.iter().map(|p| p.id.clone()).collect();
    let posts = Named { ids: post_ids, ..posts };
    let mut fix = |value: &mut String, named: &Named, path: String, broken: &mut Broken| match resolve(named, value) {
        Resolved::Same => {}
        Resolved::Id(id) => *value = id,
        Resolved::Ambiguous(hits) => {
            let parents = (named.what == "localities").then_some(&localities);
            let list: Vec<String> = hits.iter().map(|&i| named.describe(i, parents)).collect();
            let hint = if named.what == "localities" {
                format!("write the code, or the name with its district in brackets, e.g. '{value} ({})'", {
                    let p = named.items[hits[0]].2.clone().unwrap_or_default();
                    localities.items.iter().find(|x| x.0 == p).and_then(|x| without_kind(&x.1)).unwrap_or(p)
                })
            } else {
                "write the code instead of the name".to_string()
            };
            diags.push(
                Diagnostic::error(
                    "ambiguous-name",
                    source.locate(&path, false),
                    format!("'{value}' names {} {}: {}", hits.len(), named.what, list.join("; ")),
                )
                .with_hint(hint),
            );
            let set = match named.what {
                "localities" => &mut broken.localities,
                "units" => &mut broken.units,
                "teams" => &mut broken.teams,
                _ => &mut broken.posts,
            };
            set.insert(value.clone());
        }
    };
    for (k, l) in raw.localities.iter_mut().enumerate() {
        if let Some(p) = l.parent.as_mut() {
            fix(p, &localities, format!("localities[{k}].parent"), broken);
        }
    }
    for (k, u) in raw.units.iter_mut().enumerate() {
        fix(&mut u.locality, &localities, format!("units[{k}].locality"), broken);
    }
    for (k, t) in raw.teams.iter_mut().enumerate() {
        fix(&mut t.locality, &localities, format!("teams[{k}].locality"), broken);
    }
    for (k, p) in raw.posts.iter_mut().enumerate() {
        fix(&mut p.unit, &units, format!("posts[{k}].unit"), broken);
        if let Some(t) = p.team.as_mut() {
            fix(t, &teams, format!("posts[{k}].team"), broken);
        }
    }
    for (k, c) in raw.cadres.iter_mut().enumerate() {
        fix(&mut c.hometown, &localities, format!("cadres[{k}].hometown"), broken);
        for (j, l) in c.local_to.iter_mut().enumerate() {
            fix(l, &localities, format!("cadres[{k}].local_to[{j}]"), broken);
        }
        if let Some(p) = c.post.as_mut() {
            fix(p, &posts, format!("cadres[{k}].post"), broken);
        }
        if let Some(w) = c.workplace.as_mut() {
            fix(w, &units, format!("cadres[{k}].workplace"), broken);
        }
        if let Some(l) = c.rotated_from.as_mut() {
            fix(l, &localities, format!("cadres[{k}].rotated_from"), broken);
        }
        for (j, e) in c.planning.iter_mut().enumerate() {
            if let Some(p) = e.post.as_mut() {
                fix(p, &posts, format!("cadres[{k}].planning[{j}].post"), broken);
            }
        }
        for (j, h) in c.history.iter_mut().enumerate() {
            fix(&mut h.locality, &localities, format!("cadres[{k}].history[{j}].locality"), broken);
            if let Some(p) = h.post.as_mut() {
                fix(p, &posts, format!("cadres[{k}].history[{j}].post"), broken);
            }
        }
    }
}

// --- writing ---------------------------------------------------------------------------------

fn yes_no(v: bool) -> String {
    if v { "có" } else { "không" }.to_string()
}

fn opt(v: &Option<String>) -> String {
    v.clone().unwrap_or_default()
}

/// A cell to write.
enum Cell {
    Text(String),
    Number(f64),
    Date(Date),
}

fn t(s: impl Into<String>) -> Cell {
    Cell::Text(s.into())
}

/// The rows of each sheet (without the header), in the order of [`SHEETS`], and the years of
/// the ratings sheet's columns.
fn sheet_rows(raw: &RawScenario) -> (Vec<Vec<Vec<Cell>>>, Vec<String>) {
    let mut scenario = vec![
        vec![t("Định dạng"), t(raw.format.clone())],
        vec![t("Tên kịch bản"), t(raw.name.clone())],
        vec![t("Ngày lập phương án"), Cell::Date(raw.plan_date)],
        vec![t("Năm đầu nhiệm kỳ"), Cell::Number(raw.term.start as f64)],
        vec![t("Năm cuối nhiệm kỳ"), Cell::Number(raw.term.end as f64)],
    ];
    if let Some(p) = &raw.provenance {
        scenario.push(vec![t("Nguồn dữ liệu"), t(p.clone())]);
    }
    let localities = raw
        .localities
        .iter()
        .map(|l| {
            vec![
                t(l.id.clone()),
                t(l.name.clone()),
                t(l.kind.label_vi()),
                t(opt(&l.parent)),
                l.class.map(|c| Cell::Number(c as f64)).unwrap_or_else(|| t("")),
            ]
        })
        .collect();
    let units = raw
        .units
        .iter()
        .map(|u| {
            vec![t(u.id.clone()), t(u.name.clone()), t(u.kind.label_vi()), t(u.locality.clone()), t(u.level.label_vi())]
        })
        .collect();
    let teams = raw
        .teams
        .iter()
        .map(|x| {
            vec![t(x.id.clone()), t(x.name.clone()), t(x.kind.label_vi()), t(x.locality.clone()), t(yes_no(x.key))]
        })
        .collect();
    let posts = raw
        .posts
        .iter()
        .map(|p| {
            vec![
                t(p.id.clone()),
                t(opt(&p.title)),
                t(p.unit.clone()),
                t(p.role.label_vi()),
                t(p.level.label_vi()),
                t(opt(&p.team)),
                t(yes_no(p.key)),
                t(yes_no(p.supernumerary)),
                t(opt(&p.holder)),
            ]
        })
        .collect();
    let years: Vec<String> = {
        let mut y: Vec<String> = raw.cadres.iter().flat_map(|c| c.ratings.keys().cloned()).collect();
        y.sort();
        y.dedup();
        y
    };
    let mut cadres = Vec::new();
    let mut ratings = Vec::new();
    let mut planning = Vec::new();
    let mut history = Vec::new();
    for c in &raw.cadres {
        cadres.push(vec![
            t(c.id.clone()),
            t(c.name.clone()),
            Cell::Date(c.birth_date),
            t(c.gender.label_vi()),
            t(c.hometown.clone()),
            t(c.local_to.join("; ")),
            t(opt(&c.post)),
            t(opt(&c.workplace)),
            t(opt(&c.rotated_from)),
            t(yes_no(c.civil_servant)),
            t(c.management.label_vi()),
            t(c.education.level.label_vi()),
            t(c.education.field.label_vi()),
            t(c.education.degree_class.map(|d| d.label_vi()).unwrap_or_default()),
            t(yes_no(c.formally_trained)),
            t(yes_no(c.outstanding)),
        ]);
        if !c.ratings.is_empty() {
            let mut row = vec![t(c.id.clone()), t(c.name.clone())];
            row.extend(years.iter().map(|y| t(c.ratings.get(y).map(|r| r.label_vi()).unwrap_or_default())));
            ratings.push(row);
        }
        for e in &c.planning {
            planning.push(vec![t(c.id.clone()), t(e.role.label_vi()), t(e.level.label_vi()), t(opt(&e.post))]);
        }
        for h in &c.history {
            history.push(vec![
                t(c.id.clone()),
                t(h.role.label_vi()),
                t(h.level.label_vi()),
                t(h.locality.clone()),
                t(opt(&h.post)),
                Cell::Date(h.from),
                h.to.map(Cell::Date).unwrap_or_else(|| t("")),
            ]);
        }
    }
    (vec![scenario, localities, units, teams, posts, cadres, ratings, planning, history], years)
}

/// The example scenario of the template: one row in every sheet, valid as a whole.
pub fn example_scenario() -> RawScenario {
    let d = |y, m, day| Date::ymd(y, m, day).expect("a valid date");
    RawScenario {
        format: SCENARIO_FORMAT.into(),
        name: "Ví dụ: Hải Phòng 2021".into(),
        plan_date: d(2021, 3, 2),
        term: Term { start: 2020, end: 2025 },
        provenance: None,
        localities: vec![
            RawLocality {
                id: "31".into(),
                name: "Thành phố Hải Phòng".into(),
                kind: LocalityKind::CentralCity,
                parent: None,
                class: None,
            },
            RawLocality {
                id: "311".into(),
                name: "Huyện Thuỷ Nguyên".into(),
                kind: LocalityKind::RuralDistrict,
                parent: Some("31".into()),
                class: Some(1),
            },
            RawLocality {
                id: "11311".into(),
                name: "Thị trấn Núi Đèo".into(),
                kind: LocalityKind::Township,
                parent: Some("311".into()),
                class: Some(1),
            },
        ],
        units: vec![RawUnit {
            id: "UB-311".into(),
            name: "UBND huyện Thuỷ Nguyên".into(),
            kind: UnitKind::PeoplesCommittee,
            locality: "311".into(),
            level: Level::District,
        }],
        teams: vec![RawTeam {
            id: "T-UB-311".into(),
            name: "Lãnh đạo UBND huyện Thuỷ Nguyên".into(),
            kind: TeamKind::PcLeadership,
            locality: "311".into(),
            key: true,
        }],
        posts: vec![RawPost {
            id: "P-311-PCT1".into(),
            title: Some("Phó Chủ tịch UBND huyện Thuỷ Nguyên".into()),
            unit: "UB-311".into(),
            role: Role::PcViceChair,
            level: Level::District,
            team: Some("T-UB-311".into()),
            key: false,
            supernumerary: false,
            holder: Some("C000123".into()),
        }],
        cadres: vec![RawCadre {
            id: "C000123".into(),
            name: "Nguyễn Thị Lan".into(),
            birth_date: d(1988, 5, 14),
            gender: Gender::Female,
            hometown: "11311".into(),
            local_to: Vec::new(),
            post: Some("P-311-PCT1".into()),
            workplace: None,
            rotated_from: None,
            civil_servant: true,
            management: Management::CityCommittee,
            education: Education {
                level: EducationLevel::Master,
                field: Field::Economics,
                degree_class: Some(DegreeClass::VeryGood),
            },
            formally_trained: true,
            outstanding: false,
            ratings: BTreeMap::from([
                ("2018".to_string(), Rating::Good),
                ("2019".to_string(), Rating::Excellent),
                ("2020".to_string(), Rating::Good),
            ]),
            planning: vec![PlanningEntry { role: Role::DeputyPartySecretary, level: Level::District, post: None }],
            history: vec![HistoryEntry {
                role: Role::PcViceChair,
                level: Level::District,
                locality: "311".into(),
                post: Some("P-311-PCT1".into()),
                from: d(2019, 1, 1),
                to: None,
            }],
        }],
    }
}

/// Writes a scenario as a workbook (the bytes of an `.xlsx` file): a sheet "Hướng dẫn" that
/// explains every column, the nine data sheets, and a sheet "Danh mục" with the allowed values
/// that the coded columns offer as drop-down lists. The same scenario always gives the same
/// bytes.
pub fn write_workbook(raw: &RawScenario) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    use rust_xlsxwriter::{
        Color, DataValidation, DocProperties, ExcelDateTime, Format, FormatBorder, Formula, Workbook as Book,
    };
    let mut book = Book::new();
    let created = ExcelDateTime::from_ymd(2021, 1, 1)?;
    book.set_properties(&DocProperties::new().set_creation_datetime(&created).set_author("rotaplan"));
    let head = Format::new()
        .set_bold()
        .set_background_color(Color::RGB(0xDDEBF7))
        .set_border(FormatBorder::Thin)
        .set_text_wrap();
    let wrap = Format::new().set_text_wrap();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    let bold = Format::new().set_bold();
    let (rows, years) = sheet_rows(raw);

    // the guide
    let guide = book.add_worksheet();
    guide.set_name(GUIDE_SHEET)?;
    guide.write_string_with_format(0, 0, "Mẫu danh sách cán bộ cho rotaplan", &bold)?;
    guide.write_string(
        1,
        0,
        "Mỗi trang tính là một bảng; dòng đầu là tiêu đề cột, mỗi dòng sau là một mục. Các dòng có sẵn là ví dụ: \
         sửa hoặc xoá đi rồi nhập dữ liệu của đơn vị. Cột có danh sách thả xuống chỉ nhận các giá trị ở trang \"Danh mục\". \
         Địa bàn, đơn vị, tập thể và chức danh ghi mã hoặc tên đều được (tên viết dấu kiểu cũ hay mới đều nhận). \
         Cột STT và Ghi chú được bỏ qua. Kiểm tra bằng lệnh: rotaplan validate <tệp>.xlsx",
    )?;
    for (k, h) in ["Trang tính", "Cột", "Bắt buộc", "Giải thích", "Giá trị cho phép"].iter().enumerate() {
        guide.write_string_with_format(3, k as u16, *h, &head)?;
    }
    let mut r = 4u32;
    for s in &SHEETS {
        guide.write_string_with_format(r, 0, s.name, &bold)?;
        guide.write_string_with_format(r, 3, s.note, &wrap)?;
        r += 1;
        for c in s.columns {
            if s.spec.file == csvio::RATINGS.file && !years.is_empty() && c.code == "year" {
                continue;
            }
            let required = s.spec.columns.iter().any(|x| x.0 == c.code && x.1);
            guide.write_string(r, 0, s.name)?;
            guide.write_string(r, 1, c.header)?;
            guide.write_string(r, 2, if required { "có" } else { "không" })?;
            guide.write_string_with_format(r, 3, c.note, &wrap)?;
            if let Some(codes) = c.codes {
                guide.write_string_with_format(r, 4, codes.labels().join("; "), &wrap)?;
            }
            r += 1;
        }
    }
    for (k, w) in [18.0, 24.0, 9.0, 60.0, 60.0].iter().enumerate() {
        guide.set_column_width(k as u16, *w)?;
    }
    guide.set_freeze_panes(4, 0)?;

    // the lists
    let mut list_ranges: HashMap<&'static str, String> = HashMap::new();
    for (k, codes) in Codes::ALL.iter().enumerate() {
        let letter = column_letter(k);
        let n = codes.labels().len();
        list_ranges.insert(codes.title(), format!("='{LISTS_SHEET}'!${letter}$2:${letter}${}", n + 1));
    }

    for (s, body) in SHEETS.iter().zip(rows) {
        let ws = book.add_worksheet();
        ws.set_name(s.name)?;
        let mut headers: Vec<(String, Option<Codes>, f64)> = Vec::new();
        for c in s.columns {
            if s.spec.file == csvio::RATINGS.file {
                continue;
            }
            let width = match c.code {
                "name" | "title" => 36.0,
                "role" | "kind" | "management" => 28.0,
                _ => (c.header.chars().count() as f64 + 4.0).max(12.0),
            };
            headers.push((c.header.to_string(), c.codes, width));
        }
        if s.spec.file == csvio::RATINGS.file {
            headers.push(("Mã cán bộ".into(), None, 12.0));
            headers.push(("Họ và tên".into(), None, 28.0));
            for y in &years {
                headers.push((y.clone(), Some(Codes::Rating), 22.0));
            }
        }
        for (k, (h, _, w)) in headers.iter().enumerate() {
            match h.parse::<f64>() {
                Ok(y) if s.spec.file == csvio::RATINGS.file => ws.write_number_with_format(0, k as u16, y, &head)?,
                _ => ws.write_string_with_format(0, k as u16, h, &head)?,
            };
            ws.set_column_width(k as u16, *w)?;
        }
        for (i, row) in body.iter().enumerate() {
            let r = i as u32 + 1;
            for (k, cell) in row.iter().enumerate() {
                let k = k as u16;
                match cell {
                    Cell::Text(v) if v.is_empty() => {}
                    Cell::Text(v) => {
                        ws.write_string(r, k, v)?;
                    }
                    Cell::Number(v) => {
                        ws.write_number(r, k, *v)?;
                    }
                    Cell::Date(d) => {
                        let dt = ExcelDateTime::from_ymd(d.0.year() as u16, d.0.month() as u8, d.0.day() as u8)?;
                        ws.write_datetime_with_format(r, k, &dt, &date)?;
                    }
                }
            }
        }
        let last = (body.len() as u32 + 2000).min(1_048_575);
        for (k, (_, codes, _)) in headers.iter().enumerate() {
            if let Some(codes) = codes {
                let v = DataValidation::new()
                    .allow_list_formula(Formula::new(&list_ranges[codes.title()]))
                    .set_error_title("Giá trị không có trong danh sách")?
                    .set_error_message(format!(
                        "Chọn một giá trị trong danh sách \"{}\" (trang Danh mục).",
                        codes.title()
                    ))?;
                ws.add_data_validation(1, k as u16, last, k as u16, &v)?;
            }
        }
        ws.set_freeze_panes(1, 0)?;
    }

    let lists = book.add_worksheet();
    lists.set_name(LISTS_SHEET)?;
    for (k, codes) in Codes::ALL.iter().enumerate() {
        lists.write_string_with_format(0, k as u16, codes.title(), &head)?;
        for (i, l) in codes.labels().iter().enumerate() {
            lists.write_string(i as u32 + 1, k as u16, *l)?;
        }
        lists.set_column_width(k as u16, 30)?;
    }
    lists.set_freeze_panes(1, 0)?;
    book.save_to_buffer()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(27), "AB");
        assert_eq!(column_letter(701), "ZZ");
        assert_eq!(column_letter(702), "AAA");
    }

    #[test]
    fn headers_match_in_vietnamese_english_and_without_diacritics() {
        let cadres = sheet_def(&csvio::CADRES);
        assert_eq!(column_of(cadres, "Ngày sinh"), Some("birth_date"));
        assert_eq!(column_of(cadres, "ngay sinh"), Some("birth_date"));
        assert_eq!(column_of(cadres, "birth_date"), Some("birth_date"));
        assert_eq!(column_of(cadres, "Birth date"), Some("birth_date"));
        assert_eq!(column_of(cadres, "Mã cán bộ *"), Some("id"));
        assert_eq!(column_of(cadres, "Quê"), None);
        assert_eq!(year_header("2019").as_deref(), Some("2019"));
        assert_eq!(year_header("Năm 2019").as_deref(), Some("2019"));
        assert_eq!(year_header("Mã"), None);
    }

    #[test]
    fn names_resolve_by_tier_and_ambiguity_is_reported() {
        let named = Named::new(
            "localities",
            vec![
                ("31".into(), "Thành phố Hải Phòng".into(), None),
                ("311".into(), "Huyện Thủy Nguyên".into(), Some("31".into())),
                ("312".into(), "Huyện An Lão".into(), Some("31".into())),
                ("1".into(), "Xã Tân Lập".into(), Some("311".into())),
                ("2".into(), "Xã Tân Lập".into(), Some("312".into())),
                ("3".into(), "Xã Tấn Lập".into(), Some("312".into())),
            ],
        );
        let id = |q: &str| match resolve(&named, q) {
            Resolved::Id(i) => i,
            Resolved::Same => "=".into(),
            Resolved::Ambiguous(h) => format!("?{}", h.len()),
        };
        assert_eq!(id("311"), "=");
        assert_eq!(id("Huyện Thuỷ Nguyên"), "311");
        assert_eq!(id("Thuỷ Nguyên"), "311");
        assert_eq!(id("thuy nguyen"), "311");
        assert_eq!(id("Tân Lập"), "?2");
        assert_eq!(id("Tấn Lập"), "3");
        assert_eq!(id("Tân Lập (Thuỷ Nguyên)"), "1");
        assert_eq!(id("Xã Tân Lập, An Lão"), "2");
        assert_eq!(id("Nowhere"), "=");
    }
}
