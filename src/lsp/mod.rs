//! `cairn lsp`: the Language Server Protocol over any [`Connection`] (docs/integrations.md).
//!
//! One loop owns all state and handles each message in the order it came, so a change is
//! always applied before the request that follows it. Checking is `check`'s own code
//! ([`crate::analysis::rules`]) over the repository with the editor's open buffers in place of the
//! files; the fixes are [`crate::edit::fix`]'s. A change re-checks the open documents only: a
//! document's findings depend on the roster, on the files it links to and on the active
//! contracts of its engineer, which is the whole repository in memory, so re-checking one
//! document costs the same at 10 documents or 10,000.

mod requests;
mod text;
mod uri;
mod workspace;

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use gen_lsp_types as lsp;
use gen_lsp_types::{Notification as _, Request as _};
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, Response};
use serde::de::DeserializeOwned;

use crate::analysis::rules;
use crate::config;
use crate::domain::diagnostic::{Diagnostic, Position};
use crate::domain::error::ConfigProblem;
use requests::Open;
pub use text::{Encoding, Text};
use workspace::Workspace;

/// Why the server stopped other than by `shutdown` and `exit`.
pub type Error = Box<dyn std::error::Error + Send + Sync>;

/// Serves the protocol on standard input and output until the client says `exit`.
pub fn serve_stdio() -> Result<(), Error> {
    let (connection, threads) = Connection::stdio();
    serve(&connection)?;
    drop(connection);
    threads.join()?;
    Ok(())
}

/// Serves the protocol on `connection` until the client says `exit`.
pub(crate) fn serve(connection: &Connection) -> Result<(), Error> {
    let (id, params) = connection.initialize_start()?;
    let params: lsp::InitializeParams = serde_json::from_value(params)?;
    let offered = params
        .capabilities
        .general
        .as_ref()
        .and_then(|g| g.position_encodings.as_ref());
    let encoding = if offered.is_some_and(|o| o.contains(&lsp::PositionEncodingKind::UTF32)) {
        Encoding::Utf32
    } else {
        Encoding::Utf16
    };
    let result = lsp::InitializeResult::new(capabilities(encoding), Some(server_info()));
    connection.initialize_finish(id, serde_json::to_value(result)?)?;
    if watches_files(&params) {
        connection.sender.send(watch_request().into())?;
    }

    // `initializationOptions: {"today": "YYYY-MM-DD"}` pins the day "mark done today"
    // writes (for tests and demonstrations); otherwise it is the local date.
    let today = params
        .initialization_options
        .as_ref()
        .and_then(|o| o.get("today")?.as_str()?.parse().ok());
    let mut server = Server {
        encoding,
        today,
        workspaces: Vec::new(),
        buffers: BTreeMap::new(),
        published: HashMap::new(),
        outbox: Vec::new(),
    };
    for message in &connection.receiver {
        match message {
            Message::Request(request) => {
                if connection.handle_shutdown(&request)? {
                    return Ok(());
                }
                let response = server.request(request);
                connection.sender.send(response.into())?;
            }
            Message::Notification(notification) => server.notify(notification),
            Message::Response(_) => {}
        }
        for message in server.outbox.drain(..) {
            connection.sender.send(message)?;
        }
    }
    Ok(())
}

/// Whether the client lets a server ask to be told of changes to files on disk.
fn watches_files(params: &lsp::InitializeParams) -> bool {
    params
        .capabilities
        .workspace
        .as_ref()
        .and_then(|w| w.did_change_watched_files.as_ref())
        .and_then(|w| w.dynamic_registration)
        .unwrap_or(false)
}

