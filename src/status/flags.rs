//! The flags of a person (SPEC 5): what needs attention, from a fixed vocabulary, in a
//! fixed order. What each means in plain words is data (`templates/flags.yaml`), so the
//! report's legend can be read, and changed, without touching Rust.

use crate::vocabulary::names;

names! {
    /// What needs attention, in the order SPEC 5 gives.
    pub enum Flag {
        /// No held conversation of any type.
        NeverHadConversation = "never-had-conversation",
        /// Conversations, but the annual one is overdue or never happened.
        AnnualOverdue = "annual-overdue",
        /// No active contract, though the last annual conversation is old enough to have
        /// produced one.
        NoActiveContract = "no-active-contract",
        /// The active contract ended before `as_of`.
        ContractExpired = "contract-expired",
        /// The contract's review is overdue.
        ReviewOverdue = "review-overdue",
        /// An agreed follow-up passed with no conversation meeting it.
        MissedFollowUp = "missed-follow-up",
        /// A conversation's summary was not shared within `summary_days`.
        SummaryNotShared = "summary-not-shared",
        /// A conversation's notes were never written.
        NotesNotWritten = "notes-not-written",
        /// A manager is late on a commitment.
        ManagerCommitmentsOverdue = "manager-commitments-overdue",
        /// The engineer is late on a commitment.
        EngineerCommitmentsOverdue = "engineer-commitments-overdue",
        /// The manager is late while the engineer keeps their side: the guide's
        /// "trust-breaking event".
        TrustAtRisk = "trust-at-risk",
        /// A document of the person's has check errors: the block may be incomplete.
        DocumentErrors = "document-errors",
    }
}

impl Flag {
    /// Whether the flag still shows for a new joiner or someone away (SPEC 5): only what
    /// is late on someone's side, and errors in the documents.
    pub fn shows_while_new(self) -> bool {
        matches!(
            self,
            Flag::ManagerCommitmentsOverdue
                | Flag::EngineerCommitmentsOverdue
                | Flag::DocumentErrors
        )
    }
}
