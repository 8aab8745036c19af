"""Label inventory for the kefu NLU data (exact names used by the engine)."""

INTENTS = [
    # conversation
    "greet", "goodbye", "thanks", "affirm", "deny", "chitchat", "out_of_scope",
    # shopping
    "search_product", "refine_search", "recommend", "product_info", "compare_products",
    "check_price", "check_stock", "add_to_cart",
    # orders and policies
    "order_status", "cancel_order", "return_item", "refund_status", "shipping_info",
    "payment_info", "warranty_info",
    # other
    "complaint", "human_agent",
    # the cart (src_train_cart.py); last, so the generator's draws for the others stay
    "view_cart", "remove_from_cart", "update_cart", "empty_cart",
]

SLOTS = [
    "product_type", "brand", "color", "size", "material", "price_min", "price_max",
    "product", "feature", "order_id", "quantity", "ordinal", "location", "sort", "recipient",
]

SENTIMENTS = ["negative", "neutral", "positive"]

# default sentiment of a source line without a "+ " / "- " / "= " prefix
DEFAULT_SENTIMENT = {i: "neutral" for i in INTENTS}
DEFAULT_SENTIMENT["thanks"] = "positive"
DEFAULT_SENTIMENT["complaint"] = "negative"
