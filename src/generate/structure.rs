//! The synthetic bodies and posts of one province, on top of its real locality tree.
//!
//! The localities (province, districts, communes) and their names and codes are real; the units
//! (party committees, People's Committees, city boards, departments, the Fatherland Front, mass
//! organisations), their leadership teams and their posts follow the usual structure of a
//! Vietnamese province in the 2020-2025 term. Codes are stable and readable: unit `HU-311`
//! (district party committee) / `UB-311` (its People's Committee), `DU-11311` / `UB-11311` for a
//! commune, `STC-31` for a city department; post `P-311-PCT2`; team `T-311-UB`.

use rand::Rng;
use rand_chacha::ChaCha8Rng;

use crate::model::enums::*;
use crate::model::raw::{RawLocality, RawPost, RawTeam, RawUnit};

use super::admin::Province;

/// Roles whose posts the plan decides (mirrors `general.planned_roles` of the Hai Phong policy).
pub const PLANNED_ROLES: [Role; 7] = [
    Role::PartySecretary,
    Role::DeputyPartySecretary,
    Role::StandingMember,
    Role::PcChair,
    Role::PcViceChair,
    Role::Director,
    Role::DeputyDirector,
];

/// One city-level body of the synthetic structure.
pub(crate) struct CityUnitDef {
    /// Code prefix, e.g. "STC" (the unit is `STC-31`).
    pub code: &'static str,
    /// Name; `{U}` is "Thành ủy"/"Tỉnh ủy", `{p}` "thành phố"/"tỉnh", `{D}` "Thành đoàn"/"Tỉnh đoàn".
    pub name: &'static str,
    pub kind: UnitKind,
    /// Title of the head and of a deputy, put before the name ("Giám đốc" Sở Tài chính).
    pub head: &'static str,
    pub deputy: &'static str,
    /// The fields of training that suit the unit (its staff are drawn mostly from these; the
    /// policy's `objective.field_affinity` says the same by words of the name).
    pub fields: &'static [Field],
    /// Divisions (phòng, ban); the first 3 to 6 exist.
    pub divisions: &'static [&'static str],
}

use Field::*;
use UnitKind::{Department, FatherlandFront, MassOrganisation, PartyBoard};

const BOARD_DIVISIONS: &[&str] =
    &["Văn phòng", "Phòng Tổng hợp", "Phòng Nghiệp vụ 1", "Phòng Nghiệp vụ 2", "Phòng Nghiệp vụ 3", "Phòng Nghiên cứu"];
const DEPT_DIVISIONS: &[&str] = &[
    "Văn phòng",
    "Thanh tra",
    "Phòng Kế hoạch - Tài chính",
    "Phòng Tổ chức cán bộ",
    "Phòng Pháp chế",
    "Phòng Quản lý nghiệp vụ",
];
const ORG_DIVISIONS: &[&str] = &[
    "Văn phòng",
    "Ban Tổ chức - Kiểm tra",
    "Ban Tuyên giáo",
    "Ban Phong trào",
    "Ban Chính sách - Pháp luật",
    "Ban Kinh tế",
];

const fn unit(
    code: &'static str,
    name: &'static str,
    kind: UnitKind,
    head: &'static str,
    deputy: &'static str,
    fields: &'static [Field],
    divisions: &'static [&'static str],
) -> CityUnitDef {
    CityUnitDef { code, name, kind, head, deputy, fields, divisions }
}

