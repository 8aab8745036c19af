//! The real server driven as an attacker would (docs/security.md).

mod durability;
mod events;
