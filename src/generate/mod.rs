//! `rotaplan generate`: synthetic scenarios on the real administrative structure.
//!
//! Cadre rosters are confidential, so the project cannot ship real ones; yet the engine must be
//! tested and demonstrated at the scale of a real province. This module builds a
//! [`RawScenario`] from the General Statistics Office list of 3 February 2021 (every province,
//! district and commune, with official codes and names, embedded in the binary — see
//! [`admin`]), a synthetic but usual structure of bodies and posts on top of it, and a synthetic
//! roster of incumbents and candidates drawn from a seed.
//!
//! The output is deterministic: one ChaCha8 stream per province (seeded by `seed`, stream =
//! province code), no hash-map iteration, stable sorts. The same options give the same bytes on
//! every machine, which is what lets `scenarios/haiphong-2021/scenario.json` be checked against
//! a fresh generation in the tests.
//!
//! The roster is made so that the Hai Phong policy (`models/haiphong-09-kl-tu.toml`) can be met:
//! see `people` for the feasibility passes, and `scenarios/README.md` for the boundary people
//! (cadres whose facts sit exactly on a threshold: aged exactly 35, exactly 8 years in post, ...).

pub mod admin;
mod names;
mod people;
mod structure;

use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

use crate::model::date::Date;
use crate::model::enums::{Level, Role};
use crate::model::raw::{RawScenario, Term, SCENARIO_FORMAT};

pub use structure::PLANNED_ROLES;

/// Retirement age of men the generator assumes (on the roadmap of `general.retirement` of the
/// Hai Phong policy within the term: 60 years 6 months is the 2022 figure).
pub const RETIREMENT_AGE_MALE: f64 = 60.5;
/// Retirement age of women the generator assumes (the 2022 figure, 55 years 8 months).
pub const RETIREMENT_AGE_FEMALE: f64 = 55.67;

/// Which provinces to generate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ProvinceSel {
    /// A statistics-office code such as "31" (a single digit is padded: "1" is "01").
    Code(String),
    /// A name such as "Hải Phòng", "Thành phố Hải Phòng" or "hai phong".
    Name(String),
    /// All 63 provinces.
    All,
}

impl ProvinceSel {
    /// Reads what a user typed: `all`, a number (a code), or a name.
    pub fn parse(s: &str) -> ProvinceSel {
        let t = s.trim();
        if t.eq_ignore_ascii_case("all") {
            ProvinceSel::All
        } else if !t.is_empty() && t.chars().all(|c| c.is_ascii_digit()) {
            ProvinceSel::Code(t.to_string())
        } else {
            ProvinceSel::Name(t.to_string())
        }
    }
}

impl std::str::FromStr for ProvinceSel {
    type Err = std::convert::Infallible;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(ProvinceSel::parse(s))
    }
}

impl std::fmt::Display for ProvinceSel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ProvinceSel::Code(c) => f.write_str(c),
            ProvinceSel::Name(n) => write!(f, "\"{n}\""),
            ProvinceSel::All => f.write_str("all"),
        }
    }
}

/// What to generate.
#[derive(Clone, Debug, PartialEq)]
pub struct GenerateOptions {
    /// The province(s).
    pub province: ProvinceSel,
    /// The seed of every random draw.
    pub seed: u64,
    /// How many planned posts are held (over all provinces generated). `None`: derived from the
    /// structure, 10% of the posts that can be held vacant, 2% of the key posts (about 1,180
    /// for Hai Phong).
    pub incumbents: Option<usize>,
    /// Candidates per incumbent (city division heads and deputies, commune civil servants);
    /// the pool is never smaller than the division posts plus what the guarantees need.
    pub pool_ratio: f64,
    /// The plan date (ages, tenures and ratings are judged on it).
    pub plan_date: Date,
    /// The party term.
    pub term: Term,
}

impl Default for GenerateOptions {
    fn default() -> Self {
        GenerateOptions {
            province: ProvinceSel::Code("31".into()),
            seed: 2021,
            incumbents: None,
            pool_ratio: 2.5,
            plan_date: Date(chrono::NaiveDate::from_ymd_opt(2021, 3, 2).unwrap_or_default()),
            term: Term { start: 2020, end: 2025 },
        }
    }
}

