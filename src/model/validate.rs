//! Semantic validation: everything about a scenario or a policy that needs more than one field
//! (references, the locality tree, who holds which post, dates that contradict each other) and
//! the cross-check of a policy against a scenario.
//!
//! Validation never stops at the first problem: a planner fixing a roster wants the whole list
//! at once. It runs over whatever part of the input parsed (items that failed to parse are left
//! out, and references to their ids are not reported again), and speaks in *logical paths*
//! (`cadres[12].birth_date`), so it is the same code for a JSON file and a CSV folder; the
//! loader turns paths into lines and rows (see `locate`).
//!
//! Every diagnostic has a stable `code`. Codes used here and by the loader:
//!
//! | code | severity | what |
//! |---|---|---|
//! | `not-found` | error | the path given does not exist (bad input, exit 2) |
//! | `io-error` | error | the file exists but cannot be read: permission, a folder, a device error (exit 3) |
//! | `bad-encoding` | error | the file is not UTF-8 (UTF-16 and UTF-32 are named as such) |
//! | `json-syntax`, `toml-syntax`, `csv-syntax` | error | malformed file |
//! | `unknown-field`, `missing-field`, `wrong-type`, `unknown-value`, `bad-date`, `bad-value` | error | a field does not fit the format |
//! | `duplicate-key` | error | one key twice in a JSON object |
//! | `missing-file`, `missing-column`, `unknown-column`, `duplicate-column`, `csv-row-length`, `missing-value`, `bad-bool`, `bad-number`, `unknown-setting` | error | CSV folder shape |
//! | `unknown-file` | warning | a CSV file the folder format does not know |
//! | `wrong-format` | error | the `format` tag is not the expected one |
//! | `bad-id`, `duplicate-id` | error | empty, padded or repeated ids (scenario items and policy rules) |
//! | `unknown-reference` | error | a reference to a locality, unit, team, post or cadre that does not exist |
//! | `empty` | error | a scenario without localities |
//! | `locality-cycle`, `several-roots`, `locality-level` | error | the locality tree is not a tree of decreasing levels |
//! | `unit-level`, `post-level` | error | a unit or post at a level other than its locality's / unit's |
//! | `team-mismatch` | warning | a post in a team of another locality |
//! | `post-held-twice`, `cadre-holds-two-posts`, `holder-mismatch` | error | contradicting holders |
//! | `supernumerary-held`, `key-post-vacant` | warning | suspicious holders (an extra seat held by a cadre not marked as rotated in; a vacant key post) |
//! | `rotated-from-without-post` | error | a cadre marked as rotated in who holds no post |
//! | `birth-date`, `implausible-age` | error | born after the plan date, younger than 18 or older than 80 |
//! | `bad-year`, `rating-year` | error (warning for the plan year) | rating years: not a year, before the cadre turned 14, after the plan year |
//! | `no-ratings`, `no-history`, `planning-mismatch`, `spell-mismatch` | warning | incomplete or inconsistent records |
//! | `spell-reversed`, `spell-in-future`, `spell-overlap` | error | impossible history spells (reversed, starting or ending after the plan date, overlapping) |
//! | `spell-before-birth`, `spell-underage` | error | a spell that starts before the cadre's birth or 14th birthday |
//! | `term-reversed` | error | term ends before it starts |
//! | `plan-date-outside-term` | warning | plan date outside the term |
//! | `band-order`, `band-range`, `age-tier-gap`, `age-tier-overlap`, `age-tier-empty`, `unknown-milestone`, `policy-invalid` | error | `Policy::problems()` |
//! | `planned-role-unused`, `rule-matches-nothing`, `population-empty` | warning | policy ↔ scenario |
//! | `internal` | error | the resolved scenario could not be built (a bug: validation should have caught it) |
//!
//! Two decisions worth recording: overlapping history spells of *different* roles are not
//! reported at all (holding two posts at once, kiêm nhiệm, is normal: a deputy party secretary
//! is often also People's Committee chair), while overlapping spells of the same role are an
//! error (they would double-count tenure). A handover on the same day (one spell ends the day
//! the next begins) is not an overlap.

use std::collections::{BTreeMap, BTreeSet};

use super::date::Date;
use super::diag::{did_you_mean, Diagnostic, Location, Severity};
use super::enums::*;
use super::locate::SourceMap;
use super::policy::{Policy, PostSelector, RuleBody};
use super::raw::*;

/// The youngest age at which a history spell may start or a rating be given: below it a date
/// is a typo (a wrong year, or a wrong birth date), never a career.
pub const MIN_WORKING_AGE: i32 = 14;

/// A problem found by validation, located by logical path; [`Issue::locate`] turns it into a
/// [`Diagnostic`] once the source format is known.
#[derive(Clone, Debug, PartialEq)]
pub struct Issue {
    /// Error or warning.
    pub severity: Severity,
    /// Stable code.
    pub code: &'static str,
    /// Logical path, e.g. `cadres[12].birth_date` (empty for the whole document).
    pub path: String,
    /// Point at the key that names the value rather than at the value.
    pub at_key: bool,
    /// What is wrong.
    pub message: String,
    /// What would be right.
    pub hint: Option<String>,
}

