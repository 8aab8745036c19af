//! Events as they arrive (`EventInput`, loose, from JSON) and as they are stored (`Event`,
//! checked and typed).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{BehaviorError, Bounds, ProductDirectory};
use crate::types::{ProductId, SessionId, UserId};

/// One event as a client sends it. Every kind shares this flat shape; which fields a kind
/// needs is checked by [`EventInput::validate`], so a missing one gets a sentence, not a
/// serde path.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventInput {
    /// The client's id for this event; sending the same id again stores nothing new.
    pub id: String,
    /// view | click | add_to_cart | remove_from_cart | purchase | rating | review | thumb
    pub kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session: Option<SessionId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user: Option<UserId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub product: Option<ProductId>,
    /// The reply a click or a thumb refers to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reply_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub order_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub price: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quantity: Option<u32>,
    /// Stars, 1 to 5, for `rating`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rating: Option<u8>,
    /// The review text, for `review`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// "up" or "down", for `thumb`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thumb: Option<String>,
    /// When it happened (client clock); the server's receive time when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<DateTime<Utc>>,
}

/// What the shopper did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Action {
    View {
        product: ProductId,
    },
    /// A click on a product kefu recommended in reply `reply_id`.
    Click {
        product: ProductId,
        reply_id: String,
    },
    AddToCart {
        product: ProductId,
        quantity: u32,
    },
    RemoveFromCart {
        product: ProductId,
        quantity: u32,
    },
    Purchase {
        product: ProductId,
        order_id: String,
        price: f64,
        quantity: u32,
    },
    Rating {
        product: ProductId,
        rating: u8,
    },
    Review {
        product: ProductId,
        text: String,
    },
    Thumb {
        reply_id: String,
        up: bool,
    },
}

pub const KINDS: &str =
    "view, click, add_to_cart, remove_from_cart, purchase, rating, review, thumb";

/// The kinds a shopper's own page may report over the socket. Purchases, ratings and
/// reviews change revenue and what others are shown, so only the shop's backend (with the
/// events token) may report them.
pub const SOCKET_KINDS: &[&str] = &["view", "click", "add_to_cart", "remove_from_cart", "thumb"];

/// Who reported an event. Each source has its own id namespace, so a page visitor can
/// never claim an id the shop's backend will send later.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// `POST /api/events` with the events token (and every event stored before sources
    /// were told apart).
    #[default]
    Backend,
    /// A shopper's socket: session, user and time come from the connection, not the frame.
    Socket,
}

/// Longest review text accepted.
const MAX_TEXT: usize = 10_000;

impl Action {
    pub fn kind(&self) -> &'static str {
        match self {
            Action::View { .. } => "view",
            Action::Click { .. } => "click",
            Action::AddToCart { .. } => "add_to_cart",
            Action::RemoveFromCart { .. } => "remove_from_cart",
            Action::Purchase { .. } => "purchase",
            Action::Rating { .. } => "rating",
            Action::Review { .. } => "review",
            Action::Thumb { .. } => "thumb",
        }
    }

    /// The product this event is about, if any (a thumb is about a reply).
    pub fn product(&self) -> Option<&ProductId> {
        match self {
            Action::View { product }
            | Action::Click { product, .. }
            | Action::AddToCart { product, .. }
            | Action::RemoveFromCart { product, .. }
            | Action::Purchase { product, .. }
            | Action::Rating { product, .. }
            | Action::Review { product, .. } => Some(product),
            Action::Thumb { .. } => None,
        }
    }
}

/// One stored event: checked, numbered, timestamped.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// Position in the log; strictly increasing in arrival order.
    pub seq: u64,
    /// The client's event id (idempotency key).
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session: Option<SessionId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user: Option<UserId>,
    pub at: DateTime<Utc>,
    pub received: DateTime<Utc>,
    #[serde(default)]
    pub source: Source,
    #[serde(flatten)]
    pub action: Action,
}

impl Event {
    /// The key of this event's id in the idempotency index.
    pub fn id_key(&self) -> Vec<u8> {
        id_key(self.source, self.session.as_ref(), &self.id)
    }
}

