//! The passes that keep the promises of the generated roster: fillers for open key posts,
//! eligible young district candidates for the province, eligible young commune candidates in
//! every district.

use super::*;

impl Gen<'_> {
    /// Every open key post (vacant, or held by a cadre at 8+ years who must leave it, by a move
    /// or a release) gets two incumbents of its level with 10+ years left in the planning for
    /// its role.
    pub(super) fn ensure_key_fillers(&mut self, vacant: &[bool]) {
        let st = self.st;
        let mut open: BTreeMap<(Level, u8), usize> = BTreeMap::new();
        for (i, p) in st.posts.iter().enumerate() {
            if !p.planned || !p.raw.key || p.raw.supernumerary {
                continue;
            }
            if vacant[i] || self.holder[i].is_some_and(|h| self.meta[h].capped) {
                if let Some(gr) = lateral_group(p.raw.level, p.raw.role) {
                    *open.entry((p.raw.level, gr)).or_default() += 1;
                }
            }
        }
        for ((level, gr), n_open) in open {
            let needed = 2 * n_open;
            let mut candidates: Vec<usize> = Vec::new();
            let mut have = 0;
            for i in 0..self.cadres.len() {
                let m = &self.meta[i];
                let c = &self.cadres[i];
                let Some(post) = self.meta[i].post else {
                    continue;
                };
                let p = &st.posts[post].raw;
                if m.kind != Kind::Incumbent
                    || m.boundary
                    || m.capped
                    || p.key
                    || p.level != level
                    || self.service_left(c) < 10.0
                {
                    continue;
                }
                if c.planning
                    .iter()
                    .any(|e| e.post.is_none() && e.level == level && lateral_group(level, e.role) == Some(gr))
                {
                    have += 1;
                } else if c.planning.iter().filter(|e| e.level == level).count() < 3 {
                    candidates.push(i);
                }
            }
            candidates.shuffle(self.rng);
            for i in candidates.into_iter().take(needed.saturating_sub(have)) {
                let Some(post) = self.meta[i].post else {
                    continue;
                };
                let up = next_role_up(st.posts[post].raw.role);
                self.cadres[i].planning.push(entry(up, level));
            }
        }
    }

    pub(super) fn district_eligible(&self, i: usize) -> bool {
        let c = &self.cadres[i];
        self.meta[i].kind == Kind::CityPool
            && self.whole_age(c) < 35
            && c.formally_trained
            && ratings_ok(c, self.plan_year, 3, Rating::Good)
            && c.planning.iter().any(|e| {
                e.post.is_none()
                    && e.level == Level::District
                    && matches!(e.role, Role::DeputyPartySecretary | Role::PcViceChair | Role::StandingMember)
            })
    }

    /// At least one eligible under-35 district candidate per district, plus two, each in the
    /// planning for a district deputy role (so eligible for every district).
    pub(super) fn ensure_district_candidates(&mut self) {
        if self.st.districts.is_empty() {
            return;
        }
        let needed = self.st.districts.len() + 2;
        let have = (0..self.cadres.len()).filter(|&i| self.district_eligible(i)).count();
        if have >= needed {
            return;
        }
        let mut candidates: Vec<usize> = (0..self.cadres.len())
            .filter(|&i| {
                self.meta[i].kind == Kind::CityPool
                    && !self.meta[i].boundary
                    && self.whole_age(&self.cadres[i]) < 35
                    && !self.district_eligible(i)
            })
            .collect();
        candidates.shuffle(self.rng);
        for i in candidates.into_iter().take(needed - have) {
            let plan_year = self.plan_year;
            let c = &mut self.cadres[i];
            c.formally_trained = true;
            for y in plan_year - 3..plan_year {
                let r = c.ratings.entry(y.to_string()).or_insert(Rating::Good);
                if r.score() < Rating::Good.score() {
                    *r = Rating::Good;
                }
            }
            c.planning.retain(|e| e.level != Level::District || e.post.is_none());
            c.planning.push(entry(Role::PcViceChair, Level::District));
        }
    }

    pub(super) fn commune_eligible(&self, i: usize) -> bool {
        let c = &self.cadres[i];
        self.meta[i].kind == Kind::CommunePool
            && c.civil_servant
            && self.whole_age(c) < 30
            && c.formally_trained
            && c.education.degree_class.is_some_and(|d| d.score() >= DegreeClass::Good.score())
            && ratings_ok(c, self.plan_year, 2, Rating::Good)
            && c.planning
                .iter()
                .any(|e| e.level == Level::Commune && matches!(e.role, Role::PcViceChair | Role::DeputyPartySecretary))
    }

    /// In every district with communes, `ceil(15% × communes) + 2` eligible under-30 civil
    /// servants work in its communes; new ones are added where there are fewer.
    pub(super) fn ensure_commune_candidates(&mut self) {
        let st = self.st;
        let mut have = vec![0usize; st.districts.len()];
        for i in 0..self.cadres.len() {
            if let (Some(d), true) = (self.meta[i].district, self.commune_eligible(i)) {
                have[d] += 1;
            }
        }
        for (d, info) in st.districts.iter().enumerate() {
            let needed = commune_candidates_needed(info.communes.len());
            for _ in have[d]..needed {
                let c = info.communes[self.rng.random_range(0..info.communes.len())];
                self.commune_candidate(c, true);
            }
        }
    }
}

/// Eligible under-30 commune candidates promised per district: `ceil(15% × communes) + 2`, none
/// for a district without communes.
pub(crate) fn commune_candidates_needed(communes: usize) -> usize {
    if communes == 0 {
        0
    } else {
        (communes * 15).div_ceil(100) + 2
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commune_candidates_needed_rounds_up() {
        assert_eq!(commune_candidates_needed(0), 0);
        assert_eq!(commune_candidates_needed(6), 3);
        assert_eq!(commune_candidates_needed(37), 8);
        assert_eq!(commune_candidates_needed(20), 5);
    }
}
