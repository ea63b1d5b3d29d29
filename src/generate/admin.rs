//! The real administrative structure of Vietnam on 3 February 2021 (the General Statistics
//! Office list), embedded in the binary so `rotaplan generate` works from any folder.
//!
//! The list is one CSV row per commune-level unit, carrying its district and province; a
//! district without communes (the island districts Bạch Long Vĩ, Cồn Cỏ, Hoàng Sa, Lý Sơn, Côn
//! Đảo) is one row with empty commune fields. This module turns it into a three-level tree in
//! file order (which is code order) and finds a province by code or by name.

use std::sync::OnceLock;

use unicode_normalization::UnicodeNormalization;

use crate::model::diag::did_you_mean;
use crate::model::enums::LocalityKind;
use crate::model::scenario::nfc;

use super::{GenerateError, ProvinceSel};

/// The embedded list (`data/vn-admin-units-2021-02-03.csv`).
pub const ADMIN_UNITS_CSV: &str = include_str!("../../data/vn-admin-units-2021-02-03.csv");

/// Every province, district and commune in the list.
#[derive(Clone, Debug)]
pub struct AdminList {
    /// Provinces and centrally-run cities, in file order.
    pub provinces: Vec<Province>,
}

/// A province or centrally-run city.
#[derive(Clone, Debug)]
pub struct Province {
    /// Two-digit code, e.g. "31".
    pub code: String,
    /// Official name, e.g. "Thành phố Hải Phòng".
    pub name: String,
    /// `central_city` or `province`.
    pub kind: LocalityKind,
    /// Its districts, in file order.
    pub districts: Vec<District>,
}

/// A district-level unit.
#[derive(Clone, Debug)]
pub struct District {
    /// Three-digit code, e.g. "311".
    pub code: String,
    /// Official name, e.g. "Huyện Thuỷ Nguyên".
    pub name: String,
    /// Urban district, rural district, town or provincial city.
    pub kind: LocalityKind,
    /// Its communes (none for some island districts).
    pub communes: Vec<Commune>,
}

/// A commune-level unit.
#[derive(Clone, Debug)]
pub struct Commune {
    /// Five-digit code, e.g. "11311".
    pub code: String,
    /// Official name, e.g. "Phường Minh Khai".
    pub name: String,
    /// Ward, commune or township.
    pub kind: LocalityKind,
}

/// The parsed embedded list, parsed once per process.
pub fn admin_units() -> Result<&'static AdminList, GenerateError> {
    static LIST: OnceLock<Result<AdminList, String>> = OnceLock::new();
    LIST.get_or_init(|| AdminList::parse(ADMIN_UNITS_CSV)).as_ref().map_err(|e| GenerateError::AdminData(e.clone()))
}

impl AdminList {
    /// Parses the statistics-office CSV (header row, then `province, province code, district,
    /// district code, commune, commune code, level, English name`).
    pub fn parse(text: &str) -> Result<AdminList, String> {
        let mut rdr = csv::ReaderBuilder::new().has_headers(true).from_reader(text.as_bytes());
        let mut provinces: Vec<Province> = Vec::new();
        for (i, rec) in rdr.records().enumerate() {
            let row = i + 2;
            let rec = rec.map_err(|e| format!("row {row}: {e}"))?;
            let field = |k: usize| nfc(rec.get(k).unwrap_or(""));
            let (pname, pcode, dname, dcode, cname, ccode, level) =
                (field(0), field(1), field(2), field(3), field(4), field(5), field(6));
            if pcode.is_empty() || dcode.is_empty() {
                return Err(format!("row {row}: a province or district code is missing"));
            }
            if provinces.last().is_none_or(|p| p.code != pcode) {
                if provinces.iter().any(|p| p.code == pcode) {
                    return Err(format!("row {row}: the rows of province {pcode} are not together"));
                }
                let kind = province_kind(&pname)
                    .ok_or_else(|| format!("row {row}: '{pname}' is neither a Tỉnh nor a Thành phố"))?;
                provinces.push(Province { code: pcode.clone(), name: pname, kind, districts: Vec::new() });
            }
            let province = provinces.last_mut().ok_or("unreachable: a province was just pushed")?;
            if province.districts.last().is_none_or(|d| d.code != dcode) {
                if province.districts.iter().any(|d| d.code == dcode) {
                    return Err(format!("row {row}: the rows of district {dcode} are not together"));
                }
                let kind = district_kind(&dname)
                    .ok_or_else(|| format!("row {row}: cannot tell the kind of district '{dname}'"))?;
                province.districts.push(District { code: dcode.clone(), name: dname, kind, communes: Vec::new() });
            }
            if ccode.is_empty() {
                continue; // a district without communes
            }
            let kind = commune_kind(&level).ok_or_else(|| format!("row {row}: unknown commune level '{level}'"))?;
            let district = province.districts.last_mut().ok_or("unreachable: a district was just pushed")?;
            district.communes.push(Commune { code: ccode, name: cname, kind });
        }
        Ok(AdminList { provinces })
    }

