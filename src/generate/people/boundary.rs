//! Boundary people: cadres whose facts sit exactly on a threshold of the rules (aged exactly
//! 35, a day short of 30, exactly 8 years in post, at the retirement age, ...), at fixed ids
//! (C000001-C000010 for the first province generated), documented in scenarios/README.md.

use super::*;

/// Age of the boundary chair at exactly 8 years in post: 13 years of service left, so movable.
pub(super) const EIGHT_YEAR_CHAIR_AGE: f64 = 47.3;

/// Posts held by boundary people.
pub(super) struct Reserved {
    /// Commune PC chair with exactly 8 years of tenure.
    pub(super) eight_years: Option<usize>,
    /// City deputy director held by a woman at retirement age.
    pub(super) woman_retiring: Option<usize>,
    /// District standing member held by a man at retirement age.
    pub(super) man_retiring: Option<usize>,
    /// Three deputy division head posts for the district candidates on the thresholds.
    pub(super) divisions: Vec<usize>,
    /// The commune whose civil servants include the commune candidates on the thresholds.
    pub(super) commune: Option<usize>,
}

impl Reserved {
    pub(super) fn incumbent_posts(&self) -> Vec<usize> {
        [self.eight_years, self.woman_retiring, self.man_retiring].into_iter().flatten().collect()
    }
    pub(super) fn contains(&self, post: usize) -> bool {
        self.incumbent_posts().contains(&post) || self.divisions.contains(&post)
    }
}

