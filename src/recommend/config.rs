use serde::{Deserialize, Serialize};

use crate::config::ConfigError;

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RecommendConfig {
    /// How many products one reply lists.
    pub list_size: usize,
    /// MMR trade-off between score and variety (1 = score only, 0 = variety only).
    pub diversity_lambda: f32,
    /// Weight of the semantic match between the request text and the product text.
    pub weight_relevance: f32,
    /// Weight of the profile's category / brand / attribute / price affinities.
    pub weight_affinity: f32,
    /// Weight of the likeness to products the shopper viewed lately.
    pub weight_look_alike: f32,
    /// Weight of co-view / co-purchase evidence from the event log.
    pub weight_behaviour: f32,
    /// Weight of the graph's relations to the current product (accessory, bought together).
    pub weight_companion: f32,
    pub weight_popularity: f32,
    pub weight_rating: f32,
    /// What one unit of a currency is worth in the shop's currency (the one most products
    /// are priced in), by ISO 4217 code: a budget a shopper names in it (300元) is
    /// converted, and the reply shows the converted amount. A currency with no rate is
    /// read as the shop's own, and the reply says so (docs/languages.md).
    pub currency_rates: std::collections::BTreeMap<String, f64>,
}

impl Default for RecommendConfig {
    fn default() -> Self {
        Self {
            list_size: 5,
            diversity_lambda: 0.75,
            weight_relevance: 1.0,
            weight_affinity: 0.5,
            weight_look_alike: 0.4,
            weight_behaviour: 0.5,
            weight_companion: 0.8,
            weight_popularity: 0.1,
            weight_rating: 0.1,
            currency_rates: Default::default(),
        }
    }
}

impl RecommendConfig {
    pub fn validate(&self) -> Result<(), ConfigError> {
        if self.list_size == 0 || self.list_size > 50 {
            return Err(ConfigError::invalid(
                "recommend.list_size",
                self.list_size,
                "1 to 50",
            ));
        }
        if !(0.0..=1.0).contains(&self.diversity_lambda) {
            return Err(ConfigError::invalid(
                "recommend.diversity_lambda",
                self.diversity_lambda,
                "a number from 0 to 1",
            ));
        }
        for (key, w) in [
            ("recommend.weight_relevance", self.weight_relevance),
            ("recommend.weight_affinity", self.weight_affinity),
            ("recommend.weight_look_alike", self.weight_look_alike),
            ("recommend.weight_behaviour", self.weight_behaviour),
            ("recommend.weight_companion", self.weight_companion),
            ("recommend.weight_popularity", self.weight_popularity),
            ("recommend.weight_rating", self.weight_rating),
        ] {
            if !(w.is_finite() && (0.0..=10.0).contains(&w)) {
                return Err(ConfigError::invalid(key, w, "a number from 0 to 10"));
            }
        }
        for (code, rate) in &self.currency_rates {
            if code.len() != 3 || !code.chars().all(|c| c.is_ascii_uppercase()) {
                return Err(ConfigError::invalid(
                    "recommend.currency_rates",
                    code,
                    "ISO 4217 codes in capitals, such as CNY",
                ));
            }
            if !(rate.is_finite() && *rate > 0.0) {
                return Err(ConfigError::invalid(
                    &format!("recommend.currency_rates.{code}"),
                    rate,
                    "a number above 0: one unit of it in the shop's currency",
                ));
            }
        }
        Ok(())
    }
}
