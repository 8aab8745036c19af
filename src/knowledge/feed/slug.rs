//! Ids made from the shop's words: `Shirts & Tops` → `shirts-tops` (categories, brands),
//! `Eco Friendly` → `eco_friendly` (attributes, as attributes.yaml writes them).

/// Lower-case letters and digits (any script), runs of anything else as one `sep`.
fn joined_by(text: &str, sep: char) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending = false;
    for c in text.chars() {
        if c.is_alphanumeric() {
            if pending && !out.is_empty() {
                out.push(sep);
            }
            pending = false;
            out.extend(c.to_lowercase());
        } else if c != '\'' && c != '’' {
            // "Men's" is "mens", not "men-s".
            pending = true;
        }
    }
    out
}

/// A kebab-case id; empty when the text has no letter or digit.
pub(crate) fn slug(text: &str) -> String {
    joined_by(text, '-')
}

/// A snake_case attribute id.
pub(crate) fn attribute_id(text: &str) -> String {
    joined_by(text, '_')
}

/// A product id the catalogue accepts: the feed's own, with spaces, commas and quotes
/// (which `products.jsonl` ids may not hold) turned into `-`.
pub(crate) fn product_id(raw: &str) -> String {
    raw.trim()
        .chars()
        .map(|c| {
            if c.is_whitespace() || c == ',' || c == '"' {
                '-'
            } else {
                c
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert_eq!(slug("Shirts & Tops"), "shirts-tops");
        assert_eq!(slug("#IamRemarkable"), "iamremarkable");
        assert_eq!(slug("Men's  Jackets"), "mens-jackets");
        assert_eq!(slug("Größe Ü"), "größe-ü");
        assert_eq!(slug("—"), "");
        assert_eq!(attribute_id("Age Group"), "age_group");
        assert_eq!(product_id(" A 1,\"x\" "), "A-1--x-");
    }
}
