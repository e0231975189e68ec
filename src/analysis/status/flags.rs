//! The flags of a person (docs/guide.md): what needs attention, from a fixed vocabulary, in a
//! fixed order. Each flag's documentation (for `cairn explain FLAG`) is its doc comment;
//! the report's few words and one-sentence legend are data (`templates/flags.yaml`), so
//! they can be read, and changed, without touching Rust.

use crate::domain::vocabulary::names;

/// Declares the flag vocabulary: each flag's name and its documentation, which is its own
/// doc comment — one definition that the report's JSON, `cairn explain FLAG` and
/// `cairn explain --list` all read.
macro_rules! declare_flags {
    ($(#[$meta:meta])* $vis:vis enum $name:ident { $($(#[doc = $doc:literal])* $variant:ident = $text:literal,)* }) => {
        names! {
            $(#[$meta])*
            $vis enum $name { $($(#[doc = $doc])* $variant = $text,)* }
        }

        impl $name {
            /// The flag's documentation: a summary line, then what it means, why it
            /// matters and what clears it.
            pub fn documentation(self) -> &'static str {
                match self { $($name::$variant => concat!($($doc, "\n"),*),)* }
            }
        }
    };
}

declare_flags! {
    /// What needs attention, in a fixed order.
    pub enum Flag {
        /// No career conversation of any type has been held.
        ///
        /// ## What it means
        /// The person is in the report and no conversation of theirs counts as held: none
        /// is written, or none has its notes written. A new joiner is not flagged until
        /// their first annual conversation is due.
        ///
        /// ## Why it matters
        /// The guide's "the silence is not neutral": ambitions that are not discussed do
        /// not disappear, they find other outlets — a recruiter's message, a growing sense
        /// of stagnation that becomes a resignation.
        ///
        /// ## What clears it
        /// Hold a `where-now` conversation (`cairn new where-now ID`) and write its notes.
        NeverHadConversation = "never-had-conversation",
        /// The annual conversation is overdue, or has never happened.
        ///
        /// ## What it means
        /// There are conversations, but the latest held `where-now` or `where-going` is
        /// more than `annual_months` old (or there is none and it was due).
        ///
        /// ## Why it matters
        /// The guide's annual "where are you now, where do you want to go" conversation
        /// produces or updates the development contract, and "the annual cadence is a
        /// minimum, not an ideal".
        ///
        /// ## What clears it
        /// Hold a `where-now` or `where-going` conversation and write its notes.
        AnnualOverdue = "annual-overdue",
        /// No development contract is active, though there has been time to agree one.
        ///
        /// ## What it means
        /// No contract has `status: active`, and the latest annual conversation is more
        /// than `review_months` old, or there is none.
        ///
        /// ## Why it matters
        /// The third conversation, "how do we close the gap", should have produced a
        /// contract by then: clarity about where someone wants to go, without a plan, is
        /// not progress.
        ///
        /// ## What clears it
        /// Hold a `close-gap` conversation and write the contract it produces with
        /// `status: active` (`cairn new contract ID`).
        NoActiveContract = "no-active-contract",
        /// The active contract's end date has passed.
        ///
        /// ## What it means
        /// The contract still says `status: active`, but its `end` is before the report's
        /// date.
        ///
        /// ## Why it matters
        /// A contract states over what timeframe a capability will be developed; past it,
        /// nobody is reviewing anything, and the engineer cannot tell whether the plan
        /// still stands.
        ///
        /// ## What clears it
        /// Review it with the engineer, then mark it `completed` (or `superseded` by a new
        /// contract), or agree a later `end`.
        ContractExpired = "contract-expired",
        /// The progress review against the active contract is overdue.
        ///
        /// ## What it means
        /// No `progress-review` met the contract's next checkpoint, or, without
        /// checkpoints, none was held within `review_months`.
        ///
        /// ## Why it matters
        /// "A development contract with no review mechanism is a document, not a
        /// contract": the quarterly review asks what is working and what needs to change.
        ///
        /// ## What clears it
        /// Hold a `progress-review` conversation and write its notes.
        ReviewOverdue = "review-overdue",
        /// A follow-up agreed in a conversation passed with no conversation meeting it.
        ///
        /// ## What it means
        /// A held conversation's `follow_up` date has passed, and no later conversation was
        /// held on or around it.
        ///
        /// ## Why it matters
        /// The guide's most common failure, "we talked about it once": an honest exchange
        /// that is never referenced again. The engineer remembers it; the manager does not.
        ///
        /// ## What clears it
        /// Hold the follow-up conversation (any type) and write its notes; if the date was
        /// moved by agreement, hold it by then.
        MissedFollowUp = "missed-follow-up",
        /// A conversation's written summary was not shared in time.
        ///
        /// ## What it means
        /// A held conversation (not a check-in), or the active contract, has no
        /// `summary_shared` date, and more than `summary_days` have passed since it.
        ///
        /// ## Why it matters
        /// The guide's fix for "we talked about it once": write it down, share it, and
        /// schedule the follow-up. A summary the engineer never saw is an agreement only
        /// one side can check.
        ///
        /// ## What clears it
        /// Share the summary (`cairn share PATH`) and record the day: `cairn share PATH
        /// --mark`, or `summary_shared: YYYY-MM-DD` in the front matter.
        SummaryNotShared = "summary-not-shared",
        /// Nobody has asked "How is your development plan going?" for over a month.
        ///
        /// ## What it means
        /// The person has an active development contract, `cadence.checkin_days` is more
        /// than 0 (35 by default), and no conversation of any type has been held in the
        /// last `checkin_days` days: since the later of the latest held conversation and
        /// the contract's start. The days the person was away do not count, and nobody is
        /// flagged while away or new.
        ///
        /// ## Why it matters
        /// The guide: "Development without tracking is aspiration." Its simplest mechanism
        /// is "a standing item in the monthly 1:1 agenda that asks one question: 'How is
        /// your development plan going?'" Five minutes a month keep the contract a living
        /// document, "updated when circumstances change, not left static until the next
        /// formal review".
        ///
        /// ## What clears it
        /// Ask the question in the next 1:1 and write down the answer: `cairn new check-in
        /// ID` lists the goal, the next checkpoint and the open commitments to go through.
        /// Any held conversation clears it. `checkin_days: 0` under `cadence:` turns the
        /// cadence off.
        NoRecentCheckIn = "no-recent-check-in",
        /// The engineer changed manager with no handover.
        ///
        /// ## What it means
        /// A `previous_managers` entry in `cairn.yaml` says the person's manager changed
        /// more than `summary_days` ago (and within the last `annual_months`), and no
        /// `handover` document is dated within `summary_days` of the change.
        ///
        /// ## Why it matters
        /// The new manager starts without the history: where the engineer is, where they
        /// want to go, the contract, and the promises the old manager made, which nobody
        /// then keeps. The guide's trust-breaking event, caused by a reorganisation.
        ///
        /// ## What clears it
        /// The outgoing manager writes the handover: `cairn handover ID --to NEW --date D`
        /// (it also changes the roster and passes the open promises on), or a `handover`
        /// document dated near the change.
        NoHandover = "no-handover",
        /// A conversation's notes were never written.
        ///
        /// ## What it means
        /// A conversation dated on or before the report's date has its notes sections
        /// (`What I heard`, `What we agreed`) all empty, so it does not count as held.
        ///
        /// ## Why it matters
        /// A conversation with nothing written cannot be referred back to: what was heard
        /// and agreed is lost, and the follow-up has nothing to follow.
        ///
        /// ## What clears it
        /// Write what you heard and what you agreed, or delete the document if the
        /// conversation did not happen.
        NotesNotWritten = "notes-not-written",
        /// A manager is past the due date of a commitment they made.
        ///
        /// ## What it means
        /// An open task item owned by the manager (`@manager`, or under "Organisational
        /// commitment") is past its due date.
        ///
        /// ## Why it matters
        /// The guide: the manager should track their own commitments too — they belong in
        /// the manager's own action items, not just the engineer's.
        ///
        /// ## What clears it
        /// Do it and tick it with the day (`cairn done PATH:LINE`), agree a new due date, or,
        /// if circumstances changed, withdraw it openly (`cairn done PATH:LINE --withdraw
        /// REASON`): a plan, not a promise.
        ManagerCommitmentsOverdue = "manager-commitments-overdue",
        /// The engineer is past the due date of a commitment they made.
        ///
        /// ## What it means
        /// An open task item owned by the engineer (`@engineer`, or under "Engineer
        /// commitment") is past its due date.
        ///
        /// ## Why it matters
        /// Outcomes depend on the engineer as well as the manager; a slipping commitment is
        /// worth a conversation before the next review, not a surprise at it.
        ///
        /// ## What clears it
        /// Talk about it; then tick it (`cairn done PATH:LINE`), re-date it, or withdraw it
        /// by agreement (`--withdraw REASON`).
        EngineerCommitmentsOverdue = "engineer-commitments-overdue",
        /// The manager is late while the engineer keeps their side.
        ///
        /// ## What it means
        /// The manager has an overdue commitment, while the engineer has none overdue and
        /// has completed at least one.
        ///
        /// ## Why it matters
        /// The guide: "a development contract where the engineer fulfils their commitments
        /// and the manager does not fulfil theirs is a trust-breaking event."
        ///
        /// ## What clears it
        /// Deliver the overdue commitments and tick them (`cairn done PATH:LINE`), or say
        /// openly that a plan changed and withdraw them (`--withdraw REASON`): a manager
        /// who is explicit that the contract is a plan, not a promise, has not broken it.
        TrustAtRisk = "trust-at-risk",
        /// A document of the person's has check errors: the block may be incomplete.
        ///
        /// ## What it means
        /// `cairn check` finds errors in at least one of the person's documents, so what the
        /// report says about them may leave something out.
        ///
        /// ## Why it matters
        /// One slip must never hide a conversation silently: the report uses what is valid
        /// and says that something is wrong.
        ///
        /// ## What clears it
        /// Run `cairn check` (many errors have a safe `cairn check --fix`) and correct the
        /// rest.
        DocumentErrors = "document-errors",
    }
}

impl Flag {
    /// The first line of the flag's documentation: what `cairn explain --list` shows.
    pub fn summary(self) -> &'static str {
        self.documentation().lines().next().unwrap_or("").trim()
    }

    /// What `cairn explain FLAG` prints: a title, then the documentation as Markdown
    /// (without the space `///` leaves).
    pub fn explanation(self) -> String {
        let text: Vec<&str> = self
            .documentation()
            .lines()
            .map(|line| line.strip_prefix(' ').unwrap_or(line))
            .collect();
        format!(
            "# {} (report flag)\n\n{}\n",
            self.name(),
            text.join("\n").trim_end()
        )
    }

    /// Whether the flag still shows for a new joiner or someone away (docs/guide.md): only what
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
