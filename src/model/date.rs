//! Calendar dates as planners write them (`YYYY-MM-DD`), and the arithmetic the rules need:
//! exact age in years on a date, years between two dates.
//!
//! Ages are compared exactly: "under 35 on 2021-03-02" means the 35th birthday falls after the
//! plan date, so a cadre whose 35th birthday *is* the plan date is not under 35. Fractional
//! years (for "aged 35.1") are only for display.

use std::fmt;

use chrono::{Datelike, NaiveDate};
use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A calendar date.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(pub NaiveDate);

impl Date {
    /// Builds a date, `None` if it does not exist.
    pub fn ymd(y: i32, m: u32, d: u32) -> Option<Date> {
        NaiveDate::from_ymd_opt(y, m, d).map(Date)
    }

    /// Parses `YYYY-MM-DD` (also accepts `DD/MM/YYYY`, as Vietnamese spreadsheets write it).
    pub fn parse(s: &str) -> Result<Date, String> {
        let t = s.trim();
        if let Ok(d) = NaiveDate::parse_from_str(t, "%Y-%m-%d") {
            return Ok(Date(d));
        }
        if let Ok(d) = NaiveDate::parse_from_str(t, "%d/%m/%Y") {
            return Ok(Date(d));
        }
        Err(format!("'{s}' is not a date: write YYYY-MM-DD, e.g. 1990-04-30"))
    }

    /// Year.
    pub fn year(self) -> i32 {
        self.0.year()
    }

    /// Whole years completed from `self` (a birth date) to `on`.
    pub fn whole_years_until(self, on: Date) -> i32 {
        let mut y = on.0.year() - self.0.year();
        if (on.0.month(), on.0.day()) < (self.0.month(), self.0.day()) {
            y -= 1;
        }
        y
    }

    /// The date `years` years after `self` (29 February moves to 28 February).
    pub fn add_years(self, years: i32) -> Date {
        let y = self.0.year() + years;
        Date(
            NaiveDate::from_ymd_opt(y, self.0.month(), self.0.day())
                .or_else(|| NaiveDate::from_ymd_opt(y, self.0.month(), 28))
                .expect("day 28 exists in every month"),
        )
    }

    /// Fractional years from `self` to `later` (days / 365.2425), for display and soft scores.
    pub fn years_until(self, later: Date) -> f64 {
        (later.0 - self.0).num_days() as f64 / 365.2425
    }

    /// Days from `self` to `later`.
    pub fn days_until(self, later: Date) -> i64 {
        (later.0 - self.0).num_days()
    }

    /// 31 December of the given year.
    pub fn end_of_year(year: i32) -> Date {
        Date(NaiveDate::from_ymd_opt(year, 12, 31).expect("31 December exists"))
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0.format("%Y-%m-%d"))
    }
}

impl fmt::Debug for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Date::parse(&s).map_err(serde::de::Error::custom)
    }
}

impl JsonSchema for Date {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Date".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "pattern": "^\\d{4}-\\d{2}-\\d{2}$",
            "description": "A calendar date, YYYY-MM-DD"
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_age_on_birthday() {
        let born = Date::ymd(1986, 3, 2).unwrap();
        let plan = Date::ymd(2021, 3, 2).unwrap();
        assert_eq!(born.whole_years_until(plan), 35);
        let day_before = Date::ymd(2021, 3, 1).unwrap();
        assert_eq!(born.whole_years_until(day_before), 34);
    }

    #[test]
    fn parses_both_spellings_and_rejects_nonsense() {
        assert_eq!(Date::parse("2021-03-02").unwrap(), Date::ymd(2021, 3, 2).unwrap());
        assert_eq!(Date::parse("02/03/2021").unwrap(), Date::ymd(2021, 3, 2).unwrap());
        assert!(Date::parse("2021-02-30").is_err());
        assert!(Date::parse("yesterday").is_err());
    }

    #[test]
    fn leap_day_birthdays() {
        let born = Date::ymd(2000, 2, 29).unwrap();
        assert_eq!(born.add_years(1), Date::ymd(2001, 2, 28).unwrap());
    }
}
