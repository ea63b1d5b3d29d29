//! Diagnostics: one problem found in an input, located precisely enough that a planner can open
//! the file and fix it.
//!
//! Validation collects *all* diagnostics before failing (a planner fixing a 3,000-row roster
//! does not want to run the tool 40 times). The renderer is `Display`; JSON output uses serde.

use std::fmt;

use serde::Serialize;

/// How bad a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// The input cannot be used.
    Error,
    /// Suspicious but usable (e.g. a cadre with no ratings).
    Warning,
}

/// Where in a file a problem is.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Default)]
pub struct Location {
    /// The file (as given on the command line, or the CSV file inside a scenario folder).
    pub file: String,
    /// JSON or TOML path such as `cadres[12].birth_date`, or the CSV column.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// 1-based row of a CSV file (the header is row 1).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub row: Option<usize>,
    /// 1-based line in a text file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// 1-based column in a text file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(r) = self.row {
            write!(f, ", row {r}")?;
        }
        if let (Some(l), Some(c)) = (self.line, self.column) {
            write!(f, ":{l}:{c}")?;
        } else if let Some(l) = self.line {
            write!(f, ":{l}")?;
        }
        if let Some(p) = &self.path {
            if self.row.is_some() {
                write!(f, ", column {p}")?;
            } else {
                write!(f, " at {p}")?;
            }
        }
        Ok(())
    }
}

/// One problem.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// A stable short code, e.g. `unknown-reference`, for tests and tooling.
    pub code: &'static str,
    /// Where.
    pub location: Location,
    /// What is wrong.
    pub message: String,
    /// What would be right, when we can say.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
}

impl Diagnostic {
    /// A new error.
    pub fn error(code: &'static str, location: Location, message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Error, code, location, message: message.into(), hint: None }
    }
    /// A new warning.
    pub fn warning(code: &'static str, location: Location, message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Warning, code, location, message: message.into(), hint: None }
    }
    /// Adds a hint.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
    /// Whether this is an error.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sev = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{sev}[{}]: {}: {}", self.code, self.location, self.message)?;
        if let Some(h) = &self.hint {
            write!(f, " ({h})")?;
        }
        Ok(())
    }
}

/// The language diagnostics are rendered in. The library builds each diagnostic once, with a
/// stable `code`, an English `message` and the values it names in quotes; [`Diagnostic::render`]
/// words it per language, so the checks (and new ones) need no change to be read in
/// Vietnamese: the Vietnamese text is the code's own sentence ([`vi_sentence`]) followed by the
/// values the message quotes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum DiagLang {
    /// Vietnamese (the default).
    #[default]
    Vi,
    /// English.
    En,
}

