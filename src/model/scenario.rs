//! The resolved scenario: every cross-reference turned into a typed id, derived indexes built
//! once (children of a locality, posts of a team, the holder of each post).
//!
//! A [`Scenario`] is only built from a [`RawScenario`] that passed validation; [`Scenario::resolve`]
//! still refuses (rather than panics on) anything unresolved, so the library is safe to call on
//! unvalidated input.

use std::collections::BTreeMap;

use unicode_normalization::UnicodeNormalization;

use super::date::Date;
use super::enums::*;
use super::ids::*;
use super::raw::*;

/// A locality.
#[derive(Clone, Debug)]
pub struct Locality {
    /// Official code.
    pub code: String,
    /// Name.
    pub name: String,
    /// Kind.
    pub kind: LocalityKind,
    /// Parent.
    pub parent: Option<LocalityId>,
    /// Class (1-3) if known.
    pub class: Option<u8>,
    /// Children, in file order.
    pub children: Vec<LocalityId>,
    /// Depth in the tree (root 0).
    pub depth: u32,
}

impl Locality {
    /// Level derived from the kind.
    pub fn level(&self) -> Level {
        self.kind.level()
    }
}

/// A unit.
#[derive(Clone, Debug)]
pub struct Unit {
    /// Code.
    pub code: String,
    /// Name.
    pub name: String,
    /// Kind.
    pub kind: UnitKind,
    /// Locality.
    pub locality: LocalityId,
    /// Level.
    pub level: Level,
}

/// A leadership team.
#[derive(Clone, Debug)]
pub struct Team {
    /// Code.
    pub code: String,
    /// Name.
    pub name: String,
    /// Kind.
    pub kind: TeamKind,
    /// Locality it leads.
    pub locality: LocalityId,
    /// Key team.
    pub key: bool,
    /// Its posts.
    pub posts: Vec<PostId>,
}

/// A post.
#[derive(Clone, Debug)]
pub struct Post {
    /// Code.
    pub code: String,
    /// Title (derived from role and unit when the file gives none).
    pub title: String,
    /// Unit.
    pub unit: UnitId,
    /// Role.
    pub role: Role,
    /// Level.
    pub level: Level,
    /// Team.
    pub team: Option<TeamId>,
    /// Key post.
    pub key: bool,
    /// Extra slot for rotated-in cadres only.
    pub supernumerary: bool,
    /// Holder before the plan.
    pub holder: Option<CadreId>,
    /// The unit's locality (cached).
    pub locality: LocalityId,
}

/// A planning entry.
#[derive(Clone, Debug)]
pub struct Planning {
    /// Role.
    pub role: Role,
    /// Level.
    pub level: Level,
    /// A specific post.
    pub post: Option<PostId>,
}

/// A spell in a post.
#[derive(Clone, Debug)]
pub struct Spell {
    /// Role.
    pub role: Role,
    /// Level.
    pub level: Level,
    /// Locality.
    pub locality: LocalityId,
    /// Post, when it is one of the scenario.
    pub post: Option<PostId>,
    /// First day.
    pub from: Date,
    /// Last day, `None` while ongoing.
    pub to: Option<Date>,
}

/// A cadre.
#[derive(Clone, Debug)]
pub struct Cadre {
    /// Code.
    pub code: String,
    /// Full name, exactly as given (compare with [`same_name`]).
    pub name: String,
    /// Birth date.
    pub birth_date: Date,
    /// Gender.
    pub gender: Gender,
    /// Hometown.
    pub hometown: LocalityId,
    /// Other localities where local.
    pub local_to: Vec<LocalityId>,
    /// Post held before the plan.
    pub post: Option<PostId>,
    /// Workplace unit for cadres without a post of the scenario.
    pub workplace: Option<UnitId>,
    /// The locality the cadre was rotated in from, when the current post is held as a
    /// rotated cadre (see [`crate::model::raw::RawCadre::rotated_from`]).
    pub rotated_from: Option<LocalityId>,
    /// Civil servant.
    pub civil_servant: bool,
    /// Management tier.
    pub management: Management,
    /// Education level.
    pub education_level: EducationLevel,
    /// Field of training.
    pub field: Field,
    /// Degree class.
    pub degree_class: Option<DegreeClass>,
    /// Formally trained.
    pub formally_trained: bool,
    /// Outstanding.
    pub outstanding: bool,
    /// Ratings by year.
    pub ratings: BTreeMap<i32, Rating>,
    /// Planning entries.
    pub planning: Vec<Planning>,
    /// Leadership history, sorted by start.
    pub history: Vec<Spell>,
}

