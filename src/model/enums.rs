//! The closed vocabularies of the scenario: kinds of locality and unit, roles, levels, ratings,
//! degree classes, fields of training.
//!
//! Each is a Rust enum with a stable snake_case code (what JSON, CSV and TOML carry), a few
//! accepted aliases (the Vietnamese word without diacritics, so a planner may type `kha` for
//! `good`), and a label in Vietnamese and English for rendering. Unknown codes are rejected by
//! validation with a did-you-mean built from [`Vocabulary::codes`].

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A closed vocabulary whose values have stable codes and bilingual labels.
pub trait Vocabulary: Sized + Copy + 'static {
    /// Every value, in canonical order.
    const ALL: &'static [Self];
    /// The canonical code, as written in files.
    fn code(self) -> &'static str;
    /// Vietnamese label.
    fn label_vi(self) -> &'static str;
    /// English label.
    fn label_en(self) -> &'static str;
    /// All canonical codes (for did-you-mean suggestions).
    fn codes() -> Vec<&'static str> {
        Self::ALL.iter().map(|v| v.code()).collect()
    }
    /// Parses a code or an accepted alias (case-insensitive, `-` and ` ` read as `_`).
    fn parse_code(s: &str) -> Option<Self> {
        let norm: String =
            s.trim().chars().map(|c| if c == '-' || c == ' ' { '_' } else { c.to_ascii_lowercase() }).collect();
        Self::ALL.iter().copied().find(|v| v.code() == norm || Self::aliases(*v).contains(&norm.as_str()))
    }
    /// Accepted aliases of a value.
    fn aliases(self) -> &'static [&'static str] {
        &[]
    }
}

