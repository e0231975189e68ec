//! The words of the domain (docs/format.md): what a document is, where a contract stands, what
//! prompted a conversation, the front-matter fields, whose a commitment is, and the part
//! a section plays. Each is a closed set with one spelling, defined once with [`names!`],
//! which serde, `cairn schema`, the command line and every message use alike.

/// Defines a closed set of names with their spelling in documents and outputs: the enum,
/// `ALL` in the documented order, `name()`, `from_name()`, `Display`, and serde and JSON
/// Schema that use the same spelling (a test in this module holds serde to it).
macro_rules! names {
    ($(#[$meta:meta])* $vis:vis enum $name:ident { $($(#[$vmeta:meta])* $variant:ident = $text:literal,)* }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
        $vis enum $name {
            $($(#[$vmeta])* #[serde(rename = $text)] $variant,)*
        }

        impl $name {
            /// Every value, in the documented order.
            pub const ALL: &'static [$name] = &[$($name::$variant),*];

            /// The value as written.
            pub fn name(self) -> &'static str {
                match self { $($name::$variant => $text,)* }
            }

            /// Parses the written form.
            pub fn from_name(text: &str) -> Option<$name> {
                match text { $($text => Some($name::$variant),)* _ => None }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.name())
            }
        }
    };
}
pub(crate) use names;

names! {
    /// What a document is (docs/format.md).
    pub enum DocType {
        /// Annual conversation 1: "Where are you now?"
        WhereNow = "where-now",
        /// Annual conversation 2: "Where do you want to go?"
        WhereGoing = "where-going",
        /// Conversation 3: "How do we close the gap?", which produces a contract.
        CloseGap = "close-gap",
        /// The quarterly review against the contract.
        ProgressReview = "progress-review",
        /// A conversation prompted by an event.
        AsNeeded = "as-needed",
        /// The monthly five minutes: "How is your development plan going?"
        CheckIn = "check-in",
        /// The development contract.
        Contract = "contract",
        /// The manager's preparation.
        Prep = "prep",
        /// The engineer's reflection before a conversation.
        Reflection = "reflection",
        /// The outgoing manager's handover to the engineer's next manager.
        Handover = "handover",
    }
}

impl DocType {
    /// The six conversation types; `contract`, `prep`, `reflection` and `handover` are
    /// documents.
    pub fn is_conversation(self) -> bool {
        !matches!(
            self,
            DocType::Contract | DocType::Prep | DocType::Reflection | DocType::Handover
        )
    }

    /// Whether the engineer receives a copy of it (`cairn share`): a conversation's
    /// summary or the contract, which is bilateral. A prep, a reflection and a handover
    /// are the manager's own.
    pub fn is_shared(self) -> bool {
        (self.is_conversation() && self != DocType::CheckIn) || self == DocType::Contract
    }

    /// The two annual conversations of the guide.
    pub fn is_annual(self) -> bool {
        matches!(self, DocType::WhereNow | DocType::WhereGoing)
    }
}

names! {
    /// Where a ticked item's done date comes from (docs/history.md).
    pub enum DoneSource {
        /// Written in the item (`done 2026-10-20`).
        Written = "written",
        /// The committer date of the commit that ticked it.
        Git = "git",
        /// Ticked in the work tree and not committed yet: done on the report's date.
        Uncommitted = "uncommitted",
    }
}

names! {
    /// Where a contract stands.
    pub enum ContractStatus {
        /// Being written; not yet agreed.
        Draft = "draft",
        /// Agreed and running.
        Active = "active",
        /// Ran its course.
        Completed = "completed",
        /// Replaced by a newer contract.
        Superseded = "superseded",
        /// Stopped before its end.
        Abandoned = "abandoned",
    }
}

names! {
    /// What prompted an `as-needed` conversation.
    pub enum Trigger {
        /// A promotion.
        Promotion = "promotion",
        /// A change of role.
        RoleChange = "role-change",
        /// A performance concern.
        PerformanceConcern = "performance-concern",
        /// A significant piece of work.
        SignificantWork = "significant-work",
        /// Anything else.
        Other = "other",
    }
}

names! {
    /// A front-matter field cairn knows.
    pub enum Field {
        /// `type`
        Type = "type",
        /// `engineer`
        Engineer = "engineer",
        /// `manager`
        Manager = "manager",
        /// `date`
        Date = "date",
        /// `follow_up`
        FollowUp = "follow_up",
        /// `summary_shared`
        SummaryShared = "summary_shared",
        /// `contract`
        Contract = "contract",
        /// `trigger`
        Trigger = "trigger",
        /// `status`
        Status = "status",
        /// `start`
        Start = "start",
        /// `end`
        End = "end",
        /// `checkpoints`
        Checkpoints = "checkpoints",
        /// `supersedes`
        Supersedes = "supersedes",
        /// `capabilities`
        Capabilities = "capabilities",
        /// `to`
        To = "to",
        /// `tags`
        Tags = "tags",
    }
}

impl Field {
    /// Whether documents of this type use the field.
    pub fn applies_to(self, doc_type: DocType) -> bool {
        self.scope().includes(doc_type)
    }

    /// The documents that use the field: the one table that `applies_to` and `used_by`
    /// read.
    fn scope(self) -> Scope {
        use Field::*;
        match self {
            Type | Engineer | Manager | Date | Tags => Scope::Every,
            FollowUp | Contract => Scope::Conversations,
            // A contract is shared with the engineer as a conversation's summary is; a
            // check-in is five minutes of the monthly 1:1, nothing to write up and share.
            SummaryShared => Scope::Shared,
            Trigger => Scope::AsNeeded,
            Status | Start | End | Checkpoints | Supersedes | Capabilities => Scope::Contracts,
            To => Scope::Handovers,
        }
    }

    /// Whether documents of this type must have the field.
    pub fn is_required_for(self, doc_type: DocType) -> bool {
        use Field::*;
        match self {
            Type | Engineer | Manager | Date => true,
            Status | Start | End => doc_type == DocType::Contract,
            To => doc_type == DocType::Handover,
            _ => false,
        }
    }

    /// Whether every document must have the field, whatever its type.
    pub fn is_always_required(self) -> bool {
        DocType::ALL.iter().all(|t| self.is_required_for(*t))
    }

    /// The types that use the field, for messages.
    pub fn used_by(self) -> &'static str {
        self.scope().words()
    }
}

