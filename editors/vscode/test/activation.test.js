// Tests of the extension's activation code, run with Node's own test runner:
//
//     node --test editors/vscode/test
//
// Neither `vscode` (which exists only inside VS Code) nor
// `vscode-languageclient` (which needs `npm install`) is loaded: requiring
// them returns the fakes below, so the tests run offline with Node alone.
"use strict";

const assert = require("node:assert/strict");
const Module = require("node:module");
const path = require("node:path");
const { afterEach, test } = require("node:test");

const EXTENSION = path.join(__dirname, "..", "extension.js");

// What the current test's fakes hand out and record; reset by loadExtension().
let fakes;

// Serve the fakes for the two modules extension.js requires. Module._load is
// what every require() goes through, so this works without the packages
// being installed.
const realLoad = Module._load;
Module._load = function load(request, parent, isMain) {
  if (request === "vscode") return fakes.vscode;
  if (request === "vscode-languageclient/node") return fakes.languageClient;
  return realLoad.call(this, request, parent, isMain);
};

// A stand-in for vscode-languageclient's LanguageClient. Like the real one,
// it takes a moment to start and stop (here: a turn of the event loop) and
// refuses to stop unless it is running. It counts starts while another
// server still runs: two servers would publish every diagnostic twice.
class FakeLanguageClient {
  constructor(id, name, serverOptions, clientOptions) {
    Object.assign(this, { id, name, serverOptions, clientOptions });
    this.state = "initial";
    fakes.clients.push(this);
  }

  async start() {
    if (fakes.clients.some((other) => other !== this && LIVE.has(other.state))) {
      fakes.overlaps += 1;
    }
    this.state = "starting";
    await tick();
    if (fakes.startFails) {
      this.state = "startFailed";
      throw new Error("Launching server using command cairn failed.");
    }
    this.state = "running";
  }

  async stop() {
    if (this.state !== "running") {
      throw new Error(`Client is not running and can't be stopped (${this.state}).`);
    }
    this.state = "stopping";
    await tick();
    this.state = "stopped";
  }
}

const LIVE = new Set(["starting", "running", "stopping"]);

