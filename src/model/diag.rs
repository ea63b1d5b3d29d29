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
    fn renders_location() {
        let d = Diagnostic::error(
            "bad-date",
            Location { file: "cadres.csv".into(), row: Some(4), path: Some("birth_date".into()), ..Default::default() },
            "'1990-02-30' is not a date",
        );
        assert_eq!(d.to_string(), "error[bad-date]: cadres.csv, row 4, column birth_date: '1990-02-30' is not a date");
    }
}
