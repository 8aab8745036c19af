//! The token itself: `base64url(user) "." expiry "." base64url(HMAC-SHA256(secret, the
//! first two parts))`. Parsing checks lengths and shapes before any work, compares the MAC
//! in constant time, and only then reads the user id and the expiry.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use hmac::{Hmac, Mac};
use sha2::Sha256;

use super::IdentityError;
use crate::types::UserId;

type HmacSha256 = Hmac<Sha256>;

/// Longest token read; longer ones are refused before any decoding.
pub const MAX_TOKEN_BYTES: usize = 512;
/// Longest user id a token may carry, in bytes of UTF-8.
pub const MAX_USER_BYTES: usize = 128;
/// Shortest secret accepted (as for the admin and events tokens).
const MIN_SECRET_CHARS: usize = 16;
/// An expiry is Unix seconds: at most 12 digits (the year 33658), no sign.
const MAX_EXPIRY_DIGITS: usize = 12;
/// base64url of the 32-byte MAC, without padding.
const MAC_CHARS: usize = 43;

/// The shop's signing secret, ready to sign and verify.
#[derive(Clone)]
pub struct IdentityKey {
    secret: Vec<u8>,
}

impl std::fmt::Debug for IdentityKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("IdentityKey(<redacted>)")
    }
}

impl IdentityKey {
    /// A key from `server.identity_secret` (at least 16 characters).
    pub fn new(secret: &str) -> Result<Self, IdentityError> {
        if secret.chars().count() < MIN_SECRET_CHARS {
            return Err(IdentityError::WeakSecret {
                min: MIN_SECRET_CHARS,
            });
        }
        Ok(Self {
            secret: secret.as_bytes().to_vec(),
        })
    }

    /// A random key that lives as long as the process (the loopback demo's; nothing
    /// signed with it outlives a restart).
    pub fn ephemeral() -> Self {
        use rand::RngCore;
        let mut secret = vec![0u8; 32];
        rand::rngs::OsRng.fill_bytes(&mut secret);
        Self { secret }
    }

    fn mac(&self) -> HmacSha256 {
        HmacSha256::new_from_slice(&self.secret).expect("HMAC takes a key of any length")
    }

    /// A token for `user`, valid until `expires_at` (Unix seconds).
    pub fn sign(&self, user: &str, expires_at: i64) -> Result<String, IdentityError> {
        check_user(user)?;
        if expires_at < 0 {
            return Err(IdentityError::Malformed("the expiry is before 1970"));
        }
        let payload = format!("{}.{expires_at}", URL_SAFE_NO_PAD.encode(user));
        let mut mac = self.mac();
        mac.update(payload.as_bytes());
        let tag = URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes());
        let token = format!("{payload}.{tag}");
        if token.len() > MAX_TOKEN_BYTES {
            return Err(IdentityError::TooLong {
                max: MAX_TOKEN_BYTES,
            });
        }
        Ok(token)
    }

    /// The user a token names, if the token is well formed, signed with this key and not
    /// expired at `now` (Unix seconds).
    pub fn verify(&self, token: &str, now: i64) -> Result<UserId, IdentityError> {
        if token.len() > MAX_TOKEN_BYTES {
            return Err(IdentityError::TooLong {
                max: MAX_TOKEN_BYTES,
            });
        }
        let mut parts = token.split('.');
        let (Some(user_part), Some(expiry_part), Some(mac_part), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(IdentityError::Malformed(
                "expected three parts separated by dots: user.expiry.signature",
            ));
        };
        if user_part.is_empty() || !user_part.bytes().all(is_base64url) {
            return Err(IdentityError::Malformed(
                "the user part is not base64url (A-Z a-z 0-9 - _, no padding)",
            ));
        }
        if expiry_part.is_empty()
            || expiry_part.len() > MAX_EXPIRY_DIGITS
            || !expiry_part.bytes().all(|b| b.is_ascii_digit())
        {
            return Err(IdentityError::Malformed(
                "the expiry is not Unix seconds in decimal digits",
            ));
        }
        if mac_part.len() != MAC_CHARS || !mac_part.bytes().all(is_base64url) {
            return Err(IdentityError::Malformed(
                "the signature is not 43 base64url characters (HMAC-SHA256, no padding)",
            ));
        }
        let tag = URL_SAFE_NO_PAD
            .decode(mac_part)
            .map_err(|_| IdentityError::Malformed("the signature is not base64url"))?;
        let signed = &token[..user_part.len() + 1 + expiry_part.len()];
        let mut mac = self.mac();
        mac.update(signed.as_bytes());
        // `verify_slice` compares in constant time.
        mac.verify_slice(&tag)
            .map_err(|_| IdentityError::BadSignature)?;
        let expires_at: i64 = expiry_part
            .parse()
            .map_err(|_| IdentityError::Malformed("the expiry is not a number"))?;
        if expires_at <= now {
            return Err(IdentityError::Expired {
                expired_at: expires_at,
            });
        }
        let user = URL_SAFE_NO_PAD
            .decode(user_part)
            .map_err(|_| IdentityError::Malformed("the user part is not base64url"))?;
        let user = String::from_utf8(user)
            .map_err(|_| IdentityError::Malformed("the user id is not UTF-8"))?;
        check_user(&user)?;
        Ok(UserId::new(user))
    }
}

