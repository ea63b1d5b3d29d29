//! The candidate pool: city division heads and deputies (the source of young district
//! leaders), commune civil servants (the source of young commune vice-chairs).

use super::boundary::Reserved;
use super::*;

impl Gen<'_> {
    /// A city division head or deputy (aged 28-45, a good share under 35).
    pub(super) fn city_candidate(&mut self, post: usize) -> usize {
        let st = self.st;
        let p = &st.posts[post];
        let head = p.raw.role == Role::DivisionHead;
        let young = self.chance(if head { 0.35 } else { 0.55 });
        let age = if young { self.uniform(28.0, 34.95) } else { self.uniform(35.05, 45.9) };
        let gender = if self.chance(0.42) { Gender::Female } else { Gender::Male };
        let birth = before(self.plan, days(age));
        let name = full_name(self.rng, gender, birth.year());
        let hometown = self.hometown(p.scope, 0.0);
        let local_to = self.local_to(&hometown);
        let education = self.education(EducationLevelMix::CityStaff, p.fields, ALL_FIELDS, POOL_DEGREES, false);
        let formally_trained = self.chance(0.92);
        let ratings = self.ratings(birth.year() + 23, 0.04);
        let mut planning = Vec::new();
        if young {
            if self.chance(0.75) {
                let (a, b) = if self.chance(0.5) {
                    (Role::PcViceChair, Role::DeputyPartySecretary)
                } else {
                    (Role::DeputyPartySecretary, Role::PcViceChair)
                };
                planning.push(entry(a, Level::District));
                if self.chance(0.4) {
                    planning.push(entry(b, Level::District));
                }
                if self.chance(0.25) && !st.districts.is_empty() {
                    let d = &st.districts[self.rng.random_range(0..st.districts.len())];
                    let posts: Vec<usize> = d
                        .posts
                        .iter()
                        .copied()
                        .filter(|&q| {
                            let r = &st.posts[q].raw;
                            !r.supernumerary && matches!(r.role, Role::PcViceChair | Role::DeputyPartySecretary)
                        })
                        .collect();
                    if !posts.is_empty() {
                        let q = posts[self.rng.random_range(0..posts.len())];
                        planning.extend(self.plan_post(q));
                    }
                }
            }
        } else {
            if self.chance(0.45) {
                planning.push(entry(Role::DeputyDirector, Level::City));
            }
            if self.chance(0.25) {
                planning.push(entry(Role::PcViceChair, Level::District));
            }
        }
        let years_in_post = self.uniform(0.5, (age - 25.0).clamp(0.6, 6.0));
        let from = before(self.plan, days(years_in_post));
        let history = self.history(post, from, birth, if head { 1 } else { 0 });
        let cadre = RawCadre {
            id: self.id(self.cadres.len()),
            name,
            birth_date: birth,
            gender,
            hometown,
            local_to,
            post: Some(p.raw.id.clone()),
            workplace: None,
            rotated_from: None,
            civil_servant: true,
            management: self.management(post),
            education,
            formally_trained,
            outstanding: false,
            ratings,
            planning,
            history,
        };
        self.push(
            cadre,
            Meta { kind: Kind::CityPool, post: Some(post), district: None, boundary: false, capped: false },
        )
    }

    pub(super) fn city_pool(&mut self, reserved: &Reserved) {
        for u in 0..self.st.city_units.len() {
            for k in 0..self.st.city_units[u].division_posts.len() {
                let post = self.st.city_units[u].division_posts[k];
                if !reserved.contains(post) {
                    self.city_candidate(post);
                }
            }
        }
    }

    /// A commune civil servant (aged 24-40, a good share under 30). With `eligible`, one who
    /// meets the young-commune eligibility rule.
    pub(super) fn commune_candidate(&mut self, commune: usize, eligible: bool) -> usize {
        let st = self.st;
        let young = eligible || self.chance(0.45);
        let age = if young { self.uniform(24.0, 29.95) } else { self.uniform(30.05, 40.9) };
        let gender = if self.chance(0.45) { Gender::Female } else { Gender::Male };
        let birth = before(self.plan, days(age));
        let name = full_name(self.rng, gender, birth.year());
        let hometown = self.hometown(Scope::Commune(commune), 0.75);
        let local_to = self.local_to(&hometown);
        let degrees = if eligible { GOOD_DEGREES } else { POOL_DEGREES };
        let education = self.education(EducationLevelMix::CommuneStaff, &[], PC_FIELDS, degrees, false);
        let formally_trained = eligible || self.chance(0.88);
        let first_year = (birth.year() + 23).min(self.plan_year - 2);
        let mut ratings = self.ratings(first_year, 0.05);
        let mut planning = Vec::new();
        if eligible || self.chance(0.55) {
            planning.push(entry(Role::PcViceChair, Level::Commune));
        }
        if self.chance(0.15) {
            planning.push(entry(Role::DeputyPartySecretary, Level::Commune));
        }
        if self.chance(0.08) {
            let q = st.communes[commune]
                .posts
                .iter()
                .copied()
                .find(|&q| st.posts[q].raw.role == Role::PcViceChair && !st.posts[q].raw.supernumerary);
            planning.extend(q.and_then(|q| self.plan_post(q)));
        }
        if eligible {
            for y in self.plan_year - 2..self.plan_year {
                let r = ratings.entry(y.to_string()).or_insert(Rating::Good);
                if r.score() < Rating::Good.score() {
                    *r = Rating::Good;
                }
            }
        }
        let cadre = RawCadre {
            id: self.id(self.cadres.len()),
            name,
            birth_date: birth,
            gender,
            hometown,
            local_to,
            post: None,
            workplace: Some(st.communes[commune].pc_unit.clone()),
            rotated_from: None,
            civil_servant: true,
            management: Management::None,
            education,
            formally_trained,
            outstanding: false,
            ratings,
            planning,
            history: Vec::new(),
        };
        let district = Some(st.communes[commune].district);
        self.push(cadre, Meta { kind: Kind::CommunePool, post: None, district, boundary: false, capped: false })
    }

    /// The commune civil servants: what is left of the pool after the city division posts,
    /// spread over districts in proportion to their communes.
    pub(super) fn commune_pool(&mut self, pool_total: usize) {
        let st = self.st;
        let city = self.meta.iter().filter(|m| m.kind == Kind::CityPool).count();
        let n = pool_total.saturating_sub(city);
        let communes: Vec<usize> = st.districts.iter().map(|d| d.communes.len()).collect();
        let counts = apportion(n, &communes);
        for (d, &count) in counts.iter().enumerate() {
            let cs = &st.districts[d].communes;
            for _ in 0..count {
                let c = cs[self.rng.random_range(0..cs.len())];
                self.commune_candidate(c, false);
            }
        }
    }
}