/// `b\0<id>` for the backend; `s\0<session>\0<id>` for a socket, so one session cannot
/// claim another's ids either.
pub(crate) fn id_key(source: Source, session: Option<&SessionId>, id: &str) -> Vec<u8> {
    let mut k = Vec::with_capacity(id.len() + 40);
    match source {
        Source::Backend => k.extend_from_slice(b"b\0"),
        Source::Socket => {
            k.extend_from_slice(b"s\0");
            k.extend_from_slice(session.map(|s| s.as_str()).unwrap_or("").as_bytes());
            k.push(0);
        }
    }
    k.extend_from_slice(id.as_bytes());
    k
}

impl EventInput {
    /// Checks the fields this kind needs, that its product exists, that quantities and
    /// prices are within `bounds` and that a rating names an order of this user holding
    /// the product; `products` is `None` only where no catalogue is at hand (offline
    /// evaluation of a foreign log: no product or order checks then).
    pub fn validate(
        &self,
        index: usize,
        products: Option<&dyn ProductDirectory>,
        bounds: &Bounds,
    ) -> Result<Action, BehaviorError> {
        let fail = |message: String, hint: &str| BehaviorError::Invalid {
            index,
            id: self.id.clone(),
            message,
            hint: hint.to_string(),
        };
        if self.id.trim().is_empty() || self.id.len() > 200 {
            return Err(fail(
                "`id` must be a non-empty string of at most 200 characters".into(),
                "give every event a unique client id (a UUID works); resending the same id is safe",
            ));
        }
        if self.session.is_none() && self.user.is_none() {
            return Err(fail(
                "the event names neither `session` nor `user`".into(),
                "send the anonymous session id, the logged-in user id, or both",
            ));
        }
        let kind = self.kind.as_str();
        let need = |field: &str| {
            fail(
                format!("a `{kind}` event needs `{field}`"),
                &format!("add `{field}` to the event"),
            )
        };
        let product = || -> Result<ProductId, BehaviorError> {
            let p = self.product.clone().ok_or_else(|| need("product"))?;
            if let Some(dir) = products {
                if dir.facts(&p).is_none() {
                    return Err(fail(
                        format!("unknown product `{p}`"),
                        "use a product id from the shop's catalogue",
                    ));
                }
            }
            Ok(p)
        };
        let quantity = |default: Option<u32>| -> Result<u32, BehaviorError> {
            match self.quantity.or(default) {
                Some(0) => Err(fail(
                    "`quantity` must be at least 1".into(),
                    "send a whole number of items, 1 or more",
                )),
                Some(q) if q > bounds.max_quantity => Err(fail(
                    format!(
                        "`quantity` {q} is over the limit of {}",
                        bounds.max_quantity
                    ),
                    "send the real number of items (the limit is behavior.max_quantity)",
                )),
                Some(q) => Ok(q),
                None => Err(need("quantity")),
            }
        };
        let reply_id = || -> Result<String, BehaviorError> {
            match &self.reply_id {
                Some(r) if !r.trim().is_empty() => Ok(r.clone()),
                _ => Err(need("reply_id")),
            }
        };
        let action = match kind {
            "view" => Action::View {
                product: product()?,
            },
            "click" => Action::Click {
                product: product()?,
                reply_id: reply_id()?,
            },
            "add_to_cart" => Action::AddToCart {
                product: product()?,
                quantity: quantity(Some(1))?,
            },
            "remove_from_cart" => Action::RemoveFromCart {
                product: product()?,
                quantity: quantity(Some(1))?,
            },
            "purchase" => {
                let product = product()?;
                let order_id = match &self.order_id {
                    Some(o) if !o.trim().is_empty() => o.clone(),
                    _ => return Err(need("order_id")),
                };
                let price = self.price.ok_or_else(|| need("price"))?;
                if !(price.is_finite() && price >= 0.0) {
                    return Err(fail(
                        format!("`price` must be a number 0 or more, got {price}"),
                        "send the unit price paid",
                    ));
                }
                if price > bounds.max_price {
                    return Err(fail(
                        format!("`price` {price} is over the limit of {}", bounds.max_price),
                        "send the unit price paid (the limit is behavior.max_price)",
                    ));
                }
                Action::Purchase {
                    product,
                    order_id,
                    price,
                    quantity: quantity(None)?,
                }
            }
            "rating" => {
                let product = product()?;
                let rating = self.rating.ok_or_else(|| need("rating"))?;
                if !(1..=5).contains(&rating) {
                    return Err(fail(
                        format!("`rating` must be 1 to 5 stars, got {rating}"),
                        "send a whole number of stars from 1 to 5",
                    ));
                }
                if let Some(dir) = products {
                    self.prove_order(&product, dir)
                        .map_err(|m| fail(m, "a rating names the order (`order_id`) in which this `user` bought the product"))?;
                }
                Action::Rating { product, rating }
            }
            "review" => {
                let product = product()?;
                let text = self.text.clone().unwrap_or_default();
                if text.trim().is_empty() || text.len() > MAX_TEXT {
                    return Err(fail(
                        format!("a review needs `text` of 1 to {MAX_TEXT} bytes"),
                        "send the review's text",
                    ));
                }
                Action::Review { product, text }
            }
            "thumb" => {
                let reply_id = reply_id()?;
                let up = match self.thumb.as_deref() {
                    Some("up") => true,
                    Some("down") => false,
                    Some(other) => {
                        return Err(fail(
                            format!("`thumb` must be \"up\" or \"down\", got {other:?}"),
                            "send \"up\" or \"down\"",
                        ))
                    }
                    None => return Err(need("thumb")),
                };
                Action::Thumb { reply_id, up }
            }
            other => {
                return Err(fail(
                    format!("unknown event kind {other:?}"),
                    &format!("kind is one of: {KINDS}"),
                ))
            }
        };
        Ok(action)
    }

