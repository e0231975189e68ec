//! Whether a chain of managers goes round in a circle on some date.
//!
//! A roster can be one long chain (the director manages a lead, who manages the next, and
//! so on for thousands of people), and every command reads the roster, so this check
//! must not walk the chain from each person (that is quadratic in the chain's length),
//! nor redo the whole roster for each date on which a manager changes (that is the
//! roster's size times the number of changes).
//!
//! On one date each person has at most one manager, so the people and their managers
//! form a forest unless a circle closes: an edge between two people already connected,
//! ignoring direction, can only close one, since every person in that part of the roster
//! then has a manager. Each person's manager is the same on a run of consecutive dates, so
//! each person-to-manager edge lives on one interval of the dates to try. The intervals
//! go into a segment tree over those dates, and one walk of the tree adds the edges of a
//! node to a union-find that undoes them on the way back up (offline dynamic
//! connectivity): every edge is added a logarithmic number of times, and the first date
//! with a circle is the first leaf reached with one.

use chrono::NaiveDate;

use super::Config;

/// The first date (of `dates`, sorted) on which some chain of managers loops, and the
/// first person of the roster whose chain then loops; `None` when no chain ever does.
/// `NaiveDate::MAX` stands for today's `manager`.
pub(super) fn first_loop(config: &Config, dates: &[NaiveDate]) -> Option<(usize, NaiveDate)> {
    search(config, dates).found
}

/// What [`first_loop`] found, and how much work it took: the tests compare the work on
/// rosters of doubling sizes.
pub(super) struct Search {
    pub(super) found: Option<(usize, NaiveDate)>,
    /// Read by the tests only.
    #[cfg_attr(not(test), allow(dead_code))]
    pub(super) steps: usize,
}

pub(super) fn search(config: &Config, dates: &[NaiveDate]) -> Search {
    let mut tree = Tree::new(dates.len());
    for (person, stretches) in config
        .people
        .iter()
        .enumerate()
        .map(|(i, p)| (i, stretches(p)))
    {
        for (after, until, manager) in stretches {
            let Some(&manager) = config.by_id.get(manager) else {
                continue;
            };
            // The dates `d` with `after < d <= until`.
            let from = after.map_or(0, |after| dates.partition_point(|d| *d <= after));
            let to = dates.partition_point(|d| *d <= until);
            tree.add(from..to, (person, manager));
        }
    }
    let mut links = Links::new(config.people.len());
    let first = tree.first_loop(&mut links);
    let mut steps = links.steps + tree.steps;
    let found = first.map(|at| {
        let date = dates[at];
        let (person, walked) = first_looping(config, date);
        steps += walked;
        (person, date)
    });
    Search { found, steps }
}

/// A person's managers over time: `(after, until, manager)` for each run of dates
/// `after < d <= until` (`None`: from the beginning) on which `manager` is the manager,
/// as [`super::Person::manager_on`] picks it: the first previous manager in the list
/// whose `until` is on or after the date, else `manager`.
fn stretches(person: &super::Person) -> Vec<(Option<NaiveDate>, NaiveDate, &str)> {
    let mut found = Vec::new();
    // The latest `until` so far: a previous manager listed after a later one is never the
    // first to match (the list should increase; when it does not, that is reported, and
    // the dates here still follow `manager_on`).
    let mut latest: Option<NaiveDate> = None;
    for stint in &person.previous_managers {
        if latest.is_none_or(|latest| stint.until > latest) {
            found.push((latest, stint.until, stint.manager.as_str()));
            latest = Some(stint.until);
        }
    }
    if let Some(manager) = &person.manager {
        found.push((latest, NaiveDate::MAX, manager.as_str()));
    }
    found
}

/// The first person of the roster whose chain of managers on `date` runs into a circle,
/// and the number of steps taken: each person is walked through once.
fn first_looping(config: &Config, date: NaiveDate) -> (usize, usize) {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        OnPath,
        Ends,
        Loops,
    }
    let manager = |person: usize| {
        config.people[person]
            .manager_on(date)
            .and_then(|id| config.by_id.get(id).copied())
    };
    let mut marks = vec![Mark::New; config.people.len()];
    let mut steps = 0;
    let mut path = Vec::new();
    for start in 0..config.people.len() {
        let mut current = Some(start);
        let outcome = loop {
            steps += 1;
            match current {
                None => break Mark::Ends,
                Some(person) => match marks[person] {
                    Mark::New => {
                        marks[person] = Mark::OnPath;
                        path.push(person);
                        current = manager(person);
                    }
                    Mark::OnPath => break Mark::Loops,
                    done => break done,
                },
            }
        };
        for person in path.drain(..) {
            marks[person] = outcome;
        }
        if marks[start] == Mark::Loops {
            return (start, steps);
        }
    }
    // Not reached when the tree found a circle on `date`; the first person stands in.
    (0, steps)
}