impl Gen<'_> {
    pub(super) fn reserved_posts(&self) -> Reserved {
        let st = self.st;
        let commune = st.communes.first().map(|_| 0);
        let eight_years =
            commune.and_then(|c| st.communes[c].posts.iter().copied().find(|&p| st.posts[p].raw.role == Role::PcChair));
        let woman_retiring = st
            .city_units
            .first()
            .and_then(|u| u.posts.iter().copied().find(|&p| st.posts[p].raw.role == Role::DeputyDirector));
        let man_retiring = st
            .districts
            .first()
            .and_then(|d| d.posts.iter().copied().find(|&p| st.posts[p].raw.role == Role::StandingMember));
        let divisions = st
            .city_units
            .iter()
            .take(3)
            .filter_map(|u| {
                u.division_posts.iter().copied().find(|&p| st.posts[p].raw.role == Role::DeputyDivisionHead)
            })
            .collect();
        Reserved { eight_years, woman_retiring, man_retiring, divisions, commune }
    }

    pub(super) fn perfect_ratings(&self, years: i32) -> BTreeMap<String, Rating> {
        (self.plan_year - years..self.plan_year)
            .map(|y| (y.to_string(), if y == self.plan_year - 1 { Rating::Excellent } else { Rating::Good }))
            .collect()
    }

    pub(super) fn perfect_education(field: Field, class: DegreeClass) -> Education {
        Education { level: EducationLevel::Master, field, degree_class: Some(class) }
    }

    /// A city deputy division head, otherwise eligible for district deputy posts.
    pub(super) fn boundary_district_candidate(&mut self, post: usize, birth: Date, ratings: BTreeMap<String, Rating>) {
        let st = self.st;
        let p = &st.posts[post];
        let gender = Gender::Male;
        let name = full_name(self.rng, gender, birth.year());
        let hometown = self.hometown(p.scope, 0.0);
        let from = before(self.plan, days(2.5));
        let history = self.history(post, from, birth, 0);
        let field = p.fields.first().copied().unwrap_or(Field::Economics);
        let cadre = RawCadre {
            id: self.id(self.cadres.len()),
            name,
            birth_date: birth,
            gender,
            hometown,
            local_to: Vec::new(),
            post: Some(p.raw.id.clone()),
            workplace: None,
            rotated_from: None,
            civil_servant: true,
            management: self.management(post),
            education: Self::perfect_education(field, DegreeClass::VeryGood),
            formally_trained: true,
            outstanding: false,
            ratings,
            planning: vec![entry(Role::PcViceChair, Level::District)],
            history,
        };
        self.push(
            cadre,
            Meta { kind: Kind::CityPool, post: Some(post), district: None, boundary: true, capped: false },
        );
    }

    /// A commune civil servant, otherwise eligible for commune vice-chair posts.
    pub(super) fn boundary_commune_candidate(
        &mut self,
        commune: usize,
        birth: Date,
        class: DegreeClass,
        ratings: BTreeMap<String, Rating>,
    ) {
        let st = self.st;
        let gender = Gender::Female;
        let name = full_name(self.rng, gender, birth.year());
        let cadre = RawCadre {
            id: self.id(self.cadres.len()),
            name,
            birth_date: birth,
            gender,
            hometown: st.communes[commune].code.clone(),
            local_to: Vec::new(),
            post: None,
            workplace: Some(st.communes[commune].pc_unit.clone()),
            rotated_from: None,
            civil_servant: true,
            management: Management::None,
            education: Education {
                level: EducationLevel::Bachelor,
                field: Field::PublicAdministration,
                degree_class: Some(class),
            },
            formally_trained: true,
            outstanding: false,
            ratings,
            planning: vec![entry(Role::PcViceChair, Level::Commune)],
            history: Vec::new(),
        };
        let district = Some(st.communes[commune].district);
        self.push(cadre, Meta { kind: Kind::CommunePool, post: None, district, boundary: true, capped: false });
    }

    /// An incumbent built by hand (the 8-year chair, the two at retirement age).
    pub(super) fn boundary_incumbent(
        &mut self,
        post: usize,
        gender: Gender,
        birth: Date,
        from: Date,
        planning: Vec<PlanningEntry>,
    ) {
        let st = self.st;
        let p = &st.posts[post];
        let name = full_name(self.rng, gender, birth.year());
        let hometown = self.hometown(p.scope, 1.0);
        let mut history = self.history(post, from, birth, 0);
        if p.raw.role == Role::PcChair {
            // Vice-chair of the same commune for five years before: another role, so the
            // tenure as chair starts exactly on `from`.
            history.insert(
                0,
                HistoryEntry {
                    role: Role::PcViceChair,
                    level: p.raw.level,
                    locality: p.locality.clone(),
                    post: None,
                    from: from.add_years(-5),
                    to: Some(before(from, 1)),
                },
            );
        }
        let capped = TENURE_CAP_ROLES.contains(&p.raw.role) && from.days_until(self.plan) >= EIGHT_YEARS_DAYS;
        let cadre = RawCadre {
            id: self.id(self.cadres.len()),
            name,
            birth_date: birth,
            gender,
            hometown,
            local_to: Vec::new(),
            post: Some(p.raw.id.clone()),
            workplace: None,
            rotated_from: None,
            civil_servant: true,
            management: self.management(post),
            education: Self::perfect_education(Field::Economics, DegreeClass::Good),
            formally_trained: true,
            outstanding: false,
            ratings: self.perfect_ratings(5),
            planning,
            history,
        };
        self.push(cadre, Meta { kind: Kind::Incumbent, post: Some(post), district: None, boundary: true, capped });
    }

    pub(super) fn boundary_people(&mut self, r: &Reserved) {
        let plan = self.plan;
        let day_after = |d: Date| Date(d.0 + TimeDelta::days(1));
        // C1, C2: exactly 35 on the plan date (not under 35), and a day short of 35.
        if let Some(&post) = r.divisions.first() {
            let ratings = self.perfect_ratings(5);
            self.boundary_district_candidate(post, plan.add_years(-35), ratings);
        }
        if let Some(&post) = r.divisions.get(1) {
            let ratings = self.perfect_ratings(5);
            self.boundary_district_candidate(post, day_after(plan.add_years(-35)), ratings);
        }
        // C3, C4: exactly 30 (not under 30), and a day short of 30.
        if let Some(c) = r.commune {
            let ratings = self.perfect_ratings(4);
            self.boundary_commune_candidate(c, plan.add_years(-30), DegreeClass::VeryGood, ratings.clone());
            self.boundary_commune_candidate(c, day_after(plan.add_years(-30)), DegreeClass::VeryGood, ratings);
        }
        // C5: exactly 8 years as commune PC chair on the plan date (must move; 13 years left).
        if let Some(post) = r.eight_years {
            let role = self.st.posts[post].raw.role;
            self.boundary_incumbent(
                post,
                Gender::Male,
                before(plan, days(EIGHT_YEAR_CHAIR_AGE)),
                plan.add_years(-8),
                vec![entry(role, Level::Commune)],
            );
        }
        // C6: aged 31, perfect but for "completed" three years before the plan year.
        if let Some(&post) = r.divisions.get(2) {
            let mut ratings = self.perfect_ratings(5);
            ratings.insert((self.plan_year - 3).to_string(), Rating::Completed);
            self.boundary_district_candidate(post, before(plan, days(31.4)), ratings);
        }
        // C7: aged 27, perfect but for a degree classed "fairly good" (trung bình khá).
        if let Some(c) = r.commune {
            let ratings = self.perfect_ratings(4);
            self.boundary_commune_candidate(c, before(plan, days(27.2)), DegreeClass::FairlyGood, ratings);
        }
        // C8, C9: a woman and a man who reach the retirement age on the plan date.
        if let Some(post) = r.woman_retiring {
            let birth = Date(plan.0 - Months::new(55 * 12 + 8));
            self.boundary_incumbent(post, Gender::Female, birth, before(plan, days(4.2)), Vec::new());
        }
        if let Some(post) = r.man_retiring {
            let birth = Date(plan.0 - Months::new(60 * 12 + 6));
            self.boundary_incumbent(post, Gender::Male, birth, before(plan, days(3.6)), Vec::new());
        }
        // C10: a civil servant recruited this year, with no ratings at all.
        if let Some(c) = r.commune {
            self.boundary_commune_candidate(c, before(plan, days(25.1)), DegreeClass::Good, BTreeMap::new());
        }
    }
}
