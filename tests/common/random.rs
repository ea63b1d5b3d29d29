//! Random scenarios for property tests: a city, several districts, communes in each, and a
//! roster whose facts sit near the policy's thresholds — ages around 30 and 35 (on the plan
//! date, the day before and after a birthday), tenure around the 8-year cap, work histories
//! around the 10-year "local" test, service left around the 2-year release bar — with locals
//! and non-locals, pool cadres (city division heads, commune civil servants) and planning
//! entries for roles, equivalent roles and exact posts.
//!
//! A [`Layout`] is plain data, so a failing case prints (and shrinks to) a readable layout.

use proptest::prelude::*;

use rotaplan::model::raw::*;
use rotaplan::model::*;

use super::{d, Tiny};

/// Whole ages on the plan date: around 30 (commune young cadres), 35 (district young leaders),
/// the tiers of 40 and 50, and the last years of service.
const AGES: [i32; 18] = [26, 29, 29, 30, 30, 31, 34, 34, 35, 35, 36, 39, 44, 50, 51, 58, 59, 59];
/// Starts of the current spell: exactly 8 years before the plan date (2021-03-02), a day
/// short of it, a day over it, and well inside or outside the cap.
const SINCE: [(i32, u32, u32); 6] =
    [(2013, 3, 2), (2013, 3, 3), (2013, 3, 1), (2012, 6, 1), (2016, 1, 1), (2019, 6, 1)];

/// One person's facts.
#[derive(Clone, Debug)]
pub struct Person {
    /// Whole years of age on the plan date.
    pub age: i32,
    /// 0: birthday the day before the plan date, 1: on it, 2: turns a year older the day after.
    pub birthday: u8,
    pub female: bool,
    /// Hometown: a commune by index (wrapping), or the city itself when past the end.
    pub home: u8,
    /// Index into [`SINCE`].
    pub since: u8,
    /// 0: none, 1: district vice-chair, 2: district chair, 3: commune vice-chair, 4: one exact
    /// post (`plan_post`), 5: district deputy party secretary (an equivalent role).
    pub planning: u8,
    pub plan_post: u8,
    /// A "completed" rating in the last year instead of "good".
    pub weak_rating: bool,
    /// Field of training (`field % 4`); managed by a district committee when `field >= 4`
    /// (outside the city-agency rotation quota's population).
    pub field: u8,
    pub outstanding: bool,
    /// Formally trained, civil servant, good degree (all three, or none).
    pub qualified: bool,
    /// 0: no earlier spell; 1: an earlier spell in the hometown's district making exactly 10
    /// years there; 2: the same, a day short.
    pub worked: u8,
}

/// Anyone.
pub fn person() -> impl Strategy<Value = Person> {
    person_from(AGES.to_vec(), vec![0, 1, 1, 2, 3, 3, 4, 4, 5])
}

/// A pool cadre: more often young and in the planning for a vice-chair post, so that sending
/// young cadres in (and its boundaries) comes up often.
pub fn pool_person() -> impl Strategy<Value = Person> {
    person_from(vec![26, 29, 29, 30, 30, 31, 34, 35, 35, 36, 44], vec![0, 1, 3, 3, 3, 4, 5])
}

prop_compose! {
    fn person_from(ages: Vec<i32>, plannings: Vec<u8>)(
        age in prop::sample::select(ages),
        birthday in 0u8..3,
        female in prop::bool::weighted(0.3),
        home in 0u8..10,
        since in prop::sample::select(vec![0u8, 1, 1, 1, 1, 1, 2, 3, 4, 4, 4, 4, 4, 4, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5]),
        planning in prop::sample::select(plannings),
        plan_post in 0u8..32,
        weak_rating in prop::bool::weighted(0.2),
        field in 0u8..8,
        outstanding in prop::bool::weighted(0.15),
        qualified in prop::bool::weighted(0.85),
        worked in 0u8..3,
    ) -> Person {
        Person { age, birthday, female, home, since, planning, plan_post, weak_rating, field, outstanding, qualified, worked }
    }
}

/// A commune: its People's Committee vice-chair post (absent, vacant or held) and an extra
/// vice-chair seat.
#[derive(Clone, Debug)]
pub struct Commune {
    pub vice: Option<Option<Person>>,
    pub extra_seat: bool,
}

/// A district: the People's Committee chair (a key post, nearly always held), vice-chair and party
/// secretary (each absent, vacant or held), and its communes.
#[derive(Clone, Debug)]
pub struct District {
    pub chair: Option<Person>,
    pub vice: Option<Option<Person>>,
    pub secretary: Option<Option<Person>>,
    pub communes: Vec<Commune>,
}

