// The demo shop's cart header and "Add to cart" buttons. The cart is the chat server's
// (the same one the assistant fills): this script only shows it and asks the widget to
// add to it, through window.kefu.cart(), window.kefu.addToCart() and the `kefu:cart`
// event (docs/widget.md). Load it before /kefu-widget.js so no `kefu:cart` is missed.
(() => {
  "use strict";
  const locale = document.documentElement.lang || "en";

  const money = (amount, currency) => {
    const n = Number(amount);
    if (!Number.isFinite(n)) return "";
    try { return new Intl.NumberFormat(locale, { style: "currency", currency: currency || "EUR" }).format(n); }
    catch (_) { return n.toFixed(2) + (currency ? " " + currency : ""); }
  };

  /** "Cart: 3 items · €241.00" in the header's #cart. */
  function showCart(cart) {
    const label = document.getElementById("cart");
    if (!label || !cart) return;
    const n = Number(cart.count) || 0;
    label.textContent = `Cart: ${n} item${n === 1 ? "" : "s"}` + (n ? ` · ${money(cart.total, cart.currency)}` : "");
    label.dataset.count = String(n);
  }
  window.addEventListener("kefu:cart", (e) => showCart(e.detail));

  /**
   * Adds through the widget, so the server's cart stays the one truth. `status` (optional)
   * is an element that says what happened; the button is disabled while waiting.
   */
  async function addToCart(productId, opts, button, status) {
    const say = (text) => { if (status) status.textContent = text; };
    if (!window.kefu || typeof window.kefu.addToCart !== "function") {
      say("The cart is unavailable right now.");
      return { added: false };
    }
    if (button) button.disabled = true;
    say("Adding…");
    try {
      const result = await window.kefu.addToCart(productId, opts || {});
      say(result.added ? "Added to your cart." : "The assistant has a question — see the chat.");
      return result;
    } catch (_) {
      say("Could not add it; please try again.");
      return { added: false };
    } finally {
      if (button) button.disabled = false;
    }
  }

  // A product page's form: <form data-add-to-cart="id"> with size / colour / quantity.
  document.addEventListener("submit", (e) => {
    const form = e.target instanceof HTMLFormElement && e.target.closest("form[data-add-to-cart]");
    if (!form) return;
    e.preventDefault();
    const data = new FormData(form);
    const opts = {
      size: data.get("size") || undefined,
      colour: data.get("colour") || undefined,
      quantity: Number(data.get("quantity")) || 1,
    };
    addToCart(form.dataset.addToCart, opts, form.querySelector("button[type=submit]"), form.querySelector(".added"));
  });

  window.shop = { addToCart, showCart };
})();
