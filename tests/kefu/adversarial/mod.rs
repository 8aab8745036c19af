//! The real server driven as an attacker would drive it (issue 30), one module per part.

mod durability;
mod events;
mod identity;
mod limits;