impl GenerateOptions {
    /// Options for one province, defaults otherwise.
    pub fn for_province(province: ProvinceSel) -> Self {
        GenerateOptions { province, ..Default::default() }
    }

    /// Checks the numbers; the province is checked by [`generate`].
    pub fn validate(&self) -> Result<(), GenerateError> {
        if !self.pool_ratio.is_finite() || !(0.0..=50.0).contains(&self.pool_ratio) {
            return Err(GenerateError::InvalidOption(OptionProblem::PoolRatio(self.pool_ratio)));
        }
        if self.term.start > self.term.end {
            return Err(GenerateError::InvalidOption(OptionProblem::Term {
                start: self.term.start,
                end: self.term.end,
            }));
        }
        if !(1950..=2100).contains(&self.plan_date.year()) {
            return Err(GenerateError::InvalidOption(OptionProblem::PlanDate(self.plan_date)));
        }
        Ok(())
    }
}

/// Why a scenario could not be generated.
#[derive(Debug, thiserror::Error)]
pub enum GenerateError {
    /// No province has that code or name.
    #[error("unknown province '{given}'{}: give a code such as 31, a name such as \"Hải Phòng\", or all", .suggestion.as_ref().map(|s| format!(" (did you mean {s}?)")).unwrap_or_default())]
    UnknownProvince {
        /// What was given.
        given: String,
        /// The closest province, e.g. "Hải Phòng (31)".
        suggestion: Option<String>,
    },
    /// An option is out of range.
    #[error("{0}")]
    InvalidOption(OptionProblem),
    /// The embedded administrative list is unreadable (a build problem, not a user one).
    #[error("the embedded administrative-unit list is unreadable: {0}")]
    AdminData(String),
}

/// An option of [`GenerateOptions`] out of range.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum OptionProblem {
    /// Candidates per incumbent outside 0..=50.
    #[error("pool ratio {0} is out of range: give candidates per incumbent between 0 and 50, e.g. 2.5")]
    PoolRatio(f64),
    /// A term that ends before it starts.
    #[error("term {start}-{end} ends before it starts")]
    Term {
        /// First year.
        start: i32,
        /// Last year.
        end: i32,
    },
    /// A plan date outside 1950..=2100.
    #[error("plan date {0} is out of range: expected a year between 1950 and 2100")]
    PlanDate(Date),
    /// More incumbents than posts, or fewer than the boundary people hold.
    #[error("{total} incumbents is out of range: the selection has {posts} planned posts that can be held, and at least {minimum} are held by the boundary people")]
    Incumbents {
        /// Asked for.
        total: usize,
        /// Planned posts that can be held.
        posts: usize,
        /// Held by the boundary people.
        minimum: usize,
    },
}

impl GenerateError {
    /// Whether the user can fix it by changing the options (exit code 2).
    pub fn is_bad_input(&self) -> bool {
        !matches!(self, GenerateError::AdminData(_))
    }
}

/// The group of roles that count as equivalent at a level (mirrors `equivalent_roles` of the
/// Hai Phong policy: district heads, district deputies, commune heads, commune deputies, city
/// agency deputies; a city director is only equivalent to another director). Used to check
/// that a cadre who must leave a post has somewhere equivalent to go.
pub fn lateral_group(level: Level, role: Role) -> Option<u8> {
    use Role::*;
    match (level, role) {
        (Level::District, PartySecretary | PcChair) => Some(0),
        (Level::District, DeputyPartySecretary | PcViceChair | StandingMember) => Some(1),
        (Level::Commune, PartySecretary | PcChair) => Some(2),
        (Level::Commune, DeputyPartySecretary | PcViceChair) => Some(3),
        (Level::City, Director) => Some(4),
        (Level::City, DeputyDirector) => Some(5),
        _ => None,
    }
}

