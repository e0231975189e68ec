//! The command-line interface, defined once: the help, and later the man page and the
//! shell completions, come from these types.

use std::path::PathBuf;
use std::sync::LazyLock;

use clap::{Args, Parser, Subcommand, ValueEnum};

use cairn::domain::vocabulary::DocType;
use cairn::render::report::Format;

/// Keeps engineers' career conversations and development contracts honest, complete and
/// followed through.
#[derive(Debug, Parser)]
#[command(
    name = "cairn",
    version,
    propagate_version = true,
    max_term_width = 100
)]
pub struct Cli {
    /// The notes repository (default: the nearest folder with a cairn.yaml, from here up).
    #[arg(long = "repo", short = 'C', value_name = "DIR", global = true)]
    pub repo: Option<PathBuf>,

    /// When to colour the output.
    #[arg(long, value_enum, value_name = "WHEN", default_value_t = ColorChoice::Auto, global = true)]
    pub color: ColorChoice,

    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a notes repository: cairn.yaml with an example roster, and people/.
    ///
    /// Never overwrites: an existing cairn.yaml stops it with exit code 2 and nothing
    /// written, except that `--templates` inside an existing repository copies only the
    /// templates it lacks and says which it kept.
    Init(InitArgs),

    /// Write a new document from the guide's prompts, pre-filled with the engineer's
    /// history, at the layout of cairn.yaml; prints its path.
    ///
    /// Never overwrites: an existing file is exit code 2 with nothing written.
    New(NewArgs),

    /// Lint the notes: front matter, required sections, commitments, links.
    ///
    /// Exit code 0 when there are no errors (warnings allowed unless --strict), 1 when
    /// there are, 2 when the check could not run.
    Check(CheckArgs),

    /// The status report: who is overdue for a conversation or a review, which
    /// commitments are late, what is coming up.
    ///
    /// Documents dated after --as-of are ignored; a document with check errors is used
    /// for what is valid in it, flags its person with `document-errors`, and is counted on
    /// stderr. Exit code 0 even then.
    Report(ReportArgs),

    /// An iCalendar file of what needs a date in the diary: follow-ups, annual
    /// conversations, reviews, commitments, and what is already overdue. Each event's UID
    /// names what it is, so re-importing moves events instead of doubling them.
    Calendar(CalendarArgs),

    /// One person's story: who manages them, the next step of the guide's cycle, every
    /// conversation, contract and commitment, and what needs attention.
    Show(ShowArgs),

    /// The commitments of the team, by due date: the manager's to-do list (open ones by
    /// default), each with `path:line`.
    Commitments(CommitmentsArgs),

    /// Tick the task item at PATH:LINE (`[x]` and `(done D)`), or withdraw it by
    /// agreement (`[-]` and `(withdrawn D: REASON)`); prints the new line.
    ///
    /// PATH:LINE is what `cairn commitments` prints. Nothing is written, and the exit
    /// code is 2, when the line is no open task item, lies in private notes, or the file
    /// changed meanwhile.
    Done(DoneArgs),

    /// Sealed private notes: encrypted to your keys in every commit, plain in your editor.
    ///
    /// `init` sets up the git filter once per clone; `status` says what is sealed in HEAD
    /// and the index; `rekey` seals again after `seal.recipients` or a `seal_to` changed.
    /// `clean`, `smudge` and `textconv` are what git runs.
    Seal {
        /// What to do.
        #[command(subcommand)]
        action: SealAction,
    },
    /// The engineer's copy of a conversation or a contract: its public sections, the
    /// commitments of each side, the follow-up. Private notes never reach it.
    ///
    /// `--mark` records the day in `summary_shared`, which clears `summary-not-shared`.
    /// A prep, reflection, handover or check-in is refused (it is yours alone), and so, unless
    /// --force, is a conversation whose notes are not written or a document with check
    /// errors: exit code 2, nothing written.
    Share(ShareArgs),

