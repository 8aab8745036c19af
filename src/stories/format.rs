//! The story files: what a shopper types (or presses) at each step, and what must then be
//! true. docs/stories.md describes every key.

use crate::types::SlotKind;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::StoryError;

/// One conversation.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Story {
    pub story: String,
    #[serde(default)]
    pub user: Option<String>,
    #[serde(default)]
    pub locale: Option<String>,
    /// Known to fail today, and why: the test suite does not require it to pass (`kefu
    /// eval stories` still runs and counts it). Remove the line when a fix makes it pass.
    #[serde(default)]
    pub open: Option<String>,
    pub steps: Vec<Step>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Step {
    /// What the shopper types.
    pub say: Option<String>,
    /// A button: its payload, or `"#N"` for the Nth quick reply of the last reply.
    pub press: Option<String>,
    /// Restart kefu (same data directory) before this step's input.
    pub restart: bool,
    pub intent: Option<String>,
    /// Any of these intents is right (for genuinely ambiguous wording).
    pub intent_any: Vec<String>,
    pub action: Option<String>,
    /// Any of these actions is right.
    pub action_any: Vec<String>,
    /// None of these actions is right (e.g. an order lookup for a keyboard mash).
    pub action_not: Vec<String>,
    pub reply_contains: Vec<String>,
    /// At least one of these is in the reply (the same fact in other words).
    pub reply_contains_any: Vec<String>,
    pub reply_not_contains: Vec<String>,
    /// The reply is written in this language (a Chinese shopper is answered in Chinese).
    pub reply_language: Option<Language>,
    /// The reply states one of the numbers this policy of the catalogue's shop sets
    /// (`returns`, `shipping`, `warranty`, `payment`), e.g. its return window in days.
    pub states_policy: Option<String>,
    /// `true`: the reply asks the shopper something (a question mark and at least one quick
    /// reply). `false`: it answers instead of asking.
    pub asks: Option<bool>,
    /// `true`: the turn is a fallback ("I didn't get that"), whatever else the message
    /// resembled.
    pub fallback: Option<bool>,
    pub handoff: Option<bool>,
    pub quick_replies_min: Option<usize>,
    pub products: Option<ProductCheck>,
    /// The reply names every product of the last list shown (an answer for each of them).
    pub names_each_shown: bool,
    /// The reply names the product in focus before this turn (an answer about it).
    pub names_focus: bool,
    /// Slots in force after the turn (value must contain the given text, case-insensitive).
    pub slots: BTreeMap<SlotKind, String>,
    /// Slots that must not be in force after the turn.
    pub slots_absent: Vec<SlotKind>,
    /// The focus product's id after the turn.
    pub focus: Option<String>,
    /// The focus after the turn is the cheapest product of the last list shown.
    pub focus_cheapest_shown: bool,
    /// The focus after the turn states the smallest value of this numeric attribute among
    /// the products of the last list shown that state it.
    pub focus_least_shown: Option<String>,
    /// Lines in the cart after the turn.
    pub cart_size: Option<usize>,
    /// Items in the cart after the turn (the sum of the lines' quantities).
    pub cart_items: Option<u32>,
    /// The reply names every product in the cart after the turn (the basket was shown).
    pub names_cart: bool,
    /// No reply at all (a person has the conversation).
    pub silent: bool,
}

/// A language a reply can be checked to be written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    En,
    Zh,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ProductCheck {
    pub min: Option<usize>,
    pub max: Option<usize>,
    /// Every product is in this category or below it.
    pub category: Option<String>,
    pub brand: Option<String>,
    pub not_brand: Option<String>,
    pub price_max: Option<f64>,
    pub price_min: Option<f64>,
    /// Every product has a variant of this colour in stock.
    pub colour: Option<String>,
    /// Every product has a variant of this size in stock (as the shop reads sizes: "44"
    /// is a European shoe size).
    pub size: Option<String>,
    /// Every product has this yes/no feature, as the graph answers it.
    pub feature: Option<String>,
    /// More than half of the products mention one of these words in their name,
    /// description or category (the shopper's interest was heard).
    pub most_mention: Vec<String>,
    /// Every product's name says one of these words (a list holds only what was asked).
    pub all_mention: Vec<String>,
    /// Every product is of the type asked: its name or one of its categories' names
    /// says one of these words. Works on any catalogue, fine or coarse.
    pub type_mentions: Vec<String>,
    /// Prices do not go up down the list.
    pub cheapest_first: bool,
    /// The product ids, in order.
    pub ids: Vec<String>,
    /// None of these ids (e.g. what the previous turn showed).
    pub not_ids_of_previous: bool,
    pub every_has_reason: bool,
}

/// Stories of one file.
#[derive(Debug, Clone)]
pub struct StoryFile {
    pub path: PathBuf,
    pub stories: Vec<Story>,
}

impl StoryFile {
    pub fn load(path: &Path) -> Result<Self, StoryError> {
        let text = std::fs::read_to_string(path).map_err(|e| StoryError::io(path, e))?;
        let stories: Vec<Story> = serde_yaml::from_str(&text).map_err(|e| StoryError::Format {
            path: path.to_path_buf(),
            message: e.to_string(),
        })?;
        for (i, story) in stories.iter().enumerate() {
            for (j, step) in story.steps.iter().enumerate() {
                if step.say.is_some() == step.press.is_some() {
                    return Err(StoryError::Format {
                        path: path.to_path_buf(),
                        message: format!(
                            "story {} ({:?}) step {}: a step has exactly one of `say` or `press`",
                            i + 1,
                            story.story,
                            j + 1
                        ),
                    });
                }
            }
        }
        Ok(Self {
            path: path.to_path_buf(),
            stories,
        })
    }
}