/// Generates a scenario.
pub fn generate(opts: &GenerateOptions) -> Result<RawScenario, GenerateError> {
    opts.validate()?;
    let list = admin::admin_units()?;
    let provinces = list.select(&opts.province)?;

    let mut rngs = Vec::with_capacity(provinces.len());
    let mut structures = Vec::with_capacity(provinces.len());
    for p in &provinces {
        let mut rng = ChaCha8Rng::seed_from_u64(opts.seed);
        rng.set_stream(p.code.parse::<u64>().unwrap_or(0));
        structures.push(structure::build(p, &mut rng));
        rngs.push(rng);
    }
    let targets = incumbent_targets(&structures, opts.incumbents)?;

    let mut raw = RawScenario {
        format: SCENARIO_FORMAT.to_string(),
        name: match provinces.as_slice() {
            [p] => format!("{} {}", p.short_name(), opts.plan_date.year()),
            _ => format!("Việt Nam {}", opts.plan_date.year()),
        },
        plan_date: opts.plan_date,
        term: opts.term,
        provenance: Some(provenance(opts)),
        localities: Vec::new(),
        units: Vec::new(),
        teams: Vec::new(),
        posts: Vec::new(),
        cadres: Vec::new(),
    };
    for ((st, mut rng), target) in structures.into_iter().zip(rngs).zip(targets) {
        let pool = (opts.pool_ratio * target as f64).round() as usize;
        let people = people::populate(&st, target, pool, opts.plan_date, &mut rng, raw.cadres.len() + 1);
        raw.localities.extend(st.localities);
        raw.units.extend(st.units);
        raw.teams.extend(st.teams);
        raw.posts.extend(st.posts.into_iter().zip(people.holders).map(|(p, h)| {
            let mut post = p.raw;
            post.holder = h;
            post
        }));
        raw.cadres.extend(people.cadres);
    }
    Ok(raw)
}

/// Incumbents per province: 10% of each province's fillable planned posts vacant, or `total`
/// spread in proportion to them.
fn incumbent_targets(structures: &[structure::Structure], total: Option<usize>) -> Result<Vec<usize>, GenerateError> {
    let fillable: Vec<usize> = structures.iter().map(|st| st.fillable_planned().count()).collect();
    let Some(total) = total else {
        return Ok(fillable.iter().map(|&n| n - (people::VACANCY * n as f64).round() as usize).collect());
    };
    let posts: usize = fillable.iter().sum();
    let minimum = people::BOUNDARY_INCUMBENTS * structures.len();
    if total > posts || total < minimum {
        return Err(GenerateError::InvalidOption(OptionProblem::Incumbents { total, posts, minimum }));
    }
    Ok(apportion(total, &fillable)
        .into_iter()
        .zip(&fillable)
        .map(|(n, &cap)| n.clamp(people::BOUNDARY_INCUMBENTS.min(cap), cap))
        .collect())
}

/// Splits `total` in proportion to `weights` by largest remainder (ties to the first), so the
/// parts add up to `total` exactly when any weight is positive.
pub(crate) fn apportion(total: usize, weights: &[usize]) -> Vec<usize> {
    let sum: usize = weights.iter().sum();
    if sum == 0 {
        return vec![0; weights.len()];
    }
    let shares: Vec<f64> = weights.iter().map(|&w| total as f64 * w as f64 / sum as f64).collect();
    let mut out: Vec<usize> = shares.iter().map(|s| s.floor() as usize).collect();
    let mut rest: Vec<(f64, usize)> = shares.iter().enumerate().map(|(i, s)| (s - s.floor(), i)).collect();
    rest.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    let missing = total.saturating_sub(out.iter().sum::<usize>());
    for &(_, i) in rest.iter().take(missing) {
        out[i] += 1;
    }
    out
}

fn provenance(opts: &GenerateOptions) -> String {
    let defaults = GenerateOptions::default();
    let mut cmd = format!("rotaplan generate --province {} --seed {}", opts.province, opts.seed);
    if let Some(n) = opts.incumbents {
        cmd.push_str(&format!(" --incumbents {n}"));
    }
    if opts.pool_ratio != defaults.pool_ratio {
        cmd.push_str(&format!(" --pool-ratio {}", opts.pool_ratio));
    }
    if opts.plan_date != defaults.plan_date {
        cmd.push_str(&format!(" --plan-date {}", opts.plan_date));
    }
    format!(
        "{cmd}: localities from the General Statistics Office list of administrative units of 3 Feb 2021; units, posts and cadres are synthetic"
    )
}