/// The facts on a plan date, indexed.
#[derive(Clone, Debug)]
pub struct Scenario {
    /// Human name.
    pub name: String,
    /// Plan date.
    pub plan_date: Date,
    /// Term.
    pub term: Term,
    /// Localities.
    pub localities: Vec<Locality>,
    /// Units.
    pub units: Vec<Unit>,
    /// Teams.
    pub teams: Vec<Team>,
    /// Posts.
    pub posts: Vec<Post>,
    /// Cadres.
    pub cadres: Vec<Cadre>,
    locality_by_code: BTreeMap<String, LocalityId>,
    unit_by_code: BTreeMap<String, UnitId>,
    post_by_code: BTreeMap<String, PostId>,
    cadre_by_code: BTreeMap<String, CadreId>,
    team_by_code: BTreeMap<String, TeamId>,
}

/// Normalises a name to Unicode NFC, trimming outer white space.
pub fn nfc(s: &str) -> String {
    s.trim().nfc().collect()
}

/// Whether two names are the same name: compared in NFC, so "Nguyễn" typed precomposed and
/// decomposed is one name. Names are kept and written out exactly as given.
pub fn same_name(a: &str, b: &str) -> bool {
    a == b || nfc(a) == nfc(b)
}

macro_rules! lookup {
    ($map:expr, $code:expr, $what:literal) => {
        $map.get($code.as_str()).copied().ok_or_else(|| format!(concat!("unknown ", $what, " '{}'"), $code))
    };
}

