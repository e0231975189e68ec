//! The language server's latency (SPEC 3.4): starts `cairn lsp` on a generated
//! repository, opens a contract, then makes 100 edits (a `TODO` typed into a section, then
//! taken out again, so that each edit changes the findings) and times each, from sending
//! the `didChange` to receiving the `publishDiagnostics` for it. Prints the median and the
//! worst, in milliseconds.
//!
//! cargo run --release --example lsp_latency -- CAIRN_BINARY REPOSITORY

// A measuring tool of the project, not the binary: its own messages quote nothing from
// a notes repository.
#![allow(clippy::disallowed_macros)]
// A benchmark tool: a failure is a panic with its message.
#![allow(clippy::unwrap_used)]

use std::io::{BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use lsp_server::{Message, Notification, Request, RequestId};
use serde_json::json;

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(binary), Some(root)) = (args.next(), args.next()) else {
        eprintln!("usage: lsp_latency CAIRN_BINARY REPOSITORY");
        std::process::exit(2);
    };
    let root = PathBuf::from(root)
        .canonicalize()
        .expect("the repository exists");
    let contract = find_contract(&root).expect("a contract in the repository");
    let text = std::fs::read_to_string(&contract).unwrap();
    let uri = format!("file://{}", contract.display());

    let mut server = Command::new(binary)
        .arg("lsp")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("cairn lsp starts");
    let mut input = server.stdin.take().unwrap();
    let mut output = BufReader::new(server.stdout.take().unwrap());
    let mut send = |message: Message| {
        message.write(&mut input).unwrap();
        input.flush().unwrap();
    };

    let started = Instant::now();
    send(
        Request::new(
            RequestId::from(1),
            "initialize".to_owned(),
            json!({"processId": null, "rootUri": null, "capabilities": {}}),
        )
        .into(),
    );
    wait_for(&mut output, |m| matches!(m, Message::Response(_)));
    send(Notification::new("initialized".to_owned(), json!({})).into());
    send(Notification::new("textDocument/didOpen".to_owned(), json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 0, "text": text}})).into());
    // The first answer reads the whole repository; a request after the opening says when
    // it is done (a clean contract gets no diagnostics to wait for).
    send(
        Request::new(
            RequestId::from(3),
            "textDocument/documentSymbol".to_owned(),
            json!({"textDocument": {"uri": uri}}),
        )
        .into(),
    );
    wait_for(&mut output, |m| matches!(m, Message::Response(_)));
    let opened = started.elapsed();

    // The line after the first required section's heading: a TODO there is a finding.
    let line = text
        .lines()
        .position(|l| l.starts_with("## "))
        .expect("a section")
        + 2;
    let mut times = Vec::new();
    for version in 1..=100 {
        let change = if version % 2 == 1 {
            json!({"range": {"start": {"line": line, "character": 0}, "end": {"line": line, "character": 0}}, "text": "TODO "})
        } else {
            json!({"range": {"start": {"line": line, "character": 0}, "end": {"line": line, "character": 5}}, "text": ""})
        };
        let began = Instant::now();
        send(Notification::new("textDocument/didChange".to_owned(), json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [change]})).into());
        wait_for(&mut output, |m| is_diagnostics_for(m, &uri));
        times.push(began.elapsed());
    }
    send(Request::new(RequestId::from(2), "shutdown".to_owned(), json!(null)).into());
    wait_for(&mut output, |m| matches!(m, Message::Response(_)));
    send(Notification::new("exit".to_owned(), json!(null)).into());
    let _ = server.wait();

    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "open {:.0} ms, edit median {:.2} ms, worst {:.2} ms (100 edits)",
        ms(opened),
        ms(times[times.len() / 2]),
        ms(times[times.len() - 1])
    );
}

fn wait_for(output: &mut BufReader<std::process::ChildStdout>, done: impl Fn(&Message) -> bool) {
    loop {
        let message = Message::read(output)
            .expect("the server's output is readable")
            .expect("the server is running");
        if done(&message) {
            return;
        }
    }
}

fn is_diagnostics_for(message: &Message, uri: &str) -> bool {
    matches!(message, Message::Notification(n)
        if n.method == "textDocument/publishDiagnostics" && n.params["uri"] == uri)
}

/// The first contract under `root`, in path order.
fn find_contract(root: &Path) -> Option<PathBuf> {
    let mut stack = vec![root.to_owned()];
    let mut found = Vec::new();
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).ok()?.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.to_string_lossy().contains("-contract") {
                found.push(path);
            }
        }
    }
    found.sort();
    found.into_iter().next()
}