impl Issue {
    /// An error at `path`.
    pub fn error(code: &'static str, path: impl Into<String>, message: impl Into<String>) -> Self {
        Issue { severity: Severity::Error, code, path: path.into(), at_key: false, message: message.into(), hint: None }
    }
    /// A warning at `path`.
    pub fn warning(code: &'static str, path: impl Into<String>, message: impl Into<String>) -> Self {
        Issue {
            severity: Severity::Warning,
            code,
            path: path.into(),
            at_key: false,
            message: message.into(),
            hint: None,
        }
    }
    /// Adds a hint.
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
    /// Adds a hint if there is one.
    pub fn maybe_hint(mut self, hint: Option<String>) -> Self {
        if hint.is_some() {
            self.hint = hint;
        }
        self
    }
    /// Points at the key.
    pub fn at_key(mut self) -> Self {
        self.at_key = true;
        self
    }
    /// Turns the issue into a located diagnostic.
    pub fn locate(self, source: &SourceMap) -> Diagnostic {
        let location = source.locate(&self.path, self.at_key);
        Diagnostic { severity: self.severity, code: self.code, location, message: self.message, hint: self.hint }
    }
}

/// Sorts diagnostics deterministically: by file, then position (row, line, column), then
/// path, severity, code and message.
pub fn sort_diagnostics(diags: &mut [Diagnostic]) {
    diags.sort_by(|a, b| key(a).cmp(&key(b)));
    fn key(d: &Diagnostic) -> impl Ord + '_ {
        let l = &d.location;
        (&l.file, l.row, l.line, l.column, &l.path, d.severity, d.code, &d.message, &d.hint)
    }
}

/// "did you mean 'x'?" for an unknown code among known ones.
pub fn suggest<'a>(unknown: &str, known: impl IntoIterator<Item = &'a str>) -> Option<String> {
    did_you_mean(unknown, known).map(|k| format!("did you mean '{k}'?"))
}

/// The hint for an unknown vocabulary value: a suggestion and the accepted codes.
pub fn vocabulary_hint<V: Vocabulary>(unknown: &str) -> String {
    let codes = V::codes();
    let mut all: Vec<&str> = codes.clone();
    for v in V::ALL {
        all.extend(v.aliases());
    }
    let expected = format!("expected one of: {}", codes.join(", "));
    match did_you_mean(unknown, all.iter().copied()).and_then(V::parse_code) {
        Some(v) => format!("did you mean '{}'? {expected}", v.code()),
        None => expected,
    }
}

/// Which top-level items of a scenario parsed, and what was lost, so validation can run over
/// a partly broken file without reporting the same mistake twice.
#[derive(Clone, Debug)]
pub(crate) struct Draft {
    /// The items that parsed (placeholders for header fields that did not).
    pub raw: RawScenario,
    /// For each kept item, its index in the file (what paths must show).
    pub orig: Orig,
    /// Ids of items that failed to parse: references to them are not reported.
    pub broken: Broken,
    /// Top-level fields that parsed; checks that read the others are skipped.
    pub parsed: BTreeSet<&'static str>,
}

/// The top-level fields of a scenario.
pub(crate) const TOP_FIELDS: [&str; 10] =
    ["format", "name", "plan_date", "term", "provenance", "localities", "units", "teams", "posts", "cadres"];

/// Put in a `Broken` set when a whole list could not be read (a CSV file without a required
/// column, a JSON list that is not an array): then no reference of that kind is reported.
pub(crate) const ALL_BROKEN: &str = "\u{0}all";

/// A scenario with placeholders everywhere, to be filled by a loader.
pub(crate) fn placeholder_raw() -> RawScenario {
    RawScenario {
        format: String::new(),
        name: String::new(),
        plan_date: Date::end_of_year(2000),
        term: Term { start: 2000, end: 2000 },
        provenance: None,
        localities: Vec::new(),
        units: Vec::new(),
        teams: Vec::new(),
        posts: Vec::new(),
        cadres: Vec::new(),
    }
}

/// File indices of kept items, per kind.
#[derive(Clone, Debug, Default)]
pub(crate) struct Orig {
    /// Localities.
    pub localities: Vec<usize>,
    /// Units.
    pub units: Vec<usize>,
    /// Teams.
    pub teams: Vec<usize>,
    /// Posts.
    pub posts: Vec<usize>,
    /// Cadres.
    pub cadres: Vec<usize>,
}

impl Orig {
    /// Identity indices for a fully parsed scenario.
    pub fn identity(raw: &RawScenario) -> Self {
        Orig {
            localities: (0..raw.localities.len()).collect(),
            units: (0..raw.units.len()).collect(),
            teams: (0..raw.teams.len()).collect(),
            posts: (0..raw.posts.len()).collect(),
            cadres: (0..raw.cadres.len()).collect(),
        }
    }
}

/// Ids of items that did not parse, per kind.
#[derive(Clone, Debug, Default)]
pub(crate) struct Broken {
    /// Localities.
    pub localities: BTreeSet<String>,
    /// Units.
    pub units: BTreeSet<String>,
    /// Teams.
    pub teams: BTreeSet<String>,
    /// Posts.
    pub posts: BTreeSet<String>,
    /// Cadres.
    pub cadres: BTreeSet<String>,
}

impl Draft {
    /// A draft of a fully parsed scenario.
    pub fn complete(raw: RawScenario) -> Self {
        let orig = Orig::identity(&raw);
        Draft { raw, orig, broken: Broken::default(), parsed: TOP_FIELDS.into_iter().collect() }
    }
}

/// Validates a scenario held in memory (e.g. one just generated); diagnostics are located by
/// path only, in a file called `file`.
pub fn validate_raw(raw: &RawScenario, file: &str) -> Vec<Diagnostic> {
    let draft = Draft::complete(raw.clone());
    let source = SourceMap::plain(file);
    let mut out: Vec<Diagnostic> = scenario_issues(&draft).into_iter().map(|i| i.locate(&source)).collect();
    sort_diagnostics(&mut out);
    out
}