/// A segment tree over the dates: each node holds the edges that live on all of its dates.
struct Tree {
    leaves: usize,
    edges: Vec<Vec<(usize, usize)>>,
    steps: usize,
}

impl Tree {
    fn new(leaves: usize) -> Tree {
        Tree {
            leaves,
            edges: vec![Vec::new(); 4 * leaves.max(1)],
            steps: 0,
        }
    }

    fn add(&mut self, range: std::ops::Range<usize>, edge: (usize, usize)) {
        if range.start < range.end {
            self.insert(1, 0..self.leaves, &range, edge);
        }
    }

    fn insert(
        &mut self,
        node: usize,
        span: std::ops::Range<usize>,
        range: &std::ops::Range<usize>,
        edge: (usize, usize),
    ) {
        self.steps += 1;
        if range.end <= span.start || span.end <= range.start {
            return;
        }
        if range.start <= span.start && span.end <= range.end {
            self.edges[node].push(edge);
            return;
        }
        let middle = span.start + (span.end - span.start) / 2;
        self.insert(2 * node, span.start..middle, range, edge);
        self.insert(2 * node + 1, middle..span.end, range, edge);
    }

    /// The index of the first date with a circle.
    fn first_loop(&mut self, links: &mut Links) -> Option<usize> {
        if self.leaves == 0 {
            return None;
        }
        self.visit(1, 0..self.leaves, links)
    }

    fn visit(
        &mut self,
        node: usize,
        span: std::ops::Range<usize>,
        links: &mut Links,
    ) -> Option<usize> {
        let mark = links.mark();
        let edges = std::mem::take(&mut self.edges[node]);
        let closes = edges.iter().any(|&(a, b)| !links.join(a, b));
        self.steps += edges.len();
        // Every date under this node has the circle, and every earlier date was tried.
        let found = if closes {
            Some(span.start)
        } else if span.end - span.start > 1 {
            let middle = span.start + (span.end - span.start) / 2;
            self.visit(2 * node, span.start..middle, links)
                .or_else(|| self.visit(2 * node + 1, middle..span.end, links))
        } else {
            None
        };
        links.undo(mark);
        found
    }
}

/// A union-find that can undo its joins in reverse order: union by size and no path
/// compression, so each find takes a logarithmic number of steps.
struct Links {
    parent: Vec<usize>,
    size: Vec<usize>,
    joined: Vec<usize>,
    steps: usize,
}

impl Links {
    fn new(people: usize) -> Links {
        Links {
            parent: (0..people).collect(),
            size: vec![1; people],
            joined: Vec::new(),
            steps: 0,
        }
    }

    fn root(&mut self, mut person: usize) -> usize {
        while self.parent[person] != person {
            self.steps += 1;
            person = self.parent[person];
        }
        person
    }

    /// Joins the parts of `a` and `b`; `false` when they were one part already.
    fn join(&mut self, a: usize, b: usize) -> bool {
        let (a, b) = (self.root(a), self.root(b));
        if a == b {
            return false;
        }
        let (small, large) = if self.size[a] < self.size[b] {
            (a, b)
        } else {
            (b, a)
        };
        self.parent[small] = large;
        self.size[large] += self.size[small];
        self.joined.push(small);
        true
    }

    fn mark(&self) -> usize {
        self.joined.len()
    }

