// The analytics dashboard in a real browser against the real server, after `kefu simulate`
// has driven simulated shoppers through it: the charts and tiles show the numbers the JSON
// API gives, a tile drills down to the conversations behind it, and the review queue lists
// what the API lists. Saves docs/analytics.png for the README.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { startServer, launchBrowser, ROOT } from "./harness.mjs";

const TOKEN = "browser-test-admin-token-0123";
// The server started below reads these (harness passes the environment on).
process.env.KEFU_ADMIN_TOKEN = TOKEN;
process.env.KEFU_SERVER_ACCEPT_CLIENT_TIME = "true";
// `kefu simulate` signs its shoppers in with the server's identity secret.
process.env.KEFU_SERVER_IDENTITY_SECRET = "browser-test-identity-secret-42";
// Purchases reach the server as a shop backend sends them (`kefu simulate --events-token`).
process.env.KEFU_SERVER_EVENTS_TOKEN = "browser-test-events-token-0123";
// A copy of the shop's knowledge, so accepted reviews land in a temporary nlu/review.jsonl.
const KNOWLEDGE = fs.mkdtempSync(path.join(os.tmpdir(), "kefu-knowledge-"));
fs.cpSync(path.join(ROOT, "knowledge"), KNOWLEDGE, { recursive: true });
process.env.KEFU_KNOWLEDGE_DIR = KNOWLEDGE;
const KEFU = process.env.KEFU_BIN || path.join(ROOT, "target/release/kefu");

let server;
let browser;

before(async () => {
  server = await startServer();
  const { stdout } = await promisify(execFile)(
    KEFU,
    ["simulate", "--server", server.url, "--shoppers", "10", "--days", "7", "--seed", "7"],
    { cwd: ROOT, env: { ...process.env, NO_COLOR: "1" }, timeout: 240_000 },
  );
  assert.match(stdout, /simulated 10 shoppers over 7 days/);
  browser = await launchBrowser({ width: 1280, height: 1000 });
});

after(async () => {
  await browser?.close();
  await server?.stop();
  fs.rmSync(KNOWLEDGE, { recursive: true, force: true });
});

const day = (d) => d.toISOString().slice(0, 10);
const to = day(new Date());
const from = day(new Date(Date.now() - 6 * 86400000));

async function api(p) {
  const res = await fetch(server.url + p, { headers: { authorization: "Bearer " + TOKEN } });
  assert.equal(res.status, 200, `${p}: ${res.status}`);
  return res.json();
}

test("the dashboard draws the API's numbers, drills down, and lists the review queue", async () => {
  const { page, problems } = browser;
  const json = await api(`/admin/analytics?from=${from}&to=${to}`);
  assert.ok(json.totals.conversations > 0, "the simulation made conversations");

  await page.goto(`${server.url}/admin/dashboard?from=${from}&to=${to}`);
  assert.equal(await page.title(), "kefu analytics");
  await page.getByLabel("Admin token").fill(TOKEN);
  await page.getByRole("button", { name: "Connect" }).click();
  const kpi = (k) => page.locator(`[data-kpi="${k}"] .value`);
  await kpi("conversations").waitFor();

  assert.equal(await kpi("conversations").textContent(), String(json.totals.conversations));
  const pct = (x) => (x === null ? "—" : (100 * x).toFixed(1) + "%");
  assert.equal(await kpi("fallback_rate").textContent(), pct(json.totals.fallback_rate));
  assert.equal(await kpi("handoff_rate").textContent(), pct(json.totals.handoff_rate));
  assert.equal(await kpi("click_through").textContent(), pct(json.totals.click_through));
  assert.equal(await kpi("satisfaction").textContent(), pct(json.totals.satisfaction));
  assert.equal(await kpi("attributed_add_to_cart").textContent(), String(json.totals.attributed_add_to_cart));

  // One bar per day, each as tall as that day's conversations.
  const bars = page.locator("#chart-conversations rect.bar");
  assert.equal(await bars.count(), json.days.length);
  for (let i = 0; i < json.days.length; i++) {
    assert.equal(await bars.nth(i).getAttribute("data-day"), json.days[i].day);
    assert.equal(Number(await bars.nth(i).getAttribute("data-value")), json.days[i].conversations);
  }
  const intents = page.locator("#chart-intents rect.bar");
  assert.equal(await intents.count(), json.intents.length);
  assert.equal(await intents.first().getAttribute("data-key"), json.intents[0].key);
  assert.equal(Number(await intents.first().getAttribute("data-value")), json.intents[0].count);
  const lines = page.locator('#chart-rates circle[data-series="resolution_rate"]');
  assert.equal(await lines.count(), json.days.filter((d) => d.resolution_rate !== null).length);

  await page.screenshot({ path: path.join(ROOT, "docs/analytics.png"), fullPage: false });

  // Drill-down: the conversations behind the handoff rate.
  const handed = await api(`/admin/analytics/conversations?from=${from}&to=${to}&measure=handoff`);
  await page.locator('[data-kpi="handoff_rate"]').click();
  await page.locator("#drill-title").filter({ hasText: "conversation" }).waitFor();
  assert.equal(await page.locator("#drill-rows tr").count(), handed.length);
  assert.match(await page.locator("#drill-title").textContent(), new RegExp(`— ${handed.length} conversation`));

  // The review queue shows what the API queues.
  const queue = await api(`/admin/review?from=${from}&to=${to}`);
  await page.getByRole("tab", { name: "Review queue" }).click();
  if (queue.length) await page.locator(".review-item").first().waitFor();
  else await page.locator("#review-empty").waitFor();
  assert.equal(await page.locator(".review-item").count(), queue.length);

  // Correct the first queued turn: select its first word as a slot span, set the intent,
  // accept; the example is in review.jsonl and the turn leaves the queue.
  if (queue.length) {
    const item = page.locator(".review-item").first();
    const text = queue[0].text;
    const word = text.match(/\S+/)[0];
    const start = Array.from(text.slice(0, text.indexOf(word))).length;
    // Names first: typing into an input would drop the selection.
    await item.getByLabel("Slot").fill("product_type");
    await item.getByLabel("Intent").fill("search_product");
    await item.locator(".text").evaluate((box, [s, e]) => {
      const node = box.firstChild;
      const r = document.createRange();
      r.setStart(node, s);
      r.setEnd(node, e);
      getSelection().removeAllRanges();
      getSelection().addRange(r);
    }, [text.indexOf(word), text.indexOf(word) + word.length]);
    await item.getByRole("button", { name: "Label selection" }).click();
    await item.locator('.chip[data-slot="product_type"]').waitFor();
    await item.getByRole("button", { name: "Accept" }).click();
    await page.locator("#status").filter({ hasText: "Accepted" }).waitFor();
    const rows = fs.readFileSync(path.join(KNOWLEDGE, "nlu/review.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l));
    assert.equal(rows.length, 1);
    assert.equal(rows[0].text, text);
    assert.equal(rows[0].intent, "search_product");
    assert.deepEqual(rows[0].slots, [{ slot: "product_type", value: word, start, end: start + Array.from(word).length }]);
    const after = await api(`/admin/review?from=${from}&to=${to}`);
    assert.equal(after.length, queue.length - 1);
    assert.equal(await page.locator(".review-item").count(), queue.length - 1);
  }
  assert.deepEqual(problems, []);
});
