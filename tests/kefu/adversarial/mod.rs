//! Hostile traffic against the real server, one module per part of issue 30.

mod limits;
