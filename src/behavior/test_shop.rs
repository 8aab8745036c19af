//! A two-product shop with one order, for the unit tests of this module.

use chrono::{DateTime, Utc};
use std::collections::HashMap;

use super::{EventInput, EventLog, OrderFacts, ProductDirectory, ProductFacts};
use crate::store::Store;
use crate::types::{ProductId, SessionId, UserId};

pub(super) struct Shop(HashMap<ProductId, ProductFacts>);

impl ProductDirectory for Shop {
    fn facts(&self, product: &ProductId) -> Option<ProductFacts> {
        self.0.facts(product)
    }

    fn order(&self, order_id: &str) -> Option<OrderFacts> {
        (order_id == "o-1").then(|| OrderFacts {
            user: UserId::new("ann"),
            products: vec![ProductId::new("kettle")],
        })
    }
}

pub(super) fn shop() -> Shop {
    let facts = |category: &str, price: f64| ProductFacts {
        categories: vec![category.into()],
        brand: Some("acme".into()),
        attributes: vec![],
        price: Some(price),
        consumable: false,
    };
    Shop(HashMap::from([
        (ProductId::new("kettle"), facts("kettles", 40.0)),
        (ProductId::new("toaster"), facts("toasters", 60.0)),
    ]))
}

pub(super) fn open(at: &crate::store::testing::TestStore) -> (Store, EventLog) {
    let store = at.open();
    let log = EventLog::open(&store, super::BehaviorConfig::default()).unwrap();
    (store, log)
}

pub(super) fn at(s: &str) -> DateTime<Utc> {
    s.parse().unwrap()
}

/// A `kind` event about `product` from session `s-1`.
pub(super) fn event(id: &str, kind: &str, product: &str) -> EventInput {
    EventInput {
        id: id.into(),
        kind: kind.into(),
        session: Some(SessionId::new("s-1")),
        product: Some(ProductId::new(product)),
        ..EventInput::default()
    }
}