    /// Number of districts.
    pub fn district_count(&self) -> usize {
        self.provinces.iter().map(|p| p.districts.len()).sum()
    }

    /// Number of communes.
    pub fn commune_count(&self) -> usize {
        self.provinces.iter().map(Province::commune_count).sum()
    }

    /// The provinces a selection names; an unknown one is an error with a did-you-mean.
    pub fn select(&self, sel: &ProvinceSel) -> Result<Vec<&Province>, GenerateError> {
        let found = match sel {
            ProvinceSel::All => return Ok(self.provinces.iter().collect()),
            ProvinceSel::Code(c) => {
                let c = c.trim();
                let padded = if c.len() == 1 { format!("0{c}") } else { c.to_string() };
                self.provinces.iter().find(|p| p.code == padded)
            }
            ProvinceSel::Name(n) => {
                let key = fold(n);
                self.provinces.iter().find(|p| fold(&p.name) == key)
            }
        };
        match found {
            Some(p) => Ok(vec![p]),
            None => {
                let given = match sel {
                    ProvinceSel::Code(c) | ProvinceSel::Name(c) => c.clone(),
                    ProvinceSel::All => String::new(),
                };
                let folded: Vec<String> = self.provinces.iter().map(|p| fold(&p.name)).collect();
                let suggestion = did_you_mean(&fold(&given), folded.iter().map(String::as_str))
                    .and_then(|s| folded.iter().position(|f| f == s))
                    .map(|i| format!("{} ({})", self.provinces[i].short_name(), self.provinces[i].code));
                Err(GenerateError::UnknownProvince { given, suggestion })
            }
        }
    }
}

impl Province {
    /// The name without "Tỉnh" / "Thành phố", e.g. "Hải Phòng".
    pub fn short_name(&self) -> &str {
        short_name(&self.name, self.kind)
    }

    /// Number of communes.
    pub fn commune_count(&self) -> usize {
        self.districts.iter().map(|d| d.communes.len()).sum()
    }
}

impl District {
    /// The name without its kind, e.g. "Thuỷ Nguyên".
    pub fn short_name(&self) -> &str {
        short_name(&self.name, self.kind)
    }
}

impl Commune {
    /// The name without its kind, e.g. "Minh Khai".
    pub fn short_name(&self) -> &str {
        short_name(&self.name, self.kind)
    }
}

/// How many words the kind's prefix has ("Thị xã" 2, "Huyện" 1, ...).
fn prefix_words(kind: LocalityKind) -> usize {
    use LocalityKind::*;
    match kind {
        CentralCity | Town | ProvincialCity | Township => 2,
        _ => 1,
    }
}

fn short_name(name: &str, kind: LocalityKind) -> &str {
    name.splitn(prefix_words(kind) + 1, ' ').last().unwrap_or(name)
}

/// Lower-cased first words, for prefix tests that ignore "Thành Phố" / "Thành phố".
fn starts_with_ci(name: &str, prefix: &str) -> bool {
    name.to_lowercase().starts_with(prefix)
}

fn province_kind(name: &str) -> Option<LocalityKind> {
    if starts_with_ci(name, "thành phố ") {
        Some(LocalityKind::CentralCity)
    } else if starts_with_ci(name, "tỉnh ") {
        Some(LocalityKind::Province)
    } else {
        None
    }
}

