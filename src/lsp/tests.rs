//! Scripted sessions with an in-memory client: what the server sends, as JSON snapshots.

use std::path::Path;
use std::thread::JoinHandle;
use std::time::Duration;

use lsp_server::{Connection, Message, Notification, Request, RequestId};
use serde_json::{json, Value};

const ROSTER: &str = "people:\n  - id: sam-okafor\n    name: Sam Okafor\n    role: Engineering Manager\n  - id: alice-nguyen\n    name: Alice Nguyen\n    role: Senior Engineer\n    manager: sam-okafor\n    since: 2024-03-01\n";

const CONTRACT: &str = "---\ntype: contract\nengineer: alice-nguyen\nmanager: sam-okafor\ndate: 2026-03-20\nstatus: active\nstart: 2026-04-01\nend: 2027-03-31\n---\n\n## Development goal\n\nLead the platform team's cross-team design reviews from proposal to decision.\n\n## Organisational commitment\n\n- [ ] @manager give Alice the lead on the refactor (due 2026-04-15)\n\n## Engineer commitment\n\n- [ ] @engineer write the design document (due 2026-06-30)\n\n## Evidence of success\n\nThe design review ended in a decision.\n\n## Review cadence\n\nQuarterly.\n\n## Limitations\n\nNo promotion promised.\n";

const SECRET: &str = "Alice is interviewing at Globex";

fn where_now() -> String {
    format!("---\ntype: where-now\nengineer: alice-nguyen\nmanager: sam-okafor\ndate: 2026-03-03\nfollow_up: 2026-04-03\ncontract: 2026-03-20-contract.md\n---\n\n## What I heard\n\nEnergised by the migration.\n\n## What we agreed\n\n- [ ] @manager ask about the design reviews (due 2026-04-15)\n- [ ] 😀 @sam-okafr books the room (due 2026-04-20)\n\n## Private notes\n\n{SECRET}; ask @alice-nguyen later.\n")
}

/// A notes repository in a temporary folder.
fn repository() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let people = dir.path().join("people/alice-nguyen");
    std::fs::create_dir_all(&people).unwrap();
    std::fs::write(dir.path().join("cairn.yaml"), ROSTER).unwrap();
    std::fs::write(people.join("2026-03-20-contract.md"), CONTRACT).unwrap();
    std::fs::write(people.join("2026-03-03-where-now.md"), where_now()).unwrap();
    dir
}

/// An editor talking to the server in memory.
struct Client {
    connection: Connection,
    server: Option<JoinHandle<()>>,
    next: i32,
    /// Everything the server sent, for the privacy test.
    received: Vec<Value>,
    root: String,
}

impl Client {
    fn start(root: &Path, utf32: bool) -> Client {
        Client::start_with(root, utf32, json!({}))
    }

    /// An editor that also offers the `workspace` capabilities given.
    fn start_with(root: &Path, utf32: bool, workspace: Value) -> Client {
        let (server, connection) = Connection::memory();
        let thread = std::thread::spawn(move || super::serve(&server).unwrap());
        let root_text = root.canonicalize().unwrap().display().to_string();
        let mut client = Client {
            connection,
            server: Some(thread),
            next: 0,
            received: Vec::new(),
            root: root_text,
        };
        let encodings = if utf32 {
            json!(["utf-32", "utf-16"])
        } else {
            json!(["utf-16"])
        };
        let init = client.request(
            "initialize",
            json!({"processId": null, "rootUri": null, "capabilities": {"general": {"positionEncodings": encodings}, "workspace": workspace}, "initializationOptions": {"today": "2026-06-01"}}),
        );
        assert_eq!(
            init["capabilities"]["positionEncoding"],
            if utf32 { "utf-32" } else { "utf-16" }
        );
        client.notify("initialized", json!({}));
        client
    }

    fn uri(&self, path: &str) -> String {
        format!("file://{}/{path}", self.root)
    }

    fn notify(&mut self, method: &str, params: Value) {
        let message = Notification::new(method.to_owned(), params);
        self.connection.sender.send(message.into()).unwrap();
    }