/// What a diagnostic code means, in Vietnamese (one sentence per code; `None` for a code this
/// table does not know yet, which then falls back to a general sentence).
pub fn vi_sentence(code: &str) -> Option<&'static str> {
    Some(match code {
        "io-error" => "không đọc được tệp",
        "bad-encoding" => "tệp không phải văn bản UTF-8",
        "json-syntax" => "tệp JSON sai cú pháp",
        "toml-syntax" => "tệp TOML sai cú pháp",
        "csv-syntax" => "tệp CSV sai cú pháp",
        "unknown-field" => "trường không có trong định dạng",
        "missing-field" => "thiếu trường bắt buộc",
        "wrong-type" => "giá trị sai kiểu",
        "unknown-value" => "giá trị không có trong danh mục",
        "bad-date" => "ngày không hợp lệ",
        "bad-value" => "giá trị không hợp lệ",
        "duplicate-key" => "một khóa xuất hiện hai lần trong cùng một mục",
        "missing-file" => "thư mục dữ liệu thiếu tệp",
        "missing-column" => "thiếu cột",
        "unknown-column" => "cột không có trong định dạng",
        "duplicate-column" => "một cột xuất hiện hai lần",
        "csv-row-length" => "số ô của dòng khác số cột của tiêu đề",
        "missing-value" => "thiếu giá trị",
        "bad-bool" => "giá trị phải là có hoặc không (true/false)",
        "bad-number" => "giá trị phải là một số",
        "unknown-setting" => "thiết lập không có trong định dạng",
        "unknown-file" => "tệp không thuộc định dạng thư mục dữ liệu, sẽ bị bỏ qua",
        "wrong-format" => "tệp không đúng định dạng",
        "bad-id" => "mã rỗng hoặc có khoảng trắng thừa",
        "duplicate-id" => "mã bị trùng",
        "unknown-reference" => "tham chiếu đến mã không tồn tại",
        "empty" => "dữ liệu không có địa phương nào",
        "locality-cycle" => "cây địa phương có vòng lặp",
        "several-roots" => "cây địa phương có nhiều gốc",
        "locality-level" => "cấp của địa phương không thấp hơn cấp của địa phương cha",
        "unit-level" => "cấp của đơn vị khác cấp của địa phương",
        "post-level" => "cấp của chức vụ khác cấp của đơn vị",
        "team-mismatch" => "chức vụ thuộc tập thể lãnh đạo của địa phương khác",
        "post-held-twice" => "một chức vụ có hai người giữ",
        "cadre-holds-two-posts" => "một cán bộ giữ hai chức vụ",
        "holder-mismatch" => "người giữ chức vụ không khớp giữa danh sách chức vụ và danh sách cán bộ",
        "rotated-from-without-post" => "cán bộ được ghi là luân chuyển, tăng cường từ nơi khác nhưng không giữ chức vụ nào (ghi chức vụ được luân chuyển đến, hoặc bỏ trống cột 'Luân chuyển từ')",
        "supernumerary-held" => "vị trí tăng cường vượt số lượng đã có người giữ",
        "key-post-vacant" => "chức vụ chủ chốt đang trống (phương án phải bố trí người; đồng chí kiểm tra xem người giữ chức vụ có bị thiếu trong danh sách không)",
        "birth-date" => "ngày sinh sau ngày lập phương án",
        "implausible-age" => "tuổi không hợp lý (dưới 18 hoặc trên 80)",
        "bad-year" => "năm không hợp lệ",
        "rating-year" => "năm xếp loại không hợp lệ",
        "no-ratings" => "cán bộ chưa có kết quả xếp loại (các tiêu chuẩn về xếp loại sẽ coi như chưa có)",
        "no-history" => "cán bộ chưa có quá trình công tác",
        "planning-mismatch" => "quy hoạch không khớp với chức vụ",
        "spell-mismatch" => "quá trình công tác không khớp với chức vụ hiện tại",
        "spell-reversed" => "thời gian kết thúc trước thời gian bắt đầu",
        "spell-in-future" => "quá trình công tác bắt đầu sau ngày lập phương án",
        "spell-overlap" => "hai giai đoạn giữ cùng chức danh chồng lên nhau",
        "term-reversed" => "nhiệm kỳ kết thúc trước khi bắt đầu",
        "plan-date-outside-term" => "ngày lập phương án nằm ngoài nhiệm kỳ",
        "band-order" => "cận dưới lớn hơn cận trên",
        "band-range" => "tỷ lệ phải nằm trong khoảng 0 đến 1",
        "age-tier-gap" => "các độ tuổi để hở khoảng",
        "age-tier-overlap" => "các độ tuổi chồng lên nhau",
        "age-tier-empty" => "độ tuổi rỗng",
        "unknown-milestone" => "mốc chỉ tiêu không có trong quy định",
        "policy-invalid" => "quy định không hợp lệ",
        "planned-role-unused" => "chức danh được lập phương án nhưng dữ liệu không có chức vụ nào như vậy",
        "rule-matches-nothing" => "quy định không áp dụng được cho chức vụ nào trong dữ liệu",
        "population-empty" => "nhóm cán bộ của quy định không có ai",
        "internal" => "lỗi nội bộ khi dựng dữ liệu",
        _ => return None,
    })
}

/// The values a message names in quotes ('…'), in order.
fn quoted(message: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = message;
    while let Some(a) = rest.find('\'') {
        let after = &rest[a + 1..];
        let Some(b) = after.find('\'') else { break };
        out.push(&after[..b]);
        rest = &after[b + 1..];
    }
    out
}

/// A hint in Vietnamese: suggestions and lists of accepted values keep their codes; other
/// hints, which are English sentences, are left to `--lang en` and to JSON.
fn vi_hint(hint: &str) -> Option<String> {
    let mut parts = Vec::new();
    if let Some(at) = hint.find("did you mean '") {
        let rest = &hint[at + "did you mean '".len()..];
        if let Some(end) = rest.find('\'') {
            parts.push(format!("có phải là '{}'?", &rest[..end]));
        }
    }
    if let Some(at) = hint.find("expected one of: ") {
        parts.push(format!("giá trị hợp lệ: {}", hint[at + "expected one of: ".len()..].trim_end_matches('.')));
    }
    (!parts.is_empty()).then(|| parts.join(" "))
}