/// Asks the client to tell of every `cairn.yaml` and note changed on disk, by `git pull`
/// or another program: a phrase added to `private_sections` there must make its sections
/// private in the editor too, not after a restart.
fn watch_request() -> Request {
    let watchers = ["**/cairn.yaml", "**/*.md"]
        .into_iter()
        .map(|glob| lsp::FileSystemWatcher::new(lsp::GlobPattern::Pattern(glob.to_owned()), None))
        .collect();
    let options = lsp::DidChangeWatchedFilesRegistrationOptions::new(watchers);
    let registration = lsp::Registration::new(
        "cairn-watched-files".to_owned(),
        lsp::DidChangeWatchedFilesNotification::METHOD
            .as_str()
            .to_owned(),
        serde_json::to_value(options).ok(),
    );
    Request::new(
        lsp_server::RequestId::from("cairn-watched-files".to_owned()),
        lsp::RegistrationRequest::METHOD.as_str().to_owned(),
        lsp::RegistrationParams::new(vec![registration]),
    )
}

fn server_info() -> lsp::ServerInfo {
    lsp::ServerInfo::new(
        "cairn".to_owned(),
        Some(env!("CARGO_PKG_VERSION").to_owned()),
    )
}

fn capabilities(encoding: Encoding) -> lsp::ServerCapabilities {
    lsp::ServerCapabilities {
        position_encoding: Some(match encoding {
            Encoding::Utf16 => lsp::PositionEncodingKind::UTF16,
            Encoding::Utf32 => lsp::PositionEncodingKind::UTF32,
        }),
        text_document_sync: Some(lsp::TextDocumentSync::Options(
            lsp::TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(lsp::TextDocumentSyncKind::Incremental),
                ..Default::default()
            },
        )),
        completion_provider: Some(lsp::CompletionOptions {
            trigger_characters: Some(vec!["@".to_owned(), ":".to_owned(), " ".to_owned()]),
            ..Default::default()
        }),
        hover_provider: Some(lsp::HoverProvider::Bool(true)),
        definition_provider: Some(lsp::DefinitionProvider::Bool(true)),
        document_symbol_provider: Some(lsp::DocumentSymbolProvider::Bool(true)),
        code_action_provider: Some(lsp::CodeActionProvider::CodeActionOptions(
            lsp::CodeActionOptions {
                code_action_kinds: Some(vec![
                    lsp::CodeActionKind::QuickFix,
                    lsp::CodeActionKind::SourceFixAll,
                    lsp::CodeActionKind::RefactorRewrite,
                ]),
                ..Default::default()
            },
        )),
        ..Default::default()
    }
}

/// An open buffer.
struct Buffer {
    /// The URI the client uses for it.
    uri: lsp::Uri,
    /// The client's version of it.
    version: i32,
    /// Its text.
    text: Text,
    /// The index of its notes repository in [`Server::workspaces`], if it is in one.
    workspace: Option<usize>,
}

/// What an open buffer is to its repository.
enum Kind {
    /// Its `cairn.yaml`.
    Config,
    /// A document, at this root-relative path.
    Document(String),
    /// Anything else (a README, a file outside any repository): no answers.
    Other,
}

struct Server {
    encoding: Encoding,
    /// The day pinned by the client, if it pinned one.
    today: Option<chrono::NaiveDate>,
    workspaces: Vec<Workspace>,
    /// Open buffers by path.
    buffers: BTreeMap<PathBuf, Buffer>,
    /// The diagnostics last sent for each URI, so that only changes are sent.
    published: HashMap<lsp::Uri, Vec<lsp::Diagnostic>>,
    /// Notifications to send once the current message is handled.
    outbox: Vec<Message>,
}

impl Server {
    fn notify(&mut self, notification: Notification) {
        let method = notification.method.as_str();
        if method == lsp::DidOpenTextDocumentNotification::METHOD.as_str() {
            if let Some(params) = parse::<lsp::DidOpenTextDocumentParams>(notification.params) {
                self.open(params.text_document);
            }
        } else if method == lsp::DidChangeTextDocumentNotification::METHOD.as_str() {
            if let Some(params) = parse::<lsp::DidChangeTextDocumentParams>(notification.params) {
                self.change(params);
            }
        } else if method == lsp::DidCloseTextDocumentNotification::METHOD.as_str() {
            if let Some(params) = parse::<lsp::DidCloseTextDocumentParams>(notification.params) {
                self.close(&params.text_document.uri);
            }
        } else if method == lsp::DidChangeWatchedFilesNotification::METHOD.as_str() {
            if let Some(params) = parse::<lsp::DidChangeWatchedFilesParams>(notification.params) {
                self.watched(&params.changes);
            }
        }
    }