    /// Sends a request and returns its result; notifications that come first are kept.
    fn request(&mut self, method: &str, params: Value) -> Value {
        self.next += 1;
        let id = RequestId::from(self.next);
        let message = Request::new(id.clone(), method.to_owned(), params);
        self.connection.sender.send(message.into()).unwrap();
        loop {
            let message = self
                .connection
                .receiver
                .recv_timeout(Duration::from_secs(20))
                .expect("the server answers");
            self.received.push(serde_json::to_value(&message).unwrap());
            if let Message::Response(response) = message {
                if response.id == id {
                    return response.response_result.unwrap_or(Value::Null);
                }
            }
        }
    }

    /// The diagnostics published since the last call, by path (the latest for each).
    fn published(&mut self) -> Vec<(String, Value)> {
        // A request after the notifications: everything sent before its answer is here.
        self.request("cairn/sync", json!(null));
        let prefix = format!("file://{}/", self.root);
        let mut found: Vec<(String, Value)> = Vec::new();
        for message in self.received.drain(..) {
            if message["method"] == "textDocument/publishDiagnostics" {
                let uri = message["params"]["uri"].as_str().unwrap().to_owned();
                let path = uri.strip_prefix(&prefix).unwrap_or(&uri).to_owned();
                found.retain(|(p, _)| *p != path);
                found.push((path, message["params"]["diagnostics"].clone()));
            }
        }
        found.sort_by(|a, b| a.0.cmp(&b.0));
        found
    }

    fn open(&mut self, path: &str, text: &str) {
        let uri = self.uri(path);
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}),
        );
    }

    fn replace_all(&mut self, path: &str, version: i32, text: &str) {
        let uri = self.uri(path);
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]}),
        );
    }

    fn at(&mut self, method: &str, path: &str, line: u32, character: u32) -> Value {
        let uri = self.uri(path);
        self.request(
            method,
            json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": character}}),
        )
    }

    /// `value` with the temporary root written as `/repo`.
    fn tidy(&self, value: &Value) -> Value {
        serde_json::from_str(&value.to_string().replace(&self.root, "/repo")).unwrap()
    }

    fn stop(mut self) -> Vec<Value> {
        self.request("shutdown", json!(null));
        self.notify("exit", json!(null));
        self.server.take().unwrap().join().unwrap();
        std::mem::take(&mut self.received)
    }
}

const CONTRACT_PATH: &str = "people/alice-nguyen/2026-03-20-contract.md";
const WHERE_NOW_PATH: &str = "people/alice-nguyen/2026-03-03-where-now.md";

/// The labels of a completion's items.
fn labels(items: &Value) -> Vec<String> {
    items
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["label"].as_str().unwrap().to_owned())
        .collect()
}

/// The 0-based line of the first line of `text` holding `needle`.
fn line_of(text: &str, needle: &str) -> u32 {
    text.lines().position(|l| l.contains(needle)).unwrap() as u32
}

#[test]
fn open_see_findings_fix_with_one_action_then_edit() {
    let repo = repository();
    let mut client = Client::start(repo.path(), false);
    let text = CONTRACT.replace("## Limitations\n\nNo promotion promised.\n", "");
    client.open(CONTRACT_PATH, &text);
    let published = client.published();
    insta::assert_json_snapshot!("open_contract", client.tidy(&json!(published)));

    // The quick fix for the missing section, and "fix all safe".
    let end = text.lines().count() as u32;
    let uri = client.uri(CONTRACT_PATH);
    let actions = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": {"start": {"line": end - 1, "character": 0}, "end": {"line": end - 1, "character": 0}}, "context": {"diagnostics": []}}),
    );
    insta::assert_json_snapshot!("contract_actions", client.tidy(&actions));
    let edit = &actions[0]["edit"]["changes"][&uri][0];
    assert!(edit["newText"].as_str().unwrap().contains("## Limitations"));

    // The editor applies it: what is left is the section to write.
    let mut fixed = text.clone();
    fixed.push_str(edit["newText"].as_str().unwrap());
    client.replace_all(CONTRACT_PATH, 2, &fixed);
    let published = client.published();
    let rules: Vec<&str> = published[0]
        .1
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert_eq!(rules, ["empty-section"]);

    // An incremental edit writes the section: the finding goes.
    let line = line_of(&fixed, "-->") + 1;
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 3}, "contentChanges": [
            {"range": {"start": {"line": line, "character": 0}, "end": {"line": line, "character": 0}}, "text": "No promotion promised.\n"}
        ]}),
    );
    assert_eq!(client.published(), [(CONTRACT_PATH.to_owned(), json!([]))]);
    client.stop();
}