fn is_base64url(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'-' || b == b'_'
}

fn check_user(user: &str) -> Result<(), IdentityError> {
    if user.is_empty() || user.len() > MAX_USER_BYTES || user.chars().any(char::is_control) {
        return Err(IdentityError::BadUser {
            max: MAX_USER_BYTES,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &str = "test-identity-secret-0123";
    const NOW: i64 = 1_800_000_000;

    fn key() -> IdentityKey {
        IdentityKey::new(SECRET).unwrap()
    }

    #[test]
    fn a_signed_token_names_its_user_until_it_expires() {
        let token = key().sign("u-1001", NOW + 60).unwrap();
        assert_eq!(key().verify(&token, NOW).unwrap().as_str(), "u-1001");
        assert_eq!(
            key().verify(&token, NOW + 60).unwrap_err(),
            IdentityError::Expired {
                expired_at: NOW + 60
            }
        );
        let unicode = key().sign("käufer 7", NOW + 60).unwrap();
        assert_eq!(key().verify(&unicode, NOW).unwrap().as_str(), "käufer 7");
    }

    /// A fixed vector, the same one docs/security.md's recipes are checked against
    /// (tests/kefu/adversarial/identity.rs runs them): HMAC-SHA256 over
    /// "dS0xMDAx.1800000000" with the key "test-identity-secret-0123".
    #[test]
    fn the_format_is_the_documented_one() {
        let token = key().sign("u-1001", 1_800_000_000).unwrap();
        assert_eq!(
            token,
            "dS0xMDAx.1800000000.-eIU26DSKabNecsx8nSjREh9v_C8U0AOELwntedAFM4"
        );
    }

    #[test]
    fn every_kind_of_bad_token_has_its_code() {
        let k = key();
        let good = k.sign("u-1001", NOW + 60).unwrap();
        let code = |t: &str| k.verify(t, NOW).unwrap_err().code();
        assert_eq!(code(&"a".repeat(MAX_TOKEN_BYTES + 1)), "identity_too_long");
        assert_eq!(code(""), "identity_malformed");
        assert_eq!(code("u-1001"), "identity_malformed");
        assert_eq!(code(&format!("{good}.x")), "identity_malformed");
        assert_eq!(code(&good.replacen('.', ".-", 1)), "identity_malformed");
        assert_eq!(
            code(&good.replace("dS0xMDAx", "dS0x=MDAx")),
            "identity_malformed"
        );
        // Another user's id with this user's signature.
        let other = good.replacen("dS0xMDAx", &URL_SAFE_NO_PAD.encode("u-1002"), 1);
        assert_eq!(code(&other), "identity_bad_signature");
        // A later expiry with the old signature.
        let later = good.replacen(&(NOW + 60).to_string(), &(NOW + 6000).to_string(), 1);
        assert_eq!(code(&later), "identity_bad_signature");
        let foreign = IdentityKey::new("another-secret-of-16+")
            .unwrap()
            .sign("u-1001", NOW + 60)
            .unwrap();
        assert_eq!(code(&foreign), "identity_bad_signature");
        let mut flipped = good.clone();
        let last = flipped.pop().unwrap();
        flipped.push(if last == 'A' { 'B' } else { 'A' });
        assert_eq!(code(&flipped), "identity_bad_signature");
        let expired = k.sign("u-1001", NOW - 1).unwrap();
        assert_eq!(code(&expired), "identity_expired");
    }

    #[test]
    fn bad_users_and_secrets_are_refused_when_signing() {
        assert_eq!(
            IdentityKey::new("short").unwrap_err().code(),
            "identity_weak_secret"
        );
        for user in ["", "a\u{0}b", "line\nbreak"] {
            assert_eq!(
                key().sign(user, NOW).unwrap_err().code(),
                "identity_bad_user"
            );
        }
        assert_eq!(
            key()
                .sign(&"x".repeat(MAX_USER_BYTES + 1), NOW)
                .unwrap_err()
                .code(),
            "identity_bad_user"
        );
        assert_eq!(format!("{:?}", key()), "IdentityKey(<redacted>)");
    }

    #[test]
    fn a_signed_user_with_control_characters_is_refused_too() {
        // Only a holder of the secret could make this; checked all the same.
        let k = key();
        let payload = format!("{}.{}", URL_SAFE_NO_PAD.encode("a\u{0}b"), NOW + 60);
        let mut mac = k.mac();
        mac.update(payload.as_bytes());
        let token = format!(
            "{payload}.{}",
            URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes())
        );
        assert_eq!(
            k.verify(&token, NOW).unwrap_err().code(),
            "identity_bad_user"
        );
    }
}
