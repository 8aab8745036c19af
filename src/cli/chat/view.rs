//! How the terminal client prints what the server sends: replies with product tables,
//! numbered quick replies, handoff and error notices. Everything from the server is
//! stripped of control characters first, so a product name can't move the cursor or
//! recolour the terminal.

use kefu::types::{ProductCard, QuickReply, Reply};

const NAME_WIDTH: usize = 36;
const BRAND_WIDTH: usize = 18;
const REASON_WIDTH: usize = 48;

/// Server text made safe for a terminal: control characters (ESC among them) become
/// spaces; newlines stay only where `keep_newlines` says.
pub(crate) fn clean(s: &str, keep_newlines: bool) -> String {
    s.chars()
        .map(|c| {
            if c == '\n' && keep_newlines {
                c
            } else if c.is_control() {
                ' '
            } else {
                c
            }
        })
        .collect()
}

fn cell(s: &str, width: usize) -> String {
    let s = clean(s, false);
    let s = s.trim();
    if s.chars().count() <= width {
        s.to_string()
    } else {
        let mut out: String = s.chars().take(width - 1).collect();
        out.push('…');
        out
    }
}

fn price(p: &ProductCard) -> String {
    format!("{:.2} {}", p.price, cell(&p.currency, 4))
}

/// The product list as an aligned table: #, name, brand, price, rating, reason.
pub(crate) fn product_table(products: &[ProductCard]) -> String {
    let header = ["#", "name", "brand", "price", "rating", "reason"];
    let mut rows: Vec<[String; 6]> = vec![header.map(String::from)];
    for (i, p) in products.iter().enumerate() {
        rows.push([
            (i + 1).to_string(),
            cell(&p.name, NAME_WIDTH),
            cell(&p.brand, BRAND_WIDTH),
            price(p),
            p.rating.map(|r| format!("{r:.1}/5")).unwrap_or_default(),
            p.reason
                .as_deref()
                .map(|r| cell(r, REASON_WIDTH))
                .unwrap_or_default(),
        ]);
    }
    let mut widths = [0usize; 6];
    for row in &rows {
        for (w, c) in widths.iter_mut().zip(row) {
            *w = (*w).max(c.chars().count());
        }
    }
    let mut out = String::new();
    for row in &rows {
        let mut line = String::from("  ");
        for (col, (c, w)) in row.iter().zip(widths).enumerate() {
            let pad = w - c.chars().count();
            // Numbers read best right-aligned.
            if col == 0 || col == 3 || col == 4 {
                line.push_str(&" ".repeat(pad));
                line.push_str(c);
            } else {
                line.push_str(c);
                line.push_str(&" ".repeat(pad));
            }
            line.push_str("  ");
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// `[1] Cheaper   [2] In black`: the shopper answers with the number.
pub(crate) fn quick_replies(quick: &[QuickReply]) -> String {
    let items: Vec<String> = quick
        .iter()
        .enumerate()
        .map(|(i, q)| format!("[{}] {}", i + 1, cell(&q.title, 40)))
        .collect();
    format!("  {}\n", items.join("   "))
}

pub(crate) fn reply(r: &Reply) -> String {
    let mut out = format!("kefu: {}\n", clean(&r.text, true));
    if !r.products.is_empty() {
        out.push_str(&product_table(&r.products));
    }
    if !r.quick_replies.is_empty() {
        out.push_str(&quick_replies(&r.quick_replies));
    }
    out
}

pub(crate) fn handoff(state: &str) -> String {
    match state {
        "waiting_for_agent" => {
            "-- handed off: waiting for a person to join; they will answer here --\n".into()
        }
        other => format!("-- handoff: {} --\n", clean(other, false)),
    }
}

pub(crate) fn agent(text: &str) -> String {
    format!("agent: {}\n", clean(text, true))
}

/// Errors in words a shopper can act on; the code stays for whoever reports a bug.
pub(crate) fn error(code: &str, message: &str) -> String {
    let said = match code {
        "dialogue_unavailable" => "the assistant isn't available on this server right now",
        "overloaded" => "the assistant is busy; try again in a moment",
        "rate_limited" => "slow down a little; too many messages at once",
        "frame_too_large" => "that message is too long; shorten it",
        "empty_message" => "type something first",
        "too_many_connections" => "the server is full right now",
        "idle_timeout" => "the server closed the idle chat; type to continue",
        _ => "",
    };
    if said.is_empty() {
        format!("! {} [{}]\n", clean(message, false), clean(code, false))
    } else {
        format!("! {said} [{code}]\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use kefu::types::ProductId;

    fn card(name: &str, brand: &str, price: f64, rating: Option<f32>) -> ProductCard {
        ProductCard {
            id: ProductId::new("p"),
            name: name.into(),
            brand: brand.into(),
            category: "shoes".into(),
            price,
            currency: "EUR".into(),
            image: None,
            url: None,
            rating,
            reason: Some("matches \"trail\"".into()),
        }
    }

    #[test]
    fn table_columns_line_up() {
        let t = product_table(&[
            card("Trail Runner", "Acme", 79.5, Some(4.4)),
            card("Road", "Zoomington Sports", 120.0, None),
        ]);
        let lines: Vec<&str> = t.lines().collect();
        assert_eq!(lines.len(), 3);
        let brand_col = lines[0].find("brand").unwrap();
        assert_eq!(lines[1].find("Acme").unwrap(), brand_col);
        assert_eq!(lines[2].find("Zoomington").unwrap(), brand_col);
        // Prices are right-aligned: they end in the same column.
        let end = |l: &str, s: &str| l.find(s).unwrap() + s.len();
        assert_eq!(end(lines[1], "79.50 EUR"), end(lines[2], "120.00 EUR"));
        assert!(lines[1].contains("4.4/5"));
    }

    #[test]
    fn terminal_escapes_in_server_text_are_neutralised() {
        let t = product_table(&[card("\u{1b}[2Jwiped\nsecond line", "b", 1.0, None)]);
        assert!(!t.contains('\u{1b}'));
        assert_eq!(t.lines().count(), 2, "a newline in a name can't add a row");
        assert_eq!(clean("a\u{7}b\nc", true), "a b\nc");
    }

    #[test]
    fn long_cells_are_cut_with_an_ellipsis() {
        let long = "x".repeat(100);
        let t = product_table(&[card(&long, "b", 1.0, None)]);
        assert!(t.contains(&format!("{}…", "x".repeat(NAME_WIDTH - 1))));
    }
}