    /// Hand an engineer over to a new manager: write the handover document, change the
    /// roster (keeping its comments), and pass the outgoing manager's open promises on.
    ///
    /// Run by the outgoing manager; --dry-run prints what it would write. --export DIR
    /// also copies the engineer's documents, private sections removed, into the new
    /// manager's own notes repository.
    Handover(HandoverArgs),

    /// Everything cairn holds about one person, for a subject access request: their
    /// documents (private sections withheld), where others' documents mention them, the
    /// other people named, and an index with SHA-256 hashes.
    Export(ExportArgs),

    /// Documents kept past `retention.years_after_leaving`, with the commands that remove
    /// them; exit code 1 when there are any.
    Retention(RetentionArgs),

    /// Explain a rule (what it checks, why it matters, an example that fails and one that
    /// passes) or a report
    /// flag (what it means, why it matters, what clears it).
    ///
    /// `cairn explain --list` lists every rule and flag.
    Explain(ExplainArgs),

    /// Print the JSON Schema of the front matter, for editors' YAML language servers.
    ///
    /// With `--framework`, the JSON Schema of a capability framework file instead (see
    /// docs/frameworks.md).
    Schema {
        /// The schema of the capability framework file that `framework:` names.
        #[arg(long)]
        framework: bool,
    },

    /// Print shell completions (bash, zsh, fish, powershell, elvish).
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },

    /// Print the man page (roff), e.g. `cairn man > /usr/local/share/man/man1/cairn.1`;
    /// `cairn man report` prints the page of one command (cairn-report.1).
    Man {
        /// A command whose page to print.
        #[arg(value_name = "COMMAND")]
        command: Option<String>,
    },

    /// Speak the Language Server Protocol on stdin and stdout, for an editor: findings
    /// as you type, quick fixes, hover, completion, go to definition, symbols.
    ///
    /// The editor starts it; see docs/integrations.md for Neovim, Helix, Zed, VS Code and Emacs.
    Lsp,
}

/// Arguments of `cairn init`.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// The folder to make a notes repository of (created if missing).
    #[arg(value_name = "DIR", default_value = ".")]
    pub dir: PathBuf,

    /// Also copy the default templates into DIR/templates/ to customise them.
    #[arg(long)]
    pub templates: bool,
}

/// Arguments of `cairn new`.
#[derive(Debug, Args)]
pub struct NewArgs {
    /// The kind of document.
    #[arg(value_name = "TYPE")]
    pub doc_type: TypeArg,

    /// The engineer's id in cairn.yaml.
    #[arg(value_name = "ENGINEER")]
    pub engineer: String,

    /// The document's date (YYYY-MM-DD; default: today).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub date: Option<chrono::NaiveDate>,

    /// The manager's id (default: the engineer's manager in cairn.yaml).
    #[arg(long, value_name = "ID")]
    pub manager: Option<String>,

    /// Print the document instead of writing it.
    #[arg(long)]
    pub stdout: bool,
}

/// A document type on the command line: the library's [`DocType`], with its names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TypeArg(pub DocType);

impl ValueEnum for TypeArg {
    fn value_variants<'a>() -> &'a [Self] {
        static ALL: LazyLock<Vec<TypeArg>> =
            LazyLock::new(|| DocType::ALL.iter().copied().map(TypeArg).collect());
        &ALL
    }

    fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
        Some(clap::builder::PossibleValue::new(self.0.name()))
    }
}

/// A report format on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// Text for a terminal, coloured when it is one.
    Terminal,
    /// Markdown, to commit or paste into a wiki.
    Markdown,
    /// One self-contained HTML page.
    Html,
    /// JSON for programs.
    Json,
}

impl From<ReportFormat> for Format {
    fn from(format: ReportFormat) -> Format {
        match format {
            ReportFormat::Terminal => Format::Terminal,
            ReportFormat::Markdown => Format::Markdown,
            ReportFormat::Html => Format::Html,
            ReportFormat::Json => Format::Json,
        }
    }
}

