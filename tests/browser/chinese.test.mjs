// A Chinese shopper in a real browser against the real server (issue 32): the widget's own
// words in Chinese (data-locale="zh", or the page's <html lang>), the locale sent to the
// server and its replies in Chinese, an input method's Enter that picks characters and
// sends nothing, and long Chinese lines wrapped inside the bubbles.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startServer, launchBrowser, recordFrames, ROOT } from "./harness.mjs";

let server;
let browser;
const sent = [];
const received = [];

/** A page of the shop's own origin carrying the widget with these attributes. */
const shopPage = (htmlLang, attrs) => `<!doctype html>
<html lang="${htmlLang}"><head><meta charset="utf-8"><title>商店</title></head>
<body><h1>商店</h1><script src="/kefu-widget.js" ${attrs}></script></body></html>`;

// The shop's pages, served by the real server beside the real widget (a page the browser
// did not get from the server could not open a socket to a loopback server).
const webDir = fs.mkdtempSync(path.join(os.tmpdir(), "kefu-zh-web-"));

before(async () => {
  fs.copyFileSync(path.join(ROOT, "web/kefu-widget.js"), path.join(webDir, "kefu-widget.js"));
  fs.writeFileSync(path.join(webDir, "zh-attr.html"), shopPage("en", 'data-locale="zh"'));
  fs.writeFileSync(path.join(webDir, "zh-lang.html"), shopPage("zh-CN", ""));
  process.env.KEFU_SERVER_WEB_DIR = webDir;
  server = await startServer();
  browser = await launchBrowser({ width: 1100, height: 820 });
  recordFrames(browser.page, sent, received);
});

after(async () => {
  await browser?.close();
  await server?.stop();
  fs.rmSync(webDir, { recursive: true, force: true });
});

const until = async (what, check) => {
  for (let i = 0; i < 1200; i++) {
    const found = check();
    if (found) return found;
    await new Promise((r) => setTimeout(r, 50));
  }
  assert.fail(`timed out waiting for ${what}`);
};

const HAN = /[\u4e00-\u9fff]/;

/** The widget's parts by their Chinese names. */
const zhWidget = (page) => ({
  launcher: page.getByRole("button", { name: "与购物助手聊天" }),
  panel: page.getByRole("dialog", { name: "购物助手" }),
  input: page.getByLabel("输入消息"),
  send: page.locator("#kefu-widget form button[type=submit]"),
  userMessages: page.locator("#kefu-widget .msg.user"),
});

test("the page's <html lang> alone makes the widget Chinese", async () => {
  const { page } = browser;
  await page.goto(server.url + "/zh-lang.html");
  const w = zhWidget(page);
  await w.launcher.waitFor();
  assert.equal(await w.launcher.getAttribute("aria-label"), "与购物助手聊天");
});

test("data-locale=zh: the widget's words are Chinese and the server hears zh", async () => {
  const { page } = browser;
  await page.goto(server.url + "/zh-attr.html");
  const w = zhWidget(page);
  await w.launcher.click();
  await w.panel.waitFor();
  assert.equal(await w.input.getAttribute("placeholder"), "输入消息");
  assert.equal(await w.send.textContent(), "发送");
  assert.equal(await page.locator("#kefu-widget").getAttribute("lang"), "zh");
  const hello = await until("the hello frame", () => sent.find((f) => f.type === "hello"));
  assert.equal(hello.locale, "zh");
});

