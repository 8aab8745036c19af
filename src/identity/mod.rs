//! Who a shopper is, as the shop signs it. The shop's page (or backend) hands the widget a
//! token = user id + expiry + HMAC-SHA256 over both with `server.identity_secret`; kefu
//! checks it and trusts nothing else a client says about who it is (docs/security.md).
//!
//! - [`IdentityKey::sign`] makes a token (`kefu identity sign`, the demo, tests).
//! - [`IdentityKey::verify`] checks one and gives the shopper's [`UserId`].
//! - [`IdentityError::code`] is the stable code a client sees for a refused token.
//!
//! Token format (`token.rs`): `base64url(user id) "." expiry "." base64url(mac)`, where
//! expiry is Unix seconds in decimal and mac = HMAC-SHA256(secret, the first two parts
//! with their dot), base64url without padding.

mod token;

pub use token::{IdentityKey, MAX_TOKEN_BYTES, MAX_USER_BYTES};

use thiserror::Error;

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum IdentityError {
    #[error("the identity token is longer than {max} bytes")]
    TooLong { max: usize },
    #[error("the identity token is malformed: {0}")]
    Malformed(&'static str),
    #[error(
        "the identity token's signature does not match (signed with another secret, or altered)"
    )]
    BadSignature,
    #[error("the identity token expired at {expired_at} (Unix seconds)")]
    Expired { expired_at: i64 },
    #[error("this server checks no identity tokens (server.identity_secret is not set)")]
    Unavailable,
    #[error("a user id is 1 to {max} bytes without control characters")]
    BadUser { max: usize },
    #[error("the identity secret must be at least {min} characters")]
    WeakSecret { min: usize },
}

impl IdentityError {
    /// The code a client sees (one table with the socket's and REST's other codes).
    pub fn code(&self) -> &'static str {
        match self {
            IdentityError::TooLong { .. } => "identity_too_long",
            IdentityError::Malformed(_) => "identity_malformed",
            IdentityError::BadSignature => "identity_bad_signature",
            IdentityError::Expired { .. } => "identity_expired",
            IdentityError::Unavailable => "identity_unavailable",
            IdentityError::BadUser { .. } => "identity_bad_user",
            IdentityError::WeakSecret { .. } => "identity_weak_secret",
        }
    }
}