/// What `report` and `calendar` are computed for.
#[derive(Debug, Args)]
pub struct StatusArgs {
    /// The date to compute the status for (YYYY-MM-DD; default: today).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub as_of: Option<chrono::NaiveDate>,

    /// Only this engineer.
    #[arg(long, value_name = "ID")]
    pub engineer: Option<String>,

    /// Only this manager's direct reports (on --as-of).
    #[arg(long, value_name = "ID", conflicts_with = "under")]
    pub manager: Option<String>,

    /// Everyone below this person, at any depth (a skip-level's view).
    #[arg(long, value_name = "ID")]
    pub under: Option<String>,

    /// The notes as committed on the date: `cairn.yaml` and every document from the last
    /// commit on or before it, read from git (nothing checked out or written).
    #[arg(long)]
    pub history: bool,

    /// Leave ticked items without a written done date undated, rather than dating them
    /// from the commit that ticked them.
    #[arg(long)]
    pub no_git_dates: bool,
}

/// Arguments of `cairn report`.
#[derive(Debug, Args)]
pub struct ReportArgs {
    #[command(flatten)]
    pub status: StatusArgs,

    /// Output format (default: from the -o file's extension, else terminal).
    #[arg(long, value_enum)]
    pub format: Option<ReportFormat>,

    /// Write to FILE instead of stdout; `.html`, `.md` and `.json` choose the format.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// Arguments of `cairn calendar`.
#[derive(Debug, Args)]
pub struct CalendarArgs {
    #[command(flatten)]
    pub status: StatusArgs,

    /// Write to FILE instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Add a reminder this many days before each event.
    #[arg(long, value_name = "DAYS")]
    pub remind: Option<u32>,
}

/// Arguments of `cairn show`.
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The person's id in cairn.yaml.
    #[arg(value_name = "ENGINEER")]
    pub engineer: String,

    /// The date to tell the story as of (YYYY-MM-DD; default: today).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub as_of: Option<chrono::NaiveDate>,

    /// The notes as committed on the date: `cairn.yaml` and every document from the last
    /// commit on or before it, read from git (nothing checked out or written).
    #[arg(long)]
    pub history: bool,

    /// Leave ticked items without a written done date undated, rather than dating them
    /// from the commit that ticked them.
    #[arg(long)]
    pub no_git_dates: bool,

    /// Output format.
    #[arg(long, value_enum, default_value_t = ShowFormat::Terminal)]
    pub format: ShowFormat,
}

/// Output formats of `cairn show`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ShowFormat {
    /// Text for a terminal.
    Terminal,
    /// Markdown.
    Markdown,
    /// JSON for programs.
    Json,
}

/// Arguments of `cairn commitments`.
#[derive(Debug, Args)]
#[command(group = clap::ArgGroup::new("state").args(["open", "overdue", "done", "withdrawn", "all"]))]
pub struct CommitmentsArgs {
    /// Only the commitments of this owner.
    #[arg(long, value_enum)]
    pub owner: Option<OwnerArg>,

    /// Open commitments, overdue or not (the default).
    #[arg(long)]
    pub open: bool,

    /// Only open commitments past their due date.
    #[arg(long)]
    pub overdue: bool,

    /// Only done commitments.
    #[arg(long)]
    pub done: bool,

    /// Only commitments withdrawn by agreement (`- [-]`), with when and why.
    #[arg(long)]
    pub withdrawn: bool,

    /// Every commitment: open, overdue, done and withdrawn.
    #[arg(long)]
    pub all: bool,

    /// Only the commitments made to this engineer.
    #[arg(long, value_name = "ID")]
    pub engineer: Option<String>,

    /// Only the commitments of this manager (the one who made them, even after a reorg).
    #[arg(long, value_name = "ID")]
    pub manager: Option<String>,