/// The city-level bodies, in the order they are listed.
#[rustfmt::skip]
pub(crate) const CITY_UNITS: &[CityUnitDef] = &[
    unit("BTC", "Ban Tổ chức {U}", PartyBoard, "Trưởng", "Phó Trưởng", &[Politics, PublicAdministration], &["Văn phòng", "Phòng Tổ chức đảng - đảng viên", "Phòng Cán bộ", "Phòng Bảo vệ chính trị nội bộ", "Phòng Tổng hợp", "Phòng Đào tạo - Bồi dưỡng"]),
    unit("BTG", "Ban Tuyên giáo {U}", PartyBoard, "Trưởng", "Phó Trưởng", &[Politics, SocialSciences], BOARD_DIVISIONS),
    unit("BDV", "Ban Dân vận {U}", PartyBoard, "Trưởng", "Phó Trưởng", &[Politics, SocialSciences], BOARD_DIVISIONS),
    unit("BNC", "Ban Nội chính {U}", PartyBoard, "Trưởng", "Phó Trưởng", &[Law, Security], BOARD_DIVISIONS),
    unit("UBKT", "Ủy ban Kiểm tra {U}", PartyBoard, "Chủ nhiệm", "Phó Chủ nhiệm", &[Law, Politics], &["Văn phòng", "Phòng Kiểm tra 1", "Phòng Kiểm tra 2", "Phòng Kiểm tra 3", "Phòng Giải quyết khiếu nại, tố cáo", "Phòng Tổng hợp"]),
    unit("STC", "Sở Tài chính", Department, "Giám đốc", "Phó Giám đốc", &[Finance, Economics], &["Văn phòng", "Thanh tra", "Phòng Quản lý ngân sách", "Phòng Tài chính đầu tư", "Phòng Quản lý giá và công sản", "Phòng Tài chính doanh nghiệp"]),
    unit("SNV", "Sở Nội vụ", Department, "Giám đốc", "Phó Giám đốc", &[PublicAdministration, Law], &["Văn phòng", "Thanh tra", "Phòng Tổ chức, biên chế", "Phòng Công chức, viên chức", "Phòng Xây dựng chính quyền", "Phòng Cải cách hành chính"]),
    unit("SKHDT", "Sở Kế hoạch và Đầu tư", Department, "Giám đốc", "Phó Giám đốc", &[Economics, Finance], &["Văn phòng", "Thanh tra", "Phòng Tổng hợp, quy hoạch", "Phòng Đăng ký kinh doanh", "Phòng Kinh tế đối ngoại", "Phòng Thẩm định"]),
    unit("SXD", "Sở Xây dựng", Department, "Giám đốc", "Phó Giám đốc", &[Construction, Engineering], &["Văn phòng", "Thanh tra", "Phòng Quản lý xây dựng", "Phòng Quy hoạch - Kiến trúc", "Phòng Phát triển đô thị", "Phòng Quản lý nhà"]),
    unit("SGTVT", "Sở Giao thông vận tải", Department, "Giám đốc", "Phó Giám đốc", &[Construction, Engineering], &["Văn phòng", "Thanh tra", "Phòng Quản lý vận tải", "Phòng Quản lý kết cấu hạ tầng", "Phòng Quản lý chất lượng công trình", "Phòng Kế hoạch - Tài chính"]),
    unit("SNNPTNT", "Sở Nông nghiệp và Phát triển nông thôn", Department, "Giám đốc", "Phó Giám đốc", &[Agriculture, Economics], &["Văn phòng", "Thanh tra", "Phòng Kế hoạch - Tài chính", "Phòng Tổ chức cán bộ", "Phòng Quản lý xây dựng công trình", "Phòng Pháp chế"]),
    unit("SGDDT", "Sở Giáo dục và Đào tạo", Department, "Giám đốc", "Phó Giám đốc", &[Education, SocialSciences], &["Văn phòng", "Thanh tra", "Phòng Giáo dục mầm non", "Phòng Giáo dục tiểu học", "Phòng Giáo dục trung học", "Phòng Khảo thí và Kiểm định chất lượng"]),
    unit("SYT", "Sở Y tế", Department, "Giám đốc", "Phó Giám đốc", &[Medicine], &["Văn phòng", "Thanh tra", "Phòng Nghiệp vụ Y", "Phòng Nghiệp vụ Dược", "Phòng Kế hoạch - Tài chính", "Phòng Tổ chức cán bộ"]),
    unit("STP", "Sở Tư pháp", Department, "Giám đốc", "Phó Giám đốc", &[Law], &["Văn phòng", "Thanh tra", "Phòng Xây dựng và Kiểm tra văn bản", "Phòng Phổ biến, giáo dục pháp luật", "Phòng Hành chính tư pháp", "Phòng Bổ trợ tư pháp"]),
    unit("SCT", "Sở Công Thương", Department, "Giám đốc", "Phó Giám đốc", &[Economics, Engineering], &["Văn phòng", "Thanh tra", "Phòng Quản lý công nghiệp", "Phòng Quản lý thương mại", "Phòng Quản lý năng lượng", "Phòng Kế hoạch - Tài chính"]),
    unit("STNMT", "Sở Tài nguyên và Môi trường", Department, "Giám đốc", "Phó Giám đốc", &[Agriculture, Engineering], &["Văn phòng", "Thanh tra", "Phòng Quản lý đất đai", "Phòng Quản lý môi trường", "Phòng Tài nguyên nước", "Phòng Khoáng sản"]),
    unit("STTTT", "Sở Thông tin và Truyền thông", Department, "Giám đốc", "Phó Giám đốc", &[InformationTechnology, SocialSciences], &["Văn phòng", "Thanh tra", "Phòng Công nghệ thông tin", "Phòng Thông tin - Báo chí - Xuất bản", "Phòng Bưu chính - Viễn thông", "Phòng Kế hoạch - Tài chính"]),
    unit("SLDTBXH", "Sở Lao động - Thương binh và Xã hội", Department, "Giám đốc", "Phó Giám đốc", &[SocialSciences, Economics], &["Văn phòng", "Thanh tra", "Phòng Lao động - Việc làm", "Phòng Người có công", "Phòng Bảo trợ xã hội", "Phòng Giáo dục nghề nghiệp"]),
    unit("SVHTT", "Sở Văn hóa và Thể thao", Department, "Giám đốc", "Phó Giám đốc", &[SocialSciences, Education], &["Văn phòng", "Thanh tra", "Phòng Quản lý văn hóa", "Phòng Quản lý thể dục thể thao", "Phòng Quản lý di sản", "Phòng Xây dựng nếp sống văn hóa và gia đình"]),
    unit("SDL", "Sở Du lịch", Department, "Giám đốc", "Phó Giám đốc", &[Economics, SocialSciences], &["Văn phòng", "Thanh tra", "Phòng Quản lý lữ hành", "Phòng Quản lý cơ sở lưu trú", "Phòng Xúc tiến du lịch", "Phòng Kế hoạch - Tài chính"]),
    unit("SKHCN", "Sở Khoa học và Công nghệ", Department, "Giám đốc", "Phó Giám đốc", &[Engineering, InformationTechnology], &["Văn phòng", "Thanh tra", "Phòng Quản lý khoa học", "Phòng Quản lý công nghệ", "Phòng Sở hữu trí tuệ", "Phòng Kế hoạch - Tài chính"]),
    unit("TTTP", "Thanh tra {p}", Department, "Chánh", "Phó Chánh", &[Law, Finance], &["Văn phòng", "Phòng Thanh tra 1", "Phòng Thanh tra 2", "Phòng Thanh tra 3", "Phòng Tiếp công dân và Xử lý đơn thư", "Phòng Phòng, chống tham nhũng"]),
    unit("SNGV", "Sở Ngoại vụ", Department, "Giám đốc", "Phó Giám đốc", &[SocialSciences, Law], DEPT_DIVISIONS),
    unit("MTTQ", "Ủy ban Mặt trận Tổ quốc Việt Nam {p}", FatherlandFront, "Chủ tịch", "Phó Chủ tịch", &[Politics, SocialSciences], &["Văn phòng", "Ban Tổ chức - Tuyên giáo", "Ban Phong trào", "Ban Dân chủ - Pháp luật", "Ban Đối ngoại - Dân tộc - Tôn giáo", "Ban Công tác Mặt trận"]),
    unit("TD", "{D}", MassOrganisation, "Bí thư", "Phó Bí thư", &[Politics, SocialSciences], &["Văn phòng", "Ban Tổ chức - Kiểm tra", "Ban Tuyên giáo", "Ban Đoàn kết tập hợp thanh niên", "Ban Thanh thiếu nhi trường học", "Ban Phong trào"]),
    unit("HLHPN", "Hội Liên hiệp Phụ nữ {p}", MassOrganisation, "Chủ tịch", "Phó Chủ tịch", &[SocialSciences, Politics], ORG_DIVISIONS),
    unit("HND", "Hội Nông dân {p}", MassOrganisation, "Chủ tịch", "Phó Chủ tịch", &[Agriculture, Politics], ORG_DIVISIONS),
    unit("LDLD", "Liên đoàn Lao động {p}", MassOrganisation, "Chủ tịch", "Phó Chủ tịch", &[SocialSciences, Economics], ORG_DIVISIONS),
    unit("HCCB", "Hội Cựu chiến binh {p}", MassOrganisation, "Chủ tịch", "Phó Chủ tịch", &[Security, Politics], ORG_DIVISIONS),
];

