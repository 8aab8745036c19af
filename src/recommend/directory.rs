//! The knowledge graph as behaviour's product directory: events are checked against it
//! and profiles learn categories, brands, attributes and prices from it; its order book
//! proves that a rating's author bought the product.

use crate::behavior::{OrderFacts, ProductDirectory, ProductFacts};
use crate::knowledge::{Graph, LiveGraph};
use crate::types::ProductId;

impl ProductDirectory for Graph {
    fn facts(&self, product: &ProductId) -> Option<ProductFacts> {
        let p = self.product(product.as_str())?;
        let mut categories: Vec<String> = self
            .category_ancestors(&p.category)
            .iter()
            .map(|c| c.id.clone())
            .collect();
        categories.reverse();
        let mut attributes: Vec<(String, String)> = p
            .attributes
            .iter()
            .map(|(k, v)| (k.clone(), v.key()))
            .collect();
        for v in &p.variants {
            if let Some(c) = &v.colour {
                let pair = ("colour".to_string(), c.to_lowercase());
                if !attributes.contains(&pair) {
                    attributes.push(pair);
                }
            }
        }
        Some(ProductFacts {
            categories,
            brand: Some(p.brand.clone()),
            attributes,
            price: Some(p.price),
            consumable: p.consumable,
        })
    }

    fn order(&self, order_id: &str) -> Option<OrderFacts> {
        let o = Graph::order(self, order_id)?;
        Some(OrderFacts {
            user: crate::types::UserId::new(&o.user_id),
            products: o.items.iter().map(|i| i.product.clone()).collect(),
        })
    }
}

/// The graph being served, whichever version is current when an event arrives.
impl ProductDirectory for LiveGraph {
    fn facts(&self, product: &ProductId) -> Option<ProductFacts> {
        ProductDirectory::facts(self.graph().as_ref(), product)
    }

    fn order(&self, order_id: &str) -> Option<OrderFacts> {
        ProductDirectory::order(self.graph().as_ref(), order_id)
    }
}
