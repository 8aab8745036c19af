// A shopper's conversation in a real browser against the real server and its dialogue
// engine: ask for a product, see product cards drawn from the reply, click one (the server
// acknowledges the event), add one to the cart, rate the answer, reload and find the
// conversation again. (shop.test.mjs saves docs/widget.png.)

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { startServer, launchBrowser, recordFrames, widget, ROOT } from "./harness.mjs";

let server;
let browser;
const sent = [];
const received = [];

before(async () => {
  server = await startServer();
  browser = await launchBrowser({ width: 1100, height: 820 });
  recordFrames(browser.page, sent, received);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/** Something the shop sells, to ask for: from the server's catalogue API, or else from the
 *  knowledge files this server was started on. */
async function somethingToAskFor() {
  let products = [];
  const res = await fetch(server.url + "/api/products");
  if (res.ok) {
    const body = await res.json();
    products = Array.isArray(body) ? body : body.products || body.items || [];
  } else {
    const file = path.join(ROOT, "knowledge/products.jsonl");
    products = fs.readFileSync(file, "utf8").split("\n")
      .filter((l) => l.trim().startsWith("{")).map((l) => JSON.parse(l));
  }
  const p = products.find((x) => x && x.category);
  assert.ok(p, "the shop has products to ask for");
  return `I'm looking for ${String(p.category).replace(/[_-]/g, " ")}`;
}

const until = async (what, check) => {
  for (let i = 0; i < 600; i++) {
    const found = check();
    if (found) return found;
    await new Promise((r) => setTimeout(r, 50));
  }
  assert.fail(`timed out waiting for ${what}`);
};

let replyFrame;

test("asking for a product shows the reply's products as cards, prices in the page's locale", async () => {
  const { page } = browser;
  await page.goto(server.url + "/");
  const w = widget(page);
  await w.launcher.click();
  await w.input.fill(await somethingToAskFor());
  await page.keyboard.press("Enter");

  const answer = page.locator("#kefu-widget .msg.bot[data-reply-id], #kefu-widget .notice.error").last();
  await answer.waitFor({ timeout: 60_000 });
  const code = await answer.getAttribute("data-code");
  assert.equal(code, null, `the server answered with an error frame (${code}) instead of a reply`);

  replyFrame = await until("a reply with products", () =>
    received.find((f) => f.type === "reply" && Array.isArray(f.products) && f.products.length));
  await w.cards.first().waitFor();
  const cards = page.locator(`#kefu-widget .msg.bot[data-reply-id="${replyFrame.id}"] .card`);
  assert.equal(await cards.count(), replyFrame.products.length);
  for (const [i, p] of replyFrame.products.entries()) {
    const card = cards.nth(i);
    assert.equal(await card.getAttribute("data-product-id"), String(p.id));
    assert.equal(await card.locator("h3").textContent(), p.name, "the name, as text");
    const price = new Intl.NumberFormat("en", { style: "currency", currency: p.currency }).format(p.price);
    assert.equal(await card.locator(".price").textContent(), price);
    if (p.rating != null) assert.match(await card.locator(".rating").textContent(), new RegExp(Number(p.rating).toFixed(1)));
    if (p.reason) assert.equal(await card.locator(".reason").textContent(), p.reason);
  }
});

test("clicking a product sends a click event that the server acknowledges", async () => {
  assert.ok(replyFrame, "needs the reply with products from the first step");
  const { page, context } = browser;
  const product = replyFrame.products[0];
  const card = page.locator(`#kefu-widget .card[data-product-id="${product.id}"]`).first();
  const view = card.locator(".view");
  const popup = context.waitForEvent("page", { timeout: 5_000 }).catch(() => null);
  await view.click();
  const event = await until("the click event frame", () =>
    sent.find((f) => f.type === "event" && f.event.kind === "click" && f.event.product === String(product.id)));
  assert.equal(event.event.reply_id, replyFrame.id);
  await until("its ack", () => received.find((f) => f.type === "ack" && f.of === event.event.id));
  await card.locator('.view[data-state="acked"]').waitFor();
  if (product.url) await (await popup)?.close();

  // Add to cart: an event for the analytics and an action for the server's cart, which
  // answers (added, or which colour or size).
  await card.locator(".cart").click();
  const action = await until("the add-to-cart action", () =>
    sent.find((f) => f.type === "action" && f.payload === `/add_to_cart${JSON.stringify({ product_id: String(product.id) })}`));
  const answer = await until("its answer", () => received.find((f) => f.type === "reply" && f.in_reply_to === action.client_id));
  if (answer.cart) await card.getByText("Added ✓").waitFor();
  else assert.ok(answer.quick_replies.length, "the assistant asks which variant, with buttons");
});

test("a thumbs-up on the reply is acknowledged", async () => {
  assert.ok(replyFrame, "needs the reply with products from the first step");
  const { page } = browser;
  const reply = page.locator(`#kefu-widget .msg.bot[data-reply-id="${replyFrame.id}"]`);
  await reply.getByRole("button", { name: "Helpful", exact: true }).click();
  await reply.getByText("Thanks for the feedback").waitFor();
  assert.ok(sent.some((f) => f.type === "feedback" && f.reply_id === replyFrame.id && f.value === "up"));
});

test("after a reload the conversation, cards included, comes back from the server", async () => {
  assert.ok(replyFrame, "needs the reply with products from the first step");
  const { page, problems } = browser;
  const w = widget(page);
  const before = await w.cards.locator("h3").allTextContents();
  await page.reload();
  await w.panel.waitFor({ state: "visible" });
  await w.cards.first().waitFor();
  assert.deepEqual(await w.cards.locator("h3").allTextContents(), before);
  assert.ok(await w.messages.filter({ hasText: "You" }).count() >= 1);
  assert.deepEqual(problems, []);
});