/// Where a post is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Scope {
    /// A city-level body (index into [`Structure::city_units`]).
    City(usize),
    /// A district (index into [`Structure::districts`]).
    District(usize),
    /// A commune (index into [`Structure::communes`]).
    Commune(usize),
}

/// A post and what the generator needs to know about it.
pub(crate) struct PostSpec {
    /// The post as written (no holder yet).
    pub raw: RawPost,
    pub scope: Scope,
    /// Code of the locality the post's unit belongs to.
    pub locality: String,
    /// Whether the plan decides its holder.
    pub planned: bool,
    /// Fields of training that suit its unit (empty for party and People's Committees).
    pub fields: &'static [Field],
    /// Whether the unit is the Women's Union (its leaders are women).
    pub womens_union: bool,
}

pub(crate) struct DistrictInfo {
    pub code: String,
    pub communes: Vec<usize>,
    /// Planned posts of the district itself.
    pub posts: Vec<usize>,
}

pub(crate) struct CommuneInfo {
    pub code: String,
    pub district: usize,
    /// Its People's Committee (the workplace of its civil servants).
    pub pc_unit: String,
    pub posts: Vec<usize>,
}

pub(crate) struct CityUnitInfo {
    pub posts: Vec<usize>,
    pub division_posts: Vec<usize>,
}

