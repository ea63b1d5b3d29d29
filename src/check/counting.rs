//! The checker's own counting: share bands rounded to whole items, the children a share is
//! taken over, the posts a coverage predicate looks at, whether a holder counts for a
//! predicate, and age tiers.
//!
//! The formulation has its own versions of each of these; they are written again here on
//! purpose (see [`crate::check`]'s module doc). The explain layer and the report use the
//! functions of this file, so that what they show counts exactly as the checker counts.

use crate::model::policy::{AgeTier, Band, LocalityPredicate};
use crate::model::*;

/// A share band over `n` items as whole counts `(at least, at most)`.
///
/// "At least 20% of 37 districts" needs 8 (7 would be 18.9%); "at most 25%" allows 9. When no
/// whole count fits inside the band ("10-15% of 6 wards" is 0.6-0.9 wards), the band asks for
/// its lower end rounded up, so the upper count is never below the lower one.
pub fn whole_counts(band: Band, n: usize) -> (f64, f64) {
    const EPS: f64 = 1e-9;
    let share = |k: usize| k as f64 / n.max(1) as f64;
    let at_least = (0..=n).find(|k| share(*k) + EPS >= band[0]).unwrap_or(n);
    let at_most = (0..=n).rev().find(|k| share(*k) <= band[1] + EPS).unwrap_or(0).max(at_least);
    (at_least as f64, at_most as f64)
}

/// The localities at `level` anywhere below `parent`.
pub fn children(s: &Scenario, parent: LocalityId, level: Level) -> Vec<LocalityId> {
    let mut out = Vec::new();
    for k in s.locality_ids() {
        if k == parent || s.locality(k).level() != level {
            continue;
        }
        if s.ancestor_at(k, s.locality(parent).level()) == Some(parent) {
            out.push(k);
        }
    }
    out
}

/// The roles a coverage predicate looks at (empty: every planned role).
pub fn roles_of(pred: &LocalityPredicate) -> &[Role] {
    match pred {
        LocalityPredicate::YoungHolder { roles, .. } => roles,
        LocalityPredicate::NonLocalHolder { roles } => roles,
        LocalityPredicate::RotatedOut { roles } => roles,
    }
}

/// Whether the cadre's current work (post, else workplace) lies inside `k`.
pub fn works_in(s: &Scenario, c: CadreId, k: LocalityId) -> bool {
    let cadre = s.cadre(c);
    let here = match cadre.post {
        Some(p) => Some(s.post(p).locality),
        None => cadre.workplace.map(|u| s.unit(u).locality),
    };
    here.is_some_and(|h| s.is_within(h, k))
}

/// Whether cadre `c` counts as one of locality `k`'s own cadres before the plan: working in
/// `k` now, unless they hold that post as a cadre rotated in (the scenario's `rotated_from`)
/// — then they belong where they were rotated from. The others may take an extra vice-chair
/// seat and count under the vice-chair caps' allowance for rotated cadres.
pub fn one_of_its_own(s: &Scenario, c: CadreId, k: LocalityId) -> bool {
    let cadre = s.cadre(c);
    match cadre.rotated_from.filter(|_| cadre.post.is_some()) {
        Some(origin) => s.is_within(origin, k),
        None => works_in(s, c, k),
    }
}

/// Whether cadre `c`, holding post `p` of child `k` after the plan, makes `k` count under a
/// young-holder predicate: under the age limit on the plan date and, when the predicate asks
/// for cadres *sent in*, placed there by this plan from outside `k` (staying in the post, or
/// already working in `k`, is not being sent in).
pub fn young_holder_counts(
    s: &Scenario,
    facts: &Facts<'_>,
    max_age_exclusive: u32,
    sent_in: bool,
    c: CadreId,
    p: PostId,
    k: LocalityId,
) -> bool {
    if facts.age(c) >= max_age_exclusive as i32 {
        return false;
    }
    if !sent_in {
        return true;
    }
    let stays = s.cadre(c).post == Some(p);
    !stays && !works_in(s, c, k)
}

/// The index of the age tier an age falls in (tiers are `[min, max)`).
pub fn tier(tiers: &[AgeTier], age: i32) -> Option<usize> {
    for (i, t) in tiers.iter().enumerate() {
        if (t.min_age as i32..t.max_age as i32).contains(&age) {
            return Some(i);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bands_round_to_whole_items() {
        assert_eq!(whole_counts([0.2, 0.25], 37), (8.0, 9.0));
        assert_eq!(whole_counts([0.1, 0.15], 6), (1.0, 1.0));
        assert_eq!(whole_counts([0.4, 0.6], 15), (6.0, 9.0));
        assert_eq!(whole_counts([1.0, 1.0], 15), (15.0, 15.0));
        assert_eq!(whole_counts([0.02, 0.03], 800), (16.0, 24.0));
        assert_eq!(whole_counts([0.0, 1.0], 3), (0.0, 3.0));
        assert_eq!(whole_counts([0.5, 0.5], 4), (2.0, 2.0));
    }

    #[test]
    fn tiers_are_half_open() {
        let t = |name: &str, min_age, max_age| AgeTier { name: name.into(), min_age, max_age };
        let tiers = [t("a", 0, 40), t("b", 40, 50), t("c", 50, 70)];
        assert_eq!(tier(&tiers, 39), Some(0));
        assert_eq!(tier(&tiers, 40), Some(1));
        assert_eq!(tier(&tiers, 50), Some(2));
        assert_eq!(tier(&tiers, 70), None);
    }
}