    fn undo(&mut self, mark: usize) {
        while self.joined.len() > mark {
            if let Some(small) = self.joined.pop() {
                let large = self.parent[small];
                self.size[large] -= self.size[small];
                self.parent[small] = small;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    /// The dates to try, as `cairn.yaml` is read.
    fn dates(config: &Config) -> Vec<NaiveDate> {
        let mut dates: Vec<NaiveDate> = config
            .people
            .iter()
            .flat_map(|p| p.previous_managers.iter())
            .flat_map(|s| [s.until, s.until.succ_opt().unwrap_or(s.until)])
            .collect();
        dates.push(NaiveDate::MAX);
        dates.sort_unstable();
        dates.dedup();
        dates
    }

    /// Each person's chain walked on each date: slow, and plainly right.
    fn walked(config: &Config, dates: &[NaiveDate]) -> Option<(usize, NaiveDate)> {
        for &date in dates {
            for (index, person) in config.people.iter().enumerate() {
                let mut seen = HashSet::new();
                let mut current = person.id.as_str();
                while let Some(manager) = config.person(current).and_then(|p| p.manager_on(date)) {
                    if !seen.insert(current) {
                        return Some((index, date));
                    }
                    current = manager;
                }
            }
        }
        None
    }

    /// One person: `p{id}`, managed by `p{manager}`, previously by `p{m}` until `until`
    /// days into 2026.
    type Entry<'a> = (usize, Option<usize>, &'a [(usize, u32)]);

    /// A roster read without its checks, so that circles and unordered dates stay in it.
    fn roster(people: &[Entry]) -> Config {
        let mut config = Config::default();
        let day =
            |n: u32| NaiveDate::from_ymd_opt(2026, 1, 1).unwrap() + chrono::Days::new(n.into());
        for (n, (id, manager, stints)) in people.iter().enumerate() {
            config.people.push(super::super::Person {
                id: format!("p{id}"),
                name: format!("P{id}"),
                manager: manager.map(|m| format!("p{m}")),
                role: None,
                level: None,
                level_position: None,
                since: None,
                left: None,
                previous_managers: stints
                    .iter()
                    .map(|(m, until)| super::super::Stint {
                        manager: format!("p{m}"),
                        until: day(*until),
                    })
                    .collect(),
                away: Vec::new(),
                seal_to: Vec::new(),
                email: None,
                position: crate::domain::diagnostic::Position::START,
            });
            config.by_id.insert(format!("p{id}"), n);
        }
        config
    }

    #[test]
    fn finds_what_walking_every_chain_on_every_date_finds() {
        // Small rosters drawn from a fixed sequence: managers, previous managers (some
        // out of order, some naming nobody or the person). A repeated id is left out of
        // the roster before this check.
        let mut seed: u64 = 7;
        let mut next = |below: u64| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) % below
        };
        let mut loops = 0;
        for _ in 0..3000 {
            let size = 1 + next(7) as usize;
            let mut people = Vec::new();
            let mut stints: Vec<Vec<(usize, u32)>> = Vec::new();
            for _ in 0..size {
                let count = next(3) as usize;
                stints.push(
                    (0..count)
                        .map(|_| (next(size as u64 + 1) as usize, next(6) as u32))
                        .collect(),
                );
            }
            for (n, stints) in stints.iter().enumerate() {
                let manager = (next(4) != 0).then(|| next(size as u64 + 1) as usize);
                people.push((n, manager, stints.as_slice()));
            }
            let config = roster(&people);
            let dates = dates(&config);
            let expected = walked(&config, &dates);
            loops += usize::from(expected.is_some());
            assert_eq!(first_loop(&config, &dates), expected, "{people:?}");
        }
        assert!(loops > 300 && loops < 2700, "{loops} rosters with a circle");
    }

    /// The work to check one chain of `length` people, each managed by the one before,
    /// with `changes` of them having had another manager until a day of their own.
    fn work(length: usize, changes: bool) -> usize {
        let stints: Vec<Vec<(usize, u32)>> = (0..length)
            .map(|n| {
                if changes && n > 1 {
                    vec![(n - 2, n as u32)]
                } else {
                    Vec::new()
                }
            })
            .collect();
        let people: Vec<Entry> = (0..length)
            .map(|n| (n, n.checked_sub(1), stints[n].as_slice()))
            .collect();
        let config = roster(&people);
        let search = search(&config, &dates(&config));
        assert_eq!(search.found, None);
        search.steps
    }

    #[test]
    fn a_long_chain_costs_its_length_not_its_square() {
        for changes in [false, true] {
            let (small, large) = (work(2_000, changes), work(4_000, changes));
            // Walking each person's chain, or the whole roster on every date a manager
            // changes, would be four times the work.
            assert!(large <= 3 * small, "{changes}: {small} then {large}");
        }
    }
}
