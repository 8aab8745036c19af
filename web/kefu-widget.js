/*
 * kefu chat widget: drop into any page with one script tag.
 *
 *   <script src="/kefu-widget.js" data-server="https://shop.example" data-locale="en"
 *           data-greeting="Hi! Looking for something?" data-color="#0b7285"
 *           data-identity="<token the shop signed>"></script>
 *
 * Who the shopper is comes only from a token the shop signs (docs/security.md):
 * `data-identity` (the token itself) or `data-identity-url` (a same-origin URL answering
 * {"identity": "<token>"}, fetched before every connection so tokens can be short-lived).
 * Without one the chat is anonymous. window.kefu.signIn(token) signs in mid-visit: the
 * same conversation goes on as the shopper's.
 *
 * The widget's words follow `data-locale`, else the page's <html lang> (en, zh); the
 * locale goes to the server in `hello`, so replies come in it too. Enter while an input
 * method is composing (pinyin, zhuyin, kana) picks the characters and sends nothing.
 *
 * Every attribute is optional; the server defaults to the page's origin. No framework and
 * no build step: plain modern JS. It speaks kefu's chat protocol v1 (docs/protocol.md).
 *
 * Safety: everything that comes from the server or the catalogue (product names, replies,
 * agent text) is written with textContent, never innerHTML, and only http(s) URLs are
 * followed or loaded. The UI lives in a shadow root so the shop's CSS and ours don't mix.
 *
 * The cart is the server's (the session's, in kefu's dialogue tracker): the host page reads
 * it with window.kefu.cart(), fills it with window.kefu.addToCart(productId, {size,
 * colour, quantity}) (an `action` through this widget's socket) and hears every change as
 * a `kefu:cart` event on window (detail: the cart). `kefu:add-to-cart` (detail:
 * {product_id, reply_id, name}) still says a card's Add button was pressed. The widget
 * is also driven with window.kefu (open, close, send). See docs/widget.md.
 */