impl Scenario {
    /// Resolves a raw scenario. Returns the first unresolved reference as an error; run
    /// validation first to get every problem at once.
    pub fn resolve(raw: &RawScenario) -> Result<Scenario, String> {
        let mut locality_by_code = BTreeMap::new();
        for (i, l) in raw.localities.iter().enumerate() {
            if locality_by_code.insert(l.id.clone(), LocalityId::from_index(i)).is_some() {
                return Err(format!("duplicate locality '{}'", l.id));
            }
        }
        let mut localities = Vec::with_capacity(raw.localities.len());
        for l in &raw.localities {
            let parent = match &l.parent {
                Some(p) => Some(lookup!(locality_by_code, p, "locality")?),
                None => None,
            };
            localities.push(Locality {
                code: l.id.clone(),
                name: l.name.clone(),
                kind: l.kind,
                parent,
                class: l.class,
                children: Vec::new(),
                depth: 0,
            });
        }
        for i in 0..localities.len() {
            if let Some(p) = localities[i].parent {
                localities[p.index()].children.push(LocalityId::from_index(i));
            }
        }
        // depths, refusing cycles
        for i in 0..localities.len() {
            let mut d = 0u32;
            let mut cur = localities[i].parent;
            while let Some(p) = cur {
                d += 1;
                if d as usize > localities.len() {
                    return Err(format!("locality '{}' is in a cycle of parents", localities[i].code));
                }
                cur = localities[p.index()].parent;
            }
            localities[i].depth = d;
        }

        let mut unit_by_code = BTreeMap::new();
        let mut units = Vec::with_capacity(raw.units.len());
        for (i, u) in raw.units.iter().enumerate() {
            if unit_by_code.insert(u.id.clone(), UnitId::from_index(i)).is_some() {
                return Err(format!("duplicate unit '{}'", u.id));
            }
            units.push(Unit {
                code: u.id.clone(),
                name: u.name.clone(),
                kind: u.kind,
                locality: lookup!(locality_by_code, u.locality, "locality")?,
                level: u.level,
            });
        }
        let mut team_by_code = BTreeMap::new();
        let mut teams = Vec::with_capacity(raw.teams.len());
        for (i, t) in raw.teams.iter().enumerate() {
            if team_by_code.insert(t.id.clone(), TeamId::from_index(i)).is_some() {
                return Err(format!("duplicate team '{}'", t.id));
            }
            teams.push(Team {
                code: t.id.clone(),
                name: t.name.clone(),
                kind: t.kind,
                locality: lookup!(locality_by_code, t.locality, "locality")?,
                key: t.key,
                posts: Vec::new(),
            });
        }
        let mut cadre_by_code = BTreeMap::new();
        for (i, c) in raw.cadres.iter().enumerate() {
            if cadre_by_code.insert(c.id.clone(), CadreId::from_index(i)).is_some() {
                return Err(format!("duplicate cadre '{}'", c.id));
            }
        }
        let mut post_by_code = BTreeMap::new();
        let mut posts = Vec::with_capacity(raw.posts.len());
        for (i, p) in raw.posts.iter().enumerate() {
            if post_by_code.insert(p.id.clone(), PostId::from_index(i)).is_some() {
                return Err(format!("duplicate post '{}'", p.id));
            }
            let unit = lookup!(unit_by_code, p.unit, "unit")?;
            let team = match &p.team {
                Some(t) => Some(lookup!(team_by_code, t, "team")?),
                None => None,
            };
            if let Some(t) = team {
                teams[t.index()].posts.push(PostId::from_index(i));
            }
            let holder = match &p.holder {
                Some(c) => Some(lookup!(cadre_by_code, c, "cadre")?),
                None => None,
            };
            let title = match &p.title {
                Some(t) => t.clone(),
                None => format!("{} — {}", p.role.label_vi(), units[unit.index()].name),
            };
            posts.push(Post {
                code: p.id.clone(),
                title,
                unit,
                role: p.role,
                level: p.level,
                team,
                key: p.key,
                supernumerary: p.supernumerary,
                holder,
                locality: units[unit.index()].locality,
            });
        }
        let mut cadres = Vec::with_capacity(raw.cadres.len());
        for c in &raw.cadres {
            let mut ratings = BTreeMap::new();
            for (y, r) in &c.ratings {
                let year: i32 = y.trim().parse().map_err(|_| format!("cadre '{}': '{y}' is not a year", c.id))?;
                ratings.insert(year, *r);
            }
            let mut planning = Vec::new();
            for e in &c.planning {
                planning.push(Planning {
                    role: e.role,
                    level: e.level,
                    post: match &e.post {
                        Some(p) => Some(lookup!(post_by_code, p, "post")?),
                        None => None,
                    },
                });
            }
            let mut history = Vec::new();
            for h in &c.history {
                history.push(Spell {
                    role: h.role,
                    level: h.level,
                    locality: lookup!(locality_by_code, h.locality, "locality")?,
                    post: match &h.post {
                        Some(p) => Some(lookup!(post_by_code, p, "post")?),
                        None => None,
                    },
                    from: h.from,
                    to: h.to,
                });
            }
            history.sort_by_key(|s| (s.from, s.to));
            cadres.push(Cadre {
                code: c.id.clone(),
                name: c.name.clone(),
                birth_date: c.birth_date,
                gender: c.gender,
                hometown: lookup!(locality_by_code, c.hometown, "locality")?,
                local_to: c
                    .local_to
                    .iter()
                    .map(|l| lookup!(locality_by_code, l, "locality"))
                    .collect::<Result<_, _>>()?,
                post: match &c.post {
                    Some(p) => Some(lookup!(post_by_code, p, "post")?),
                    None => None,
                },
                workplace: match &c.workplace {
                    Some(u) => Some(lookup!(unit_by_code, u, "unit")?),
                    None => None,
                },
                rotated_from: match &c.rotated_from {
                    Some(l) => Some(lookup!(locality_by_code, l, "locality")?),
                    None => None,
                },
                civil_servant: c.civil_servant,
                management: c.management,
                education_level: c.education.level,
                field: c.education.field,
                degree_class: c.education.degree_class,
                formally_trained: c.formally_trained,
                outstanding: c.outstanding,
                ratings,
                planning,
                history,
            });
        }
        // The holder of a post is given on both sides; take the union and refuse conflicts.
        for (ci, c) in cadres.iter().enumerate() {
            if let Some(p) = c.post {
                let cid = CadreId::from_index(ci);
                match posts[p.index()].holder {
                    None => posts[p.index()].holder = Some(cid),
                    Some(h) if h == cid => {}
                    Some(h) => {
                        return Err(format!(
                            "post '{}' is held by '{}' but cadre '{}' says they hold it",
                            posts[p.index()].code,
                            cadres[h.index()].code,
                            c.code
                        ))
                    }
                }
            }
        }
        for (pi, p) in posts.iter().enumerate() {
            if let Some(h) = p.holder {
                match cadres[h.index()].post {
                    None => cadres[h.index()].post = Some(PostId::from_index(pi)),
                    Some(q) if q.index() == pi => {}
                    Some(q) => {
                        return Err(format!(
                            "cadre '{}' holds both '{}' and '{}'",
                            cadres[h.index()].code,
                            posts[q.index()].code,
                            p.code
                        ))
                    }
                }
            }
        }
        Ok(Scenario {
            name: raw.name.clone(),
            plan_date: raw.plan_date,
            term: raw.term,
            localities,
            units,
            teams,
            posts,
            cadres,
            locality_by_code,
            unit_by_code,
            post_by_code,
            cadre_by_code,
            team_by_code,
        })
    }