/// A whole scenario.
#[derive(Clone, Debug)]
pub struct Layout {
    pub districts: Vec<District>,
    /// Deputy director posts in two city departments (vacant or held).
    pub deputy_directors: Vec<Option<Person>>,
    /// Pool cadres: (`true`: a commune civil servant, else a city division head, person).
    pub pool: Vec<(bool, Person)>,
    /// 0: 2021, 1: 2024, 2: term end.
    pub milestone: u8,
}

/// How large and how dense a layout is.
#[derive(Clone, Debug)]
pub struct Size {
    pub districts: std::ops::RangeInclusive<usize>,
    pub communes: std::ops::RangeInclusive<usize>,
    pub pool: std::ops::RangeInclusive<usize>,
    pub deputy_directors: std::ops::RangeInclusive<usize>,
    /// Probability that an optional post exists.
    pub post: f64,
    /// Probability that a post is held.
    pub held: f64,
}

impl Size {
    /// Tiny enough to enumerate every assignment.
    pub fn tiny() -> Self {
        Size { districts: 2..=2, communes: 1..=2, pool: 1..=3, deputy_directors: 0..=1, post: 0.3, held: 0.5 }
    }
    /// A few districts with a few communes each.
    pub fn small() -> Self {
        Size { districts: 2..=3, communes: 1..=3, pool: 1..=4, deputy_directors: 0..=2, post: 0.6, held: 0.75 }
    }
}

fn optional_post(size: &Size) -> impl Strategy<Value = Option<Option<Person>>> {
    prop::option::weighted(size.post, prop::option::weighted(size.held, person()))
}

pub fn layout(size: Size) -> impl Strategy<Value = Layout> {
    let commune = (optional_post(&size), prop::bool::weighted(size.post / 2.0))
        .prop_map(|(vice, extra_seat)| Commune { vice, extra_seat });
    let district = (
        prop::option::weighted(size.held.max(0.9), person()),
        optional_post(&size),
        optional_post(&size),
        prop::collection::vec(commune, size.communes.clone()),
    )
        .prop_map(|(chair, vice, secretary, communes)| District { chair, vice, secretary, communes });
    (
        prop::collection::vec(district, size.districts.clone()),
        prop::collection::vec(prop::option::weighted(size.held, person()), size.deputy_directors.clone()),
        prop::collection::vec((prop::bool::ANY, pool_person()), size.pool.clone()),
        prop::sample::select(vec![0u8, 0, 0, 0, 0, 0, 1, 1, 1, 2]),
    )
        .prop_map(|(districts, deputy_directors, pool, milestone)| Layout {
            districts,
            deputy_directors,
            pool,
            milestone,
        })
}

impl Layout {
    /// Planned posts.
    pub fn planned_posts(&self) -> usize {
        let mut n = self.deputy_directors.len();
        for d in &self.districts {
            n += 1 + d.vice.is_some() as usize + d.secretary.is_some() as usize;
            for c in &d.communes {
                n += c.vice.is_some() as usize + c.extra_seat as usize;
            }
        }
        n
    }

    /// Cadres.
    pub fn cadres(&self) -> usize {
        let mut n = self.pool.len() + self.deputy_directors.iter().flatten().count();
        for d in &self.districts {
            n += d.chair.is_some() as usize;
            n += [&d.vice, &d.secretary].iter().filter(|x| matches!(x, Some(Some(_)))).count();
            n += d.communes.iter().filter(|c| matches!(c.vice, Some(Some(_)))).count();
        }
        n
    }

