//! What one action produces, before it becomes a `Reply`.

use crate::types::{ProductCard, QuickReply};

#[derive(Debug, Default, Clone)]
pub struct Outcome {
    /// The action's name, for the conversation log and the story tests.
    pub action: &'static str,
    pub text: String,
    pub products: Vec<ProductCard>,
    pub quick_replies: Vec<QuickReply>,
    pub handoff: bool,
    /// A search that found nothing (the analytics list what was looked for).
    pub no_results: bool,
    /// kefu did not understand the turn and took the fallback path (a question it had
    /// asked, answered by a bare "4" or an email, is understood however the NLU scored it).
    pub fallback: bool,
    /// The shopper's 1–5 rating of the conversation, on the turn that gave it.
    pub csat: Option<u8>,
}

impl Outcome {
    pub fn say(action: &'static str, text: String) -> Self {
        Outcome {
            action,
            text,
            ..Outcome::default()
        }
    }

    pub fn with_products(mut self, products: Vec<ProductCard>) -> Self {
        self.products = products;
        self
    }

    pub fn with_quick_replies(mut self, quick: Vec<QuickReply>) -> Self {
        self.quick_replies = quick;
        self
    }
}

/// A button with a literal title.
pub fn plain_quick(title: &str, payload: String) -> QuickReply {
    QuickReply {
        title: title.to_string(),
        payload,
    }
}

/// A button that re-runs an intent, Rasa-style: `/intent` or `/intent{"slot":"value"}`.
pub fn intent_payload(intent: &str, slots: &[(&str, &str)]) -> String {
    if slots.is_empty() {
        return format!("/{intent}");
    }
    let map: serde_json::Map<String, serde_json::Value> = slots
        .iter()
        .map(|(k, v)| (k.to_string(), serde_json::Value::String(v.to_string())))
        .collect();
    format!("/{intent}{}", serde_json::Value::Object(map))
}

/// Parses a payload made by [`intent_payload`].
pub fn parse_payload(payload: &str) -> Option<(String, Vec<(String, String)>)> {
    let rest = payload.trim().strip_prefix('/')?;
    let (intent, json) = match rest.find('{') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, ""),
    };
    if intent.is_empty()
        || !intent
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_')
    {
        return None;
    }
    let slots = if json.is_empty() {
        Vec::new()
    } else {
        let v: serde_json::Map<String, serde_json::Value> = serde_json::from_str(json).ok()?;
        v.into_iter()
            .filter_map(|(k, v)| v.as_str().map(|s| (k, s.to_string())))
            .collect()
    };
    Some((intent.to_string(), slots))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn payloads_round_trip() {
        let p = intent_payload("search_product", &[("product_type", "running shoes")]);
        assert_eq!(
            parse_payload(&p),
            Some((
                "search_product".into(),
                vec![("product_type".into(), "running shoes".into())]
            ))
        );
        assert_eq!(parse_payload("/greet"), Some(("greet".into(), vec![])));
        assert_eq!(parse_payload("greet"), None);
        assert_eq!(parse_payload("/bad intent"), None);
    }
}