/// The structure of one province.
pub(crate) struct Structure {
    pub province_code: String,
    pub localities: Vec<RawLocality>,
    pub units: Vec<RawUnit>,
    pub teams: Vec<RawTeam>,
    pub posts: Vec<PostSpec>,
    pub districts: Vec<DistrictInfo>,
    pub communes: Vec<CommuneInfo>,
    pub city_units: Vec<CityUnitInfo>,
}

impl Structure {
    /// Non-supernumerary planned posts (the ones that can be vacant).
    pub fn fillable_planned(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.posts.len()).filter(|&i| self.posts[i].planned && !self.posts[i].raw.supernumerary)
    }
}

/// "huyện Thuỷ Nguyên" inside a phrase ("Quận 1" keeps its capital: a number is not a name).
fn in_phrase(kind: LocalityKind, short: &str, full: &str) -> String {
    if short.starts_with(|c: char| c.is_ascii_digit()) {
        full.to_string()
    } else {
        format!("{} {short}", kind_word(kind))
    }
}

fn kind_word(kind: LocalityKind) -> &'static str {
    match kind {
        LocalityKind::CentralCity | LocalityKind::ProvincialCity => "thành phố",
        LocalityKind::Province => "tỉnh",
        other => other.label_vi(),
    }
}

/// The party committee of a district: "Quận ủy Hồng Bàng", "Huyện ủy Thuỷ Nguyên", ...
fn district_committee(kind: LocalityKind, short: &str, full: &str) -> String {
    let word = match kind {
        LocalityKind::UrbanDistrict => "Quận ủy",
        LocalityKind::Town => "Thị ủy",
        LocalityKind::ProvincialCity => "Thành ủy",
        _ => "Huyện ủy",
    };
    if short.starts_with(|c: char| c.is_ascii_digit()) {
        format!("{word} {full}")
    } else {
        format!("{word} {short}")
    }
}

/// Where the posts being added go.
struct At<'a> {
    unit: &'a str,
    team: Option<&'a str>,
    level: Level,
    scope: Scope,
    locality: &'a str,
    fields: &'static [Field],
    womens_union: bool,
}

impl Structure {
    fn add_unit(&mut self, id: String, name: String, kind: UnitKind, locality: &str, level: Level) -> String {
        self.units.push(RawUnit { id: id.clone(), name, kind, locality: locality.to_string(), level });
        id
    }