    /// Cadre by code.
    pub fn cadre_by_code(&self, code: &str) -> Option<CadreId> {
        self.cadre_by_code.get(code).copied()
    }
    /// Post by code.
    pub fn post_by_code(&self, code: &str) -> Option<PostId> {
        self.post_by_code.get(code).copied()
    }
    /// Locality by code.
    pub fn locality_by_code(&self, code: &str) -> Option<LocalityId> {
        self.locality_by_code.get(code).copied()
    }
    /// Unit by code.
    pub fn unit_by_code(&self, code: &str) -> Option<UnitId> {
        self.unit_by_code.get(code).copied()
    }
    /// Team by code.
    pub fn team_by_code(&self, code: &str) -> Option<TeamId> {
        self.team_by_code.get(code).copied()
    }

    /// The cadre.
    pub fn cadre(&self, id: CadreId) -> &Cadre {
        &self.cadres[id.index()]
    }
    /// The post.
    pub fn post(&self, id: PostId) -> &Post {
        &self.posts[id.index()]
    }
    /// The unit.
    pub fn unit(&self, id: UnitId) -> &Unit {
        &self.units[id.index()]
    }
    /// The locality.
    pub fn locality(&self, id: LocalityId) -> &Locality {
        &self.localities[id.index()]
    }
    /// The team.
    pub fn team(&self, id: TeamId) -> &Team {
        &self.teams[id.index()]
    }

    /// All cadre ids.
    pub fn cadre_ids(&self) -> impl Iterator<Item = CadreId> + '_ {
        (0..self.cadres.len()).map(CadreId::from_index)
    }
    /// All post ids.
    pub fn post_ids(&self) -> impl Iterator<Item = PostId> + '_ {
        (0..self.posts.len()).map(PostId::from_index)
    }
    /// All locality ids.
    pub fn locality_ids(&self) -> impl Iterator<Item = LocalityId> + '_ {
        (0..self.localities.len()).map(LocalityId::from_index)
    }
    /// All team ids.
    pub fn team_ids(&self) -> impl Iterator<Item = TeamId> + '_ {
        (0..self.teams.len()).map(TeamId::from_index)
    }

    /// Whether `inner` is `outer` or lies below it in the tree.
    pub fn is_within(&self, inner: LocalityId, outer: LocalityId) -> bool {
        let mut cur = Some(inner);
        while let Some(l) = cur {
            if l == outer {
                return true;
            }
            cur = self.localities[l.index()].parent;
        }
        false
    }

    /// The ancestor-or-self of `l` at `level`, if any.
    pub fn ancestor_at(&self, l: LocalityId, level: Level) -> Option<LocalityId> {
        let mut cur = Some(l);
        while let Some(x) = cur {
            if self.localities[x.index()].level() == level {
                return Some(x);
            }
            cur = self.localities[x.index()].parent;
        }
        None
    }

    /// Localities at a level, in file order.
    pub fn localities_at(&self, level: Level) -> Vec<LocalityId> {
        self.locality_ids().filter(|l| self.locality(*l).level() == level).collect()
    }

    /// The last day of the term.
    pub fn term_end(&self) -> Date {
        Date::end_of_year(self.term.end)
    }
}