macro_rules! vocabulary {
    (
        $(#[$doc:meta])*
        $name:ident {
            $( $(#[$vdoc:meta])* $variant:ident = $code:literal, [$($alias:literal),*], $vi:literal, $en:literal; )+
        }
    ) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
        pub enum $name {
            $( $(#[$vdoc])* #[serde(rename = $code $(, alias = $alias)*)] $variant, )+
        }

        impl Vocabulary for $name {
            const ALL: &'static [Self] = &[$(Self::$variant),+];
            fn code(self) -> &'static str { match self { $(Self::$variant => $code),+ } }
            fn label_vi(self) -> &'static str { match self { $(Self::$variant => $vi),+ } }
            fn label_en(self) -> &'static str { match self { $(Self::$variant => $en),+ } }
            fn aliases(self) -> &'static [&'static str] { match self { $(Self::$variant => &[$($alias),*]),+ } }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.code())
            }
        }
    };
}

vocabulary!(
    /// The administrative level of a locality, unit or post.
    Level {
        /// Province or centrally-run city (cấp tỉnh / thành phố).
        City = "city", ["province", "tinh"], "cấp thành phố", "city level";
        /// District, urban district, town (cấp huyện).
        District = "district", ["huyen"], "cấp huyện", "district level";
        /// Commune, ward, township (cấp xã).
        Commune = "commune", ["xa"], "cấp xã", "commune level";
    }
);

impl Level {
    /// Rank used by the same-level rule: commune 0 < district 1 < city 2.
    pub fn rank(self) -> u8 {
        match self {
            Level::Commune => 0,
            Level::District => 1,
            Level::City => 2,
        }
    }
}

vocabulary!(
    /// What kind of place a locality is.
    LocalityKind {
        /// Centrally-run city (thành phố trực thuộc trung ương).
        CentralCity = "central_city", ["thanh_pho_truc_thuoc_tw"], "thành phố trực thuộc trung ương", "centrally-run city";
        /// Province (tỉnh).
        Province = "province", ["tinh"], "tỉnh", "province";
        /// Urban district (quận).
        UrbanDistrict = "urban_district", ["quan"], "quận", "urban district";
        /// Rural district (huyện).
        RuralDistrict = "rural_district", ["huyen"], "huyện", "rural district";
        /// Town (thị xã).
        Town = "town", ["thi_xa"], "thị xã", "town";
        /// City under a province (thành phố thuộc tỉnh / thuộc thành phố).
        ProvincialCity = "provincial_city", ["thanh_pho"], "thành phố", "provincial city";
        /// Ward (phường).
        Ward = "ward", ["phuong"], "phường", "ward";
        /// Rural commune (xã).
        Commune = "commune", ["xa"], "xã", "commune";
        /// Township (thị trấn).
        Township = "township", ["thi_tran"], "thị trấn", "township";
        /// Special zone (đặc khu), after 2025.
        SpecialZone = "special_zone", ["dac_khu"], "đặc khu", "special zone";
    }
);

impl LocalityKind {
    /// The level a locality of this kind sits at.
    pub fn level(self) -> Level {
        use LocalityKind::*;
        match self {
            CentralCity | Province => Level::City,
            UrbanDistrict | RuralDistrict | Town | ProvincialCity => Level::District,
            Ward | Commune | Township | SpecialZone => Level::Commune,
        }
    }
}

vocabulary!(
    /// What kind of body a unit is.
    UnitKind {
        /// Party committee (cấp ủy: Thành ủy, Quận ủy, Huyện ủy, Đảng ủy xã).
        PartyCommittee = "party_committee", ["cap_uy"], "cấp ủy", "party committee";
        /// People's Committee (UBND).
        PeoplesCommittee = "peoples_committee", ["ubnd"], "Ủy ban nhân dân", "People's Committee";
        /// City department or sector (sở, ngành).
        Department = "department", ["so"], "sở, ngành", "department";
        /// Party board of the city committee (ban Đảng).
        PartyBoard = "party_board", ["ban"], "ban Đảng", "party board";
        /// Vietnam Fatherland Front committee (MTTQ).
        FatherlandFront = "fatherland_front", ["mttq"], "Mặt trận Tổ quốc", "Fatherland Front";
        /// Socio-political (mass) organisation (đoàn thể).
        MassOrganisation = "mass_organisation", ["doan_the", "mass_organization"], "đoàn thể chính trị - xã hội", "mass organisation";
        /// Anything else.
        Other = "other", [], "đơn vị khác", "other unit";
    }
);

vocabulary!(
    /// The role of a post.
    Role {
        /// Party secretary (Bí thư).
        PartySecretary = "party_secretary", ["bi_thu", "secretary"], "Bí thư", "party secretary";
        /// Deputy party secretary (Phó Bí thư).
        DeputyPartySecretary = "deputy_party_secretary", ["pho_bi_thu", "deputy_secretary"], "Phó Bí thư", "deputy party secretary";
        /// Member of the standing committee (Ủy viên Ban Thường vụ).
        StandingMember = "standing_member", ["uy_vien_ban_thuong_vu"], "Ủy viên Ban Thường vụ", "standing committee member";
        /// People's Committee chair (Chủ tịch UBND).
        PcChair = "pc_chair", ["chu_tich_ubnd", "chair"], "Chủ tịch UBND", "People's Committee chair";
        /// People's Committee vice-chair (Phó Chủ tịch UBND).
        PcViceChair = "pc_vice_chair", ["pho_chu_tich_ubnd", "vice_chair"], "Phó Chủ tịch UBND", "People's Committee vice-chair";
        /// Head of a department, board or organisation (Giám đốc sở, Trưởng ban, Chủ tịch).
        Director = "director", ["giam_doc", "truong_ban", "head"], "Giám đốc / Trưởng ban", "director";
        /// Deputy head (Phó Giám đốc, Phó Trưởng ban).
        DeputyDirector = "deputy_director", ["pho_giam_doc", "pho_truong_ban", "deputy_head"], "Phó Giám đốc / Phó Trưởng ban", "deputy director";
        /// Head of a division (Trưởng phòng).
        DivisionHead = "division_head", ["truong_phong"], "Trưởng phòng", "division head";
        /// Deputy head of a division (Phó Trưởng phòng).
        DeputyDivisionHead = "deputy_division_head", ["pho_truong_phong"], "Phó Trưởng phòng", "deputy division head";
        /// Civil servant (công chức).
        CivilServant = "civil_servant", ["cong_chuc"], "Công chức", "civil servant";
        /// Specialist (chuyên viên).
        Specialist = "specialist", ["chuyen_vien"], "Chuyên viên", "specialist";
    }
);

vocabulary!(
    /// Annual rating (Nghị định 90/2020), best first.
    Rating {
        /// Hoàn thành xuất sắc nhiệm vụ.
        Excellent = "excellent", ["xuat_sac", "htxsnv"], "hoàn thành xuất sắc nhiệm vụ", "completed tasks excellently";
        /// Hoàn thành tốt nhiệm vụ.
        Good = "good", ["tot", "htt", "httnv"], "hoàn thành tốt nhiệm vụ", "completed tasks well";
        /// Hoàn thành nhiệm vụ.
        Completed = "completed", ["hoan_thanh", "htnv"], "hoàn thành nhiệm vụ", "completed tasks";
        /// Không hoàn thành nhiệm vụ.
        NotCompleted = "not_completed", ["khong_hoan_thanh", "khtnv"], "không hoàn thành nhiệm vụ", "did not complete tasks";
    }
);

impl Rating {
    /// Higher is better: excellent 3, good 2, completed 1, not completed 0.
    pub fn score(self) -> u8 {
        match self {
            Rating::Excellent => 3,
            Rating::Good => 2,
            Rating::Completed => 1,
            Rating::NotCompleted => 0,
        }
    }
}

vocabulary!(
    /// Class of a degree, best first.
    DegreeClass {
        /// Xuất sắc.
        Excellent = "excellent", ["xuat_sac"], "xuất sắc", "excellent";
        /// Giỏi.
        VeryGood = "very_good", ["gioi"], "giỏi", "very good";
        /// Khá.
        Good = "good", ["kha"], "khá", "good";
        /// Trung bình khá.
        FairlyGood = "fairly_good", ["trung_binh_kha"], "trung bình khá", "fairly good";
        /// Trung bình.
        Average = "average", ["trung_binh"], "trung bình", "average";
    }
);

impl DegreeClass {
    /// Higher is better: excellent 4 ... average 0.
    pub fn score(self) -> u8 {
        match self {
            DegreeClass::Excellent => 4,
            DegreeClass::VeryGood => 3,
            DegreeClass::Good => 2,
            DegreeClass::FairlyGood => 1,
            DegreeClass::Average => 0,
        }
    }
}

vocabulary!(
    /// Highest education level.
    EducationLevel {
        /// College (cao đẳng).
        College = "college", ["cao_dang"], "cao đẳng", "college";
        /// Bachelor (đại học).
        Bachelor = "bachelor", ["dai_hoc"], "đại học", "bachelor";
        /// Master (thạc sĩ).
        Master = "master", ["thac_si"], "thạc sĩ", "master";
        /// Doctor (tiến sĩ).
        Doctor = "doctor", ["tien_si"], "tiến sĩ", "doctorate";
    }
);

vocabulary!(
    /// Field of training (chuyên ngành đào tạo), grouped coarsely for the specialisation mix.
    Field {
        /// Kinh tế.
        Economics = "economics", ["kinh_te"], "kinh tế", "economics";
        /// Tài chính - kế toán.
        Finance = "finance", ["tai_chinh"], "tài chính", "finance";
        /// Luật.
        Law = "law", ["luat"], "luật", "law";
        /// Hành chính công.
        PublicAdministration = "public_administration", ["hanh_chinh"], "hành chính công", "public administration";
        /// Lý luận chính trị, xây dựng Đảng.
        Politics = "politics", ["chinh_tri"], "chính trị", "political science";
        /// Kỹ thuật, công nghệ.
        Engineering = "engineering", ["ky_thuat"], "kỹ thuật", "engineering";
        /// Xây dựng, quy hoạch đô thị.
        Construction = "construction", ["xay_dung"], "xây dựng", "construction and planning";
        /// Nông nghiệp, thủy sản.
        Agriculture = "agriculture", ["nong_nghiep"], "nông nghiệp", "agriculture";
        /// Giáo dục.
        Education = "education", ["giao_duc", "su_pham"], "giáo dục", "education";
        /// Y tế.
        Medicine = "medicine", ["y_te"], "y tế", "medicine";
        /// Công nghệ thông tin.
        InformationTechnology = "information_technology", ["cntt", "it"], "công nghệ thông tin", "information technology";
        /// Khoa học xã hội.
        SocialSciences = "social_sciences", ["khxh"], "khoa học xã hội", "social sciences";
        /// Quân sự, an ninh.
        Security = "security", ["an_ninh", "quan_su"], "quân sự, an ninh", "defence and security";
    }
);

vocabulary!(
    /// Gender as recorded on the roster.
    Gender {
        /// Nam.
        Male = "male", ["nam", "m"], "nam", "male";
        /// Nữ.
        Female = "female", ["nu", "f"], "nữ", "female";
    }
);

vocabulary!(
    /// Who manages a cadre (diện quản lý).
    Management {
        /// Managed by the City Party Committee (diện Thành ủy quản lý).
        CityCommittee = "city_committee", ["thanh_uy"], "diện Thành ủy quản lý", "managed by the City Committee";
        /// Managed by the Standing Board of the City Committee (diện Ban Thường vụ quản lý).
        StandingBoard = "standing_board", ["ban_thuong_vu"], "diện Ban Thường vụ quản lý", "managed by the Standing Board";
        /// Managed by a district committee (diện quận, huyện ủy quản lý).
        District = "district", ["quan_huyen"], "diện quận, huyện ủy quản lý", "managed by a district committee";
        /// Not in any managed list.
        None = "none", [], "không thuộc diện quản lý", "not in a managed list";
    }
);

vocabulary!(
    /// The kind of a leadership team.
    TeamKind {
        /// Standing members of a party committee (thường trực cấp ủy).
        PartyStanding = "party_standing", ["thuong_truc_cap_uy"], "thường trực cấp ủy", "party standing members";
        /// The leadership of a People's Committee (lãnh đạo UBND).
        PcLeadership = "pc_leadership", ["lanh_dao_ubnd"], "lãnh đạo UBND", "People's Committee leadership";
        /// The key leaders of a city agency (lãnh đạo chủ chốt cơ quan).
        AgencyLeadership = "agency_leadership", ["lanh_dao_co_quan"], "lãnh đạo chủ chốt cơ quan", "agency key leadership";
    }
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_aliases_parse() {
        assert_eq!(Rating::parse_code("good"), Some(Rating::Good));
        assert_eq!(Rating::parse_code("HTT"), Some(Rating::Good));
        assert_eq!(DegreeClass::parse_code("kha"), Some(DegreeClass::Good));
        assert_eq!(DegreeClass::parse_code("trung binh kha"), Some(DegreeClass::FairlyGood));
        assert_eq!(Role::parse_code("pho-chu-tich-ubnd"), Some(Role::PcViceChair));
        assert_eq!(Role::parse_code("mayor"), None);
    }

    #[test]
    fn serde_accepts_aliases() {
        let r: Rating = serde_json::from_str("\"xuat_sac\"").unwrap();
        assert_eq!(r, Rating::Excellent);
        assert_eq!(serde_json::to_string(&DegreeClass::Good).unwrap(), "\"good\"");
    }

    #[test]
    fn orders_are_meaningful() {
        assert!(Rating::Excellent.score() > Rating::Good.score());
        assert!(DegreeClass::Good.score() > DegreeClass::FairlyGood.score());
        assert_eq!(LocalityKind::Ward.level(), Level::Commune);
        assert!(Level::City.rank() > Level::District.rank());
    }
}