    fn add_team(&mut self, id: String, name: String, kind: TeamKind, locality: &str) -> String {
        self.teams.push(RawTeam { id: id.clone(), name, kind, locality: locality.to_string(), key: true });
        id
    }

    fn add_post(&mut self, at: &At, role: Role, id: String, title: String, supernumerary: bool) -> usize {
        self.posts.push(PostSpec {
            raw: RawPost {
                id,
                title: Some(title),
                unit: at.unit.to_string(),
                role,
                level: at.level,
                team: at.team.map(str::to_string),
                key: matches!(role, Role::PartySecretary | Role::PcChair | Role::Director),
                supernumerary,
                holder: None,
            },
            scope: at.scope,
            locality: at.locality.to_string(),
            planned: PLANNED_ROLES.contains(&role),
            fields: at.fields,
            womens_union: at.womens_union,
        });
        self.posts.len() - 1
    }

    /// The vice-chairs of a People's Committee: `cap` posts and one supernumerary post for a
    /// cadre rotated in.
    fn add_vice_chairs(&mut self, at: &At, code: &str, here: &str, cap: u32) -> Vec<usize> {
        (1..=cap + 1)
            .map(|k| {
                let extra = k > cap;
                let title = if extra {
                    format!("Phó Chủ tịch UBND {here} (ngoài số lượng, cán bộ luân chuyển)")
                } else {
                    format!("Phó Chủ tịch UBND {here}")
                };
                self.add_post(at, Role::PcViceChair, format!("P-{code}-PCT{k}"), title, extra)
            })
            .collect()
    }
}

