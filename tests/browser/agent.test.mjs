// The agent console page against the real server: it asks with the typed bearer token and
// says in words what it got (the admin endpoints for handoffs may not exist yet).

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, launchBrowser } from "./harness.mjs";

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

test("the agent console sends the typed token and explains the server's answer", async () => {
  const { page, problems } = browser;
  await page.goto(server.url + "/agent.html");
  assert.equal(await page.title(), "kefu agent console");

  const asked = page.waitForRequest((r) => new URL(r.url()).pathname === "/admin/handoffs");
  await page.getByLabel("Admin token").fill("s3cret-token");
  await page.getByRole("button", { name: "Connect" }).click();
  const request = await asked;
  assert.equal(request.headers()["authorization"], "Bearer s3cret-token");

  const status = page.locator("#status");
  await page.waitForFunction(() => document.getElementById("status").textContent !== "Loading…");
  const text = await status.textContent();
  const res = await fetch(server.url + "/admin/handoffs", { headers: { authorization: "Bearer s3cret-token" } });
  if (res.status === 404) assert.match(text, /no agent endpoints yet/);
  else if (res.status === 401 || res.status === 403) assert.match(text, /token was not accepted/);
  else assert.ok(res.ok, `unexpected ${res.status}`);
  assert.deepEqual(problems, []);
});
