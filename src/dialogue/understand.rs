//! The NLU as the dialogue sees it.

use futures::future::BoxFuture;

use crate::nlu::{Nlu, NluError, RoutedNlu};
use crate::types::Parse;

use super::{DialogueError, Understand};

impl Understand for Nlu {
    fn parse<'a>(&'a self, text: &'a str) -> BoxFuture<'a, Result<Parse, DialogueError>> {
        Box::pin(async move { Nlu::parse(self, text).await.map_err(dialogue_error) })
    }
}

impl Understand for RoutedNlu {
    fn parse<'a>(&'a self, text: &'a str) -> BoxFuture<'a, Result<Parse, DialogueError>> {
        Box::pin(async move { RoutedNlu::parse(self, text).await.map_err(dialogue_error) })
    }
}

fn dialogue_error(e: NluError) -> DialogueError {
    match e {
        NluError::Overloaded(_) => DialogueError::Overloaded,
        NluError::Invalid(m) => DialogueError::BadInput(m),
        other => DialogueError::Internal(other.to_string()),
    }
}