/// Builds the localities, units, teams and posts of a province.
pub(crate) fn build(p: &Province, rng: &mut ChaCha8Rng) -> Structure {
    let mut s = Structure {
        province_code: p.code.clone(),
        localities: Vec::new(),
        units: Vec::new(),
        teams: Vec::new(),
        posts: Vec::new(),
        districts: Vec::new(),
        communes: Vec::new(),
        city_units: Vec::new(),
    };
    let pc = p.code.as_str();
    let (committee, place, youth) = if p.kind == LocalityKind::CentralCity {
        ("Thành ủy", "thành phố", "Thành đoàn")
    } else {
        ("Tỉnh ủy", "tỉnh", "Tỉnh đoàn")
    };
    s.localities.push(RawLocality {
        id: p.code.clone(),
        name: p.name.clone(),
        kind: p.kind,
        parent: None,
        class: None,
    });

    // City-level bodies: a director and 2-4 deputies (a key team), 3-6 divisions each with a
    // head and 1-2 deputies (not planned: their holders are the district candidate pool).
    for def in CITY_UNITS {
        let name = def.name.replace("{U}", committee).replace("{p}", place).replace("{D}", youth);
        let unit = s.add_unit(format!("{}-{pc}", def.code), name.clone(), def.kind, pc, Level::City);
        let team = s.add_team(format!("T-{unit}"), format!("Lãnh đạo {name}"), TeamKind::AgencyLeadership, pc);
        let mut at = At {
            unit: &unit,
            team: Some(&team),
            level: Level::City,
            scope: Scope::City(s.city_units.len()),
            locality: pc,
            fields: def.fields,
            womens_union: def.code == "HLHPN",
        };
        let mut posts =
            vec![s.add_post(&at, Role::Director, format!("P-{unit}-GD"), format!("{} {name}", def.head), false)];
        for k in 1..=rng.random_range(2..=4) {
            let title = format!("{} {name}", def.deputy);
            posts.push(s.add_post(&at, Role::DeputyDirector, format!("P-{unit}-PGD{k}"), title, false));
        }
        at.team = None;
        at.womens_union = false;
        let mut division_posts = Vec::new();
        let n_div = rng.random_range(3..=6).min(def.divisions.len());
        for (d, div) in def.divisions.iter().take(n_div).enumerate() {
            let d = d + 1;
            // "Chánh Văn phòng", "Chánh Thanh tra"; otherwise "Trưởng phòng ...", "Trưởng ban ...".
            let head = if matches!(*div, "Văn phòng" | "Thanh tra") {
                format!("Chánh {div}")
            } else {
                format!("Trưởng {}", lower_first(div))
            };
            let title = format!("{head}, {name}");
            division_posts.push(s.add_post(&at, Role::DivisionHead, format!("P-{unit}-D{d}-TP"), title, false));
            for k in 1..=rng.random_range(1..=2) {
                let title = format!("Phó {head}, {name}");
                division_posts.push(s.add_post(
                    &at,
                    Role::DeputyDivisionHead,
                    format!("P-{unit}-D{d}-PP{k}"),
                    title,
                    false,
                ));
            }
        }
        s.city_units.push(CityUnitInfo { posts, division_posts });
    }

    for d in &p.districts {
        let dc = d.code.as_str();
        let class = match d.kind {
            LocalityKind::UrbanDistrict | LocalityKind::ProvincialCity => 1,
            _ if rng.random_bool(0.3) => 1,
            _ => 2,
        };
        s.localities.push(RawLocality {
            id: d.code.clone(),
            name: d.name.clone(),
            kind: d.kind,
            parent: Some(p.code.clone()),
            class: Some(class),
        });
        let scope = Scope::District(s.districts.len());
        let committee = district_committee(d.kind, d.short_name(), &d.name);
        let here = in_phrase(d.kind, d.short_name(), &d.name);
        let hu = s.add_unit(format!("HU-{dc}"), committee.clone(), UnitKind::PartyCommittee, dc, Level::District);
        let ub = s.add_unit(
            format!("UB-{dc}"),
            format!("Ủy ban nhân dân {here}"),
            UnitKind::PeoplesCommittee,
            dc,
            Level::District,
        );
        let tt = s.add_team(format!("T-{dc}-TT"), format!("Ban Thường vụ {committee}"), TeamKind::PartyStanding, dc);
        let tu = s.add_team(format!("T-{dc}-UB"), format!("Lãnh đạo UBND {here}"), TeamKind::PcLeadership, dc);
        let party = At {
            unit: &hu,
            team: Some(&tt),
            level: Level::District,
            scope,
            locality: dc,
            fields: &[],
            womens_union: false,
        };
        let mut posts =
            vec![s.add_post(&party, Role::PartySecretary, format!("P-{dc}-BT"), format!("Bí thư {committee}"), false)];
        for k in 1..=2 {
            let title = format!("Phó Bí thư {committee}");
            posts.push(s.add_post(&party, Role::DeputyPartySecretary, format!("P-{dc}-PBT{k}"), title, false));
        }
        for k in 1..=rng.random_range(2..=3) {
            let title = format!("Ủy viên Ban Thường vụ {committee}");
            posts.push(s.add_post(&party, Role::StandingMember, format!("P-{dc}-UV{k}"), title, false));
        }
        let pcl = At { unit: &ub, team: Some(&tu), ..party };
        posts.push(s.add_post(&pcl, Role::PcChair, format!("P-{dc}-CT"), format!("Chủ tịch UBND {here}"), false));
        posts.extend(s.add_vice_chairs(&pcl, dc, &here, if class == 1 { 3 } else { 2 }));
        let di = s.districts.len();
        s.districts.push(DistrictInfo { code: d.code.clone(), communes: Vec::new(), posts });

        for c in &d.communes {
            let cc = c.code.as_str();
            let x: f64 = rng.random();
            let class = if x < 0.40 {
                1
            } else if x < 0.85 {
                2
            } else {
                3
            };
            s.localities.push(RawLocality {
                id: c.code.clone(),
                name: c.name.clone(),
                kind: c.kind,
                parent: Some(d.code.clone()),
                class: Some(class),
            });
            let scope = Scope::Commune(s.communes.len());
            let here = in_phrase(c.kind, c.short_name(), &c.name);
            let du =
                s.add_unit(format!("DU-{cc}"), format!("Đảng ủy {here}"), UnitKind::PartyCommittee, cc, Level::Commune);
            let ub = s.add_unit(
                format!("UB-{cc}"),
                format!("Ủy ban nhân dân {here}"),
                UnitKind::PeoplesCommittee,
                cc,
                Level::Commune,
            );
            let tt =
                s.add_team(format!("T-{cc}-TT"), format!("Thường trực Đảng ủy {here}"), TeamKind::PartyStanding, cc);
            let tu = s.add_team(format!("T-{cc}-UB"), format!("Lãnh đạo UBND {here}"), TeamKind::PcLeadership, cc);
            let party = At {
                unit: &du,
                team: Some(&tt),
                level: Level::Commune,
                scope,
                locality: cc,
                fields: &[],
                womens_union: false,
            };
            let pcl = At { unit: &ub, team: Some(&tu), ..party };
            let mut posts = vec![
                s.add_post(&party, Role::PartySecretary, format!("P-{cc}-BT"), format!("Bí thư Đảng ủy {here}"), false),
                s.add_post(
                    &party,
                    Role::DeputyPartySecretary,
                    format!("P-{cc}-PBT"),
                    format!("Phó Bí thư Đảng ủy {here}"),
                    false,
                ),
                s.add_post(&pcl, Role::PcChair, format!("P-{cc}-CT"), format!("Chủ tịch UBND {here}"), false),
            ];
            posts.extend(s.add_vice_chairs(&pcl, cc, &here, if class == 3 { 1 } else { 2 }));
            s.districts[di].communes.push(s.communes.len());
            s.communes.push(CommuneInfo { code: c.code.clone(), district: di, pc_unit: ub, posts });
        }
    }
    s
}