/// The scenario as the shipped files hold it: pretty JSON with a trailing newline.
pub fn to_json(raw: &RawScenario) -> Result<String, serde_json::Error> {
    let mut s = serde_json::to_string_pretty(raw)?;
    s.push('\n');
    Ok(s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::policy::Policy;

    fn policy() -> Policy {
        toml::from_str(include_str!("../../models/haiphong-09-kl-tu.toml")).expect("policy parses")
    }

    #[test]
    fn mirrors_the_hai_phong_policy() {
        let p = policy();
        // the generator's single ages lie on the policy's roadmap within the term
        let r = p.general.retirement.as_ref().expect("the Hai Phong policy has a retirement roadmap");
        for (roadmap, age) in [(&r.male, RETIREMENT_AGE_MALE), (&r.female, RETIREMENT_AGE_FEMALE)] {
            let months = (age * 12.0).round() as u32;
            assert!((roadmap.months_in(2021)..=roadmap.months_in(2025)).contains(&months), "{age}");
        }
        let mut planned = p.general.planned_roles.clone();
        planned.sort();
        let mut ours = PLANNED_ROLES.to_vec();
        ours.sort();
        assert_eq!(planned, ours);
        let tenure_roles: Vec<Role> = p
            .rules
            .iter()
            .find_map(|r| match &r.body {
                crate::model::policy::RuleBody::TenureCap(t) => Some(t.roles.clone()),
                _ => None,
            })
            .expect("a tenure-cap rule");
        // the generator keeps the cap satisfiable for these roles; the policy may cap more
        for r in people::TENURE_CAP_ROLES {
            assert!(tenure_roles.contains(&r), "{r}");
        }
        // Every policy equivalence group is one lateral group of ours.
        for g in &p.equivalent_roles {
            let groups: Vec<Option<u8>> = g.roles.iter().map(|r| lateral_group(g.level, *r)).collect();
            assert!(groups[0].is_some() && groups.iter().all(|x| *x == groups[0]), "{}", g.name);
        }
    }

    #[test]
    fn apportion_adds_up() {
        assert_eq!(apportion(10, &[1, 1, 1]), vec![4, 3, 3]);
        assert_eq!(apportion(7, &[0, 5, 2]), vec![0, 5, 2]);
        assert_eq!(apportion(5, &[0, 0]), vec![0, 0]);
        assert_eq!(apportion(100, &[37, 16, 17, 0]).iter().sum::<usize>(), 100);
    }

    #[test]
    fn province_selection_parses() {
        assert_eq!(ProvinceSel::parse("31"), ProvinceSel::Code("31".into()));
        assert_eq!(ProvinceSel::parse(" ALL "), ProvinceSel::All);
        assert_eq!(ProvinceSel::parse("Hải Phòng"), ProvinceSel::Name("Hải Phòng".into()));
    }

    #[test]
    fn bad_options_are_refused() {
        let mut o = GenerateOptions { pool_ratio: f64::NAN, ..Default::default() };
        assert!(matches!(generate(&o), Err(GenerateError::InvalidOption(_))));
        o.pool_ratio = 2.5;
        o.incumbents = Some(1_000_000);
        assert!(matches!(generate(&o), Err(GenerateError::InvalidOption(_))));
        o.incumbents = None;
        o.province = ProvinceSel::Name("Hai Phongg".into());
        let e = generate(&o).expect_err("unknown province");
        assert!(e.to_string().contains("did you mean Hải Phòng (31)?"), "{e}");
        assert!(e.is_bad_input());
    }

    #[test]
    fn an_explicit_incumbent_count_is_met_exactly() {
        let o = GenerateOptions { incumbents: Some(900), pool_ratio: 1.0, ..Default::default() };
        let raw = generate(&o).expect("generates");
        let held = raw.posts.iter().filter(|p| PLANNED_ROLES.contains(&p.role) && p.holder.is_some()).count();
        assert_eq!(held, 900);
        assert!(raw.provenance.as_deref().is_some_and(|p| p.contains("--incumbents 900 --pool-ratio 1")));
    }
}