#[test]
fn hover_completion_definition_and_symbols() {
    let repo = repository();
    let mut client = Client::start(repo.path(), false);
    let text = where_now();
    client.open(WHERE_NOW_PATH, &text);
    let manager = line_of(&text, "manager: sam");
    let hover_person = client.at("textDocument/hover", WHERE_NOW_PATH, manager, 11);
    let hover_contract = client.at(
        "textDocument/hover",
        WHERE_NOW_PATH,
        line_of(&text, "contract:"),
        14,
    );
    let typo = line_of(&text, "@sam-okafr");
    let hover_finding = client.at("textDocument/hover", WHERE_NOW_PATH, typo, 10);
    let mention = line_of(&text, "@manager ask");
    let hover_nothing = client.at("textDocument/hover", WHERE_NOW_PATH, mention, 0);
    insta::assert_json_snapshot!(
        "hovers",
        client.tidy(&json!({"person": hover_person, "contract": hover_contract, "finding": hover_finding, "nothing": hover_nothing}))
    );

    // Completion: `@` in the body, a value, a key.
    let edited = text
        .replace("- [ ] @manager ask", "- [ ] @al ask")
        .replace("type: where-now", "type: wh")
        .replace("follow_up: 2026-04-03\n", "follow_up: 2026-04-03\nsum\n");
    client.replace_all(WHERE_NOW_PATH, 2, &edited);
    let at_line = line_of(&edited, "@al ask");
    let people = client.at("textDocument/completion", WHERE_NOW_PATH, at_line, 9);
    let types = client.at(
        "textDocument/completion",
        WHERE_NOW_PATH,
        line_of(&edited, "type: wh"),
        8,
    );
    let keys = client.at(
        "textDocument/completion",
        WHERE_NOW_PATH,
        line_of(&edited, "sum"),
        3,
    );
    assert_eq!(
        labels(&people),
        ["manager", "engineer", "sam-okafor", "alice-nguyen"]
    );
    assert!(labels(&types).contains(&"where-now".to_owned()));
    assert!(
        labels(&keys).contains(&"summary_shared".to_owned()),
        "{:?}",
        labels(&keys)
    );
    assert!(
        !labels(&keys).contains(&"engineer".to_owned()),
        "present keys are not offered"
    );
    insta::assert_json_snapshot!("completion_people", client.tidy(&people));
    client.replace_all(WHERE_NOW_PATH, 3, &text);

    // Definitions: the contract's file, the person's line in cairn.yaml.
    let contract = client.at(
        "textDocument/definition",
        WHERE_NOW_PATH,
        line_of(&text, "contract:"),
        14,
    );
    let person = client.at("textDocument/definition", WHERE_NOW_PATH, mention, 8);
    insta::assert_json_snapshot!(
        "definitions",
        client.tidy(&json!({"contract": contract, "person": person}))
    );

    let uri = client.uri(WHERE_NOW_PATH);
    let symbols = client.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": uri}}),
    );
    insta::assert_json_snapshot!("symbols", client.tidy(&symbols));
    let names = symbols.to_string();
    assert!(
        names.contains("What we agreed") && !names.contains("Private"),
        "{names}"
    );
    client.stop();
}

#[test]
fn a_private_section_is_never_in_anything_the_server_sends() {
    let repo = repository();
    // The private section holds what each feature could carry if it looked there: a task
    // item (symbols), an unknown mention (a finding's message, hover), a relative link to
    // a file that exists (definition), a misspelt required title and a placeholder.
    std::fs::write(repo.path().join("people/alice-nguyen/globex-offer.md"), "x").unwrap();
    let text = format!(
        "{}- [ ] @manager tell Globex we know (due 2026-05-01)\n- [ ] @globex-recruiter calls back\n[the offer](globex-offer.md)\n### What we agred globex\nTODO globex\n",
        where_now()
    );
    let mut client = Client::start(repo.path(), false);
    client.open(WHERE_NOW_PATH, &text);
    let published = client.published();
    let findings = published[0].1.to_string();
    assert!(findings.contains("unknown-person"), "{findings}");
    let leaks = |answer: &Value| {
        let answer = answer.to_string().to_lowercase();
        answer.contains("globex") || answer.contains("interviewing")
    };
    assert!(!leaks(&published[0].1), "{findings}");
    // Every position of every private line, and of the line above them.
    let first = line_of(&text, SECRET);
    let last = text.lines().count() as u32;
    for line in first - 1..last {
        for character in 0..40 {
            for method in [
                "textDocument/hover",
                "textDocument/completion",
                "textDocument/definition",
            ] {
                let answer = client.at(method, WHERE_NOW_PATH, line, character);
                assert!(!leaks(&answer), "{method} at {line}:{character}: {answer}");
            }
        }
    }
    let uri = client.uri(WHERE_NOW_PATH);
    let symbols = client.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": uri}}),
    );
    assert!(
        symbols.to_string().contains("ask about the design reviews"),
        "the public commitment is a symbol: {symbols}"
    );
    assert!(!leaks(&symbols), "{symbols}");
    let actions = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": last, "character": 0}}, "context": {"diagnostics": []}}),
    );
    assert!(!leaks(&actions), "{actions}");
    // The public side answers: a definition on the `contract:` line, a hover on a
    // public mention.
    let contract_line = line_of(&text, "contract: ");
    let definition = client.at("textDocument/definition", WHERE_NOW_PATH, contract_line, 12);
    assert!(
        definition.to_string().contains("contract.md"),
        "{definition}"
    );
    let everything = serde_json::to_string(&client.stop()).unwrap();
    assert!(!leaks(&json!(everything)), "{everything}");
}