    /// Files changed on disk. An open buffer is what the editor shows, so its file is
    /// left to it; any other `cairn.yaml` or note of an open repository is read again.
    fn watched(&mut self, changes: &[lsp::FileEvent]) {
        let mut touched = Vec::new();
        for change in changes {
            let Some(path) = uri::to_path(&change.uri).map(|p| canonical(&p)) else {
                continue;
            };
            if self.buffers.contains_key(&path) {
                continue;
            }
            // The nearest open repository holding it: a repository may lie inside another.
            let Some(index) = (0..self.workspaces.len())
                .filter(|&i| path.starts_with(&self.workspaces[i].root))
                .max_by_key(|&i| self.workspaces[i].root.components().count())
            else {
                continue;
            };
            if self.reread(index, &path) && !touched.contains(&index) {
                touched.push(index);
            }
        }
        for index in touched {
            self.publish(index);
        }
    }

    fn request(&mut self, request: Request) -> Response {
        let id = request.id.clone();
        let method = request.method.as_str();
        let result = if method == lsp::HoverRequest::METHOD.as_str() {
            self.answer(request, Self::hover)
        } else if method == lsp::CompletionRequest::METHOD.as_str() {
            self.answer(request, Self::completion)
        } else if method == lsp::DefinitionRequest::METHOD.as_str() {
            self.answer(request, Self::definition)
        } else if method == lsp::DocumentSymbolRequest::METHOD.as_str() {
            self.answer(request, Self::symbols)
        } else if method == lsp::CodeActionRequest::METHOD.as_str() {
            self.answer(request, Self::code_actions)
        } else {
            return Response::new_err(
                id,
                ErrorCode::MethodNotFound as i32,
                format!("cairn does not answer {method}"),
            );
        };
        match result {
            Ok(value) => Response::new_ok(id, value),
            Err(message) => Response::new_err(id, ErrorCode::InvalidParams as i32, message),
        }
    }

    /// The hover at a position: the findings there, or what the word means.
    fn hover(&mut self, p: lsp::HoverParams) -> Option<lsp::Hover> {
        let at = &p.text_document_position_params;
        self.with_open(&at.text_document.uri, |open, findings, _, _| {
            let offset = open.text.offset(at.position, open.encoding);
            requests::hover(open, findings, offset)
        })
        .flatten()
    }

    /// The completions at a position (none outside an open document).
    fn completion(&mut self, p: lsp::CompletionParams) -> lsp::CompletionResponse {
        let at = &p.text_document_position_params;
        let items = self
            .with_open(&at.text_document.uri, |open, _, _, _| {
                let offset = open.text.offset(at.position, open.encoding);
                requests::completion(open, offset)
            })
            .unwrap_or_default();
        lsp::CompletionResponse::CompletionItemList(items)
    }

    /// Where the thing at a position is defined, in the notes or in cairn.yaml.
    fn definition(&mut self, p: lsp::DefinitionParams) -> Option<lsp::DefinitionResponse> {
        let at = &p.text_document_position_params;
        let config = self.config_text(&at.text_document.uri);
        self.with_open(&at.text_document.uri, |open, _, _, _| {
            let offset = open.text.offset(at.position, open.encoding);
            let config = config.as_ref().map(|(uri, text)| (uri, text));
            requests::definition(open, offset, config)
        })
        .flatten()
        .map(|location| lsp::DefinitionResponse::Definition(location.into()))
    }

    /// The outline of a document (none outside an open document).
    fn symbols(&mut self, p: lsp::DocumentSymbolParams) -> lsp::DocumentSymbolResponse {
        let symbols = self
            .with_open(&p.text_document.uri, |open, _, _, _| {
                requests::symbols(open)
            })
            .unwrap_or_default();
        lsp::DocumentSymbolResponse::DocumentSymbolList(symbols)
    }