/// The kind of a district from its name prefix.
pub fn district_kind(name: &str) -> Option<LocalityKind> {
    [
        ("quận ", LocalityKind::UrbanDistrict),
        ("huyện ", LocalityKind::RuralDistrict),
        ("thị xã ", LocalityKind::Town),
        ("thành phố ", LocalityKind::ProvincialCity),
    ]
    .into_iter()
    .find(|(p, _)| starts_with_ci(name, p))
    .map(|(_, k)| k)
}

fn commune_kind(level: &str) -> Option<LocalityKind> {
    match level.to_lowercase().as_str() {
        "phường" => Some(LocalityKind::Ward),
        "xã" => Some(LocalityKind::Commune),
        "thị trấn" => Some(LocalityKind::Township),
        _ => None,
    }
}

/// A comparison key for place names: no diacritics, lower case, no "tỉnh"/"thành phố"
/// prefix, single spaces ("Thành phố Hải Phòng", "Hải Phòng" and "hai phong" all give
/// "hai phong").
pub fn fold(name: &str) -> String {
    let plain: String = name
        .nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .map(|c| match c {
            'đ' | 'Đ' => 'd',
            c => c.to_ascii_lowercase(),
        })
        .collect::<String>()
        .to_lowercase();
    let words: Vec<&str> = plain.split_whitespace().collect();
    let rest = match words.as_slice() {
        ["thanh", "pho", rest @ ..] | ["tp", rest @ ..] | ["tp.", rest @ ..] | ["tinh", rest @ ..]
            if !rest.is_empty() =>
        {
            rest
        }
        all => all,
    };
    rest.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_list_has_the_official_counts() {
        let list = admin_units().expect("embedded list parses");
        assert_eq!(list.provinces.len(), 63);
        assert_eq!(list.district_count(), 705);
        assert_eq!(list.commune_count(), 10_603);
    }

    #[test]
    fn kinds_follow_the_name_prefixes() {
        assert_eq!(district_kind("Quận Hồng Bàng"), Some(LocalityKind::UrbanDistrict));
        assert_eq!(district_kind("Thị Xã Ninh Hòa"), Some(LocalityKind::Town));
        assert_eq!(district_kind("Thành Phố Thủ Dầu Một"), Some(LocalityKind::ProvincialCity));
        assert_eq!(district_kind("Phường Minh Khai"), None);
        assert_eq!(commune_kind("Thị trấn"), Some(LocalityKind::Township));
    }

    #[test]
    fn folding_ignores_diacritics_and_prefixes() {
        assert_eq!(fold("Thành phố Hải Phòng"), "hai phong");
        assert_eq!(fold("  hai   PHONG "), "hai phong");
        assert_eq!(fold("Tỉnh Đắk Lắk"), "dak lak");
        let list = admin_units().expect("embedded list parses");
        let mut keys: Vec<String> = list.provinces.iter().map(|p| fold(&p.name)).collect();
        keys.sort();
        keys.dedup();
        assert_eq!(keys.len(), 63, "folded province names must stay distinct");
    }

    #[test]
    fn short_names_drop_the_kind() {
        let list = admin_units().expect("embedded list parses");
        let hp = &list.select(&ProvinceSel::Code("31".into())).expect("Hai Phong")[0];
        assert_eq!(hp.short_name(), "Hải Phòng");
        assert_eq!(hp.districts[0].short_name(), "Hồng Bàng");
        assert_eq!(hp.districts[0].communes[0].short_name(), "Quán Toan");
    }

    #[test]
    fn selects_by_code_name_and_suggests() {
        let list = admin_units().expect("embedded list parses");
        assert_eq!(list.select(&ProvinceSel::Name("Hải Phòng".into())).expect("name")[0].code, "31");
        assert_eq!(list.select(&ProvinceSel::Name("hai phong".into())).expect("folded")[0].code, "31");
        assert_eq!(list.select(&ProvinceSel::Code("1".into())).expect("padded")[0].code, "01");
        match list.select(&ProvinceSel::Name("Hai Phongg".into())) {
            Err(GenerateError::UnknownProvince { suggestion, .. }) => {
                assert_eq!(suggestion.as_deref(), Some("Hải Phòng (31)"))
            }
            other => panic!("expected an unknown-province error, got {other:?}"),
        }
        assert!(list.select(&ProvinceSel::Code("99".into())).is_err());
        assert_eq!(list.select(&ProvinceSel::All).expect("all").len(), 63);
    }
}