/// `cairn.yaml` changed on disk, not in the editor (a `git pull`): the server asked to be
/// told, and a phrase added to `private_sections` there makes its section private at once.
#[test]
fn a_cairn_yaml_changed_on_disk_is_read_again() {
    let repo = repository();
    let salary = where_now().replace(
        "## Private notes\n",
        "## Salary talk\n\nAsked for a raise.\n\n## Private notes\n",
    );
    std::fs::write(repo.path().join(WHERE_NOW_PATH), &salary).unwrap();
    let mut client = Client::start_with(
        repo.path(),
        false,
        json!({"didChangeWatchedFiles": {"dynamicRegistration": true}}),
    );
    client.open(WHERE_NOW_PATH, &salary);
    let symbols = |client: &mut Client| {
        let uri = client.uri(WHERE_NOW_PATH);
        client
            .request(
                "textDocument/documentSymbol",
                json!({"textDocument": {"uri": uri}}),
            )
            .to_string()
    };
    let before = symbols(&mut client);
    assert!(
        before.contains("Salary talk") && before.contains("What I heard"),
        "{before}"
    );
    let registration = client
        .received
        .iter()
        .find(|m| m["method"] == "client/registerCapability")
        .expect("the server asks to watch files")
        .to_string();
    assert!(registration.contains("**/cairn.yaml"), "{registration}");
    std::fs::write(
        repo.path().join("cairn.yaml"),
        format!("{ROSTER}private_sections:\n  - Salary talk\n"),
    )
    .unwrap();
    let config = client.uri("cairn.yaml");
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": config, "type": 2}]}),
    );
    let after = symbols(&mut client);
    assert!(after.contains("What I heard"), "{after}");
    assert!(!after.contains("Salary talk"), "{after}");
    // A client that cannot register is not asked.
    let mut plain = Client::start(repo.path(), false);
    plain.open(WHERE_NOW_PATH, &salary);
    plain.published();
    assert!(!plain
        .received
        .iter()
        .any(|m| m["method"] == "client/registerCapability"));
    plain.stop();
    client.stop();
}

#[test]
fn a_cairn_yaml_changed_on_disk_reaches_the_repository_nearest_to_it() {
    // A second team's notes in a folder of the first's, each with its cairn.yaml.
    let repo = repository();
    let salary = where_now().replace(
        "## Private notes\n",
        "## Salary talk\n\nAsked for a raise.\n\n## Private notes\n",
    );
    let inner = format!("team-b/{WHERE_NOW_PATH}");
    std::fs::create_dir_all(repo.path().join("team-b/people/alice-nguyen")).unwrap();
    std::fs::write(repo.path().join("team-b/cairn.yaml"), ROSTER).unwrap();
    std::fs::write(repo.path().join(&inner), &salary).unwrap();
    let mut client = Client::start_with(
        repo.path(),
        false,
        json!({"didChangeWatchedFiles": {"dynamicRegistration": true}}),
    );
    // The outer repository is opened first.
    client.open(WHERE_NOW_PATH, &where_now());
    client.open(&inner, &salary);
    let symbols = |client: &mut Client| {
        let uri = client.uri(&inner);
        client
            .request(
                "textDocument/documentSymbol",
                json!({"textDocument": {"uri": uri}}),
            )
            .to_string()
    };
    assert!(symbols(&mut client).contains("Salary talk"));
    std::fs::write(
        repo.path().join("team-b/cairn.yaml"),
        format!("{ROSTER}private_sections:\n  - Salary talk\n"),
    )
    .unwrap();
    let config = client.uri("team-b/cairn.yaml");
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": config, "type": 2}]}),
    );
    let after = symbols(&mut client);
    assert!(after.contains("What I heard"), "{after}");
    assert!(!after.contains("Salary talk"), "{after}");
    client.stop();
}