/// The documents a field belongs to.
#[derive(Debug, Clone, Copy)]
enum Scope {
    Every,
    Conversations,
    Shared,
    AsNeeded,
    Contracts,
    Handovers,
}

impl Scope {
    /// Whether documents of this type are in the scope.
    fn includes(self, doc_type: DocType) -> bool {
        match self {
            Scope::Every => true,
            Scope::Conversations => doc_type.is_conversation(),
            Scope::Shared => doc_type.is_shared(),
            Scope::AsNeeded => doc_type == DocType::AsNeeded,
            Scope::Contracts => doc_type == DocType::Contract,
            Scope::Handovers => doc_type == DocType::Handover,
        }
    }

    /// The scope in a message's words.
    fn words(self) -> &'static str {
        match self {
            Scope::Every => "every document",
            Scope::Conversations => "conversations",
            Scope::Shared => "conversations other than check-ins, and contracts",
            Scope::AsNeeded => "as-needed conversations",
            Scope::Contracts => "contracts",
            Scope::Handovers => "handovers",
        }
    }
}

names! {
    /// Whose a commitment is (docs/format.md).
    pub enum Owner {
        /// The document's manager.
        Manager = "manager",
        /// The document's engineer.
        Engineer = "engineer",
        /// Nobody, or someone else.
        Unassigned = "unassigned",
    }
}

names! {
    /// The part a section plays, which gives meaning to what is inside it.
    pub enum SectionRole {
        /// A contract's "Development goal": its text is the contract's goal.
        Goal = "goal",
        /// A contract's "Organisational commitment": its task items are the manager's.
        ManagerCommitment = "manager-commitment",
        /// A contract's "Engineer commitment": its task items are the engineer's.
        EngineerCommitment = "engineer-commitment",
        /// A conversation's "What I heard": its notes.
        Heard = "heard",
        /// A conversation's "What we agreed": its agreements.
        Agreed = "agreed",
    }
}

impl SectionRole {
    /// The owner of the task items of a commitment section.
    pub fn owner(self) -> Option<Owner> {
        match self {
            SectionRole::ManagerCommitment => Some(Owner::Manager),
            SectionRole::EngineerCommitment => Some(Owner::Engineer),
            _ => None,
        }
    }

    /// Whether the section holds a conversation's notes (docs/format.md).
    pub fn is_notes(self) -> bool {
        matches!(self, SectionRole::Heard | SectionRole::Agreed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// serde, the JSON Schema and `name()` spell every value the same way.
    fn same_names<T>(all: &[T], name: fn(&T) -> &'static str)
    where
        T: serde::Serialize + serde::de::DeserializeOwned + PartialEq + std::fmt::Debug,
    {
        for value in all {
            let json = serde_json::to_value(value).unwrap();
            assert_eq!(json, name(value), "{value:?}");
            assert_eq!(&serde_json::from_value::<T>(json).unwrap(), value);
        }
    }

    #[test]
    fn serde_spells_every_name_as_name_does() {
        same_names(DocType::ALL, |v| v.name());
        same_names(ContractStatus::ALL, |v| v.name());
        same_names(Trigger::ALL, |v| v.name());
        same_names(Field::ALL, |v| v.name());
        same_names(Owner::ALL, |v| v.name());
        same_names(SectionRole::ALL, |v| v.name());
        for t in DocType::ALL {
            assert_eq!(DocType::from_name(t.name()), Some(*t));
        }
    }

    #[test]
    fn fields_by_type() {
        assert!(Field::Type.is_always_required());
        assert!(!Field::Status.is_always_required());
        assert!(Field::Status.is_required_for(DocType::Contract));
        assert!(Field::Trigger.applies_to(DocType::AsNeeded));
        assert!(!Field::Trigger.applies_to(DocType::WhereNow));
        assert!(Field::SummaryShared.applies_to(DocType::Contract));
        assert!(!Field::SummaryShared.applies_to(DocType::Prep));
        assert!(Field::To.is_required_for(DocType::Handover));
        assert!(!Field::To.applies_to(DocType::Contract));
    }
}