function tick() {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * A fresh copy of extension.js (its module state included) over fresh fakes.
 * `settings` are the user's settings, keyed "section.name".
 */
function loadExtension(settings = {}) {
  const configListeners = [];
  fakes = {
    clients: [],
    overlaps: 0,
    errors: [],
    startFails: false,
    settings,
    configListeners,
    languageClient: { LanguageClient: FakeLanguageClient },
    vscode: {
      workspace: {
        getConfiguration: (section) => ({
          get: (name, fallback) => {
            const value = fakes.settings[`${section}.${name}`];
            return value === undefined ? fallback : value;
          },
        }),
        onDidChangeConfiguration: (listener) => {
          configListeners.push(listener);
          return { dispose: () => configListeners.splice(configListeners.indexOf(listener), 1) };
        },
      },
      window: {
        createOutputChannel: (name) => ({ name, appendLine() {}, dispose() {} }),
        showErrorMessage: (message) => {
          fakes.errors.push(message);
          return Promise.resolve(undefined);
        },
      },
    },
  };
  delete require.cache[EXTENSION];
  return require(EXTENSION);
}

/** What VS Code hands to activate(). */
function fakeContext() {
  return { subscriptions: [] };
}

/** Tell the extension that the given settings changed, as VS Code does. */
async function changeSettings(changes) {
  Object.assign(fakes.settings, changes);
  const changed = Object.keys(changes);
  const event = {
    affectsConfiguration: (section) =>
      changed.some((key) => key === section || key.startsWith(`${section}.`)),
  };
  // The extension's listener returns the restart it queued, if any.
  await Promise.all(fakes.configListeners.map((listener) => listener(event)));
}

afterEach(() => {
  fakes = undefined;
});

test("activation starts `cairn lsp` from the PATH by default", async () => {
  const extension = loadExtension();
  await extension.activate(fakeContext());

  assert.equal(fakes.clients.length, 1);
  const [client] = fakes.clients;
  const expected = { command: "cairn", args: ["lsp"] };
  assert.deepEqual(client.serverOptions, { run: expected, debug: expected });
  assert.equal(client.id, "cairn");
  assert.equal(client.state, "running");
});

test("activation uses the `cairn.path` setting when it is set", async () => {
  const extension = loadExtension({ "cairn.path": "/opt/cairn/bin/cairn" });
  await extension.activate(fakeContext());

  const [client] = fakes.clients;
  assert.equal(client.serverOptions.run.command, "/opt/cairn/bin/cairn");
  assert.deepEqual(client.serverOptions.run.args, ["lsp"]);
  assert.deepEqual(client.serverOptions.debug, client.serverOptions.run);
});

test("an empty `cairn.path` falls back to `cairn`", async () => {
  const extension = loadExtension({ "cairn.path": "  " });
  await extension.activate(fakeContext());

  assert.equal(fakes.clients[0].serverOptions.run.command, "cairn");
});

test("the client selects Markdown files and cairn.yaml on disk", async () => {
  const extension = loadExtension();
  await extension.activate(fakeContext());

  assert.deepEqual(fakes.clients[0].clientOptions.documentSelector, [
    { scheme: "file", language: "markdown" },
    { scheme: "file", pattern: "**/cairn.yaml" },
  ]);
});

test("activation registers disposables, and disposing them stops the server", async () => {
  const extension = loadExtension();
  const context = fakeContext();
  await extension.activate(context);

  assert.ok(context.subscriptions.length > 0);
  for (const subscription of context.subscriptions) {
    assert.equal(typeof subscription.dispose, "function");
  }
  // VS Code disposes the subscriptions when the extension is disabled.
  await Promise.all(context.subscriptions.map((subscription) => subscription.dispose()));
  assert.equal(fakes.clients[0].state, "stopped");
});

test("deactivate stops the client", async () => {
  const extension = loadExtension();
  await extension.activate(fakeContext());
  await extension.deactivate();

  assert.equal(fakes.clients[0].state, "stopped");
});

test("changing `cairn.path` restarts the server with the new command", async () => {
  const extension = loadExtension();
  await extension.activate(fakeContext());

  await changeSettings({ "editor.fontSize": 14 });
  assert.equal(fakes.clients.length, 1, "an unrelated setting restarts nothing");

  await changeSettings({ "cairn.path": "/home/me/.cargo/bin/cairn" });
  assert.equal(fakes.clients.length, 2);
  const [old, current] = fakes.clients;
  assert.equal(old.state, "stopped");
  assert.equal(current.state, "running");
  assert.equal(current.serverOptions.run.command, "/home/me/.cargo/bin/cairn");
  assert.equal(fakes.overlaps, 0, "the new server starts after the old one stopped");
  // The output panel is shared, not one more per restart.
  assert.equal(current.clientOptions.outputChannel.name, "cairn");
  assert.equal(current.clientOptions.outputChannel, old.clientOptions.outputChannel);

  await extension.deactivate();
  assert.equal(current.state, "stopped");
});

test("a server that cannot start says how to fix it and leaves activation working", async () => {
  const extension = loadExtension({ "cairn.path": "/no/such/cairn" });
  fakes.startFails = true;
  await extension.activate(fakeContext()); // does not reject

  assert.equal(fakes.errors.length, 1);
  assert.match(fakes.errors[0], /\/no\/such\/cairn lsp/);
  assert.match(fakes.errors[0], /cairn\.path/);

  // Fixing the setting starts a server without reloading the window.
  fakes.startFails = false;
  await changeSettings({ "cairn.path": "cairn" });
  assert.equal(fakes.clients.at(-1).state, "running");

  await extension.deactivate(); // the failed client is not stopped twice
  assert.equal(fakes.clients.at(-1).state, "stopped");
});