#[test]
fn a_broken_cairn_yaml_is_a_diagnostic_and_the_server_lives_on() {
    let repo = repository();
    let mut client = Client::start(repo.path(), false);
    client.open(CONTRACT_PATH, CONTRACT);
    client.open("cairn.yaml", ROSTER);
    assert_eq!(client.published(), [], "nothing to say about either");
    let broken = ROSTER.replace(
        "    manager: sam-okafor\n",
        "    manager: sam-okafor\ncadence:\n  annual_months: 12\n  - id: ben\n",
    );
    client.replace_all("cairn.yaml", 2, &broken);
    let published = client.published();
    insta::assert_json_snapshot!("broken_config", client.tidy(&json!(published)));
    // Still answering.
    let hover = client.at("textDocument/hover", CONTRACT_PATH, 3, 10);
    assert!(hover.to_string().contains("Sam Okafor"), "{hover}");
    // Mended: a person renamed in the roster is now unknown in the contract.
    let renamed = ROSTER.replace("sam-okafor", "sam-o");
    client.replace_all("cairn.yaml", 3, &renamed);
    let published = client.published();
    let config = published.iter().find(|(p, _)| p == "cairn.yaml").unwrap();
    assert_eq!(config.1, json!([]));
    let contract = published.iter().find(|(p, _)| p == CONTRACT_PATH).unwrap();
    assert!(
        contract.1.to_string().contains("unknown-person"),
        "{}",
        contract.1
    );
    client.stop();
}

/// A hover on an `@id` in the body names the person only where the rules read a mention:
/// not in a package scope or an e-mail address.
#[test]
fn a_hover_on_a_mention_reads_it_as_the_rules_do() {
    let repo = repository();
    let text = CONTRACT.replace(
        "No promotion promised.",
        "Ask @sam-okafor; the @alice-nguyen/tools package; mail sam@alice-nguyen.example.",
    );
    let mut client = Client::start(repo.path(), false);
    client.open(CONTRACT_PATH, &text);
    let line = line_of(&text, "Ask @sam-okafor");
    let hover = |client: &mut Client, needle: &str| {
        let line_text = text.lines().nth(line as usize).unwrap();
        let character = line_text.find(needle).unwrap() as u32 + 2;
        client.at("textDocument/hover", CONTRACT_PATH, line, character)
    };
    let mention = hover(&mut client, "@sam-okafor");
    assert!(mention.to_string().contains("Sam Okafor"), "{mention}");
    for not_a_mention in ["@alice-nguyen/tools", "@alice-nguyen.example"] {
        let answer = hover(&mut client, not_a_mention);
        assert!(
            !answer.to_string().contains("Alice Nguyen"),
            "{not_a_mention}: {answer}"
        );
    }
    client.stop();
}

const FRAMEWORK: &str = "levels: [engineer, senior-engineer, staff-engineer]\ncapabilities:\n  - id: technical-leadership\n    name: Technical leadership\n    area: Leadership\n    levels:\n      senior-engineer: Leads the design of a service within one team.\n      staff-engineer: Leads cross-team technical initiatives independently.\n  - id: delivery\n    name: Delivery\n    levels:\n      senior-engineer: Delivers what the team commits to.\n";

