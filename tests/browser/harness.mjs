// Shared by the browser tests: the real kefu server and a headless Chromium from the system.
// Never downloads a browser: playwright-core drives Debian's /usr/bin/chromium.

import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const KEFU = process.env.KEFU_BIN || path.join(ROOT, "target/release/kefu");
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";

/**
 * Starts `kefu serve` on a free port with a fresh data directory (or the one given, to
 * restart on the same data), with any further `args` (e.g. `--demo-user`), and resolves
 * once its log says where it listens.
 */
export async function startServer({ dataDir, bind = "127.0.0.1:0", args = [] } = {}) {
  const dir = dataDir || fs.mkdtempSync(path.join(os.tmpdir(), "kefu-browser-data-"));
  const child = spawn(KEFU, ["serve", "--bind", bind, "--data-dir", dir, ...args], {
    cwd: ROOT,
    env: { ...process.env, KEFU_LOG: process.env.KEFU_LOG || "info", NO_COLOR: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`kefu serve did not start in 120 s:\n${log}`)), 120_000);
    const onData = (chunk) => {
      log += chunk;
      const m = log.match(/kefu listening on (http:\/\/[0-9.]+:\d+)/);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`kefu serve exited with ${code} before listening:\n${log}`));
    });
  });
  const exited = new Promise((resolve) => child.on("exit", resolve));
  return {
    url,
    dataDir: dir,
    log: () => log,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGTERM");
        const killer = setTimeout(() => child.kill("SIGKILL"), 15_000);
        await exited;
        clearTimeout(killer);
      }
    },
  };
}

/** A headless Chromium with a fresh profile; `close()` removes the profile. */
export async function launchBrowser(viewport = { width: 1100, height: 760 }) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "kefu-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  const page = context.pages()[0] || (await context.newPage());
  const problems = [];
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("dialog", (d) => {
    problems.push(`unexpected dialog: ${d.message()}`);
    d.dismiss();
  });
  return {
    context,
    page,
    problems,
    async close() {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Every JSON frame the page's sockets send and receive, pushed onto `sent` and
 *  `received` as they pass. */
export function recordFrames(page, sent, received) {
  page.on("websocket", (ws) => {
    ws.on("framesent", (f) => sent.push(JSON.parse(f.payload)));
    ws.on("framereceived", (f) => received.push(JSON.parse(f.payload)));
  });
}

/** The widget's parts, found the way a screen-reader user would find them. */
export function widget(page) {
  return {
    launcher: page.getByRole("button", { name: "Chat with the shop assistant" }),
    panel: page.getByRole("dialog", { name: "Shop assistant" }),
    input: page.getByLabel("Type your message"),
    log: page.getByRole("log"),
    messages: page.locator("#kefu-widget .msg"),
    // What the shopper sent (the bot's answers may quote the same words).
    sent: page.locator("#kefu-widget .msg.user"),
    notices: page.locator("#kefu-widget .notice"),
    cards: page.locator("#kefu-widget .card"),
  };
}