/// Checks a policy held in memory (`Policy::problems()` with codes); located by path only.
pub fn validate_policy(policy: &Policy, file: &str) -> Vec<Diagnostic> {
    let source = SourceMap::plain(file);
    let mut out: Vec<Diagnostic> = policy_issues(policy).into_iter().map(|i| i.locate(&source)).collect();
    sort_diagnostics(&mut out);
    out
}

/// An id index of one kind: id → kept index.
struct Ids<'a> {
    kind: &'static str,
    map: BTreeMap<&'a str, usize>,
    broken: &'a BTreeSet<String>,
}

impl Ids<'_> {
    fn get(&self, id: &str) -> Option<usize> {
        self.map.get(id).copied()
    }

    /// Checks a reference; returns the kept index when it resolves.
    fn check(&self, id: &str, path: String, out: &mut Vec<Issue>) -> Option<usize> {
        if let Some(i) = self.get(id) {
            return Some(i);
        }
        if !self.broken.contains(id) && !self.broken.contains(ALL_BROKEN) {
            let hint = suggest(id, self.map.keys().copied());
            let hint = hint.or_else(|| {
                (self.map.is_empty()).then(|| format!("the scenario has no {} that parsed", plural(self.kind)))
            });
            out.push(Issue::error("unknown-reference", path, format!("unknown {} '{id}'", self.kind)).maybe_hint(hint));
        }
        None
    }
}

fn plural(kind: &str) -> String {
    match kind {
        "locality" => "localities".into(),
        k => format!("{k}s"),
    }
}

fn index_ids<'a>(
    kind: &'static str,
    list: &'static str,
    ids: impl Iterator<Item = &'a str>,
    orig: &[usize],
    broken: &'a BTreeSet<String>,
    out: &mut Vec<Issue>,
) -> Ids<'a> {
    let mut map = BTreeMap::new();
    for (k, id) in ids.enumerate() {
        let path = format!("{list}[{}].id", orig[k]);
        if id.trim().is_empty() {
            out.push(Issue::error("bad-id", path, format!("empty {kind} id")).hint("every item needs an id"));
            continue;
        }
        if id.trim() != id {
            out.push(
                Issue::error("bad-id", path.clone(), format!("{kind} id '{id}' has spaces around it"))
                    .hint(format!("write '{}'", id.trim())),
            );
        }
        if let Some(first) = map.get(id) {
            out.push(
                Issue::error(
                    "duplicate-id",
                    path,
                    format!("duplicate {kind} id '{id}': {list}[{}] has the same id", orig[*first]),
                )
                .hint(format!("{kind} ids must be unique")),
            );
        } else {
            map.insert(id, k);
        }
    }
    Ids { kind, map, broken }
}