/// "Phòng Cán bộ" → "phòng Cán bộ" (inside a title such as "Trưởng phòng Cán bộ").
fn lower_first(s: &str) -> String {
    let mut cs = s.chars();
    match cs.next() {
        Some(c) => c.to_lowercase().chain(cs).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate::admin::admin_units;
    use crate::generate::ProvinceSel;
    use rand::SeedableRng;

    fn haiphong() -> Structure {
        let list = admin_units().expect("list");
        let p = list.select(&ProvinceSel::Code("31".into())).expect("31")[0];
        build(p, &mut ChaCha8Rng::seed_from_u64(1))
    }

    #[test]
    fn names_read_naturally() {
        let s = haiphong();
        let names: Vec<&str> = s.units.iter().map(|u| u.name.as_str()).collect();
        assert!(names.contains(&"Ban Tổ chức Thành ủy"));
        assert!(names.contains(&"Huyện ủy Thuỷ Nguyên"));
        assert!(names.contains(&"Ủy ban nhân dân quận Hồng Bàng"));
        assert!(names.contains(&"Đảng ủy phường Quán Toan"));
        assert!(names.contains(&"Thành đoàn"));
        let titles: Vec<&str> = s.posts.iter().filter_map(|p| p.raw.title.as_deref()).collect();
        assert!(titles.contains(&"Trưởng Ban Tổ chức Thành ủy"));
        assert!(titles.contains(&"Chánh Thanh tra thành phố"));
        assert!(titles.contains(&"Trưởng phòng Cán bộ, Ban Tổ chức Thành ủy"));
        assert!(titles.contains(&"Chánh Văn phòng, Sở Tài chính"));
        assert!(titles.contains(&"Phó Chánh Thanh tra, Sở Tài chính"));
    }

    #[test]
    fn vice_chair_posts_follow_the_class_caps() {
        let s = haiphong();
        for c in &s.communes {
            let class = s.localities.iter().find(|l| l.id == c.code).and_then(|l| l.class).expect("class");
            let vice: Vec<&PostSpec> =
                c.posts.iter().map(|&i| &s.posts[i]).filter(|p| p.raw.role == Role::PcViceChair).collect();
            let regular = vice.iter().filter(|p| !p.raw.supernumerary).count();
            assert_eq!(regular, if class == 3 { 1 } else { 2 });
            assert_eq!(vice.len() - regular, 1);
        }
    }

    #[test]
    fn numbered_districts_keep_their_capital() {
        assert_eq!(in_phrase(LocalityKind::UrbanDistrict, "1", "Quận 1"), "Quận 1");
        assert_eq!(district_committee(LocalityKind::UrbanDistrict, "1", "Quận 1"), "Quận ủy Quận 1");
        assert_eq!(in_phrase(LocalityKind::Town, "Thuỷ Nguyên", "Thị xã Thuỷ Nguyên"), "thị xã Thuỷ Nguyên");
        assert_eq!(lower_first("Phòng Cán bộ"), "phòng Cán bộ");
    }
}