    /// The fixes of the findings in a range, then the ways to settle its task items, as
    /// of the server's date.
    fn code_actions(&mut self, p: lsp::CodeActionParams) -> Vec<lsp::CodeActionResponse> {
        let only = p.context.only.as_deref();
        let today = self
            .today
            .unwrap_or_else(|| chrono::Local::now().date_naive());
        let actions = self
            .with_open(&p.text_document.uri, |open, findings, path, templates| {
                let mut actions =
                    requests::code_actions(open, path, findings, p.range, only, templates);
                actions.extend(requests::settle_actions(open, path, p.range, only, today));
                actions
            })
            .unwrap_or_default();
        actions
            .into_iter()
            .map(lsp::CodeActionResponse::CodeAction)
            .collect::<Vec<_>>()
    }

    /// Parses a request's parameters and answers with `f`.
    fn answer<P: DeserializeOwned, R: serde::Serialize>(
        &mut self,
        request: Request,
        f: impl FnOnce(&mut Self, P) -> R,
    ) -> Result<serde_json::Value, String> {
        let params: P = serde_json::from_value(request.params).map_err(|e| e.to_string())?;
        serde_json::to_value(f(self, params)).map_err(|e| e.to_string())
    }

    /// Calls `f` with the open document at `uri`, its findings, its root-relative path
    /// and its repository's templates; `None` when it is not an open document of a
    /// notes repository.
    fn with_open<R>(
        &mut self,
        uri: &lsp::Uri,
        f: impl FnOnce(
            &Open,
            &[crate::domain::diagnostic::Diagnostic],
            &str,
            &mut crate::render::templates::Templates,
        ) -> R,
    ) -> Option<R> {
        let path = canonical(&uri::to_path(uri)?);
        let buffer = self.buffers.get(&path)?;
        let workspace = self.workspaces.get_mut(buffer.workspace?)?;
        let Kind::Document(relative) = kind_of(workspace, &path) else {
            return None;
        };
        let spanning = workspace
            .repository
            .as_ref()
            .map(|repository| rules::spanning(repository, None))
            .unwrap_or_default();
        let findings = workspace.findings(&relative, &spanning);
        let Workspace {
            repository,
            templates,
            ..
        } = workspace;
        let repository = repository.as_ref()?;
        let redacted = redacted(&buffer.text, repository);
        let open = Open {
            uri: &buffer.uri,
            text: &redacted,
            positions: &buffer.text,
            document: repository.document(&relative)?,
            repository,
            encoding: self.encoding,
        };
        Some(f(&open, &findings, &relative, templates))
    }

    /// The URI and text of the `cairn.yaml` of the repository holding `uri`: the open
    /// buffer's, or the file's.
    fn config_text(&self, uri: &lsp::Uri) -> Option<(lsp::Uri, Text)> {
        let path = canonical(&uri::to_path(uri)?);
        let workspace = &self.workspaces[self.buffers.get(&path)?.workspace?];
        let config = workspace.config_path();
        match self.buffers.get(&config) {
            Some(buffer) => Some((buffer.uri.clone(), Text::new(buffer.text.text.clone()))),
            None => Some((
                uri::from_path(&config),
                Text::new(std::fs::read_to_string(&config).ok()?),
            )),
        }
    }

    fn open(&mut self, item: lsp::TextDocumentItem) {
        let Some(path) = uri::to_path(&item.uri).map(|p| canonical(&p)) else {
            return;
        };
        let workspace = self.workspace_for(&path);
        self.buffers.insert(
            path.clone(),
            Buffer {
                uri: item.uri,
                version: item.version,
                text: Text::new(item.text),
                workspace,
            },
        );
        self.changed(&path);
    }