(() => {
  "use strict";
  if (window.kefu && "version" in window.kefu) return; // loaded twice: keep the first

  const script = document.currentScript;
  const attr = (name) => (script && script.dataset[name]) || "";

  const STRINGS = {
    en: {
      title: "Shop assistant",
      open: "Chat with the shop assistant",
      close: "Close chat",
      input: "Type your message",
      send: "Send",
      you: "You",
      bot: "Assistant",
      agent: "Agent",
      typing: "The assistant is typing…",
      view: "View",
      addToCart: "Add to cart",
      added: "Added ✓",
      rated: "Rated {r} out of 5",
      helpful: "Helpful",
      notHelpful: "Not helpful",
      thanks: "Thanks for the feedback",
      connecting: "Connecting…",
      reconnecting: "Connection lost. Reconnecting…",
      offline: "You're offline. Messages will be sent when the connection is back.",
      handoff: "You're being connected to a person. An agent will reply here.",
      handoffActive: "You're chatting with a person.",
      handoffEnded: "The agent has left the chat. The assistant is back.",
      products: "Suggested products",
      quick: "Suggested replies",
      err: {
        dialogue_unavailable: "Sorry, the assistant isn't available right now. Please try again later.",
        overloaded: "The assistant is busy right now. Please try again in a moment.",
        rate_limited: "You're sending messages very quickly. Please wait a moment.",
        frame_too_large: "That message is too long. Please shorten it.",
        empty_message: "Please type a message first.",
        too_many_connections: "The chat is very busy. We'll keep trying to connect.",
        idle_timeout: "The chat was paused while idle. Send a message to continue.",
        identity: "We couldn't confirm your sign-in, so this chat goes on as a guest. Reload the page to try again.",
        _: "Sorry, something went wrong. Please try again.",
      },
    },
    zh: {
      title: "购物助手",
      open: "与购物助手聊天",
      close: "关闭聊天",
      input: "输入消息",
      send: "发送",
      you: "你",
      bot: "助手",
      agent: "客服",
      typing: "助手正在输入…",
      view: "查看",
      addToCart: "加入购物车",
      added: "已加入 ✓",
      rated: "评分 {r}/5",
      helpful: "有帮助",
      notHelpful: "没帮助",
      thanks: "感谢反馈",
      connecting: "正在连接…",
      reconnecting: "连接已断开，正在重连…",
      offline: "您已离线。恢复连接后将发送消息。",
      handoff: "正在为您转接人工客服，客服会在这里回复。",
      handoffActive: "您正在与人工客服聊天。",
      handoffEnded: "人工客服已离开，助手回来了。",
      products: "推荐商品",
      quick: "快捷回复",
      err: {
        dialogue_unavailable: "抱歉，助手暂时不可用，请稍后再试。",
        overloaded: "助手正忙，请稍后再试。",
        rate_limited: "您发送得太快了，请稍等。",
        identity: "无法确认您的登录状态，本次聊天将以访客身份继续。刷新页面可重试。",
        frame_too_large: "消息太长，请缩短后再发。",
        empty_message: "请先输入消息。",
        too_many_connections: "聊天繁忙，我们会继续尝试连接。",
        idle_timeout: "聊天因空闲已暂停，发送消息即可继续。",
        _: "抱歉，出了点问题，请再试一次。",
      },
    },
  };

  const locale = attr("locale") || document.documentElement.lang || navigator.language || "en";
  const T = STRINGS[locale.toLowerCase().split("-")[0]] || STRINGS.en;
  const greeting = attr("greeting");
  // A signed-in shopper's token, as the shop signed it; or where to fetch one.
  const identityAttr = attr("identity");
  const identityUrl = attr("identityUrl");
  const color = attr("color");
  let serverBase;
  try {
    serverBase = new URL(attr("server") || location.origin, location.href);
  } catch (_) {
    serverBase = new URL(location.origin);
  }
  const wsUrl = (() => {
    const u = new URL("/ws", serverBase);
    u.protocol = serverBase.protocol === "https:" ? "wss:" : "ws:";
    return u.href;
  })();
  const STORE_KEY = "kefu:" + serverBase.origin;

  // ---- small helpers -------------------------------------------------------------

  /** Creates an element; `text` goes in as textContent, never as markup. */
  function el(tag, props, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(props || {})) {
      if (v === undefined || v === null || v === false) continue;
      if (k === "class") node.className = v;
      else if (k === "text") node.textContent = v;
      else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, v === true ? "" : String(v));
    }
    for (const c of children) if (c) node.append(c);
    return node;
  }

  /** An absolute http(s) URL, or null: no javascript:, data: or other schemes. */
  function safeUrl(raw) {
    if (typeof raw !== "string" || !raw) return null;
    try {
      const u = new URL(raw, serverBase);
      return u.protocol === "http:" || u.protocol === "https:" ? u.href : null;
    } catch (_) {
      return null;
    }
  }

  /** A thumbs-up outline (Feather icons, MIT), turned over for thumbs-down; drawn as SVG
   *  because emoji fonts are not everywhere. */
  function thumbIcon(down) {
    const NS = "http://www.w3.org/2000/svg";
    const svg = document.createElementNS(NS, "svg");
    for (const [k, v] of Object.entries({ viewBox: "0 0 24 24", width: "14", height: "14", fill: "none",
      stroke: "currentColor", "stroke-width": "2", "stroke-linecap": "round", "stroke-linejoin": "round", "aria-hidden": "true" })) svg.setAttribute(k, v);
    if (down) svg.setAttribute("transform", "rotate(180)");
    const path = document.createElementNS(NS, "path");
    path.setAttribute("d", "M14 9V5a3 3 0 0 0-3-3l-4 9v11h11.28a2 2 0 0 0 2-1.7l1.38-9a2 2 0 0 0-2-2.3zM7 22H4a2 2 0 0 1-2-2v-7a2 2 0 0 1 2-2h3");
    svg.append(path);
    return svg;
  }

  const str = (v) => (typeof v === "string" ? v : v == null ? "" : String(v));

  function formatPrice(price, currency) {
    const n = Number(price);
    if (!Number.isFinite(n)) return "";
    try {
      return new Intl.NumberFormat(locale, { style: "currency", currency: str(currency) || "USD" }).format(n);
    } catch (_) {
      return new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(n) +
        (currency ? " " + str(currency) : "");
    }
  }

  function newId(prefix) {
    const r = window.crypto && crypto.randomUUID ? crypto.randomUUID()
      : Math.random().toString(36).slice(2) + Date.now().toString(36);
    return prefix + "-" + r;
  }

  function load() {
    try {
      return JSON.parse(localStorage.getItem(STORE_KEY) || "{}") || {};
    } catch (_) {
      return {};
    }
  }
  function save(data) {
    try {
      localStorage.setItem(STORE_KEY, JSON.stringify(data));
    } catch (_) { /* private mode: the chat still works, it just won't survive a reload */ }
  }

  // ---- styles --------------------------------------------------------------------

  const CSS = `
:host { all: initial; --kefu-color: #0b7285; --kefu-fg: #fff; color: #1d1d1f;
  font: 15px/1.45 system-ui, -apple-system, "Segoe UI", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif; }
* { box-sizing: border-box; }
button { font: inherit; cursor: pointer; }
.launcher { position: fixed; right: 20px; bottom: 20px; z-index: 2147483000; border: 0; border-radius: 999px;
  background: var(--kefu-color); color: var(--kefu-fg); padding: 12px 18px; box-shadow: 0 4px 16px #0003; font-weight: 600; }
.launcher .badge[hidden] { display: none; }
.launcher:focus-visible, button:focus-visible, input:focus-visible, a:focus-visible { outline: 3px solid #ffbf47; outline-offset: 2px; }
.launcher .badge { display: inline-block; min-width: 1.4em; margin-left: 6px; border-radius: 999px; background: #c92a2a; color: #fff; font-size: 12px; padding: 0 5px; }
.panel { position: fixed; right: 20px; bottom: 84px; z-index: 2147483001; width: 380px; height: min(600px, calc(100vh - 110px));
  display: flex; flex-direction: column; background: #fff; border-radius: 14px; box-shadow: 0 8px 32px #0004; overflow: hidden; }
.panel[hidden] { display: none; }
header { display: flex; align-items: center; gap: 8px; padding: 12px 14px; background: var(--kefu-color); color: var(--kefu-fg); }
header h2 { font-size: 16px; margin: 0; flex: 1; }
header .close { background: transparent; color: inherit; border: 0; font-size: 22px; line-height: 1; padding: 2px 8px; border-radius: 6px; }
.status { font-size: 13px; padding: 6px 14px; background: #fff4e6; color: #7a4100; }
.status:empty { display: none; }
.banner { font-size: 13px; padding: 6px 14px; background: #e7f5ff; color: #1c4f7a; }
.banner:empty { display: none; }
.log { flex: 1; overflow-y: auto; padding: 12px; display: flex; flex-direction: column; gap: 10px; background: #f6f7f9; }
/* Chinese breaks between any two characters (word-break: normal keeps the line-break
   rules that keep ，。 off a line's start); overflow-wrap: anywhere also breaks a long
   Latin run (a URL, an order number) inside a Chinese line rather than widen the bubble. */
.msg { max-width: 88%; min-width: 0; padding: 8px 12px; border-radius: 12px; white-space: pre-wrap; word-break: normal; overflow-wrap: anywhere; line-break: auto; }
.panel:lang(zh) .msg, .panel:lang(ja) .msg { line-height: 1.6; }
.msg .who { display: block; font-size: 11px; font-weight: 600; opacity: .7; margin-bottom: 2px; }
.user { align-self: flex-end; background: var(--kefu-color); color: var(--kefu-fg); border-bottom-right-radius: 4px; }
.bot { align-self: flex-start; background: #fff; border: 1px solid #e3e5e8; border-bottom-left-radius: 4px; max-width: 100%; }
.agent { align-self: flex-start; background: #fff9db; border: 1px solid #f0d66b; border-bottom-left-radius: 4px; }
.notice { align-self: center; font-size: 13px; color: #555; background: #eceef1; border-radius: 8px; padding: 4px 10px; text-align: center; }
.notice.error { background: #fff0f0; color: #8a1c1c; }
.typing { align-self: flex-start; font-size: 13px; color: #555; font-style: italic; }
.typing[hidden] { display: none; }
.cards { list-style: none; margin: 8px 0 0; padding: 0; display: grid; gap: 8px; white-space: normal; }
.card { display: grid; grid-template-columns: 64px 1fr; gap: 4px 10px; padding: 8px; border: 1px solid #e3e5e8; border-radius: 10px; background: #fff; }
.card img, .card .noimg { width: 64px; height: 64px; object-fit: cover; border-radius: 8px; background: #eef0f3; grid-row: span 3; }
.card h3 { font-size: 14px; margin: 0; overflow-wrap: anywhere; }
.card .meta { font-size: 12px; color: #555; }
.card .price { font-weight: 700; color: #1d1d1f; margin-right: 6px; }
.card .reason { font-size: 12px; color: #3b5b2b; grid-column: 1 / -1; }
.card .actions { grid-column: 1 / -1; display: flex; gap: 6px; }
.card .actions button, .card .actions a { flex: 1; text-align: center; font-size: 13px; padding: 5px 8px; border-radius: 8px;
  border: 1px solid var(--kefu-color); background: #fff; color: var(--kefu-color); text-decoration: none; }
.card .actions .cart { background: var(--kefu-color); color: var(--kefu-fg); }
.quick { display: flex; flex-wrap: wrap; gap: 6px; margin-top: 8px; white-space: normal; }
.quick button { max-width: 100%; overflow-wrap: anywhere; text-align: start; border: 1px solid var(--kefu-color); color: var(--kefu-color); background: #fff; border-radius: 999px; padding: 4px 12px; font-size: 13px; }
.quick button:disabled { opacity: .5; cursor: default; }
.feedback { display: flex; gap: 4px; margin-top: 6px; align-items: center; font-size: 12px; color: #555; white-space: normal; }
.feedback button { border: 1px solid #d0d4d9; background: #fff; color: #444; border-radius: 6px; padding: 2px 6px; line-height: 0; }
.feedback button[aria-pressed="true"] { background: #e7f5ff; border-color: #1c7ed6; }
form { display: flex; gap: 8px; padding: 10px; border-top: 1px solid #e3e5e8; background: #fff; }
form input { flex: 1; min-width: 0; font: inherit; padding: 8px 10px; border: 1px solid #c5c9ce; border-radius: 8px; }
form button { border: 0; border-radius: 8px; background: var(--kefu-color); color: var(--kefu-fg); padding: 8px 14px; font-weight: 600; }
.sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
@media (max-width: 480px) {
  .panel { inset: 0; width: 100%; height: 100%; border-radius: 0; }
  .launcher[aria-expanded="true"] { display: none; }
}
@media (prefers-reduced-motion: no-preference) { .msg { animation: kefu-in .15s ease-out; } }
@keyframes kefu-in { from { opacity: 0; transform: translateY(4px); } }
`;

  // ---- the widget ------------------------------------------------------------------

  class Widget {
    constructor() {
      const saved = load();
      this.sessionId = saved.session_id || null;
      this.lastSeen = -1; // seq of the last logged frame shown on this page (seqs start at 0)
      this.welcomed = false; // a welcome arrived on this page (later hellos ask for replay)
      this.ws = null;
      this.ready = false;
      this.wanted = false; // keep a connection open
      this.outbox = [];
      this.attempt = 0;
      this.retryTimer = null;
      this.pending = new Map(); // event id / reply_id -> callback on ack
      this.cartState = null; // the server's cart, once it said (welcome or a reply)
      this.cartWaiters = new Map(); // client_id of an add-to-cart action -> resolve
      this.unread = 0;
      this.build();
      if (this.sessionId || sessionStorage.getItem(STORE_KEY + ":open") === "1") this.connect();
      if (sessionStorage.getItem(STORE_KEY + ":open") === "1") this.open(false);
    }

    build() {
      // The widget's language, for line breaking and the right CJK glyphs.
      this.host = el("div", { id: "kefu-widget", lang: locale });
      const root = this.host.attachShadow({ mode: "open" });
      root.append(el("style", { text: CSS }));
      if (color && window.CSS && CSS.supports("color", color)) this.host.style.setProperty("--kefu-color", color);

      this.launcher = el("button", {
        class: "launcher", type: "button", "aria-expanded": "false", "aria-controls": "kefu-panel",
        "aria-label": T.open, onclick: () => (this.isOpen() ? this.close() : this.open(true)),
      }, T.title);
      this.badge = el("span", { class: "badge", hidden: true, "aria-hidden": "true" });
      this.launcher.append(this.badge);

      this.closeBtn = el("button", { class: "close", type: "button", "aria-label": T.close, onclick: () => this.close() }, "×");
      this.status = el("div", { class: "status", role: "status" });
      this.banner = el("div", { class: "banner", role: "status" });
      this.log = el("div", { class: "log", role: "log", "aria-live": "polite", "aria-relevant": "additions", "aria-label": T.title, tabindex: "0" });
      this.typing = el("div", { class: "typing", hidden: true }, T.typing);
      this.input = el("input", { id: "kefu-input", type: "text", autocomplete: "off", maxlength: "2000", placeholder: T.input });
      this.composing = false;
      // An input method (pinyin, zhuyin, kana) uses Enter to pick its characters: that
      // Enter sends nothing. Chrome and Firefox flag it (isComposing); Safari ends the
      // composition first and then sends keyCode 229.
      this.input.addEventListener("compositionstart", () => { this.composing = true; });
      this.input.addEventListener("compositionend", () => { this.composing = false; });
      this.input.addEventListener("keydown", (e) => {
        if (e.key !== "Enter" || e.shiftKey) return;
        if (e.isComposing || e.keyCode === 229 || this.composing) return;
        e.preventDefault();
        this.submit();
      });
      this.form = el("form", { onsubmit: (e) => { e.preventDefault(); if (!this.composing) this.submit(); } },
        el("label", { class: "sr", for: "kefu-input" }, T.input),
        this.input,
        el("button", { type: "submit" }, T.send));
      this.panel = el("section", { class: "panel", id: "kefu-panel", role: "dialog", "aria-modal": "false", "aria-labelledby": "kefu-title", hidden: true },
        el("header", {}, el("h2", { id: "kefu-title" }, T.title), this.closeBtn),
        this.status, this.banner, this.log, this.form);
      this.log.append(this.typing);
      this.panel.addEventListener("keydown", (e) => { if (e.key === "Escape") { e.stopPropagation(); this.close(); } });
      root.append(this.launcher, this.panel);
      (document.body || document.documentElement).append(this.host);
    }

    isOpen() { return !this.panel.hidden; }

    open(focus) {
      this.panel.hidden = false;
      this.launcher.setAttribute("aria-expanded", "true");
      sessionStorage.setItem(STORE_KEY + ":open", "1");
      this.unread = 0;
      this.badge.hidden = true;
      this.connect();
      if (focus) this.input.focus();
      this.scroll();
    }

    close() {
      const hadFocus = this.host.shadowRoot.activeElement !== null;
      this.panel.hidden = true;
      this.launcher.setAttribute("aria-expanded", "false");
      sessionStorage.removeItem(STORE_KEY + ":open");
      if (hadFocus) this.launcher.focus();
    }

    // ---- connection ----

    connect() {
      this.wanted = true;
      if (this.ws || this.retryTimer) return;
      this.setStatus(this.attempt ? T.reconnecting : "");
      let ws;
      try {
        ws = new WebSocket(wsUrl);
      } catch (_) {
        return this.retry();
      }
      this.ws = ws;
      ws.onopen = async () => {
        const identity = await this.identityToken();
        if (ws.readyState === WebSocket.OPEN) this.hello(ws, identity);
      };
      ws.onmessage = (e) => {
        let frame;
        try { frame = JSON.parse(e.data); } catch (_) { return; }
        if (frame && typeof frame === "object") this.onFrame(frame);
      };
      ws.onclose = () => {
        this.ws = null;
        this.ready = false;
        this.showTyping(false);
        if (this.wanted) this.retry();
      };
      ws.onerror = () => { /* onclose follows */ };
    }

    hello(ws, identity) {
      const hello = { type: "hello", locale };
      if (this.sessionId) hello.session_id = this.sessionId;
      if (identity) hello.identity = identity;
      // After a welcome on this page, ask only for what we missed; otherwise (a fresh
      // page) ask for the whole history to draw it again.
      // (Before any logged frame, the whole history comes again and only its server
      // frames are new: the shopper's own lines are on the page already.)
      if (this.welcomed && this.sessionId && this.lastSeen >= 0) hello.last_seen = this.lastSeen;
      this.helloIdentity = identity || "";
      ws.send(JSON.stringify(hello));
    }

    /** The token for this connection: set by signIn, the attribute, or fetched. */
    async identityToken() {
      if (this.identityRefused) return "";
      if (this.identity) return this.identity;
      if (identityAttr) return identityAttr;
      if (!identityUrl) return "";
      try {
        const res = await fetch(new URL(identityUrl, location.href), { credentials: "same-origin", cache: "no-store" });
        if (!res.ok) return "";
        const body = await res.json();
        return typeof body.identity === "string" ? body.identity : "";
      } catch (_) {
        return ""; // no token: the chat is a guest's
      }
    }

    /** The shopper signed in on the page: the conversation goes on as theirs. */
    signIn(token) {
      this.identity = str(token);
      this.identityRefused = false;
      if (this.ws && this.ws.readyState === WebSocket.OPEN) this.hello(this.ws, this.identity);
      else this.connect();
    }

    retry() {
      if (this.retryTimer) return;
      // Exponential backoff with jitter: 0.5 s, 1 s, 2 s … capped at 30 s.
      const delay = Math.min(30000, 500 * 2 ** this.attempt) * (0.75 + Math.random() * 0.5);
      this.attempt += 1;
      this.setStatus(navigator.onLine === false ? T.offline : T.reconnecting);
      this.retryTimer = setTimeout(() => { this.retryTimer = null; this.connect(); }, delay);
    }

    sendFrame(frame) {
      if (this.ready && this.ws && this.ws.readyState === WebSocket.OPEN) {
        this.ws.send(JSON.stringify(frame));
      } else {
        this.outbox.push(frame);
        this.connect();
      }
    }

    setStatus(text) { this.status.textContent = text; }

    // ---- frames from the server ----

    onFrame(f) {
      switch (f.type) {
        case "welcome": return this.onWelcome(f);
        case "typing": return this.showTyping(true);
        case "reply": case "handoff": case "agent_message":
          if (!this.fresh(f.seq)) return;
          this.showTyping(false);
          this.renderLogged(f, true);
          if (f.type === "reply") this.afterReply(f);
          return this.noteUnread();
        case "ack": {
          const cb = this.pending.get(f.of);
          if (cb) { this.pending.delete(f.of); cb(); }
          return;
        }
        case "error":
          this.settleCartWaiter(f.in_reply_to, { added: false, error: str(f.code) });
          return this.onError(f);
        default: return; // pong and frames of later protocol versions
      }
    }

    /** True for a logged frame this page has not drawn yet (replays may repeat some). */
    fresh(seq) {
      if (typeof seq !== "number") return true;
      if (seq <= this.lastSeen) return false;
      this.lastSeen = seq;
      return true;
    }

    onWelcome(f) {
      this.attempt = 0;
      this.busyShown = false;
      this.setStatus("");
      if (f.session_id !== this.sessionId) {
        this.sessionId = str(f.session_id);
        save({ session_id: this.sessionId });
      }
      const history = Array.isArray(f.history) ? f.history : [];
      const firstOnPage = !this.welcomed;
      for (const entry of history) {
        if (!entry || !this.fresh(entry.seq)) continue;
        if (entry.from === "user" && firstOnPage) this.addMessage("user", T.you, str(entry.text));
        else if (entry.from === "server" && entry.frame) this.renderLogged(entry.frame, false);
      }
      if (history.length) this.enableLatestQuickReplies();
      else if (firstOnPage && greeting) this.addMessage("bot", T.bot, greeting);
      if (f.cart && typeof f.cart === "object") this.setCart(f.cart);
      this.welcomed = true;
      this.ready = true;
      const queued = this.outbox.splice(0);
      for (const frame of queued) this.sendFrame(frame);
    }

    onError(f) {
      this.showTyping(false);
      let code = str(f.code);
      const ws = this.ws;
      // The stored conversation is another shopper's (signed out, or someone else signed
      // in on this browser): start a fresh one, quietly.
      if (code === "session_owned" && !this.ready && ws) {
        this.sessionId = null;
        this.welcomed = false;
        this.lastSeen = -1;
        save({});
        return this.hello(ws, this.helloIdentity);
      }
      // A token the server refused: go on as a guest, and say so.
      if (code.startsWith("identity_")) {
        this.identityRefused = true;
        if (!this.ready && ws) this.hello(ws, "");
        code = "identity";
      }
      // A full server refuses every retry: say so once, not once per attempt.
      if (code === "too_many_connections") {
        if (this.busyShown) return;
        this.busyShown = true;
      }
      const text = T.err[code] || T.err._;
      if (code === "idle_timeout") this.wanted = false; // reconnect when the shopper acts
      const note = this.addNotice(text, true);
      note.dataset.code = code;
      this.noteUnread();
    }

    // ---- the cart (the server's; this page only shows it) ----

    /** A reply's cart (sent when the turn changed it), and the add-to-cart it answers. */
    afterReply(f) {
      if (f.cart && typeof f.cart === "object") this.setCart(f.cart);
      const waiter = this.cartWaiters.get(f.in_reply_to);
      if (!waiter) return;
      // No cart in the answer: the assistant asks something (which size?) or says why not.
      if (!f.cart) this.open(false);
      this.settleCartWaiter(f.in_reply_to, { added: Boolean(f.cart), reply: { id: str(f.id), text: str(f.text) } });
    }

    settleCartWaiter(clientId, result) {
      const resolve = clientId && this.cartWaiters.get(clientId);
      if (!resolve) return;
      this.cartWaiters.delete(clientId);
      resolve({ ...result, cart: this.cart() });
    }

    setCart(raw) {
      const num = (v) => (Number.isFinite(Number(v)) ? Number(v) : 0);
      const lines = (Array.isArray(raw.lines) ? raw.lines : []).filter((l) => l && typeof l === "object").map((l) => ({
        product: str(l.product), name: str(l.name), sku: l.sku == null ? null : str(l.sku),
        size: l.size == null ? null : str(l.size), colour: l.colour == null ? null : str(l.colour),
        quantity: num(l.quantity), price: num(l.price), currency: str(l.currency),
      }));
      const cart = { lines, count: num(raw.count), total: num(raw.total), currency: str(raw.currency) };
      const changed = JSON.stringify(cart) !== JSON.stringify(this.cartState);
      this.cartState = cart;
      if (changed) window.dispatchEvent(new CustomEvent("kefu:cart", { detail: this.cart() }));
    }

    /** A copy of the cart, or null before the server said what it is. */
    cart() { return this.cartState ? JSON.parse(JSON.stringify(this.cartState)) : null; }

    /** Puts a product in the server's cart; resolves with {added, cart, reply?, error?}. */
    addToCart(productId, opts) {
      const id = str(productId).trim();
      if (!id) return Promise.reject(new TypeError("kefu.addToCart needs a product id"));
      const o = opts && typeof opts === "object" ? opts : {};
      const slots = { product_id: id };
      const size = str(o.size).trim();
      const colour = str(o.colour ?? o.color).trim();
      const quantity = Math.floor(Number(o.quantity));
      if (size) slots.size = size;
      if (colour) slots.color = colour;
      if (Number.isFinite(quantity) && quantity > 1) slots.quantity = String(Math.min(quantity, 99));
      const clientId = newId("c");
      this.wanted = true;
      const done = new Promise((resolve) => this.cartWaiters.set(clientId, resolve));
      this.sendFrame({ type: "action", payload: "/add_to_cart" + JSON.stringify(slots), client_id: clientId });
      return done;
    }

    renderLogged(frame, live) {
      if (frame.type === "reply") this.renderReply(frame, live);
      else if (frame.type === "handoff") this.renderHandoff(str(frame.state));
      else if (frame.type === "agent_message") this.addMessage("agent", T.agent, str(frame.text));
    }

    renderHandoff(state) {
      const text = state === "waiting_for_agent" ? T.handoff
        : state === "agent_joined" || state === "with_agent" ? T.handoffActive
        : state === "ended" || state === "closed" || state === "bot" ? T.handoffEnded
        : T.handoff;
      this.banner.textContent = state === "ended" || state === "closed" || state === "bot" ? "" : text;
      this.addNotice(text, false).dataset.handoff = state;
    }

    renderReply(r, live) {
      const body = this.addMessage("bot", T.bot, str(r.text));
      body.dataset.replyId = str(r.id);
      const products = Array.isArray(r.products) ? r.products : [];
      if (products.length) {
        const list = el("ul", { class: "cards", "aria-label": T.products });
        for (const p of products) if (p && typeof p === "object") list.append(this.card(p, str(r.id)));
        body.append(list);
      }
      const quick = Array.isArray(r.quick_replies) ? r.quick_replies : [];
      if (quick.length) {
        const group = el("div", { class: "quick", role: "group", "aria-label": T.quick });
        for (const q of quick) {
          if (!q || typeof q !== "object") continue;
          const title = str(q.title);
          group.append(el("button", { type: "button", onclick: () => this.quickReply(title, str(q.payload)) }, title));
        }
        body.append(group);
      }
      if (r.id) body.append(this.feedback(str(r.id)));
      if (live) this.enableLatestQuickReplies();
    }

    card(p, replyId) {
      const name = str(p.name);
      const image = safeUrl(p.image);
      const url = safeUrl(p.url);
      const rating = Number(p.rating);
      const productId = str(p.id);
      const meta = el("div", { class: "meta" },
        el("span", { class: "price" }, formatPrice(p.price, p.currency)),
        p.brand ? el("span", { class: "brand" }, str(p.brand)) : null);
      const stars = Number.isFinite(rating) && p.rating !== null && p.rating !== undefined
        ? el("div", { class: "meta rating", "aria-label": T.rated.replace("{r}", rating.toFixed(1)) },
          "★★★★★☆☆☆☆☆".slice(5 - Math.round(Math.max(0, Math.min(5, rating))), 10 - Math.round(Math.max(0, Math.min(5, rating)))) + " " + rating.toFixed(1))
        : null;
      const view = url
        ? el("a", { href: url, target: "_blank", rel: "noopener noreferrer", class: "view" }, T.view)
        : el("button", { type: "button", class: "view" }, T.view);
      view.setAttribute("aria-label", T.view + ": " + name);
      view.addEventListener("click", () => this.productEvent("click", productId, replyId, view));
      const cart = el("button", { type: "button", class: "cart", "aria-label": T.addToCart + ": " + name }, T.addToCart);
      cart.addEventListener("click", () => {
        // The event counts the press for the shop's analytics (which reply sold it); the
        // action puts it in the server's cart, which answers (or asks which size).
        this.productEvent("add_to_cart", productId, replyId, cart);
        window.dispatchEvent(new CustomEvent("kefu:add-to-cart", { detail: { product_id: productId, reply_id: replyId, name } }));
        this.addToCart(productId).then((r) => { if (r.added) cart.textContent = T.added; });
      });
      const placeholder = () => el("div", { class: "noimg", "aria-hidden": "true" });
      let picture = placeholder();
      if (image) {
        picture = el("img", { src: image, alt: "", loading: "lazy", referrerpolicy: "no-referrer" });
        picture.addEventListener("error", () => picture.replaceWith(placeholder()), { once: true });
      }
      return el("li", { class: "card", "data-product-id": productId },
        picture,
        el("h3", {}, name),
        meta,
        stars,
        p.reason ? el("div", { class: "reason" }, str(p.reason)) : null,
        el("div", { class: "actions" }, view, cart));
    }

    feedback(replyId) {
      const thanks = el("span", { class: "sr-thanks", role: "status" });
      const bar = el("div", { class: "feedback" });
      const thumb = (value, label, glyph) => el("button", {
        type: "button", "aria-label": label, "aria-pressed": "false", "data-value": value,
        onclick: (e) => {
          for (const b of bar.querySelectorAll("button")) b.setAttribute("aria-pressed", String(b === e.currentTarget));
          this.pending.set(replyId, () => { thanks.textContent = T.thanks; });
          this.sendFrame({ type: "feedback", reply_id: replyId, value });
        },
      }, glyph);
      bar.append(thumb("up", T.helpful, thumbIcon(false)), thumb("down", T.notHelpful, thumbIcon(true)), thanks);
      return bar;
    }

    productEvent(kind, productId, replyId, button, onAck) {
      const id = newId("ev");
      button.dataset.state = "sent";
      this.pending.set(id, () => { button.dataset.state = "acked"; if (onAck) onAck(); });
      this.sendFrame({ type: "event", event: { id, kind, product: productId, reply_id: replyId } });
    }

    // ---- what the shopper does ----

    submit() {
      const text = this.input.value.trim();
      if (!text) return;
      this.input.value = "";
      this.say(text);
    }

    say(text) {
      this.wanted = true;
      this.disableQuickReplies();
      this.addMessage("user", T.you, text);
      this.sendFrame({ type: "message", client_id: newId("c"), text });
    }

    quickReply(title, payload) {
      this.wanted = true;
      this.disableQuickReplies();
      this.addMessage("user", T.you, title);
      this.sendFrame({ type: "action", payload, client_id: newId("c") });
      this.input.focus();
    }

    disableQuickReplies() {
      for (const b of this.log.querySelectorAll(".quick button")) b.disabled = true;
    }

    /** Only the newest reply's quick replies are live; older ones answer a past question. */
    enableLatestQuickReplies() {
      const groups = this.log.querySelectorAll(".quick");
      groups.forEach((g, i) => {
        const last = i === groups.length - 1 && !g.closest(".msg").nextElementSibling?.matches(".msg.user");
        for (const b of g.querySelectorAll("button")) b.disabled = !last;
      });
    }

    // ---- drawing ----

    addMessage(kind, who, text) {
      const node = el("div", { class: "msg " + kind },
        el("span", { class: "who" }, who),
        el("span", { class: "text" }, text));
      this.log.insertBefore(node, this.typing);
      this.scroll();
      return node;
    }

    addNotice(text, isError) {
      const node = el("div", { class: "notice" + (isError ? " error" : "") }, text);
      this.log.insertBefore(node, this.typing);
      this.scroll();
      return node;
    }

    showTyping(on) {
      this.typing.hidden = !on;
      if (on) this.scroll();
    }

    noteUnread() {
      if (this.isOpen()) return;
      this.unread += 1;
      this.badge.textContent = String(this.unread);
      this.badge.hidden = false;
    }

    scroll() { this.log.scrollTop = this.log.scrollHeight; }
  }

  function start() {
    const widget = new Widget();
    window.kefu = {
      version: 1,
      open: () => widget.open(true),
      close: () => widget.close(),
      send: (text) => { widget.open(false); if (str(text).trim()) widget.say(str(text).trim()); },
      cart: () => widget.cart(),
      addToCart: (productId, opts) => widget.addToCart(productId, opts),
      signIn: (token) => widget.signIn(token),
    };
    window.addEventListener("online", () => { if (widget.wanted && !widget.ws) { clearTimeout(widget.retryTimer); widget.retryTimer = null; widget.connect(); } });
  }

  window.kefu = { version: 0 }; // claimed while the page finishes loading
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