    /// The policy milestone this layout is planned for.
    pub fn milestone(&self) -> &'static str {
        ["2021", "2024", "term_end"][self.milestone as usize % 3]
    }

    /// Builds the scenario.
    pub fn build(&self) -> Tiny {
        let mut t = Tiny::new();
        let loc = |id: &str, name: String, kind: LocalityKind, parent: Option<&str>| RawLocality {
            id: id.into(),
            name,
            kind,
            parent: parent.map(Into::into),
            class: Some(2),
        };
        t.raw.name = "Ngẫu nhiên".into();
        t.raw.localities = vec![loc("31", "Thành phố Nhỏ".into(), LocalityKind::CentralCity, None)];
        let mut communes = Vec::new();
        for (i, dd) in self.districts.iter().enumerate() {
            let dc = format!("D{}", i + 1);
            t.raw.localities.push(loc(&dc, format!("Huyện {}", i + 1), LocalityKind::RuralDistrict, Some("31")));
            for k in 0..dd.communes.len() {
                let cc = format!("{dc}X{}", k + 1);
                t.raw.localities.push(loc(&cc, format!("Xã {}-{}", i + 1, k + 1), LocalityKind::Commune, Some(&dc)));
                communes.push((cc, dc.clone()));
            }
        }
        // posts: planned ones first, so that a planning entry can name one by index
        let mut planned: Vec<String> = Vec::new();
        let mut holders: Vec<(Person, String, Role, Level, String)> = Vec::new();
        let unit = |t: &mut Tiny, id: &str, name: &str, kind: UnitKind, locality: &str, level: Level| {
            t.raw.units.push(RawUnit { id: id.into(), name: name.into(), kind, locality: locality.into(), level });
        };
        unit(&mut t, "S1", "Sở Tài chính", UnitKind::Department, "31", Level::City);
        unit(&mut t, "S2", "Sở Xây dựng", UnitKind::Department, "31", Level::City);
        let post = |t: &mut Tiny,
                    planned: &mut Vec<String>,
                    holders: &mut Vec<(Person, String, Role, Level, String)>,
                    id: String,
                    unit: &str,
                    role: Role,
                    level: Level,
                    locality: &str,
                    team: Option<&str>,
                    key: bool,
                    holder: Option<&Person>| {
            t.raw.posts.push(RawPost {
                id: id.clone(),
                title: None,
                unit: unit.into(),
                role,
                level,
                team: team.map(Into::into),
                key,
                supernumerary: false,
                holder: None,
            });
            planned.push(id.clone());
            if let Some(p) = holder {
                holders.push((p.clone(), id, role, level, locality.into()));
            }
        };
        for (j, dd) in self.deputy_directors.iter().enumerate() {
            let u = if j == 0 { "S1" } else { "S2" };
            let id = format!("PGD{}", j + 1);
            post(
                &mut t,
                &mut planned,
                &mut holders,
                id,
                u,
                Role::DeputyDirector,
                Level::City,
                "31",
                None,
                false,
                dd.as_ref(),
            );
        }
        for (i, dd) in self.districts.iter().enumerate() {
            let dc = format!("D{}", i + 1);
            let (ub, hu, team) = (format!("UB{}", i + 1), format!("HU{}", i + 1), format!("T{}", i + 1));
            unit(&mut t, &ub, &format!("UBND huyện {}", i + 1), UnitKind::PeoplesCommittee, &dc, Level::District);
            unit(&mut t, &hu, &format!("Huyện ủy {}", i + 1), UnitKind::PartyCommittee, &dc, Level::District);
            t.raw.teams.push(RawTeam {
                id: team.clone(),
                name: format!("Lãnh đạo UBND huyện {}", i + 1),
                kind: TeamKind::PcLeadership,
                locality: dc.clone(),
                key: true,
            });
            let (p, h) = (&mut planned, &mut holders);
            let chair = format!("CT{}", i + 1);
            post(&mut t, p, h, chair, &ub, Role::PcChair, Level::District, &dc, Some(&team), true, dd.chair.as_ref());
            if let Some(holder) = &dd.vice {
                let id = format!("VC{}", i + 1);
                post(
                    &mut t,
                    p,
                    h,
                    id,
                    &ub,
                    Role::PcViceChair,
                    Level::District,
                    &dc,
                    Some(&team),
                    false,
                    holder.as_ref(),
                );
            }
            if let Some(holder) = &dd.secretary {
                let id = format!("BT{}", i + 1);
                post(&mut t, p, h, id, &hu, Role::PartySecretary, Level::District, &dc, None, false, holder.as_ref());
            }
            for (k, c) in dd.communes.iter().enumerate() {
                let cc = format!("{dc}X{}", k + 1);
                let ux = format!("U{cc}");
                unit(
                    &mut t,
                    &ux,
                    &format!("UBND xã {}-{}", i + 1, k + 1),
                    UnitKind::PeoplesCommittee,
                    &cc,
                    Level::Commune,
                );
                if let Some(holder) = &c.vice {
                    let id = format!("VX{}{}", i + 1, k + 1);
                    post(&mut t, p, h, id, &ux, Role::PcViceChair, Level::Commune, &cc, None, false, holder.as_ref());
                }
                if c.extra_seat {
                    let id = format!("EX{}{}", i + 1, k + 1);
                    post(&mut t, p, h, id.clone(), &ux, Role::PcViceChair, Level::Commune, &cc, None, false, None);
                    t.supernumerary(&id);
                }
            }
        }
        let hometown = |home: u8| -> (String, Option<String>) {
            match communes.get(home as usize) {
                Some((c, d)) => (c.clone(), Some(d.clone())),
                None => ("31".into(), None),
            }
        };
        let mut n = 0;
        let mut add = |t: &mut Tiny, person: &Person| -> String {
            n += 1;
            let id = format!("C{n:02}");
            let year = 2021 - person.age - (person.birthday == 2) as i32;
            let born = match person.birthday {
                0 => d(year, 3, 1),
                1 => d(year, 3, 2),
                _ => d(year, 3, 3),
            };
            let (home, home_district) = hometown(person.home);
            let entry = |role, level| PlanningEntry { role, level, post: None };
            let planning = match person.planning % 6 {
                1 => Some(entry(Role::PcViceChair, Level::District)),
                2 => Some(entry(Role::PcChair, Level::District)),
                3 => Some(entry(Role::PcViceChair, Level::Commune)),
                4 if !planned.is_empty() => {
                    let code = planned[person.plan_post as usize % planned.len()].clone();
                    let (role, level) = role_level(&code);
                    Some(PlanningEntry { role, level, post: Some(code) })
                }
                5 => Some(entry(Role::DeputyPartySecretary, Level::District)),
                _ => None,
            };
            let c = t.cadre(&id, born);
            c.gender = if person.female { Gender::Female } else { Gender::Male };
            c.hometown = home;
            c.education.field =
                [Field::Law, Field::Economics, Field::Politics, Field::Finance][person.field as usize % 4];
            c.outstanding = person.outstanding;
            if person.field >= 4 {
                c.management = Management::District;
            }
            if !person.qualified {
                c.formally_trained = false;
                c.civil_servant = false;
                c.education.degree_class = Some(DegreeClass::Average);
            }
            if person.weak_rating {
                c.ratings.insert("2020".into(), Rating::Completed);
            }
            c.planning.extend(planning);
            if let (Some(dist), 1 | 2) = (home_district, person.worked) {
                // an earlier spell in the hometown's district: ten years (or a day short of it)
                // up to the day before the current spell
                let (y, m, dd) = SINCE[person.since as usize % SINCE.len()];
                let from = d(y - 10, m, dd + (person.worked == 2) as u32);
                let to = match (m, dd) {
                    (_, 2..) => d(y, m, dd - 1),
                    (1, _) => d(y - 1, 12, 28),
                    _ => d(y, m - 1, 28),
                };
                c.history.push(HistoryEntry {
                    role: Role::DeputyDivisionHead,
                    level: Level::District,
                    locality: dist,
                    post: None,
                    from,
                    to: Some(to),
                });
            }
            id
        };
        for (person, post, role, level, locality) in &holders {
            let id = add(&mut t, person);
            let (y, m, dd) = SINCE[person.since as usize % SINCE.len()];
            let c = t.raw.cadres.last_mut().unwrap();
            c.post = Some(post.clone());
            c.history.push(HistoryEntry {
                role: *role,
                level: *level,
                locality: locality.clone(),
                post: Some(post.clone()),
                from: d(y, m, dd),
                to: None,
            });
            let (id, post) = (id, post.clone());
            t.raw.posts.iter_mut().find(|p| p.id == post).unwrap().holder = Some(id);
        }
        for (i, (commune_worker, person)) in self.pool.iter().enumerate() {
            let id = add(&mut t, person);
            if *commune_worker && !communes.is_empty() {
                let (cc, _) = &communes[person.home as usize % communes.len()];
                let c = t.raw.cadres.last_mut().unwrap();
                c.workplace = Some(format!("U{cc}"));
            } else {
                let dh = format!("DH{}", i + 1);
                t.raw.posts.push(RawPost {
                    id: dh.clone(),
                    title: None,
                    unit: "S1".into(),
                    role: Role::DivisionHead,
                    level: Level::City,
                    team: None,
                    key: false,
                    supernumerary: false,
                    holder: Some(id.clone()),
                });
                let c = t.raw.cadres.last_mut().unwrap();
                c.post = Some(dh.clone());
                let (y, m, dd) = SINCE[person.since as usize % SINCE.len()];
                c.history.push(HistoryEntry {
                    role: Role::DivisionHead,
                    level: Level::City,
                    locality: "31".into(),
                    post: Some(dh),
                    from: d(y, m, dd),
                    to: None,
                });
            }
        }
        t
    }
}

/// The role and level a post code of this generator stands for.
fn role_level(code: &str) -> (Role, Level) {
    match &code[..2] {
        "PG" => (Role::DeputyDirector, Level::City),
        "CT" => (Role::PcChair, Level::District),
        "VC" => (Role::PcViceChair, Level::District),
        "BT" => (Role::PartySecretary, Level::District),
        _ => (Role::PcViceChair, Level::Commune),
    }
}