test("Enter while an input method composes sends nothing; after it, Enter sends", async () => {
  const { page } = browser;
  const w = zhWidget(page);
  await until("the welcome", () => received.find((f) => f.type === "welcome"));
  // Pinyin typed and an Enter that picks 你好 (Chrome's order: the keydown comes while
  // composing), then Safari's order (the composition ends first, then keyCode 229).
  const during = await page.evaluate(() => {
    const input = document.querySelector("#kefu-widget").shadowRoot.querySelector("#kefu-input");
    input.focus();
    input.dispatchEvent(new CompositionEvent("compositionstart", { data: "" }));
    input.value = "ni hao";
    input.dispatchEvent(new InputEvent("input", { data: "ni hao", isComposing: true, inputType: "insertCompositionText" }));
    const enter = (composing) => {
      const e = new KeyboardEvent("keydown", { key: "Enter", code: "Enter", bubbles: true, cancelable: true, isComposing: composing });
      Object.defineProperty(e, "keyCode", { get: () => 229 });
      input.dispatchEvent(e);
      return e.defaultPrevented;
    };
    const chromePrevented = enter(true);
    input.value = "你好";
    input.dispatchEvent(new CompositionEvent("compositionend", { data: "你好" }));
    const safariPrevented = enter(false);
    const root = document.querySelector("#kefu-widget").shadowRoot;
    return { chromePrevented, safariPrevented, value: input.value, shown: root.querySelectorAll(".msg.user").length };
  });
  assert.deepEqual(during, { chromePrevented: false, safariPrevented: false, value: "你好", shown: 0 });
  assert.equal(sent.filter((f) => f.type === "message").length, 0, "nothing sent while composing");

  // The composition is over: a real Enter sends what it picked.
  await page.keyboard.press("Enter");
  const message = await until("the message frame", () => sent.find((f) => f.type === "message"));
  assert.equal(message.text, "你好");
  assert.equal(await w.userMessages.count(), 1);
  assert.equal(await w.input.inputValue(), "");
  const reply = await until("the reply", () => received.find((f) => f.type === "reply" && f.in_reply_to === message.client_id));
  assert.match(reply.text, HAN, `the reply is in Chinese: ${reply.text}`);
  await page.locator(`#kefu-widget .msg.bot[data-reply-id="${reply.id}"]`).waitFor();
});

test("long Chinese lines wrap inside the bubbles", async () => {
  const { page } = browser;
  const w = zhWidget(page);
  const long = "我想给我妈妈买一件保暖的外套，她平时喜欢散步和爬山，".repeat(6) +
    "订单号是KF20261207000000000000000000000123456789，谢谢！";
  await w.input.fill(long);
  await page.keyboard.press("Enter");
  const message = await until("the long message", () => sent.find((f) => f.type === "message" && f.text === long));
  const reply = await until("its reply", () => received.find((f) => f.type === "reply" && f.in_reply_to === message.client_id));
  await page.locator(`#kefu-widget .msg.bot[data-reply-id="${reply.id}"]`).waitFor();
  const boxes = await page.evaluate(() => {
    const root = document.querySelector("#kefu-widget").shadowRoot;
    const log = root.querySelector(".log").getBoundingClientRect();
    const rect = (n) => {
      const r = n.getBoundingClientRect();
      // The text stays inside its bubble: nothing sticks out to the side.
      return { left: r.left, right: r.right, width: r.width, height: r.height, overflows: n.scrollWidth > n.clientWidth + 1 };
    };
    return {
      log: { left: log.left, right: log.right, width: log.width },
      bubbles: [...root.querySelectorAll(".msg")].map(rect),
      scrollsSideways: root.querySelector(".log").scrollWidth > root.querySelector(".log").clientWidth,
    };
  });
  assert.ok(boxes.bubbles.length >= 4);
  for (const b of boxes.bubbles) {
    assert.ok(b.width <= boxes.log.width, `a bubble ${b.width}px wide in a ${boxes.log.width}px log`);
    assert.ok(b.left >= boxes.log.left - 0.5 && b.right <= boxes.log.right + 0.5, "inside the log");
    assert.equal(b.overflows, false, "the text stays inside its bubble");
  }
  const userBubble = boxes.bubbles.at(-2);
  assert.ok(userBubble.height > 100, `the long line wraps onto several lines (${userBubble.height}px high)`);
  assert.equal(boxes.scrollsSideways, false);
  assert.deepEqual(browser.problems, []);
});