    fn change(&mut self, params: lsp::DidChangeTextDocumentParams) {
        let uri = &params.text_document.text_document_identifier.uri;
        let Some(path) = uri::to_path(uri).map(|p| canonical(&p)) else {
            return;
        };
        let Some(buffer) = self.buffers.get_mut(&path) else {
            return;
        };
        buffer.version = params.text_document.version;
        for change in params.content_changes {
            buffer.text.change(change, self.encoding);
        }
        self.changed(&path);
    }

    fn close(&mut self, uri: &lsp::Uri) {
        let Some(path) = uri::to_path(uri).map(|p| canonical(&p)) else {
            return;
        };
        let Some(buffer) = self.buffers.remove(&path) else {
            return;
        };
        self.send_diagnostics(&buffer.uri, None, Vec::new());
        let Some(index) = buffer.workspace else {
            return;
        };
        self.reread(index, &path);
        self.publish(index);
    }

    /// Reads the file at `path` as it is on disk into workspace `index`: `cairn.yaml`
    /// configures it again, a note replaces its document (or goes, deleted). Whether the
    /// file was either.
    fn reread(&mut self, index: usize, path: &Path) -> bool {
        match kind_of(&self.workspaces[index], path) {
            Kind::Config => {
                let text = std::fs::read_to_string(path).unwrap_or_default();
                self.reconfigure(index, &text);
                true
            }
            Kind::Document(relative) => {
                self.workspaces[index].restore(&relative);
                true
            }
            Kind::Other => false,
        }
    }

    /// A buffer's text changed (or it opened): lay it over its repository, then publish.
    fn changed(&mut self, path: &Path) {
        let Some(index) = self.buffers.get(path).and_then(|b| b.workspace) else {
            return;
        };
        match kind_of(&self.workspaces[index], path) {
            Kind::Config => {
                let text = self.buffers[path].text.text.clone();
                self.reconfigure(index, &text);
            }
            Kind::Document(relative) => {
                let text = &self.buffers[path].text.text;
                self.workspaces[index].overlay(&relative, text);
            }
            Kind::Other => {}
        }
        self.publish(index);
    }

    /// Reads a workspace's `cairn.yaml` from `text`, with its open documents laid over
    /// the files again.
    fn reconfigure(&mut self, index: usize, text: &str) {
        let buffers: Vec<(&Path, &str)> = self
            .buffers
            .iter()
            .filter(|(_, b)| b.workspace == Some(index))
            .map(|(path, b)| (path.as_path(), b.text.text.as_str()))
            .collect();
        self.workspaces[index].reconfigure(text, &buffers);
    }

    /// Sends the diagnostics of every open buffer of a workspace that changed, and of its
    /// `cairn.yaml` (open or not).
    fn publish(&mut self, index: usize) {
        let workspace = &self.workspaces[index];
        let spanning = workspace
            .repository
            .as_ref()
            .map(|repository| rules::spanning(repository, None))
            .unwrap_or_default();
        let mut sends = Vec::new();
        let config_path = workspace.config_path();
        let config_problems =
            |text: &Text| config_diagnostics(&workspace.config_problems, text, self.encoding);
        for (path, buffer) in self
            .buffers
            .iter()
            .filter(|(_, b)| b.workspace == Some(index))
        {
            let diagnostics = match kind_of(workspace, path) {
                Kind::Config => config_problems(&buffer.text),
                Kind::Document(relative) => {
                    document_diagnostics(workspace, &relative, &spanning, buffer, self.encoding)
                }
                Kind::Other => Vec::new(),
            };
            sends.push((buffer.uri.clone(), Some(buffer.version), diagnostics));
        }
        // A broken cairn.yaml that is not open is still told about.
        if !self.buffers.contains_key(&config_path) {
            let uri = uri::from_path(&config_path);
            if !workspace.config_problems.is_empty() || self.published.contains_key(&uri) {
                let text = Text::new(std::fs::read_to_string(&config_path).unwrap_or_default());
                sends.push((uri, None, config_problems(&text)));
            }
        }
        for (uri, version, diagnostics) in sends {
            self.send_diagnostics(&uri, version, diagnostics);
        }
    }