/// Capability ids complete in a contract's `capabilities`, in its flow form and its
/// block form, and a hover on one shows its name and each level's text
/// (docs/frameworks.md).
#[test]
fn capability_ids_complete_in_capabilities_and_show_their_levels_on_hover() {
    let repo = repository();
    std::fs::write(
        repo.path().join("cairn.yaml"),
        format!("{ROSTER}framework: capabilities.yaml\n"),
    )
    .unwrap();
    std::fs::write(repo.path().join("capabilities.yaml"), FRAMEWORK).unwrap();
    let mut client = Client::start(repo.path(), false);

    // The flow form: after `[` and after `, `, replacing only what is typed.
    let flow = CONTRACT.replace(
        "status: active\n",
        "status: active\ncapabilities: [delivery, tech]\n",
    );
    client.open(CONTRACT_PATH, &flow);
    let line = line_of(&flow, "capabilities:");
    let after_comma = client.at("textDocument/completion", CONTRACT_PATH, line, 29);
    assert_eq!(labels(&after_comma), ["technical-leadership", "delivery"]);
    insta::assert_json_snapshot!("completion_capabilities", client.tidy(&after_comma));
    let after_bracket = client.at("textDocument/completion", CONTRACT_PATH, line, 15);
    assert_eq!(labels(&after_bracket), ["technical-leadership", "delivery"]);
    // Not on the key itself, nor on another key's value.
    let on_key = client.at("textDocument/completion", CONTRACT_PATH, line, 5);
    assert!(!labels(&on_key).contains(&"delivery".to_owned()));
    let status = client.at(
        "textDocument/completion",
        CONTRACT_PATH,
        line_of(&flow, "status:"),
        14,
    );
    assert!(!labels(&status).contains(&"delivery".to_owned()));

    // A hover on an id: its name, area and each level's text.
    let hover = client.at("textDocument/hover", CONTRACT_PATH, line, 18);
    insta::assert_json_snapshot!("hover_capability", client.tidy(&hover));
    assert!(
        hover["contents"]["value"]
            .as_str()
            .unwrap()
            .starts_with("**Delivery** (`delivery`)"),
        "{hover}"
    );

    // The block form: an item being typed, and a hover on a written item.
    let block = CONTRACT.replace(
        "status: active\n",
        "status: active\ncapabilities:\n  - technical-leadership\n  - de\n",
    );
    client.replace_all(CONTRACT_PATH, 2, &block);
    let item = line_of(&block, "  - de");
    let typed = client.at("textDocument/completion", CONTRACT_PATH, item, 6);
    assert_eq!(labels(&typed), ["technical-leadership", "delivery"]);
    assert_eq!(
        typed[1]["textEdit"]["range"],
        json!({"start": {"line": item, "character": 4}, "end": {"line": item, "character": 6}})
    );
    let hover = client.at(
        "textDocument/hover",
        CONTRACT_PATH,
        line_of(&block, "  - technical-leadership"),
        8,
    );
    let card = hover["contents"]["value"].as_str().unwrap();
    assert!(
        card.contains("**Technical leadership** (`technical-leadership`), Leadership")
            && card
                .contains("- **senior-engineer**: Leads the design of a service within one team.")
            && card.contains(
                "- **staff-engineer**: Leads cross-team technical initiatives independently."
            ),
        "{card}"
    );
    client.stop();
}

/// A `cairn.yaml` broken when the server starts, then mended: the open buffers' unsaved
/// text is what is checked, not the files on disk.
#[test]
fn mending_a_cairn_yaml_broken_from_the_start_keeps_the_unsaved_buffers() {
    let repo = repository();
    let broken = ROSTER.replace("people:", "peple:");
    std::fs::write(repo.path().join("cairn.yaml"), &broken).unwrap();
    let mut client = Client::start(repo.path(), false);
    client.open("cairn.yaml", &broken);
    // Unsaved: the Limitations hold only a placeholder now; on disk they are written.
    let unsaved = CONTRACT.replace("No promotion promised.", "TODO");
    client.open(CONTRACT_PATH, &unsaved);
    client.published();
    client.replace_all("cairn.yaml", 2, ROSTER);
    let published = client.published();
    let contract = published.iter().find(|(p, _)| p == CONTRACT_PATH).unwrap();
    assert!(
        contract.1.to_string().contains("Limitations"),
        "the buffer's empty section is found: {}",
        contract.1
    );
    client.stop();
}

#[test]
fn positions_through_crlf_and_characters_outside_the_bmp_in_utf16_and_utf32() {
    let repo = repository();
    let text = where_now().replace('\n', "\r\n");
    let mut ranges = Vec::new();
    for utf32 in [false, true] {
        let mut client = Client::start(repo.path(), utf32);
        client.open(WHERE_NOW_PATH, &text);
        let published = client.published();
        let typo = published[0]
            .1
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["code"] == "unknown-person")
            .unwrap()
            .clone();
        ranges.push(typo["range"].clone());
        client.stop();
    }
    let line = line_of(&where_now(), "@sam-okafr");
    // `- [ ] 😀 @sam-okafr`: the mention starts after 8 UTF-16 units, or 7 characters.
    assert_eq!(ranges[0]["start"], json!({"line": line, "character": 9}));
    assert_eq!(ranges[1]["start"], json!({"line": line, "character": 8}));
}