    /// The date to list them as of (YYYY-MM-DD; default: today).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub as_of: Option<chrono::NaiveDate>,

    /// The notes as committed on the date: `cairn.yaml` and every document from the last
    /// commit on or before it, read from git (nothing checked out or written).
    #[arg(long)]
    pub history: bool,

    /// Leave ticked items without a written done date undated, rather than dating them
    /// from the commit that ticked them.
    #[arg(long)]
    pub no_git_dates: bool,

    /// Output format.
    #[arg(long, value_enum, default_value_t = ListFormat::Terminal)]
    pub format: ListFormat,
}

/// Whose commitments.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OwnerArg {
    /// The manager's.
    Manager,
    /// The engineer's.
    Engineer,
    /// Nobody's.
    Unassigned,
}

/// Output formats of `cairn commitments`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    /// Text for a terminal.
    Terminal,
    /// JSON for programs.
    Json,
}

fn parse_date(text: &str) -> Result<chrono::NaiveDate, String> {
    use cairn::domain::date::{is_date_shaped, parse_date};
    parse_date(text).ok_or_else(|| {
        if is_date_shaped(text) {
            format!("`{text}` is not a calendar date")
        } else {
            format!("`{text}` is not a date written YYYY-MM-DD")
        }
    })
}

/// Arguments of `cairn explain`.
#[derive(Debug, Args)]
#[command(group = clap::ArgGroup::new("what").required(true).args(["rule", "list"]))]
pub struct ExplainArgs {
    /// The rule or report flag, e.g. `missing-section` or `summary-not-shared`.
    #[arg(value_name = "RULE|FLAG")]
    pub rule: Option<String>,

    /// List every rule with its severity and what it checks, then every report flag.
    #[arg(long)]
    pub list: bool,
}

/// Arguments of `cairn share`.
#[derive(Debug, Args)]
pub struct ShareArgs {
    /// The conversation or contract to share.
    #[arg(value_name = "PATH")]
    pub path: PathBuf,

    /// Output format (default: from the -o file's extension, else markdown).
    #[arg(long, value_enum)]
    pub format: Option<ShareFormat>,

    /// Write to FILE instead of stdout; `.md`, `.txt`, `.html` and `.eml` choose the format.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Record the sharing: write `summary_shared: DATE` into the document's front matter.
    #[arg(long)]
    pub mark: bool,

    /// The day it is shared (YYYY-MM-DD; default: today): the email's date and --mark's.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub date: Option<chrono::NaiveDate>,

    /// Share a document with check errors or unwritten notes, or mark one already marked
    /// with another date.
    #[arg(long)]
    pub force: bool,
}

/// Output formats of `cairn share`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ShareFormat {
    /// Markdown, to paste.
    Markdown,
    /// Plain text, wrapped at 72 columns.
    Text,
    /// One self-contained HTML page.
    Html,
    /// An email draft (.eml) addressed from the roster, with `X-Unsent: 1`.
    Email,
}

/// Arguments of `cairn handover`.
#[derive(Debug, Args)]
pub struct HandoverArgs {
    /// The engineer's id in cairn.yaml.
    #[arg(value_name = "ENGINEER")]
    pub engineer: String,

    /// The incoming manager's id.
    #[arg(long, value_name = "ID")]
    pub to: String,

    /// The first day with the new manager (YYYY-MM-DD; default: today).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub date: Option<chrono::NaiveDate>,

    /// Print the handover document and the roster change; write nothing.
    #[arg(long)]
    pub dry_run: bool,

    /// Also copy the engineer's documents, private sections removed, into the new
    /// manager's notes repository DIR (which has its own cairn.yaml); nothing is
    /// overwritten.
    #[arg(long, value_name = "DIR")]
    pub export: Option<PathBuf>,
}

