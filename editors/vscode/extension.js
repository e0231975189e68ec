// The cairn extension for VS Code: it starts `cairn lsp` and lets
// vscode-languageclient speak the Language Server Protocol with it.
//
// Every feature (diagnostics, quick fixes, hover, completion, go to
// definition, document symbols) lives in the server, so VS Code, Neovim,
// Helix and Zed behave alike and this file only has to start and stop it.
// Nothing here touches the network: no binary download, no telemetry.
"use strict";

const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

/** The current client (running, or failed to start), if any. */
let client;
/** One "cairn" output panel for every client, so a restart does not add another. */
let outputChannel;
/**
 * Starting and stopping take time, so they run one after another: a restart
 * never has two servers running at once, and a quick second change of
 * `cairn.path` never meets a client that is still starting (which
 * vscode-languageclient refuses to stop).
 */
let queue = Promise.resolve();

function enqueue(step) {
  queue = queue.then(step);
  return queue;
}

/** The program to run: the `cairn.path` setting, else `cairn` from the PATH. */
function serverCommand() {
  const setting = vscode.workspace.getConfiguration("cairn").get("path", "cairn");
  return (typeof setting === "string" && setting.trim()) || "cairn";
}

async function startClient() {
  const command = serverCommand();
  const server = { command, args: ["lsp"] };
  client = new LanguageClient(
    // The id also names the `cairn.trace.server` setting the client reads.
    "cairn",
    "cairn",
    { run: server, debug: server },
    {
      // Only files on disk: cairn finds a document's repository (the folder
      // with `cairn.yaml`) from its path. `cairn.yaml` itself is included so
      // its diagnostics show and editing it re-checks the notes.
      documentSelector: [
        { scheme: "file", language: "markdown" },
        { scheme: "file", pattern: "**/cairn.yaml" },
      ],
      outputChannel,
    },
  );
  try {
    await client.start();
  } catch {
    // The client has logged why in the output panel and said that it failed;
    // this says what to do about it. Not awaited: the promise settles only
    // when the message is dismissed.
    void vscode.window.showErrorMessage(
      `cairn: could not start \`${command} lsp\`. Install cairn ` +
        "(`cargo install --path .` in the cairn repository) or set `cairn.path`.",
    );
  }
}

async function stopClient() {
  const running = client;
  client = undefined;
  // stop() rejects when the client is not running (`cairn` could not be
  // started) or the server did not stop in time (the client logs that).
  // Either way there is nothing more to do, and the queue must go on.
  if (running) {
    await running.stop().catch(() => {});
  }
}

function activate(context) {
  outputChannel = vscode.window.createOutputChannel("cairn");
  context.subscriptions.push(
    // The server stops with the extension. (VS Code calls deactivate() as
    // well; whichever comes second finds nothing left to stop.)
    { dispose: () => deactivate() },
    // A new `cairn.path` takes effect at once, without reloading the window.
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration("cairn.path")) {
        enqueue(stopClient);
        return enqueue(startClient); // VS Code ignores it; the tests await it
      }
      return undefined;
    }),
    outputChannel,
  );
  return enqueue(startClient);
}

function deactivate() {
  return enqueue(stopClient);
}

module.exports = { activate, deactivate };
