//! The cart a client shows: the tracker's lines, named and priced from the catalogue.

use crate::knowledge::Graph;
use crate::types::{CartLineView, CartView};

use super::tracker::CartLine;

/// The cart as it stands. A line whose product left the catalogue is left out (it can't
/// be priced or bought).
pub fn view(cart: &[CartLine], graph: &Graph) -> CartView {
    let mut out = CartView::default();
    for line in cart {
        let Some(p) = graph.product(line.product.as_str()) else {
            continue;
        };
        let variant = line
            .sku
            .as_deref()
            .and_then(|sku| p.variants.iter().find(|v| v.sku == sku));
        if out.lines.is_empty() {
            out.currency = p.currency.clone();
        }
        if p.currency == out.currency {
            out.total += p.price * f64::from(line.quantity);
        }
        out.count += line.quantity;
        out.lines.push(CartLineView {
            product: p.id.clone(),
            name: p.name.clone(),
            sku: line.sku.clone(),
            size: variant.and_then(|v| v.size.clone()),
            colour: variant.and_then(|v| v.colour.clone()),
            quantity: line.quantity,
            price: p.price,
            currency: p.currency.clone(),
        });
    }
    // Cents, not float dust: 3 × 19.99 is 59.97.
    out.total = (out.total * 100.0).round() / 100.0;
    out
}
