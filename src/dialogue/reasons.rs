//! Reasons on product cards, worded by the shop's templates (`reason_*` and `fit_*` keys
//! in knowledge/responses/<locale>.yaml) from the recommender's facts, with the products,
//! categories and attributes they name in the locale's words (`knowledge/<locale>/`, else
//! the catalogue's own).

use crate::knowledge::Graph;
use crate::recommend::{Companion, Fit, Reason};
use crate::types::{ProductId, SortWish};

use super::nlg::{format_month, format_price, Templates};

impl Templates {
    /// One card's reason in `locale`, naming things as `graph` does in that locale.
    pub fn reason(&self, locale: &str, reason: &Reason, graph: &Graph, pick: u64) -> String {
        let t = |key: &str, vars: &[(&str, String)]| self.render(locale, key, vars, pick);
        let price = |amount: f64, currency: &str| whole_price(amount, currency, locale);
        // A category by id, lowercased for the middle of a sentence ("running shoes").
        let lower = |id: &str| {
            graph
                .category(id)
                .map_or(id, |c| graph.category_name(c, locale))
                .to_lowercase()
        };
        let product = |id: &ProductId| {
            graph.product(id.as_str()).map_or_else(
                || id.to_string(),
                |p| graph.product_name(p, locale).to_string(),
            )
        };
        let attribute = |id: &str| {
            graph
                .attribute_label(id, locale)
                .unwrap_or(id)
                .to_lowercase()
        };
        match reason {
            Reason::Sorted {
                wish,
                category,
                price_max,
                currency,
                rating,
                reviews,
                added,
            } => {
                let budget = price_max
                    .map(|m| format!(" {}", t("fit_under", &[("price", price(m, currency))])))
                    .unwrap_or_default();
                let category = ("category", lower(category));
                match (wish, rating, added) {
                    (SortWish::Cheapest, _, _) => {
                        t("reason_cheapest", &[category, ("budget", budget)])
                    }
                    (SortWish::BestRated, Some(r), _) => t(
                        "reason_best_rated",
                        &[
                            ("budget", budget),
                            ("rating", format!("{r:.1}")),
                            ("reviews", reviews.to_string()),
                        ],
                    ),
                    (SortWish::BestRated, None, _) => {
                        t("reason_among_best_rated", &[category, ("budget", budget)])
                    }
                    (SortWish::Newest, _, Some(day)) => t(
                        "reason_newest",
                        &[category, ("added", format_month(*day, locale))],
                    ),
                    // The recommender gives no "newest" reason for an undated product.
                    (SortWish::Newest, _, None) => t("reason_in_category", &[category]),
                }
            }
            Reason::Companion {
                relation,
                product: id,
            } => {
                let key = match relation {
                    Companion::AccessoryFor => "reason_accessory_for",
                    Companion::WorksWith => "reason_works_with",
                    Companion::BoughtTogether => "reason_bought_together",
                };
                t(key, &[("product", product(id))])
            }
            Reason::OthersChose { product: id } => {
                t("reason_others_chose", &[("product", product(id))])
            }
            Reason::SimilarToViewed { product: id } => {
                t("reason_similar_viewed", &[("product", product(id))])
            }
            Reason::YouLike { brand, category } => t(
                "reason_you_like",
                &[("brand", brand.clone()), ("category", lower(category))],
            ),
            Reason::Fits { fits, category } if fits.is_empty() => {
                t("reason_matches", &[("category", lower(category))])
            }
            Reason::Fits { fits, .. } => {
                let parts: Vec<String> = fits
                    .iter()
                    .map(|f| match f {
                        Fit::Under { amount, currency } => {
                            t("fit_under", &[("price", price(*amount, currency))])
                        }
                        Fit::Over { amount, currency } => {
                            t("fit_over", &[("price", price(*amount, currency))])
                        }
                        Fit::Brand(b) => t("fit_brand", &[("brand", b.clone())]),
                        Fit::Colour(c) => t("fit_colour", &[("colour", c.clone())]),
                        Fit::Feature(f) => t("fit_feature", &[("feature", attribute(f))]),
                        Fit::Material(m) => t("fit_material", &[("material", m.clone())]),
                        Fit::Size(s) => t("fit_size", &[("size", s.clone())]),
                    })
                    .collect();
                parts.join(&t("fit_join", &[]))
            }
            Reason::Rated { rating, reviews } => t(
                "reason_rated",
                &[
                    ("rating", format!("{rating:.1}")),
                    ("reviews", reviews.to_string()),
                ],
            ),
            Reason::Popular { category } => t("reason_popular", &[("category", lower(category))]),
            Reason::InCategory { category } => {
                t("reason_in_category", &[("category", lower(category))])
            }
        }
    }
}

/// A budget as shoppers say it: "€300", not "€300.00".
pub(super) fn whole_price(amount: f64, currency: &str, locale: &str) -> String {
    let full = format_price(amount, currency, locale);
    if amount.fract() == 0.0 {
        for cents in [".00", ",00"] {
            if let Some(i) = full.find(cents) {
                return format!("{}{}", &full[..i], &full[i + cents.len()..]);
            }
        }
    }
    full
}
