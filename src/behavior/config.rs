use serde::{Deserialize, Serialize};

use crate::config::ConfigError;

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct BehaviorConfig {
    /// Days after which an event counts half as much in a shopper's profile.
    pub half_life_days: f64,
    /// How many recently viewed products a profile remembers.
    pub recent_views: usize,
    /// Most events one `POST /api/events` batch may carry.
    pub max_batch: usize,
    /// Hours after kefu shows a product during which the shopper's add-to-cart or purchase
    /// of it counts as kefu's (analytics).
    pub attribution_window_hours: f64,
    /// Turns understood with less confidence than this are queued for review.
    pub review_confidence: f32,
    /// Entries in the analytics "top" lists (searched brands, unanswered questions …).
    pub analytics_top: usize,
    /// Most items one cart or purchase event may carry.
    pub max_quantity: u32,
    /// Highest unit price a purchase event may report (in the shop's currency).
    pub max_price: f64,
    /// How far ahead of the server's clock a backend event's `at` may be (clocks drift);
    /// later ones are refused, so no one can freeze a profile with a far-future date.
    pub max_clock_skew_secs: u64,
}

/// The limits one event is checked against.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bounds {
    pub max_quantity: u32,
    pub max_price: f64,
}

impl Default for Bounds {
    fn default() -> Self {
        BehaviorConfig::default().bounds()
    }
}

impl Default for BehaviorConfig {
    fn default() -> Self {
        Self {
            half_life_days: 30.0,
            recent_views: 20,
            max_batch: 1000,
            attribution_window_hours: 24.0,
            review_confidence: 0.6,
            analytics_top: 10,
            max_quantity: 1000,
            max_price: 1_000_000.0,
            max_clock_skew_secs: 300,
        }
    }
}

impl BehaviorConfig {
    pub fn validate(&self) -> Result<(), ConfigError> {
        if !(self.half_life_days.is_finite() && self.half_life_days > 0.0) {
            return Err(ConfigError::invalid(
                "behavior.half_life_days",
                self.half_life_days,
                "a positive number of days, e.g. 30",
            ));
        }
        if self.recent_views == 0 || self.recent_views > 1000 {
            return Err(ConfigError::invalid(
                "behavior.recent_views",
                self.recent_views,
                "1 to 1000",
            ));
        }
        if self.max_batch == 0 || self.max_batch > 100_000 {
            return Err(ConfigError::invalid(
                "behavior.max_batch",
                self.max_batch,
                "1 to 100000",
            ));
        }
        if !(self.attribution_window_hours.is_finite()
            && self.attribution_window_hours > 0.0
            && self.attribution_window_hours <= 24.0 * 365.0)
        {
            return Err(ConfigError::invalid(
                "behavior.attribution_window_hours",
                self.attribution_window_hours,
                "a positive number of hours up to a year, e.g. 24",
            ));
        }
        if !(0.0..=1.0).contains(&self.review_confidence) {
            return Err(ConfigError::invalid(
                "behavior.review_confidence",
                self.review_confidence,
                "0 to 1, e.g. 0.6",
            ));
        }
        if self.analytics_top == 0 || self.analytics_top > 1000 {
            return Err(ConfigError::invalid(
                "behavior.analytics_top",
                self.analytics_top,
                "1 to 1000",
            ));
        }
        if self.max_quantity == 0 || self.max_quantity > 1_000_000 {
            return Err(ConfigError::invalid(
                "behavior.max_quantity",
                self.max_quantity,
                "1 to 1000000",
            ));
        }
        if !(self.max_price.is_finite() && self.max_price > 0.0 && self.max_price <= 1e12) {
            return Err(ConfigError::invalid(
                "behavior.max_price",
                self.max_price,
                "a positive price up to 1e12, e.g. 1000000",
            ));
        }
        if self.max_clock_skew_secs > 86_400 {
            return Err(ConfigError::invalid(
                "behavior.max_clock_skew_secs",
                self.max_clock_skew_secs,
                "0 to 86400 seconds, e.g. 300",
            ));
        }
        Ok(())
    }

    pub fn bounds(&self) -> Bounds {
        Bounds {
            max_quantity: self.max_quantity,
            max_price: self.max_price,
        }
    }

    pub(crate) fn max_skew(&self) -> chrono::Duration {
        chrono::Duration::seconds(self.max_clock_skew_secs as i64)
    }

    /// The analytics settings in force.
    pub fn analytics_params(&self) -> super::analytics::Params {
        super::analytics::Params {
            attribution_window: chrono::Duration::milliseconds(
                (self.attribution_window_hours * 3_600_000.0).round() as i64,
            ),
            top: self.analytics_top,
            review_confidence: self.review_confidence,
        }
    }

    pub(crate) fn half_life_secs(&self) -> f64 {
        self.half_life_days * 86_400.0
    }
}