#[test]
fn outside_a_notes_repository_nothing_is_published() {
    let dir = tempfile::tempdir().unwrap();
    let mut client = Client::start(dir.path(), false);
    client.open("notes.md", "---\ntype: nonsense\n---\n");
    assert_eq!(client.published(), Vec::<(String, Value)>::new());
    assert_eq!(
        client.at("textDocument/hover", "notes.md", 1, 3),
        Value::Null
    );
    client.stop();
}

#[test]
fn the_server_never_writes_a_file() {
    let repo = repository();
    let files = |dir: &Path| {
        let mut found = Vec::new();
        let mut stack = vec![dir.to_owned()];
        while let Some(folder) = stack.pop() {
            for entry in std::fs::read_dir(folder).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                } else {
                    let bytes = std::fs::read(&path).unwrap();
                    found.push((path, bytes));
                }
            }
        }
        found.sort();
        found
    };
    let before = files(repo.path());
    let mut client = Client::start(repo.path(), false);
    let text = CONTRACT.replace("## Limitations\n\nNo promotion promised.\n", "");
    client.open(CONTRACT_PATH, &text);
    let uri = client.uri(CONTRACT_PATH);
    let actions = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 40, "character": 0}}, "context": {"diagnostics": []}}),
    );
    assert!(
        !actions.as_array().unwrap().is_empty(),
        "fixes were offered"
    );
    client.replace_all(CONTRACT_PATH, 2, "---\ntype: contract\n---\n");
    client.open("cairn.yaml", ROSTER);
    client.replace_all("cairn.yaml", 2, "people: [");
    client.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": uri}}),
    );
    client.published();
    client.stop();
    assert_eq!(
        files(repo.path()),
        before,
        "the files are as they were, and no file was added"
    );
}

#[test]
fn an_open_task_item_can_be_marked_done_or_withdrawn_today() {
    let repo = repository();
    let mut client = Client::start(repo.path(), false);
    let text = String::from(
        "---\ntype: where-now\nengineer: alice-nguyen\nmanager: sam-okafor\ndate: 2026-03-03\nfollow_up: 2026-04-03\n---\n\n## What I heard\n\nEnergised.\n\n## What we agreed\n\n- [ ] @manager book the design review (due 2026-06-30)\n- [x] @engineer already done (done 2026-05-01)\n\n## Private notes\n\n- [ ] @manager SECRET-settle ask HR\n"
    );
    client.open(WHERE_NOW_PATH, &text);
    let uri = client.uri(WHERE_NOW_PATH);
    let line = line_of(&text, "book the design review");
    let actions_on = |client: &mut Client, line: u32| {
        client.request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": uri}, "range": {"start": {"line": line, "character": 0}, "end": {"line": line, "character": 0}}, "context": {"diagnostics": []}}),
        )
    };
    let actions = actions_on(&mut client, line);
    let titles: Vec<&str> = actions
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["title"].as_str().unwrap())
        .collect();
    assert_eq!(
        titles,
        [
            "Mark done today (2026-06-01)",
            "Withdraw by agreement today (2026-06-01); add the reason after the date"
        ]
    );
    let edits: Vec<&str> = actions[0]["edit"]["changes"][&uri]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["newText"].as_str().unwrap())
        .collect();
    assert_eq!(
        edits.concat(),
        "- [x] @manager book the design review (due 2026-06-30) (done 2026-06-01)\n",
        "{actions}"
    );
    let withdraw = actions[1]["edit"]["changes"][&uri].to_string();
    assert!(withdraw.contains("(withdrawn 2026-06-01)"), "{withdraw}");
    // A done item and a line of private notes get no such action.
    for line in [
        line_of(&text, "already done"),
        line_of(&text, "SECRET-settle"),
    ] {
        let actions = actions_on(&mut client, line);
        assert!(
            actions
                .as_array()
                .unwrap()
                .iter()
                .all(|a| a["kind"] != "refactor.rewrite"),
            "{actions}"
        );
    }
    client.stop();
}