    fn send_diagnostics(
        &mut self,
        uri: &lsp::Uri,
        version: Option<i32>,
        diagnostics: Vec<lsp::Diagnostic>,
    ) {
        // Only changes are sent: nothing for a file that had nothing and has nothing.
        if self
            .published
            .get(uri)
            .map_or(diagnostics.is_empty(), |p| *p == diagnostics)
        {
            return;
        }
        if diagnostics.is_empty() {
            self.published.remove(uri);
        } else {
            self.published.insert(uri.clone(), diagnostics.clone());
        }
        let params = lsp::PublishDiagnosticsParams::new(uri.clone(), version, diagnostics);
        self.outbox.push(Message::Notification(Notification::new(
            lsp::PublishDiagnosticsNotification::METHOD
                .as_str()
                .to_owned(),
            params,
        )));
    }

    /// The notes repository holding `path`, opened the first time a file of it is.
    fn workspace_for(&mut self, path: &Path) -> Option<usize> {
        let root = config::find_root(path.parent()?).ok()?;
        if let Some(i) = self.workspaces.iter().position(|w| w.root == root) {
            return Some(i);
        }
        self.workspaces.push(Workspace::open(root));
        Some(self.workspaces.len() - 1)
    }
}

/// cairn.yaml's problems as the editor shows them, at their places in `text`.
fn config_diagnostics(
    problems: &[ConfigProblem],
    text: &Text,
    encoding: Encoding,
) -> Vec<lsp::Diagnostic> {
    problems
        .iter()
        .map(|problem| {
            let at = text.offset_of(Position {
                line: problem.line,
                column: problem.column,
            });
            lsp::Diagnostic {
                range: text.range(at..at, encoding),
                severity: Some(lsp::DiagnosticSeverity::Error),
                source: Some("cairn".to_owned()),
                message: lsp::Message::String(problem.message.clone()),
                ..Default::default()
            }
        })
        .collect()
}

/// The findings of the open document at `relative` (with the repository-wide ones in
/// `spanning`), placed in its buffer's redacted text; none when the repository does not
/// hold it.
fn document_diagnostics(
    workspace: &Workspace,
    relative: &str,
    spanning: &[Diagnostic],
    buffer: &Buffer,
    encoding: Encoding,
) -> Vec<lsp::Diagnostic> {
    let findings = workspace.findings(relative, spanning);
    match workspace
        .repository
        .as_ref()
        .and_then(|r| r.document(relative))
    {
        Some(document) => {
            let repository = workspace.repository.as_ref().expect("a document");
            let redacted = redacted(&buffer.text, repository);
            let open = Open {
                uri: &buffer.uri,
                text: &redacted,
                positions: &buffer.text,
                document,
                repository,
                encoding,
            };
            findings.iter().map(|f| open.diagnostic(f)).collect()
        }
        None => Vec::new(),
    }
}

/// What the file at `path` is to `workspace`.
fn kind_of(workspace: &Workspace, path: &Path) -> Kind {
    if path == workspace.config_path() {
        Kind::Config
    } else {
        workspace
            .document_path(path)
            .map_or(Kind::Other, Kind::Document)
    }
}

/// `path` with its folder's symbolic links resolved, so that a file reached two ways is
/// one buffer (the file itself may not exist yet).
fn canonical(path: &Path) -> PathBuf {
    match (
        path.parent().and_then(|p| p.canonicalize().ok()),
        path.file_name(),
    ) {
        (Some(folder), Some(name)) => folder.join(name),
        _ => path.to_owned(),
    }
}

fn parse<P: DeserializeOwned>(params: serde_json::Value) -> Option<P> {
    serde_json::from_value(params).ok()
}

#[cfg(test)]
mod tests;

/// A buffer's text with its private notes redacted, as every answer reads it.
fn redacted(text: &Text, repository: &crate::model::repository::Repository) -> Text {
    let redacted =
        crate::model::document::privacy::redact(&text.text, repository.config.private_phrases());
    Text::new(redacted.into_text())
}