impl Location {
    /// The location in a language.
    pub fn render(&self, lang: DiagLang) -> String {
        if lang == DiagLang::En {
            return self.to_string();
        }
        let mut out = self.file.clone();
        if let Some(r) = self.row {
            out.push_str(&format!(", dòng {r}"));
        }
        if let (Some(l), Some(c)) = (self.line, self.column) {
            out.push_str(&format!(":{l}:{c}"));
        } else if let Some(l) = self.line {
            out.push_str(&format!(":{l}"));
        }
        if let Some(p) = &self.path {
            if self.row.is_some() {
                out.push_str(&format!(", cột {p}"));
            } else {
                out.push_str(&format!(", mục {p}"));
            }
        }
        out
    }
}

impl Diagnostic {
    /// The diagnostic in a language: English as [`Display`](fmt::Display) writes it;
    /// Vietnamese as "lỗi[code]: where: what (the values named)".
    pub fn render(&self, lang: DiagLang) -> String {
        if lang == DiagLang::En {
            return self.to_string();
        }
        let sev = match self.severity {
            Severity::Error => "lỗi",
            Severity::Warning => "cảnh báo",
        };
        let what = vi_sentence(self.code).unwrap_or("dữ liệu không hợp lệ");
        let values = quoted(&self.message);
        let mut out = format!("{sev}[{}]: {}: {what}", self.code, self.location.render(lang));
        if !values.is_empty() {
            let shown: Vec<String> = values.iter().map(|v| format!("'{v}'")).collect();
            out.push_str(&format!(": {}", shown.join(", ")));
        }
        if let Some(h) = self.hint.as_deref().and_then(vi_hint) {
            out.push_str(&format!(" ({h})"));
        }
        out
    }
}

/// Suggests the closest known code for an unknown one ("did you mean ...?").
pub fn did_you_mean<'a>(unknown: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let u = unknown.to_lowercase();
    known
        .into_iter()
        .map(|k| (strsim::jaro_winkler(&u, &k.to_lowercase()), k))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, k)| k)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_codes_only() {
        assert_eq!(did_you_mean("pc_vice_chiar", ["pc_chair", "pc_vice_chair"]), Some("pc_vice_chair"));
        assert_eq!(did_you_mean("zzz", ["pc_chair", "pc_vice_chair"]), None);
    }

    #[test]
    fn renders_in_vietnamese_with_the_values_named() {
        let d = Diagnostic::warning(
            "key-post-vacant",
            Location { file: "posts.csv".into(), row: Some(7), path: Some("holder".into()), ..Default::default() },
            "key post 'P-309-BT' is vacant",
        )
        .with_hint("the plan must fill it");
        assert_eq!(
            d.render(DiagLang::Vi),
            "cảnh báo[key-post-vacant]: posts.csv, dòng 7, cột holder: chức vụ chủ chốt đang trống (phương án phải bố trí người; đồng chí kiểm tra xem người giữ chức vụ có bị thiếu trong danh sách không): 'P-309-BT'"
        );
        let e = Diagnostic::error(
            "unknown-value",
            Location { file: "s.json".into(), ..Default::default() },
            "unknown value 'kha_gioi' for rating",
        )
        .with_hint("did you mean 'kha'? expected one of: excellent, good");
        assert_eq!(
            e.render(DiagLang::Vi),
            "lỗi[unknown-value]: s.json: giá trị không có trong danh mục: 'kha_gioi' (có phải là 'kha'? giá trị hợp lệ: excellent, good)"
        );
        assert_eq!(e.render(DiagLang::En), e.to_string());
    }

    #[test]
    fn renders_location() {
        let d = Diagnostic::error(
            "bad-date",
            Location { file: "cadres.csv".into(), row: Some(4), path: Some("birth_date".into()), ..Default::default() },
            "'1990-02-30' is not a date",
        );
        assert_eq!(d.to_string(), "error[bad-date]: cadres.csv, row 4, column birth_date: '1990-02-30' is not a date");
    }
}
