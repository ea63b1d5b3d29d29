//! Incumbents of the planned posts: which posts are vacant, who holds the others (age, tenure,
//! career, planning), and the pass that keeps the tenure cap satisfiable.

use super::boundary::{Reserved, EIGHT_YEAR_CHAIR_AGE};
use super::*;

impl Gen<'_> {
    /// Picks which fillable planned posts are vacant so that `target` are held: about 2% of the
    /// key posts, the others take the rest of the vacancies.
    pub(super) fn choose_vacancies(&mut self, target: usize, reserved: &Reserved) -> Vec<bool> {
        let st = self.st;
        let mut vacant = vec![false; st.posts.len()];
        for (i, p) in st.posts.iter().enumerate() {
            vacant[i] = p.planned && p.raw.supernumerary;
        }
        let fillable: Vec<usize> = st.fillable_planned().collect();
        let total_vacant = fillable.len().saturating_sub(target);
        let mut key: Vec<(f64, usize)> = Vec::new();
        let mut other: Vec<(f64, usize)> = Vec::new();
        for &i in &fillable {
            let u: f64 = self.rng.random();
            if reserved.contains(i) {
                continue;
            }
            if st.posts[i].raw.key {
                key.push((u, i));
            } else {
                other.push((u, i));
            }
        }
        key.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        other.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        let key_default = (KEY_VACANCY * key.len() as f64).round() as usize;
        let key_vacant = key_default.max(total_vacant.saturating_sub(other.len())).min(total_vacant).min(key.len());
        let other_vacant = (total_vacant - key_vacant).min(other.len());
        for &(_, i) in key.iter().take(key_vacant).chain(other.iter().take(other_vacant)) {
            vacant[i] = true;
        }
        vacant
    }

    pub(super) fn female_share(&self, post: usize) -> f64 {
        let p = &self.st.posts[post];
        if p.womens_union {
            return 1.0;
        }
        match p.raw.role {
            Role::PartySecretary | Role::PcChair | Role::Director => 0.14,
            Role::DivisionHead | Role::DeputyDivisionHead => 0.42,
            _ => 0.37,
        }
    }

    pub(super) fn age_range(level: Level, role: Role) -> (f64, f64) {
        use Role::*;
        match (level, role) {
            (Level::City, Director) => (47.0, 59.8),
            (Level::City, _) => (38.0, 58.5),
            (Level::District, PartySecretary | PcChair) => (43.0, 59.0),
            (Level::District, PcViceChair) => (34.0, 55.0),
            (Level::District, _) => (38.0, 57.0),
            (Level::Commune, PartySecretary | PcChair) => (32.0, 57.0),
            (Level::Commune, _) => (29.0, 55.0),
        }
    }

    /// Tenure in days: mostly under 8 years (many since the 2020 congresses), about 6.5% at
    /// 8 to 12.5 years; never starting before age 24.
    pub(super) fn draw_tenure(&mut self, age: f64, allow_long: bool) -> i64 {
        let max_years = (age - 24.0).max(0.2);
        if allow_long && max_years >= 8.3 && self.chance(LONG_TENURE) {
            let t = self.uniform(8.0, max_years.min(12.5));
            return days(t).max(EIGHT_YEARS_DAYS);
        }
        let t = if self.chance(0.35) { self.uniform(0.1, 1.2) } else { self.uniform(1.2, 7.95) };
        days(t.min(max_years)).clamp(30, EIGHT_YEARS_DAYS - 2)
    }

    pub(super) fn skeleton(&mut self, post: usize) -> Skeleton {
        let p = &self.st.posts[post];
        let (level, role) = (p.raw.level, p.raw.role);
        let gender = if self.chance(self.female_share(post)) { Gender::Female } else { Gender::Male };
        let (lo, hi) = Self::age_range(level, role);
        let cap = retirement_age(gender) - 0.3;
        let mut age = lo + (hi - lo) * (self.rng.random::<f64>() + self.rng.random::<f64>()) / 2.0;
        if age > cap {
            age = self.uniform(lo.min(cap - 1.0), cap);
        }
        let mut tenure_days = self.draw_tenure(age, true);
        let left = retirement_age(gender) - age;
        // A cadre at 8+ years must be movable (5+ years left) or releasable (under 2 years left).
        if TENURE_CAP_ROLES.contains(&role) && tenure_days >= EIGHT_YEARS_DAYS && (2.0..5.0).contains(&left) {
            tenure_days = self.draw_tenure(age, false);
        }
        Skeleton { post, gender, age_days: days(age), tenure_days, fixed: false }
    }

    pub(super) fn skeletons(&mut self, vacant: &[bool], reserved: &Reserved) -> Vec<Skeleton> {
        let mut out = Vec::new();
        for (i, &is_vacant) in vacant.iter().enumerate() {
            let p = &self.st.posts[i];
            if !p.planned || is_vacant {
                continue;
            }
            if reserved.eight_years == Some(i) {
                // The boundary incumbent at exactly 8 years: aged 47, movable.
                out.push(Skeleton {
                    post: i,
                    gender: Gender::Male,
                    age_days: days(EIGHT_YEAR_CHAIR_AGE),
                    tenure_days: self.plan.add_years(-8).days_until(self.plan),
                    fixed: true,
                });
            } else if reserved.contains(i) {
                continue; // the retiring boundary people are built by hand
            } else {
                out.push(self.skeleton(i));
            }
        }
        out
    }

    pub(super) fn is_capped(&self, sk: &Skeleton) -> bool {
        TENURE_CAP_ROLES.contains(&self.st.posts[sk.post].raw.role) && sk.tenure_days >= EIGHT_YEARS_DAYS
    }

    pub(super) fn skeleton_left(sk: &Skeleton) -> f64 {
        retirement_age(sk.gender) - sk.age_days as f64 / YEAR
    }

    /// Makes the tenure cap satisfiable: within each group of equivalent roles at a level, the
    /// movable capped cadres are matched to distinct destinations (vacant posts, or each other's
    /// posts) in another locality; whoever cannot be matched is redrawn under 8 years.
    pub(super) fn fix_tenure_cap(&mut self, skels: &mut [Skeleton], vacant: &[bool]) {
        let st = self.st;
        let mut groups: BTreeMap<(Level, u8), Vec<usize>> = BTreeMap::new();
        for (k, sk) in skels.iter().enumerate() {
            let p = &st.posts[sk.post].raw;
            if self.is_capped(sk) && Self::skeleton_left(sk) >= 5.0 {
                if let Some(gr) = lateral_group(p.level, p.role) {
                    groups.entry((p.level, gr)).or_default().push(k);
                }
            }
        }
        for ((level, gr), mut movers) in groups {
            // Boundary people first: Kuhn's algorithm never unmatches a matched mover.
            movers.sort_by_key(|&k| (!skels[k].fixed, k));
            let free: Vec<usize> = (0..st.posts.len())
                .filter(|&i| {
                    let p = &st.posts[i];
                    vacant[i]
                        && p.planned
                        && !p.raw.supernumerary
                        && p.raw.level == level
                        && lateral_group(level, p.raw.role) == Some(gr)
                })
                .collect();
            loop {
                let dests: Vec<usize> = free.iter().copied().chain(movers.iter().map(|&k| skels[k].post)).collect();
                let unmatched =
                    unmatched_movers(&movers, &dests, |k, d| st.posts[skels[k].post].locality != st.posts[d].locality);
                let Some(&k) = unmatched.iter().find(|&&k| !skels[k].fixed) else {
                    break;
                };
                let age = skels[k].age_days as f64 / YEAR;
                skels[k].tenure_days = self.draw_tenure(age, false);
                movers.retain(|&m| m != k);
            }
        }
    }

    pub(super) fn management(&self, post: usize) -> Management {
        let p = &self.st.posts[post].raw;
        match (p.level, p.role) {
            (Level::Commune, _) => Management::District,
            (Level::District, Role::PartySecretary | Role::PcChair) | (Level::City, Role::Director) => {
                Management::StandingBoard
            }
            (Level::City, Role::DeputyDivisionHead) => Management::None,
            _ => Management::CityCommittee,
        }
    }

    pub(super) fn incumbent_planning(&mut self, post: usize, capped: bool) -> Vec<PlanningEntry> {
        use Role::*;
        let st = self.st;
        let p = &st.posts[post];
        let (level, role) = (p.raw.level, p.raw.role);
        let mut out = Vec::new();
        match (level, role) {
            (Level::Commune, PcViceChair | DeputyPartySecretary) => {
                let up = next_role_up(role);
                if self.chance(0.55) {
                    out.push(entry(up, level));
                }
                if self.chance(0.35) {
                    out.push(entry(if role == PcViceChair { DeputyPartySecretary } else { PcViceChair }, level));
                }
                if self.chance(0.08) {
                    if let Scope::Commune(c) = p.scope {
                        let head = st.communes[c].posts.iter().copied().find(|&q| st.posts[q].raw.role == up);
                        out.extend(head.and_then(|q| self.plan_post(q)));
                    }
                }
            }
            (Level::Commune, _) => {
                if self.chance(0.25) {
                    out.push(entry(if role == PcChair { PcViceChair } else { StandingMember }, Level::District));
                }
                if self.chance(0.30) {
                    out.push(entry(if role == PcChair { PartySecretary } else { PcChair }, level));
                }
            }
            (Level::District, PartySecretary | PcChair) => {
                if self.chance(0.25) {
                    out.push(entry(Director, Level::City));
                }
                if self.chance(0.30) {
                    out.push(entry(if role == PcChair { PartySecretary } else { PcChair }, level));
                }
            }
            (Level::District, _) => {
                if self.chance(0.45) {
                    out.push(entry(next_role_up(role), level));
                }
                if self.chance(0.30) {
                    out.push(entry(if role == PcViceChair { DeputyPartySecretary } else { PcViceChair }, level));
                }
                if self.chance(0.10) {
                    out.push(entry(DeputyDirector, Level::City));
                }
            }
            (Level::City, DeputyDirector) => {
                if self.chance(0.40) {
                    out.push(entry(Director, level));
                }
                if self.chance(0.35) {
                    out.push(entry(DeputyDirector, level));
                }
            }
            (Level::City, _) => {
                if self.chance(0.30) {
                    out.push(entry(Director, level));
                }
            }
        }
        // A cadre who must leave is in the planning for an equivalent post at the level.
        let gr = lateral_group(level, role);
        if capped && !out.iter().any(|e| e.post.is_none() && e.level == level && lateral_group(e.level, e.role) == gr) {
            out.push(entry(role, level));
        }
        out
    }

    /// Earlier spells, newest first: (level, role, locality) choices by the current post.
    pub(super) fn earlier_spell(&mut self, post: usize) -> Option<(Level, Role, String)> {
        use Role::*;
        let st = self.st;
        let p = &st.posts[post];
        let province = st.province_code.clone();
        let pick = self.rng.random_range(0..4u8);
        match p.scope {
            Scope::Commune(c) => {
                let d = st.communes[c].district;
                let same = st.communes[c].code.clone();
                let other = {
                    let cs = &st.districts[d].communes;
                    let o = cs[self.rng.random_range(0..cs.len())];
                    (o != c).then(|| st.communes[o].code.clone())
                };
                let head = matches!(p.raw.role, PartySecretary | PcChair);
                let (role, loc) = match (head, pick) {
                    (true, 0) => (PcViceChair, Some(same)),
                    (true, 1) => (DeputyPartySecretary, Some(same)),
                    (true, 2) => (p.raw.role, other),
                    (true, _) => (if p.raw.role == PcChair { PartySecretary } else { PcChair }, other),
                    (false, 0 | 1) => {
                        (if p.raw.role == PcViceChair { DeputyPartySecretary } else { PcViceChair }, Some(same))
                    }
                    (false, _) => (p.raw.role, other),
                };
                loc.map(|l| (Level::Commune, role, l))
            }
            Scope::District(d) => {
                let same = st.districts[d].code.clone();
                let n = st.districts.len();
                let o = self.rng.random_range(0..n);
                let other = (o != d).then(|| st.districts[o].code.clone());
                let commune = self.random_commune_in(d);
                let head = matches!(p.raw.role, PartySecretary | PcChair);
                match (head, pick) {
                    (true, 0) => Some((Level::District, DeputyPartySecretary, same)),
                    (true, 1) => other.map(|l| (Level::District, p.raw.role, l)),
                    (true, 2) => Some((Level::District, PcViceChair, same)),
                    (true, _) => Some((Level::City, DeputyDirector, province)),
                    (false, 0) => other.map(|l| (Level::District, PcViceChair, l)),
                    (false, 1) => commune.map(|l| (Level::Commune, PartySecretary, l)),
                    (false, 2) => Some((Level::City, DivisionHead, province)),
                    (false, _) => commune.map(|l| (Level::Commune, PcChair, l)),
                }
            }
            Scope::City(_) => {
                let n = st.districts.len();
                let district = (n > 0).then(|| st.districts[self.rng.random_range(0..n)].code.clone());
                match (p.raw.role, pick) {
                    (Director, 0 | 1) => Some((Level::City, DeputyDirector, province)),
                    (Director, 2) => district.map(|l| (Level::District, PartySecretary, l)),
                    (Director, _) => district.map(|l| (Level::District, PcChair, l)),
                    (DeputyDirector, 0 | 1) => Some((Level::City, DivisionHead, province)),
                    (DeputyDirector, _) => district.map(|l| (Level::District, PcViceChair, l)),
                    (_, _) => Some((Level::City, DeputyDivisionHead, province)),
                }
            }
        }
    }

    /// The current spell from `from`, then up to `max_earlier` earlier spells going back, each
    /// in another role or locality than the one after it (so tenures never join by accident),
    /// none starting before age 24.
    pub(super) fn history(&mut self, post: usize, from: Date, birth: Date, max_earlier: u32) -> Vec<HistoryEntry> {
        let p = &self.st.posts[post];
        let mut out = vec![HistoryEntry {
            role: p.raw.role,
            level: p.raw.level,
            locality: p.locality.clone(),
            post: Some(p.raw.id.clone()),
            from,
            to: None,
        }];
        let earliest = birth.add_years(24);
        let mut next_start = from;
        let mut last = (p.raw.role, p.locality.clone());
        let n = self.rng.random_range(0..=max_earlier);
        for _ in 0..n {
            let Some((level, role, locality)) =
                (0..4).find_map(|_| self.earlier_spell(post).filter(|(_, r, l)| (*r, l.clone()) != last))
            else {
                break;
            };
            let to = before(next_start, self.rng.random_range(1..=30));
            let start = before(to, days(self.uniform(2.0, 5.5)));
            if start < earliest {
                break;
            }
            out.push(HistoryEntry { role, level, locality: locality.clone(), post: None, from: start, to: Some(to) });
            last = (role, locality);
            next_start = start;
        }
        out.reverse();
        out
    }

    pub(super) fn incumbent(&mut self, sk: &Skeleton) -> usize {
        let st = self.st;
        let p = &st.posts[sk.post];
        let birth = before(self.plan, sk.age_days);
        let capped = self.is_capped(sk);
        let name = full_name(self.rng, sk.gender, birth.year());
        let hometown = self.hometown(p.scope, 0.6);
        let local_to = self.local_to(&hometown);
        let party = matches!(p.raw.role, Role::PartySecretary | Role::DeputyPartySecretary | Role::StandingMember);
        let general = if p.raw.level == Level::City {
            ALL_FIELDS
        } else if party {
            PARTY_FIELDS
        } else {
            PC_FIELDS
        };
        let edu_level =
            if p.raw.level == Level::Commune { EducationLevelMix::CommuneLeader } else { EducationLevelMix::Senior };
        let education =
            self.education(edu_level, p.fields, general, INCUMBENT_DEGREES, sk.age_days as f64 / YEAR > 45.0);
        let formally_trained = self.chance(0.85);
        let outstanding = self.chance(0.02);
        let ratings = self.ratings(self.plan_year - 5, 0.06);
        let planning = self.incumbent_planning(sk.post, capped);
        let from = before(self.plan, sk.tenure_days);
        let history = self.history(sk.post, from, birth, 3);
        let cadre = RawCadre {
            id: self.id(self.cadres.len()),
            name,
            birth_date: birth,
            gender: sk.gender,
            hometown,
            local_to,
            post: Some(p.raw.id.clone()),
            workplace: None,
            rotated_from: None,
            civil_servant: true,
            management: self.management(sk.post),
            education,
            formally_trained,
            outstanding,
            ratings,
            planning,
            history,
        };
        self.push(cadre, Meta { kind: Kind::Incumbent, post: Some(sk.post), district: None, boundary: false, capped })
    }
}