/// Every semantic problem of a (possibly partial) scenario.
pub(crate) fn scenario_issues(d: &Draft) -> Vec<Issue> {
    let raw = &d.raw;
    let o = &d.orig;
    let mut out = Vec::new();
    let lp = |i: usize| format!("localities[{}]", o.localities[i]);
    let up = |i: usize| format!("units[{}]", o.units[i]);
    let tp = |i: usize| format!("teams[{}]", o.teams[i]);
    let pp = |i: usize| format!("posts[{}]", o.posts[i]);
    let cp = |i: usize| format!("cadres[{}]", o.cadres[i]);

    // --- header --------------------------------------------------------------------------
    if d.parsed.contains("format") && raw.format != SCENARIO_FORMAT {
        let mut issue =
            Issue::error("wrong-format", "format", format!("format is '{}': expected '{SCENARIO_FORMAT}'", raw.format));
        if raw.format.starts_with("rotaplan-policy") {
            issue = issue.hint("this looks like a policy; pass policies with --model");
        } else {
            issue = issue.hint(format!("write \"format\": \"{SCENARIO_FORMAT}\""));
        }
        out.push(issue);
    }
    let plan = d.parsed.contains("plan_date").then_some(raw.plan_date);
    if d.parsed.contains("term") {
        if raw.term.end < raw.term.start {
            out.push(
                Issue::error(
                    "term-reversed",
                    "term.end",
                    format!("the term ends in {} before it starts in {}", raw.term.end, raw.term.start),
                )
                .hint("write the first year as start and the last year as end, e.g. 2020-2025"),
            );
        } else if let Some(p) = plan {
            if p.year() < raw.term.start || p.year() > raw.term.end {
                out.push(
                    Issue::warning(
                        "plan-date-outside-term",
                        "plan_date",
                        format!("plan date {p} is outside the term {}-{}", raw.term.start, raw.term.end),
                    )
                    .hint("check plan_date and term"),
                );
            }
        }
    }

    // --- ids -----------------------------------------------------------------------------
    let b = &d.broken;
    let locs = index_ids(
        "locality",
        "localities",
        raw.localities.iter().map(|x| x.id.as_str()),
        &o.localities,
        &b.localities,
        &mut out,
    );
    let units = index_ids("unit", "units", raw.units.iter().map(|x| x.id.as_str()), &o.units, &b.units, &mut out);
    let teams = index_ids("team", "teams", raw.teams.iter().map(|x| x.id.as_str()), &o.teams, &b.teams, &mut out);
    let posts = index_ids("post", "posts", raw.posts.iter().map(|x| x.id.as_str()), &o.posts, &b.posts, &mut out);
    let cadres = index_ids("cadre", "cadres", raw.cadres.iter().map(|x| x.id.as_str()), &o.cadres, &b.cadres, &mut out);

    // --- locality tree -------------------------------------------------------------------
    if d.parsed.contains("localities") && raw.localities.is_empty() && b.localities.is_empty() {
        out.push(
            Issue::error("empty", "localities", "the scenario has no localities")
                .hint("add the locality tree: the city, its districts and communes"),
        );
    }
    let parent: Vec<Option<usize>> = raw
        .localities
        .iter()
        .enumerate()
        .map(|(i, l)| l.parent.as_deref().and_then(|p| locs.check(p, format!("{}.parent", lp(i)), &mut out)))
        .collect();
    let mut in_cycle = vec![false; raw.localities.len()];
    {
        // 0 = not seen, 1 = on the current walk, 2 = done
        let mut state = vec![0u8; raw.localities.len()];
        for start in 0..raw.localities.len() {
            let mut walk = Vec::new();
            let mut cur = Some(start);
            while let Some(c) = cur {
                match state[c] {
                    2 => break,
                    1 => {
                        let from = walk.iter().position(|x| *x == c).unwrap_or(0);
                        let cycle: Vec<usize> = walk[from..].to_vec();
                        for x in &cycle {
                            in_cycle[*x] = true;
                        }
                        let first = *cycle.iter().min_by_key(|x| o.localities[**x]).unwrap_or(&c);
                        let pos = cycle.iter().position(|x| *x == first).unwrap_or(0);
                        let mut names: Vec<&str> = cycle[pos..]
                            .iter()
                            .chain(cycle[..pos].iter())
                            .map(|x| raw.localities[*x].id.as_str())
                            .collect();
                        names.push(raw.localities[first].id.as_str());
                        out.push(
                            Issue::error(
                                "locality-cycle",
                                format!("{}.parent", lp(first)),
                                format!("locality '{}' is its own ancestor: {}", raw.localities[first].id, names.join(" → ")),
                            )
                            .hint("parents must form a tree: each locality's parent is one level up, and the city has none"),
                        );
                        break;
                    }
                    _ => {
                        state[c] = 1;
                        walk.push(c);
                        cur = parent[c];
                    }
                }
            }
            for x in walk {
                state[x] = 2;
            }
        }
    }
    let roots: Vec<usize> = (0..raw.localities.len()).filter(|i| raw.localities[*i].parent.is_none()).collect();
    if let Some((first, rest)) = roots.split_first() {
        for r in rest {
            out.push(
                Issue::error(
                    "several-roots",
                    format!("{}.parent", lp(*r)),
                    format!(
                        "locality '{}' has no parent, but '{}' is already the root",
                        raw.localities[*r].id, raw.localities[*first].id
                    ),
                )
                .hint("a scenario has one root, the city or province: give this locality its parent"),
            );
        }
    }
    for (i, l) in raw.localities.iter().enumerate() {
        if let Some(p) = parent[i] {
            let pk = raw.localities[p].kind;
            if !in_cycle[i] && l.kind.level().rank() >= pk.level().rank() {
                out.push(
                    Issue::error(
                        "locality-level",
                        format!("{}.kind", lp(i)),
                        format!(
                            "locality '{}' ({}, {} level) cannot lie inside '{}' ({}, {} level)",
                            l.id,
                            l.kind,
                            l.kind.level(),
                            raw.localities[p].id,
                            pk,
                            pk.level()
                        ),
                    )
                    .hint("a locality's level must be below its parent's: city > district > commune"),
                );
            }
        }
        if let Some(c) = l.class {
            if !(1..=3).contains(&c) {
                out.push(
                    Issue::error("bad-value", format!("{}.class", lp(i)), format!("class {c} does not exist"))
                        .hint("the administrative class is 1, 2 or 3 (loại I, II, III); leave it out when unknown"),
                );
            }
        }
    }

    // --- units, teams, posts ----------------------------------------------------------------
    // Units whose own level is already reported: their posts are not compared with it.
    let mut unit_level_bad = vec![false; raw.units.len()];
    let unit_loc: Vec<Option<usize>> = raw
        .units
        .iter()
        .enumerate()
        .map(|(i, u)| {
            let l = locs.check(&u.locality, format!("{}.locality", up(i)), &mut out);
            if let Some(l) = l {
                let ll = raw.localities[l].kind.level();
                if ll != u.level {
                    unit_level_bad[i] = true;
                    out.push(
                        Issue::error(
                            "unit-level",
                            format!("{}.level", up(i)),
                            format!(
                                "unit level '{}' disagrees with its locality '{}' ({}, {} level)",
                                u.level, raw.localities[l].id, raw.localities[l].name, ll
                            ),
                        )
                        .hint(format!("set level to '{ll}' or put the unit in a {} locality", u.level)),
                    );
                }
            }
            l
        })
        .collect();
    let team_loc: Vec<Option<usize>> = raw
        .teams
        .iter()
        .enumerate()
        .map(|(i, t)| locs.check(&t.locality, format!("{}.locality", tp(i)), &mut out))
        .collect();
    let mut post_unit = vec![None; raw.posts.len()];
    for (i, p) in raw.posts.iter().enumerate() {
        let u = units.check(&p.unit, format!("{}.unit", pp(i)), &mut out);
        post_unit[i] = u;
        if let Some(u) = u.filter(|u| !unit_level_bad[*u]) {
            let ul = raw.units[u].level;
            if ul != p.level {
                out.push(
                    Issue::error(
                        "post-level",
                        format!("{}.level", pp(i)),
                        format!(
                            "post level '{}' disagrees with its unit '{}' ({} level)",
                            p.level, raw.units[u].id, ul
                        ),
                    )
                    .hint(format!("set level to '{ul}'")),
                );
            }
        }
        if let Some(t) = p.team.as_deref().and_then(|t| teams.check(t, format!("{}.team", pp(i)), &mut out)) {
            if let (Some(u), Some(tl)) = (u, team_loc[t]) {
                if unit_loc[u].is_some_and(|ul| ul != tl) {
                    out.push(
                        Issue::warning(
                            "team-mismatch",
                            format!("{}.team", pp(i)),
                            format!(
                                "team '{}' leads locality '{}' but the post's unit '{}' is in '{}'",
                                raw.teams[t].id, raw.teams[t].locality, raw.units[u].id, raw.units[u].locality
                            ),
                        )
                        .hint("a team's posts belong to units of the locality it leads"),
                    );
                }
            }
        }
    }

    // --- who holds what ------------------------------------------------------------------
    // Claims from both sides: (cadre, post, from the post's `holder`?).
    let mut claims: Vec<(usize, usize, bool)> = Vec::new();
    for (i, p) in raw.posts.iter().enumerate() {
        if let Some(h) = p.holder.as_deref().and_then(|h| cadres.check(h, format!("{}.holder", pp(i)), &mut out)) {
            claims.push((h, i, true));
        }
    }
    for (j, c) in raw.cadres.iter().enumerate() {
        if let Some(p) = c.post.as_deref().and_then(|p| posts.check(p, format!("{}.post", cp(j)), &mut out)) {
            claims.push((j, p, false));
        }
    }
    let mut holder_of: Vec<Option<usize>> = vec![None; raw.posts.len()];
    let mut post_of: Vec<Option<usize>> = vec![None; raw.cadres.len()];
    // Post side first, so that a post's own `holder` is the reference a cadre's claim is
    // compared with.
    claims.sort_by_key(|(c, p, from_post)| (!*from_post, *p, *c));
    let mut by_post: BTreeMap<usize, Vec<(usize, bool)>> = BTreeMap::new();
    for (c, p, from_post) in &claims {
        let v = by_post.entry(*p).or_default();
        if !v.iter().any(|(x, _)| x == c) {
            v.push((*c, *from_post));
        }
    }
    let mut conflicted = BTreeSet::new();
    let mut conflicted_posts = BTreeSet::new();
    for (p, v) in &by_post {
        holder_of[*p] = v.first().map(|x| x.0);
        let Some(&(first, first_from_post)) = v.first() else {
            continue;
        };
        for &(c, _) in &v[1..] {
            conflicted.insert((c, *p));
            conflicted_posts.insert(*p);
            let (code, message) = if first_from_post {
                (
                    "holder-mismatch",
                    format!(
                        "cadre '{}' says they hold post '{}', but the post names '{}' as its holder",
                        raw.cadres[c].id, raw.posts[*p].id, raw.cadres[first].id
                    ),
                )
            } else {
                (
                    "post-held-twice",
                    format!(
                        "cadres '{}' and '{}' both say they hold post '{}'",
                        raw.cadres[first].id, raw.cadres[c].id, raw.posts[*p].id
                    ),
                )
            };
            out.push(
                Issue::error(code, format!("{}.post", cp(c)), message)
                    .hint("a post has one holder: make posts[].holder and the cadres' post agree"),
            );
        }
    }
    let mut by_cadre: BTreeMap<usize, Vec<(usize, bool)>> = BTreeMap::new();
    // Cadre side first here: a cadre's own `post` is the reference.
    let mut cl2 = claims.clone();
    cl2.sort_by_key(|(c, p, from_post)| (*from_post, *c, *p));
    for (c, p, from_post) in &cl2 {
        if conflicted.contains(&(*c, *p)) {
            continue;
        }
        let v = by_cadre.entry(*c).or_default();
        if !v.iter().any(|(x, _)| x == p) {
            v.push((*p, *from_post));
        }
    }
    for (c, v) in &by_cadre {
        post_of[*c] = v.first().map(|x| x.0);
        let Some(&(first, first_from_post)) = v.first() else {
            continue;
        };
        for &(p, _) in &v[1..] {
            if conflicted_posts.contains(&p) {
                // the same contradiction, already reported from the post's side
                continue;
            }
            let (code, message) = if !first_from_post {
                (
                    "holder-mismatch",
                    format!(
                        "post '{}' names '{}' as its holder, but the cadre says they hold '{}'",
                        raw.posts[p].id, raw.cadres[*c].id, raw.posts[first].id
                    ),
                )
            } else {
                (
                    "cadre-holds-two-posts",
                    format!(
                        "cadre '{}' is named as the holder of both '{}' and '{}'",
                        raw.cadres[*c].id, raw.posts[first].id, raw.posts[p].id
                    ),
                )
            };
            out.push(
                Issue::error(code, format!("{}.holder", pp(p)), message)
                    .hint("a cadre holds one post in the scenario: clear one of the holders"),
            );
        }
    }
    for (i, p) in raw.posts.iter().enumerate() {
        let path_of_holder = || match p.holder {
            Some(_) => format!("{}.holder", pp(i)),
            None => holder_of[i].map(|c| format!("{}.post", cp(c))).unwrap_or_else(|| pp(i)),
        };
        match holder_of[i] {
            Some(c) if p.supernumerary && raw.cadres[c].rotated_from.is_none() => out.push(
                Issue::warning(
                    "supernumerary-held",
                    path_of_holder(),
                    format!(
                        "supernumerary post '{}' is held by '{}': such a slot exists only for a cadre rotated in",
                        p.id, raw.cadres[c].id
                    ),
                )
                .hint("give the locality the holder was rotated in from (rotated_from), clear the holder, or drop supernumerary if this is a regular post"),
            ),
            None if p.key && !p.supernumerary && p.holder.is_none() => out.push(
                Issue::warning("key-post-vacant", format!("{}.key", pp(i)), format!("key post '{}' is vacant", p.id))
                    .hint("the plan must fill it; check that its holder is not missing from the roster"),
            ),
            _ => {}
        }
    }

    // --- cadres --------------------------------------------------------------------------
    for (j, c) in raw.cadres.iter().enumerate() {
        let at = cp(j);
        locs.check(&c.hometown, format!("{at}.hometown"), &mut out);
        for (k, l) in c.local_to.iter().enumerate() {
            locs.check(l, format!("{at}.local_to[{k}]"), &mut out);
        }
        if let Some(w) = &c.workplace {
            units.check(w, format!("{at}.workplace"), &mut out);
        }
        if let Some(l) = &c.rotated_from {
            locs.check(l, format!("{at}.rotated_from"), &mut out);
            if c.post.is_none() && !holder_of.contains(&Some(j)) {
                out.push(
                    Issue::error(
                        "rotated-from-without-post",
                        format!("{at}.rotated_from"),
                        format!("cadre '{}' is said to be rotated in from '{l}' but holds no post", c.id),
                    )
                    .hint("give the post they were rotated into, or clear rotated_from"),
                );
            }
        }
        // Dates are checked against the birth date only when the birth date itself is
        // plausible: a wrong birth date is one mistake, not one per spell and rating.
        let mut birth_ok = true;
        if let Some(p) = plan {
            birth_ok = c.birth_date <= p && (18..=80).contains(&c.birth_date.whole_years_until(p));
            if c.birth_date > p {
                out.push(
                    Issue::error(
                        "birth-date",
                        format!("{at}.birth_date"),
                        format!("born {}, after the plan date {p}", c.birth_date),
                    )
                    .hint("check the birth date; dates are written YYYY-MM-DD"),
                );
            } else {
                let age = c.birth_date.whole_years_until(p);
                if !(18..=80).contains(&age) {
                    out.push(
                        Issue::error(
                            "implausible-age",
                            format!("{at}.birth_date"),
                            format!("aged {age} on the plan date {p} (born {}): expected 18 to 80", c.birth_date),
                        )
                        .hint("check the birth date; dates are written YYYY-MM-DD"),
                    );
                }
            }
        }
        // ratings
        if c.ratings.is_empty() {
            out.push(
                Issue::warning("no-ratings", format!("{at}.ratings"), format!("cadre '{}' has no ratings", c.id))
                    .hint("rules that ask for recent ratings will treat every year as missing"),
            );
        }
        for y in c.ratings.keys() {
            let path = format!("{at}.ratings.{y}");
            match y.trim().parse::<i32>() {
                Err(_) => out.push(
                    Issue::error("bad-year", path, format!("'{y}' is not a year"))
                        .at_key()
                        .hint("rating years are written as four digits, e.g. 2020"),
                ),
                Ok(year) if year < 1900 => out.push(
                    Issue::error("bad-year", path, format!("'{y}' is not a plausible year"))
                        .at_key()
                        .hint("rating years are written as four digits, e.g. 2020"),
                ),
                Ok(year) => {
                    let born = c.birth_date.year();
                    if birth_ok && year < born + MIN_WORKING_AGE {
                        out.push(
                            Issue::error(
                                "rating-year",
                                path,
                                format!(
                                    "rating for {year}, when the cadre (born {}) was {}",
                                    c.birth_date,
                                    if year < born { "not yet born".to_string() } else { format!("{} years old", year - born) }
                                ),
                            )
                            .at_key()
                            .hint(format!(
                                "ratings are for years of work, from the year the cadre turned {MIN_WORKING_AGE} ({}) on; check the year and the birth date",
                                born + MIN_WORKING_AGE
                            )),
                        );
                    } else if let Some(p) = plan {
                        if year > p.year() {
                            out.push(
                                Issue::error(
                                    "rating-year",
                                    path,
                                    format!("rating for {year}, after the plan year {} (plan date {p})", p.year()),
                                )
                                .at_key()
                                .hint("ratings are given at the end of a year: only years before the plan date can be rated"),
                            );
                        } else if year == p.year() {
                            out.push(
                                Issue::warning(
                                    "rating-year",
                                    path,
                                    format!("rating for the plan year {year}, which is not over on {p}"),
                                )
                                .at_key()
                                .hint("rules read the years before the plan year; this rating is ignored"),
                            );
                        }
                    }
                }
            }
        }
        // planning
        for (k, e) in c.planning.iter().enumerate() {
            if let Some(p) =
                e.post.as_deref().and_then(|p| posts.check(p, format!("{at}.planning[{k}].post"), &mut out))
            {
                let post = &raw.posts[p];
                if post.role != e.role || post.level != e.level {
                    out.push(
                        Issue::warning(
                            "planning-mismatch",
                            format!("{at}.planning[{k}].post"),
                            format!(
                                "planning entry for {} at {} level names post '{}', which is {} at {} level",
                                e.role, e.level, post.id, post.role, post.level
                            ),
                        )
                        .hint("make the entry's role and level those of the post"),
                    );
                }
            }
        }
        // history
        let mut ok_spells = Vec::new();
        for (k, h) in c.history.iter().enumerate() {
            let hp = format!("{at}.history[{k}]");
            let hl = locs.check(&h.locality, format!("{hp}.locality"), &mut out);
            if let Some(p) = h.post.as_deref().and_then(|p| posts.check(p, format!("{hp}.post"), &mut out)) {
                let post = &raw.posts[p];
                let post_loc = post_unit[p].and_then(|u| unit_loc[u]);
                if post.role != h.role || (hl.is_some() && post_loc.is_some() && hl != post_loc) {
                    out.push(
                        Issue::warning(
                            "spell-mismatch",
                            format!("{hp}.post"),
                            format!(
                                "spell as {} in '{}' names post '{}', which is {} in '{}'",
                                h.role,
                                h.locality,
                                post.id,
                                post.role,
                                post_unit[p].map(|u| raw.units[u].locality.as_str()).unwrap_or("?")
                            ),
                        )
                        .hint("make the spell's role and locality those of the post"),
                    );
                }
            }
            let mut ok = true;
            if let Some(to) = h.to {
                if h.from > to {
                    ok = false;
                    out.push(
                        Issue::error(
                            "spell-reversed",
                            format!("{hp}.to"),
                            format!("spell ends {to}, before it starts {}", h.from),
                        )
                        .hint("check the from and to dates; dates are written YYYY-MM-DD"),
                    );
                }
            }
            if !birth_ok {
            } else if h.from < c.birth_date {
                ok = false;
                out.push(
                    Issue::error(
                        "spell-before-birth",
                        format!("{hp}.from"),
                        format!("spell starts {}, before the cadre was born ({})", h.from, c.birth_date),
                    )
                    .hint("check the year of the spell and the birth date; dates are written YYYY-MM-DD"),
                );
            } else if h.from < c.birth_date.add_years(MIN_WORKING_AGE) {
                ok = false;
                out.push(
                    Issue::error(
                        "spell-underage",
                        format!("{hp}.from"),
                        format!(
                            "spell starts {}, when the cadre (born {}) was {}",
                            h.from,
                            c.birth_date,
                            c.birth_date.whole_years_until(h.from)
                        ),
                    )
                    .hint(format!(
                        "a work spell starts at {MIN_WORKING_AGE} or later ({} or later for this cadre); check the year and the birth date",
                        c.birth_date.add_years(MIN_WORKING_AGE)
                    )),
                );
            }
            if let Some(p) = plan {
                if let Some(to) = h.to.filter(|to| *to > p) {
                    ok = false;
                    out.push(
                        Issue::error(
                            "spell-in-future",
                            format!("{hp}.to"),
                            format!("spell ends {to}, after the plan date {p}"),
                        )
                        .hint("history records the past: leave 'to' empty for a spell still running on the plan date"),
                    );
                }
                if h.from > p {
                    ok = false;
                    out.push(
                        Issue::error(
                            "spell-in-future",
                            format!("{hp}.from"),
                            format!("spell starts {}, after the plan date {p}", h.from),
                        )
                        .hint("history holds spells that began by the plan date"),
                    );
                }
            }
            if ok {
                ok_spells.push(k);
            }
        }
        ok_spells.sort_by_key(|k| (c.history[*k].from, c.history[*k].to));
        for (a, &i) in ok_spells.iter().enumerate() {
            for &k in &ok_spells[a + 1..] {
                let (x, y) = (&c.history[i], &c.history[k]);
                if x.role != y.role {
                    continue;
                }
                // x starts first; they overlap when y starts strictly before x ends (a
                // handover on x's last day is fine).
                if x.to.is_none_or(|t| y.from < t) {
                    let end = x.to.map(|t| t.to_string()).unwrap_or_else(|| "ongoing".into());
                    out.push(
                        Issue::error(
                            "spell-overlap",
                            format!("{at}.history[{k}].from"),
                            format!(
                                "spell as {} from {} overlaps the spell in the same role from {} to {end}",
                                y.role, y.from, x.from
                            ),
                        )
                        .hint("one person holds one post of a role at a time: end the earlier spell before the next starts"),
                    );
                }
            }
        }
        // incumbent without history for their post
        if let Some(p) = post_of[j] {
            let post = &raw.posts[p];
            let loc = post_unit[p].map(|u| raw.units[u].locality.as_str());
            let has = c.history.iter().any(|h| {
                h.post.as_deref() == Some(post.id.as_str()) || (h.role == post.role && Some(h.locality.as_str()) == loc)
            });
            if loc.is_some() && !has {
                out.push(
                    Issue::warning(
                        "no-history",
                        format!("{at}.history"),
                        format!("cadre '{}' holds '{}' ({}) but has no history spell for it", c.id, post.id, post.role),
                    )
                    .hint("add a history entry from the appointment date; without it tenure counts from zero"),
                );
            }
        }
    }
    out
}

