// The demo shop as a newcomer sees it, in a real browser against the real server and its
// dialogue engine: product pictures in the widget and on the page, a card's View link to
// kefu's product page, and one cart — filled from the chat or from the page, shown in the
// page's header, kept by the server across a reload — for the demo shopper the page signs
// in (`kefu serve --demo-user`). Saves docs/widget.png for the README.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { startServer, launchBrowser, recordFrames, widget, ROOT } from "./harness.mjs";

let server;
let browser;
const sent = [];
const received = [];
// A shopper of the demo order book (knowledge/orders.jsonl) and one of their orders.
const DEMO_USER = "u-1001";
const DEMO_ORDER = "KF-20261003";

before(async () => {
  server = await startServer({ args: ["--demo-user", DEMO_USER] });
  browser = await launchBrowser({ width: 1100, height: 820 });
  browser.context.on("page", (p) => p.on("pageerror", (e) => browser.problems.push(`page error: ${e.message}`)));
  recordFrames(browser.page, sent, received);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const until = async (what, check) => {
  for (let i = 0; i < 1200; i++) {
    const found = await check();
    if (found) return found;
    await new Promise((r) => setTimeout(r, 50));
  }
  assert.fail(`timed out waiting for ${what}`);
};

/** The demo catalogue as the server was started on it. */
const catalogue = fs.readFileSync(path.join(ROOT, "knowledge/products.jsonl"), "utf8").split("\n")
  .filter((l) => l.trim().startsWith("{")).map((l) => JSON.parse(l));

const price = (p) => new Intl.NumberFormat("en", { style: "currency", currency: p.currency }).format(p.price);
const headerCount = (page) => page.locator("#cart").getAttribute("data-count");
const loaded = (img) => img.evaluate((i) => i.complete && i.naturalWidth > 0);

let cardsReply;

test("a product list in the chat shows each product's picture (docs/widget.png)", async () => {
  const { page } = browser;
  await page.goto(server.url + "/");
  const w = widget(page);
  await w.launcher.click();
  await w.input.fill("show me tents");
  await page.keyboard.press("Enter");
  cardsReply = await until("a reply with products", () =>
    received.find((f) => f.type === "reply" && Array.isArray(f.products) && f.products.length));
  const cards = page.locator(`#kefu-widget .msg.bot[data-reply-id="${cardsReply.id}"] .card`);
  await cards.first().waitFor();
  for (const [i, p] of cardsReply.products.entries()) {
    assert.match(String(p.image), /^\/images\/[a-z0-9-]+\.svg$/, `${p.id} has its category's picture`);
    const img = cards.nth(i).locator("img");
    await until(`the picture of ${p.id} to load`, () => loaded(img));
  }
  // The shop's own grid shows the same drawings.
  const gridImg = page.locator("#catalogue .product img").first();
  await gridImg.scrollIntoViewIfNeeded();
  await until("a picture in the shop's grid to load", () => loaded(gridImg));
  await page.evaluate(() => window.scrollTo(0, 0));

  await page.locator("#kefu-widget .log").evaluate((log) => {
    const first = log.querySelector(".card");
    log.scrollTop = first.closest(".msg").offsetTop - 8;
  });
  await page.screenshot({ path: path.join(ROOT, "docs/widget.png") });
});

test("a card's View link opens kefu's product page with the product's name and price", async () => {
  assert.ok(cardsReply, "needs the product list from the first step");
  const { page, context } = browser;
  const product = cardsReply.products[0];
  assert.equal(product.url, `/products/${product.id}`);
  const card = page.locator(`#kefu-widget .card[data-product-id="${product.id}"]`).first();
  const opened = context.waitForEvent("page");
  await card.locator(".view").click();
  const productPage = await opened;
  // A new tab is "" or about:blank until its navigation commits: wait for the page itself.
  await productPage.waitForURL((url) => url.pathname === `/products/${product.id}`);
  await productPage.waitForLoadState("domcontentloaded");
  assert.equal(await productPage.locator("main h1").textContent(), product.name);
  assert.equal(await productPage.locator("main .price").textContent(), price(product));
  await until("the product page's picture to load", () => loaded(productPage.locator("img.picture")));
  await productPage.close();
});

test("adding to the cart in the chat updates the page's header", async () => {
  assert.ok(cardsReply, "needs the product list from the first step");
  const { page } = browser;
  assert.equal((await headerCount(page)) ?? "0", "0", "nothing in the cart yet");
  const product = cardsReply.products[0];
  const card = page.locator(`#kefu-widget .msg.bot[data-reply-id="${cardsReply.id}"] .card[data-product-id="${product.id}"]`);
  await card.locator(".cart").click();
  const action = await until("the add-to-cart action", () =>
    sent.find((f) => f.type === "action" && f.payload.startsWith("/add_to_cart")));
  assert.deepEqual(JSON.parse(action.payload.slice("/add_to_cart".length)), { product_id: String(product.id) });
  const answer = await until("its answer", () => received.find((f) => f.type === "reply" && f.in_reply_to === action.client_id));
  if (!answer.cart) {
    // The assistant asks which variant: the shopper picks the first on offer.
    const quick = page.locator(`#kefu-widget .msg.bot[data-reply-id="${answer.id}"] .quick button`).first();
    await quick.click();
  }
  await until("the header to count 1 item", async () => (await headerCount(page)) === "1");
  assert.match(await page.locator("#cart").textContent(), /^Cart: 1 item · /);
  const cart = await page.evaluate(() => window.kefu.cart());
  assert.equal(cart.count, 1);
  assert.equal(cart.lines[0].product, String(product.id));
});

test("adding from the product page lands in the same cart: widget, header and server", async () => {
  const { page, problems } = browser;
  const plain = catalogue.find((p) => !p.variants && p.stock > 0);
  assert.ok(plain, "a product sold without sizes or colours");
  const heard = [];
  await page.goto(`${server.url}/products/${encodeURIComponent(plain.id)}`);
  await page.evaluate(() => window.addEventListener("kefu:cart", (e) => { window.__carts = [...(window.__carts || []), e.detail]; }));
  await until("the cart from the server's welcome", async () => (await headerCount(page)) === "1");
  await page.evaluate(() => window.kefu.close()); // the chat was left open; it covers the form
  await page.getByLabel("Quantity").fill("2");
  await page.getByRole("button", { name: "Add to cart", exact: true }).click();
  await until("the form to say it was added", async () =>
    (await page.locator(".buy .added").textContent()) === "Added to your cart.");
  assert.equal(await headerCount(page), "3");
  heard.push(...await page.evaluate(() => window.__carts));
  assert.equal(heard.at(-1).count, 3, "a kefu:cart event says so");
  const cart = await page.evaluate(() => window.kefu.cart());
  const line = cart.lines.find((l) => l.product === plain.id);
  assert.equal(line.quantity, 2);
  assert.equal(line.name, plain.name);
  // The server's answer to that action carried the same cart.
  const reply = received.filter((f) => f.type === "reply" && f.cart).at(-1);
  assert.deepEqual(reply.cart.lines.map((l) => [l.product, l.quantity]), cart.lines.map((l) => [l.product, l.quantity]));

  // After a reload the server's cart comes back in the welcome, on another page too.
  await page.goto(server.url + "/");
  await until("the header after a reload", async () => (await headerCount(page)) === "3");
  const again = await page.evaluate(() => window.kefu.cart());
  assert.deepEqual(again, cart);
  const welcome = received.filter((f) => f.type === "welcome").at(-1);
  assert.equal(welcome.cart.count, 3);
  assert.deepEqual(problems, []);
});

test("an unknown product id answers a 404 page", async () => {
  const res = await fetch(server.url + "/products/no-such-product");
  assert.equal(res.status, 404);
  assert.match(await res.text(), /No such product/);
});

test("the demo page signs in its demo shopper: their order is shown without an email", async () => {
  const { page, problems } = browser;
  await page.goto(server.url + "/");
  const w = widget(page);
  if (!(await w.panel.isVisible())) await w.launcher.click();
  await w.input.fill(`where is my order ${DEMO_ORDER}`);
  await page.keyboard.press("Enter");
  const asked = await until("the order question to go out", () =>
    sent.find((f) => f.type === "message" && f.text.includes(DEMO_ORDER)));
  const answer = await until("its answer", () =>
    received.find((f) => f.type === "reply" && f.in_reply_to === asked.client_id));
  assert.match(answer.text, new RegExp(`${DEMO_ORDER}.*placed`), "the owner sees the order's status");
  // Every hello carried the token the server signed, never a user id of the page's own.
  const hellos = sent.filter((f) => f.type === "hello");
  assert.ok(hellos.length > 0);
  for (const h of hellos) {
    assert.equal(h.user_id, undefined);
    assert.match(h.identity, /^[A-Za-z0-9_-]+\.\d+\.[A-Za-z0-9_-]{43}$/);
  }
  // The token endpoint answers this machine only; a request through a proxy is refused.
  const proxied = await fetch(server.url + "/api/demo/identity", { headers: { "x-forwarded-for": "203.0.113.9" } });
  assert.equal(proxied.status, 403);
  assert.deepEqual(problems, []);
});

test("signed out, the widget cannot open the shopper's conversation and starts a fresh one; a bad token chats as a guest", async () => {
  const { page, problems } = browser;
  const owned = received.filter((f) => f.type === "welcome").at(-1).session_id;
  // The shop's page stops handing out a token (the shopper signed out).
  await page.route("**/api/demo/identity", (route) => route.fulfill({ status: 404, body: "" }));
  const seen = received.length;
  await page.goto(server.url + "/");
  const refused = await until("the server to refuse the stored session", () =>
    received.slice(seen).find((f) => f.type === "error" && f.code === "session_owned"));
  assert.ok(refused);
  const fresh = await until("a welcome for a fresh session", () =>
    received.slice(seen).find((f) => f.type === "welcome"));
  assert.notEqual(fresh.session_id, owned);
  assert.equal(fresh.history, undefined, "nothing of the shopper's conversation is shown");
  assert.equal(await widget(page).notices.count(), 0, "no error is shown for it");

  // A token the server refuses: the widget says so and goes on as a guest.
  await page.unroute("**/api/demo/identity");
  await page.route("**/api/demo/identity", (route) =>
    route.fulfill({ status: 200, contentType: "application/json", body: JSON.stringify({ identity: "dS0xMDAx.1.AAAA" }) }));
  const mark = received.length;
  await page.goto(server.url + "/");
  await until("the refusal", () => received.slice(mark).find((f) => f.type === "error" && f.code === "identity_malformed"));
  await until("a guest's welcome", () => received.slice(mark).find((f) => f.type === "welcome"));
  const w = widget(page);
  if (!(await w.panel.isVisible())) await w.launcher.click();
  await until("the notice", async () => (await page.locator('#kefu-widget .notice[data-code="identity"]').count()) === 1);
  await page.unroute("**/api/demo/identity");
  assert.deepEqual(problems, []);
});
