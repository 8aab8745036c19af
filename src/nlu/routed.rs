//! The served NLU when the shop has a model per language: each message goes to the model of
//! the language it is written in ([`super::language::route`]), the default model reads the rest.

use super::language::{pick, route};
use super::{Nlu, NluError};
use crate::types::Parse;

/// The default model and the models of other languages, by language code.
#[derive(Clone)]
pub struct RoutedNlu {
    pub default: Nlu,
    pub languages: Vec<(String, Nlu)>,
}

impl RoutedNlu {
    pub fn new(default: Nlu, languages: Vec<(String, Nlu)>) -> Self {
        Self { default, languages }
    }

    fn model(&self, language: Option<&str>) -> &Nlu {
        language
            .and_then(|l| self.languages.iter().find(|(k, _)| k == l))
            .map_or(&self.default, |(_, nlu)| nlu)
    }

    /// The parse of `text` by its language's model (by both, the surer kept, when a
    /// Latin-script message has Han characters in it).
    pub async fn parse(&self, text: &str) -> Result<Parse, NluError> {
        let codes: Vec<&str> = self.languages.iter().map(|(k, _)| k.as_str()).collect();
        let mut parses = Vec::with_capacity(2);
        for language in route(text, &codes) {
            parses.push(self.model(language).parse(text).await?);
        }
        Ok(pick(parses))
    }
}