/// The stable code of a `Policy::problems()` message.
fn problem_code(message: &str) -> &'static str {
    if message.starts_with("unknown format") {
        "wrong-format"
    } else if message.contains("lower bound") {
        "band-order"
    } else if message.contains("is not a share") || message.contains("no band given") {
        "band-range"
    } else if message.contains("tiers leave a gap") {
        "age-tier-gap"
    } else if message.contains("tiers overlap") {
        "age-tier-overlap"
    } else if message.contains("min_age") {
        "age-tier-empty"
    } else if message.contains("milestone") {
        "unknown-milestone"
    } else if message.starts_with("duplicate") {
        "duplicate-id"
    } else if message.starts_with("empty rule id") || message.starts_with("rule id") {
        "bad-id"
    } else {
        "policy-invalid"
    }
}

/// `Policy::problems()` as issues with codes.
pub fn policy_issues(policy: &Policy) -> Vec<Issue> {
    policy
        .problems()
        .into_iter()
        .map(|p| {
            let code = problem_code(&p.message);
            let mut issue = Issue::error(code, p.path, p.message);
            if code == "unknown-milestone" {
                let known: Vec<String> = policy.known_milestones().into_iter().collect();
                let bad = issue.message.split('\'').nth(1).unwrap_or("").to_string();
                issue = issue.maybe_hint(suggest(&bad, known.iter().map(|s| s.as_str())));
            }
            issue
        })
        .collect()
}