/// Arguments of `cairn export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The person's id in cairn.yaml.
    #[arg(value_name = "ENGINEER")]
    pub engineer: String,

    /// The folder to write (must not exist, or be empty).
    #[arg(short, long, value_name = "DIR")]
    pub output: PathBuf,

    /// Include the private sections too (the export then holds private notes).
    #[arg(long)]
    pub include_private: bool,
}

/// Arguments of `cairn retention`.
#[derive(Debug, Args)]
pub struct RetentionArgs {
    /// The date to judge by (YYYY-MM-DD; default: today).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub as_of: Option<chrono::NaiveDate>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = ListFormat::Terminal)]
    pub format: ListFormat,
}

/// Arguments of `cairn done`.
#[derive(Debug, Args)]
pub struct DoneArgs {
    /// The task item, as `cairn commitments` prints it: `people/alice/2026-03-01-where-now.md:24`.
    #[arg(value_name = "PATH:LINE")]
    pub item: String,

    /// The day it was done or withdrawn (YYYY-MM-DD; default: today).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub date: Option<chrono::NaiveDate>,

    /// Withdraw the commitment by agreement instead, saying why.
    #[arg(long, value_name = "REASON")]
    pub withdraw: Option<String>,
}

/// What `cairn seal` does.
#[derive(Debug, Subcommand)]
pub enum SealAction {
    /// Set up the git filter (clean, smudge, textconv) for the notes and re-stage them, so
    /// the next commit seals what is already committed.
    Init,
    /// Per document: whether its private notes are sealed in HEAD and in the index, and
    /// to the current keys. Exit code 1 when any is plain or stale.
    Status,
    /// Seal every private section again to the current keys, by re-staging the documents.
    Rekey,
    /// The git clean filter: seals the private notes of the file on stdin (PATH names it).
    Clean {
        /// The file, as git names it.
        path: PathBuf,
    },
    /// The git smudge filter: opens the sealed notes of the file on stdin that this
    /// machine has a key for; the others pass through.
    Smudge {
        /// The file, as git names it.
        path: PathBuf,
    },
    /// The git diff textconv: the file at PATH with its sealed notes opened.
    Textconv {
        /// The file git gives.
        path: PathBuf,
    },
}

/// Arguments of `cairn check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Report only on these files or folders (the whole repository is still read, since
    /// some rules span documents).
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = CheckFormat::Human)]
    pub format: CheckFormat,

    /// Fail (exit 1) on warnings too.
    #[arg(long)]
    pub strict: bool,

    /// Report only on documents that differ from HEAD (staged, unstaged or untracked),
    /// as git sees them.
    #[arg(long, conflicts_with = "since")]
    pub changed: bool,

    /// Report only on documents changed since the merge base of REV and HEAD (in CI:
    /// `--since origin/main`, with the history fetched).
    #[arg(long, value_name = "REV")]
    pub since: Option<String>,

    /// Apply the safe fixes in place (a missing section, the roster's manager, a date
    /// with one reading), then report what is left.
    #[arg(long, conflicts_with = "diff")]
    pub fix: bool,

    /// With --fix or --diff, also the unsafe fixes: guesses at a misspelt name, link or
    /// person, and the proposed follow_up (which invents an agreement).
    #[arg(long)]
    pub unsafe_fixes: bool,

    /// Print the fixes as a unified diff and write nothing (exit 1 when a file would
    /// change).
    #[arg(long)]
    pub diff: bool,
}

/// Output formats of `cairn check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// `path:line:col: severity[rule]: message` with the source line.
    Human,
    /// One JSON object: counts and every diagnostic, for programs.
    Json,
    /// GitHub Actions annotations.
    Github,
    /// SARIF 2.1.0, for code scanning.
    Sarif,
}

/// `--color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour when stdout is a terminal and NO_COLOR is unset.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

impl ColorChoice {
    /// Whether to colour output written to stdout.
    pub fn enabled(self) -> bool {
        use std::io::IsTerminal;
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                    && std::io::stdout().is_terminal()
            }
        }
    }
}
