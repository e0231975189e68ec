//! The report's *Development by capability* (docs/frameworks.md): each capability of the
//! framework with the people whose active contract names it, and apart, the people with
//! a level below the top whom no contract develops towards the next one. The guide's
//! "promotion and levelling decisions should be anticipated and unsurprising": this is
//! where a manager sees whose next level is nobody's plan on paper.

use chrono::NaiveDate;
use serde::Serialize;

use crate::analysis::prefill::{capabilities, without_development};
use crate::analysis::status::PersonStatus;
use crate::config::{Config, Framework};

/// The section, present only when `cairn.yaml` names a framework.
#[derive(Debug, Serialize)]
pub struct Development {
    /// The framework's levels, from the first to the top.
    pub levels: Vec<String>,
    /// Every capability of the framework, in its order.
    pub capabilities: Vec<CapabilityDevelopment>,
    /// The people with a `level` below the top whose active contract names no
    /// capability, or who have none, in the report's order.
    pub no_development_on_paper: Vec<Undeveloped>,
}

/// A capability and who is developing it.
#[derive(Debug, Serialize)]
pub struct CapabilityDevelopment {
    /// Its id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Its area, if the framework groups capabilities.
    pub area: Option<String>,
    /// The people whose active contract names it, in the report's order.
    pub people: Vec<Developer>,
}

/// Someone developing a capability.
#[derive(Debug, Serialize)]
pub struct Developer {
    /// Roster id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Their level, when the roster gives one.
    pub level: Option<String>,
    /// The level after it (the first level without one); `None` at the top.
    pub next_level: Option<String>,
    /// What the capability looks like at that level, when the framework says.
    pub next_text: Option<String>,
}

/// Someone nobody is developing towards their next level on paper.
#[derive(Debug, Serialize)]
pub struct Undeveloped {
    /// Roster id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Their level.
    pub level: Option<String>,
    /// The level after it.
    pub next_level: Option<String>,
    /// Their active contract (root-relative), which names no capability; `None`
    /// without one.
    pub contract: Option<String>,
}

/// The section for the people of the report; `None` without a framework.
pub fn development(
    people: &[PersonStatus],
    config: &Config,
    as_of: NaiveDate,
) -> Option<Development> {
    let framework = config.framework.as_ref()?;
    let level = |p: &PersonStatus| config.person(&p.id).and_then(|r| r.level.as_deref());
    Some(Development {
        levels: framework.levels.clone(),
        capabilities: framework
            .capabilities
            .iter()
            .map(|capability| CapabilityDevelopment {
                id: capability.id.clone(),
                name: capability.name.clone(),
                area: capability.area.clone(),
                people: people
                    .iter()
                    .filter(|p| named(p, as_of).is_some_and(|ids| ids.contains(&capability.id)))
                    .map(|p| developer(framework, p, level(p), &capability.id))
                    .collect(),
            })
            .collect(),
        no_development_on_paper: people
            .iter()
            .filter(|p| without_development(framework, level(p), named(p, as_of)))
            .map(|p| Undeveloped {
                id: p.id.clone(),
                name: p.name.clone(),
                level: level(p).map(str::to_owned),
                next_level: framework.next_level(level(p)).map(str::to_owned),
                contract: p.contract.as_ref().map(|c| c.path.to_string()),
            })
            .collect(),
    })
}

/// The capabilities `p`'s active contract develops on `as_of`; `None` without one.
fn named(p: &PersonStatus, as_of: NaiveDate) -> Option<&[String]> {
    p.contract.as_ref().map(|c| c.developing(as_of))
}

/// Someone developing the capability `id`, with its text at their next level.
fn developer(framework: &Framework, p: &PersonStatus, level: Option<&str>, id: &str) -> Developer {
    let view = capabilities(framework, level, Some(&[id.to_owned()])).pop();
    Developer {
        id: p.id.clone(),
        name: p.name.clone(),
        level: level.map(str::to_owned),
        next_level: framework.next_level(level).map(str::to_owned),
        next_text: view.and_then(|v| v.next_text),
    }
}
