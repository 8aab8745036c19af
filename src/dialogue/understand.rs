//! The NLU as the dialogue sees it.

use futures::future::BoxFuture;

use crate::nlu::{Nlu, NluError};
use crate::types::Parse;

use super::{DialogueError, Understand};

impl Understand for Nlu {
    fn parse<'a>(&'a self, text: &'a str) -> BoxFuture<'a, Result<Parse, DialogueError>> {
        Box::pin(async move {
            Nlu::parse(self, text).await.map_err(|e| match e {
                NluError::Overloaded(_) => DialogueError::Overloaded,
                NluError::Invalid(m) => DialogueError::BadInput(m),
                other => DialogueError::Internal(other.to_string()),
            })
        })
    }
}
