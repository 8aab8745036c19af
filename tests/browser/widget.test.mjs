// The widget in a real browser against the real server: what works whether or not the
// dialogue engine answers (page, keyboard, labels, safe text, errors, history, reconnect).
// Replies with product cards are covered by conversation.test.mjs.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import zlib from "node:zlib";
import { startServer, launchBrowser, widget } from "./harness.mjs";

let server;
let browser;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/** The id of the focused element inside the widget's shadow root, if focus is there. */
const focusedInWidget = (page) =>
  page.evaluate(() => {
    const root = document.querySelector("#kefu-widget")?.shadowRoot;
    const el = root?.activeElement;
    return el ? el.id || el.className : null;
  });

test("the widget is one small script the server hands out", async () => {
  const res = await fetch(server.url + "/kefu-widget.js");
  assert.equal(res.status, 200);
  assert.match(res.headers.get("content-type"), /javascript/);
  const body = Buffer.from(await res.arrayBuffer());
  const gzipped = zlib.gzipSync(body, { level: 9 }).length;
  assert.ok(gzipped < 40 * 1024, `${gzipped} bytes gzipped; the budget is 40 KiB`);
});

test("the demo page shows the server's catalogue (or says it is unavailable) and carries the widget", async () => {
  const { page } = browser;
  const res = await page.goto(server.url + "/");
  assert.equal(res.status(), 200);
  assert.equal(await page.title(), "kefu demo shop");

  const api = await fetch(server.url + "/api/products");
  if (api.ok) {
    const body = await api.json();
    const products = Array.isArray(body) ? body : body.products || body.items;
    await page.locator("#catalogue .product").first().waitFor();
    const names = await page.locator("#catalogue .product h2").allTextContents();
    assert.deepEqual(names, products.map((p) => String(p.name)));
  } else {
    const state = page.locator("#catalogue-state");
    await page.waitForFunction(() => document.getElementById("catalogue").getAttribute("aria-busy") === "false");
    assert.match(await state.textContent(), /catalogue is unavailable/i);
    assert.equal(await page.locator("#catalogue .product").count(), 0);
  }
  const w = widget(page);
  assert.ok(await w.launcher.isVisible());
  assert.equal(await w.launcher.getAttribute("aria-expanded"), "false");
  assert.equal(await w.panel.isVisible(), false);
});

test("the widget opens and closes from the keyboard, with focus where a keyboard user expects it", async () => {
  const { page } = browser;
  const w = widget(page);
  await w.launcher.focus();
  await page.keyboard.press("Enter");
  await w.panel.waitFor({ state: "visible" });
  assert.equal(await w.launcher.getAttribute("aria-expanded"), "true");
  assert.equal(await focusedInWidget(page), "kefu-input", "typing can start at once");

  await page.keyboard.press("Escape");
  await w.panel.waitFor({ state: "hidden" });
  assert.equal(await w.launcher.getAttribute("aria-expanded"), "false");
  assert.equal(await focusedInWidget(page), "launcher", "focus returns to the launcher");

  await page.keyboard.press("Enter");
  await w.panel.waitFor({ state: "visible" });
});

test("new messages are announced: a polite live log, a labelled input, a named dialog", async () => {
  const { page } = browser;
  const w = widget(page);
  assert.equal(await w.log.getAttribute("aria-live"), "polite");
  assert.equal(await w.input.getAttribute("id"), "kefu-input");
  assert.ok(await page.getByRole("button", { name: "Send" }).isVisible());
  assert.ok(await page.getByRole("button", { name: "Close chat" }).isVisible());
});

const HOSTILE = `<img src=x onerror="window.__pwned=1"><b>red</b> shoes`;

test("what the shopper types reaches the server; the answer or the error is shown, as text", async () => {
  const { page, problems } = browser;
  const w = widget(page);
  await w.input.fill(HOSTILE);
  await page.keyboard.press("Enter");

  const mine = w.sent.filter({ hasText: "red" }).last();
  await mine.waitFor();
  assert.equal(await mine.locator(".text").textContent(), HOSTILE, "markup in a message is shown as text");
  assert.equal(await page.locator("#kefu-widget .log img").count(), 0, "no element was made from the text");

  // Whatever the server says next: a reply, or an error shown politely.
  const answer = page.locator("#kefu-widget .msg.bot[data-reply-id], #kefu-widget .notice.error").last();
  await answer.waitFor();
  if (await answer.evaluate((n) => n.classList.contains("notice"))) {
    const code = await answer.getAttribute("data-code");
    assert.ok(code, "the error frame's code is kept for the page");
    const text = await answer.textContent();
    assert.match(text, /^Sorry|^The assistant|^You're|^That message|^Please/, `polite wording, got ${text}`);
    assert.ok(!text.includes(code), "no raw error code in front of the shopper");
  }
  assert.equal(await page.locator("#kefu-widget .typing").isVisible(), false, "the typing indicator is gone");
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.deepEqual(problems, []);
});

test("after a reload the conversation is restored from the server's history", async () => {
  const { page } = browser;
  const w = widget(page);
  const session = await page.evaluate(() => Object.entries(localStorage).find(([k]) => k.startsWith("kefu:"))?.[1]);
  assert.ok(session && JSON.parse(session).session_id, "the session id is kept in localStorage");

  await page.reload();
  await w.panel.waitFor({ state: "visible" }); // an open chat stays open across pages
  const mine = w.sent.filter({ hasText: "red" });
  await mine.first().waitFor();
  assert.equal(await mine.count(), 1, "the message is drawn once, from history");
  assert.equal(await mine.locator(".text").textContent(), HOSTILE);
  const after = await page.evaluate(() => Object.entries(localStorage).find(([k]) => k.startsWith("kefu:"))?.[1]);
  assert.equal(after, session, "same session after the reload");
});

test("when the server goes away the widget says so, reconnects, and sends what was typed meanwhile", async () => {
  const { page } = browser;
  const w = widget(page);
  const port = new URL(server.url).port;
  await server.stop();
  const answers = page.locator("#kefu-widget .msg.bot[data-reply-id], #kefu-widget .notice.error");
  const answered = await answers.count();
  const status = page.locator("#kefu-widget .status");
  await status.filter({ hasText: /reconnecting/i }).waitFor();

  await w.input.fill("typed while offline");
  await page.keyboard.press("Enter");
  await w.messages.filter({ hasText: "typed while offline" }).waitFor();

  server = await startServer({ dataDir: server.dataDir, bind: `127.0.0.1:${port}` });
  await page.waitForFunction(() => document.querySelector("#kefu-widget").shadowRoot.querySelector(".status").textContent === "", null, { timeout: 60_000 });
  // The queued message went out after the new welcome: the server's history has it.
  await answers.nth(answered).waitFor();
  await page.reload();
  await w.sent.filter({ hasText: "typed while offline" }).waitFor();
  assert.equal(await w.sent.filter({ hasText: "red" }).count(), 1);
});

test("on a phone-sized screen the open chat fills the screen", async () => {
  const { page } = browser;
  await page.setViewportSize({ width: 375, height: 700 });
  const w = widget(page);
  await w.panel.waitFor({ state: "visible" });
  const box = await w.panel.boundingBox();
  assert.deepEqual([box.x, box.y, box.width, box.height], [0, 0, 375, 700]);
  await page.setViewportSize({ width: 1100, height: 760 });
});