    /// A rating counts only from someone who bought the product: the order exists, is
    /// this user's, and holds it.
    fn prove_order(&self, product: &ProductId, dir: &dyn ProductDirectory) -> Result<(), String> {
        let Some(order_id) = self.order_id.as_deref().filter(|o| !o.trim().is_empty()) else {
            return Err("a `rating` event needs `order_id`".into());
        };
        let Some(user) = &self.user else {
            return Err("a `rating` event needs `user` (the order's owner)".into());
        };
        let Some(order) = dir.order(order_id) else {
            return Err(format!("no order `{order_id}` in the order book"));
        };
        if order.user.as_str() != user.as_str() {
            return Err(format!("order `{order_id}` is not user `{user}`'s"));
        }
        if !order.products.contains(product) {
            return Err(format!(
                "order `{order_id}` does not hold product `{product}`"
            ));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_shop::{event, shop};
    use super::*;

    fn message(e: &EventInput) -> String {
        e.validate(0, Some(&shop()), &Bounds::default())
            .unwrap_err()
            .to_string()
    }

    #[test]
    fn quantities_and_prices_are_bounded() {
        let bounds = Bounds::default();
        let cart = |q: u32| EventInput {
            quantity: Some(q),
            ..event("c", "add_to_cart", "kettle")
        };
        assert!(message(&cart(u32::MAX)).contains("over the limit of 1000"));
        assert!(message(&cart(0)).contains("at least 1"));
        assert!(cart(bounds.max_quantity)
            .validate(0, Some(&shop()), &bounds)
            .is_ok());
        let buy = |price: f64| EventInput {
            order_id: Some("o-9".into()),
            price: Some(price),
            quantity: Some(1),
            ..event("b", "purchase", "kettle")
        };
        assert!(message(&buy(1e9)).contains("over the limit"));
        assert!(message(&buy(f64::NAN)).contains("0 or more"));
        assert!(message(&buy(-1.0)).contains("0 or more"));
        assert!(buy(19.99).validate(0, Some(&shop()), &bounds).is_ok());
    }

    #[test]
    fn a_rating_needs_an_order_of_its_author_that_holds_the_product() {
        let rating = |user: Option<&str>, order: Option<&str>, product: &str| EventInput {
            user: user.map(UserId::new),
            order_id: order.map(String::from),
            rating: Some(5),
            ..event("r", "rating", product)
        };
        assert!(message(&rating(Some("ann"), None, "kettle")).contains("needs `order_id`"));
        assert!(message(&rating(None, Some("o-1"), "kettle")).contains("needs `user`"));
        assert!(message(&rating(Some("ann"), Some("o-2"), "kettle")).contains("no order"));
        assert!(message(&rating(Some("bob"), Some("o-1"), "kettle")).contains("not user `bob`'s"));
        assert!(message(&rating(Some("ann"), Some("o-1"), "toaster")).contains("does not hold"));
        let ok = rating(Some("ann"), Some("o-1"), "kettle");
        assert!(ok.validate(0, Some(&shop()), &Bounds::default()).is_ok());
        // A directory without an order book proves nothing: ratings are refused.
        let plain = std::collections::HashMap::<ProductId, super::super::ProductFacts>::from([(
            ProductId::new("kettle"),
            Default::default(),
        )]);
        assert!(ok.validate(0, Some(&plain), &Bounds::default()).is_err());
    }

    #[test]
    fn ids_are_namespaced_by_source_and_session() {
        let s1 = SessionId::new("s-1");
        let s2 = SessionId::new("s-2");
        let backend = id_key(Source::Backend, Some(&s1), "x");
        let socket = id_key(Source::Socket, Some(&s1), "x");
        assert_ne!(backend, socket);
        assert_ne!(socket, id_key(Source::Socket, Some(&s2), "x"));
        // The backend's namespace does not depend on the session.
        assert_eq!(backend, id_key(Source::Backend, None, "x"));
    }
}

#[cfg(test)]
mod properties {
    use super::super::test_shop::shop;
    use super::*;
    use proptest::prelude::*;

    fn kind() -> impl Strategy<Value = String> {
        prop_oneof![
            prop::sample::select(KINDS.split(", ").collect::<Vec<_>>()).prop_map(String::from),
            ".{0,12}",
        ]
    }

    fn input() -> impl Strategy<Value = EventInput> {
        (
            (
                ".{0,8}",
                kind(),
                prop::option::of(".{0,6}"),
                prop::option::of(".{0,6}"),
            ),
            (
                prop::option::of(prop::sample::select(vec!["kettle", "toaster", "", "nope"])),
                prop::option::of(".{0,6}"),
                prop::option::of(prop::sample::select(vec!["o-1", "o-2", ""])),
            ),
            (
                prop::option::of(any::<f64>()),
                prop::option::of(any::<u32>()),
                prop::option::of(any::<u8>()),
                prop::option::of(".{0,6}"),
                prop::option::of(prop::sample::select(vec!["up", "down", "sideways"])),
            ),
        )
            .prop_map(
                |(
                    (id, kind, session, user),
                    (product, reply_id, order_id),
                    (price, quantity, rating, text, thumb),
                )| {
                    EventInput {
                        id,
                        kind,
                        session: session.map(SessionId::new),
                        user: user.map(UserId::new),
                        product: product.map(ProductId::new),
                        reply_id,
                        order_id: order_id.map(String::from),
                        price,
                        quantity,
                        rating,
                        text,
                        thumb: thumb.map(String::from),
                        at: None,
                    }
                },
            )
    }

    proptest! {
        /// Whatever arrives, the validator answers without panicking, and what it accepts
        /// is within bounds and of a known kind.
        #[test]
        fn the_validator_takes_anything_and_accepts_only_bounded_events(e in input()) {
            let bounds = Bounds::default();
            match e.validate(3, Some(&shop()), &bounds) {
                Ok(action) => {
                    prop_assert!(KINDS.contains(action.kind()));
                    match action {
                        Action::AddToCart { quantity, .. } | Action::RemoveFromCart { quantity, .. } => {
                            prop_assert!((1..=bounds.max_quantity).contains(&quantity));
                        }
                        Action::Purchase { price, quantity, .. } => {
                            prop_assert!((1..=bounds.max_quantity).contains(&quantity));
                            prop_assert!(price.is_finite() && (0.0..=bounds.max_price).contains(&price));
                        }
                        Action::Rating { rating, product } => {
                            prop_assert!((1..=5).contains(&rating));
                            prop_assert_eq!(product.as_str(), "kettle");
                            prop_assert_eq!(e.user.as_ref().map(|u| u.as_str()), Some("ann"));
                        }
                        _ => {}
                    }
                }
                Err(BehaviorError::Invalid { index, message, hint, .. }) => {
                    prop_assert_eq!(index, 3);
                    prop_assert!(!message.is_empty() && !hint.is_empty());
                }
                Err(other) => prop_assert!(false, "unexpected error {other}"),
            }
        }

        /// Arbitrary JSON for an event never panics the parser.
        #[test]
        fn any_json_object_parses_or_fails_cleanly(body in "\\{.{0,40}\\}") {
            let _ = serde_json::from_str::<EventInput>(&body);
        }
    }
}