/// The policy checked against the scenario it will plan: rules that can never apply. Paths are
/// in the policy file; all are warnings (a policy is written for many scenarios).
pub fn cross_issues(raw: &RawScenario, policy: &Policy) -> Vec<Issue> {
    let mut out = Vec::new();
    let unit_kind: BTreeMap<&str, UnitKind> = raw.units.iter().map(|u| (u.id.as_str(), u.kind)).collect();
    let posts: Vec<(Level, Role, Option<UnitKind>)> =
        raw.posts.iter().map(|p| (p.level, p.role, unit_kind.get(p.unit.as_str()).copied())).collect();
    let matches = |s: &PostSelector| posts.iter().any(|(l, r, k)| k.is_some_and(|k| s.matches(*l, *r, k)));
    let has_role_at = |roles: &[Role], level: Option<Level>| {
        posts.iter().any(|(l, r, _)| (roles.is_empty() || roles.contains(r)) && level.is_none_or(|x| x == *l))
    };
    for (k, r) in policy.general.planned_roles.iter().enumerate() {
        if !has_role_at(std::slice::from_ref(r), None) {
            out.push(
                Issue::warning(
                    "planned-role-unused",
                    format!("general.planned_roles[{k}]"),
                    format!("no post of scenario '{}' has the planned role '{r}'", raw.name),
                )
                .hint("check the role code, or drop it from planned_roles"),
            );
        }
    }
    let nothing = |path: String, what: &str| {
        Issue::warning("rule-matches-nothing", path, format!("{what} matches no post of scenario '{}'", raw.name))
            .hint("the rule can never apply here; check its levels, roles and unit kinds")
    };
    for (i, rule) in policy.rules.iter().enumerate() {
        if !rule.enabled {
            continue;
        }
        let at = format!("rule[{i}]");
        match &rule.body {
            RuleBody::Eligibility(e) if !matches(&e.target) => out.push(nothing(format!("{at}.target"), "the target")),
            RuleBody::Preference(p) if !matches(&p.posts) => {
                out.push(nothing(format!("{at}.posts"), "the post selector"))
            }
            RuleBody::RotationQuota(q) => {
                if !matches(&q.from) {
                    out.push(nothing(format!("{at}.from"), "'from'"));
                }
                if !matches(&q.to) {
                    out.push(nothing(format!("{at}.to"), "'to'"));
                }
                if !raw.cadres.iter().any(|c| q.population.management.contains(&c.management)) {
                    out.push(
                        Issue::warning(
                            "population-empty",
                            format!("{at}.population"),
                            format!("no cadre of scenario '{}' is in the population", raw.name),
                        )
                        .hint("check the management tiers"),
                    );
                }
            }
            RuleBody::Coverage(c) => {
                use super::policy::LocalityPredicate as P;
                let roles = match &c.predicate {
                    P::YoungHolder { roles, .. } | P::NonLocalHolder { roles } => Some(roles),
                    P::RotatedOut { .. } => None,
                };
                if let Some(roles) = roles {
                    if !has_role_at(roles, Some(c.child)) {
                        out.push(nothing(
                            format!("{at}.predicate"),
                            &format!("the predicate's roles at {} level", c.child),
                        ));
                    }
                }
            }
            RuleBody::TenureCap(t) if !has_role_at(&t.roles, None) => {
                out.push(nothing(format!("{at}.roles"), "the role list"))
            }
            RuleBody::ViceChairCap(v) if !has_role_at(&[v.role], Some(v.level)) => {
                out.push(nothing(format!("{at}.role"), &format!("role '{}' at {} level", v.role, v.level)))
            }
            RuleBody::TeamMix(t) => {
                let loc_level: BTreeMap<&str, Level> =
                    raw.localities.iter().map(|l| (l.id.as_str(), l.kind.level())).collect();
                let any = raw.teams.iter().any(|team| {
                    team.key
                        && (t.team_kinds.is_empty() || t.team_kinds.contains(&team.kind))
                        && (t.levels.is_empty()
                            || loc_level.get(team.locality.as_str()).is_some_and(|l| t.levels.contains(l)))
                });
                if !any {
                    out.push(
                        Issue::warning(
                            "rule-matches-nothing",
                            at,
                            format!("no key team of scenario '{}' matches the rule's team kinds and levels", raw.name),
                        )
                        .hint("the rule can never apply here; check team_kinds and levels"),
                    );
                }
            }
            _ => {}
        }
    }
    for (rule, instrument) in policy.clauses_out_of_force(raw.plan_date) {
        let i = policy.rules.iter().position(|r| r.id == rule).unwrap_or(0);
        out.push(
            Issue::warning(
                "clause-out-of-force",
                format!("rule[{i}].clause"),
                format!("rule '{rule}' cites {instrument}, which is not in force on the plan date {}", raw.plan_date),
            )
            .hint("add a clause_from entry citing the rule in force on that date, with its dates in [[instrument]]"),
        );
    }
    out
}

/// A location that is only a file (for problems that concern a whole file).
pub fn file_location(file: &str) -> Location {
    Location { file: file.to_string(), ..Default::default() }
}