/// Movers left unmatched by a maximum matching of movers to destinations (Kuhn's algorithm,
/// movers tried in order).
fn unmatched_movers(movers: &[usize], dests: &[usize], allowed: impl Fn(usize, usize) -> bool) -> Vec<usize> {
    let adj: Vec<Vec<usize>> =
        movers.iter().map(|&m| (0..dests.len()).filter(|&d| allowed(m, dests[d])).collect()).collect();
    let mut owner: Vec<Option<usize>> = vec![None; dests.len()];
    fn augment(m: usize, adj: &[Vec<usize>], owner: &mut [Option<usize>], seen: &mut [bool]) -> bool {
        for &d in &adj[m] {
            if seen[d] {
                continue;
            }
            seen[d] = true;
            if owner[d].is_none_or(|o| augment(o, adj, owner, seen)) {
                owner[d] = Some(m);
                return true;
            }
        }
        false
    }
    let mut out = Vec::new();
    for (m, &mover) in movers.iter().enumerate() {
        let mut seen = vec![false; dests.len()];
        if !augment(m, &adj, &mut owner, &mut seen) {
            out.push(mover);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matching_finds_swaps_and_reports_the_stuck() {
        // Two movers in different places can swap; a third in the same place as the first has
        // nowhere to go when there is no vacancy.
        let place = [0, 1, 0];
        let dests = [0, 1, 2];
        let stuck = unmatched_movers(&[0, 1, 2], &dests, |m, d| place[m] != place[d]);
        assert_eq!(stuck.len(), 1);
        let stuck = unmatched_movers(&[0, 1], &[0, 1], |m, d| place[m] != place[d]);
        assert!(stuck.is_empty());
    }
}
