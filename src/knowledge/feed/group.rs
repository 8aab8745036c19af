//! Rows into products: the rows of one group (item_group_id, Handle, primaryProductId)
//! become ONE product with a variant per row; category paths become a tree; brand names
//! become brands with slug ids.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::row::{FeedRow, RowNote, AVAILABILITY};
use super::slug;
use crate::knowledge::schema::{Brand, Category, Product, Variant};
use crate::types::ProductId;

/// Where a product without a category is filed, and the brand of one without a brand.
pub const FALLBACK_CATEGORY: &str = "Uncategorised";
pub const FALLBACK_BRAND: &str = "Unbranded";

#[derive(Debug, Default)]
pub(crate) struct Grouped {
    pub products: Vec<Product>,
    pub categories: Vec<Category>,
    pub brands: Vec<Brand>,
    pub skipped: Vec<RowNote>,
    pub warnings: Vec<RowNote>,
}

pub(crate) fn group(file: &str, rows: Vec<FeedRow>) -> Grouped {
    let mut order: Vec<String> = Vec::new();
    let mut groups: HashMap<String, Vec<FeedRow>> = HashMap::new();
    for r in rows {
        let key = r.group.clone().unwrap_or_else(|| r.id.clone());
        groups
            .entry(key.clone())
            .or_insert_with(|| {
                order.push(key);
                Vec::new()
            })
            .push(r);
    }
    let mut out = Grouped::default();
    let mut tree = Tree::default();
    let mut brands = Brands::default();
    let mut ids: HashMap<String, usize> = HashMap::new();
    for key in order {
        let rows = groups.remove(&key).expect("every key has its rows");
        let note = |line: usize, message: String| RowNote {
            file: file.to_string(),
            line,
            message,
        };
        let id = slug::product_id(&key);
        if let Some(first) = ids.get(&id) {
            for r in &rows {
                out.skipped.push(note(
                    r.line,
                    format!("product id {id:?} is already used by the product on line {first}"),
                ));
            }
            continue;
        }
        ids.insert(id.clone(), rows[0].line);
        if id != key {
            out.warnings.push(note(
                rows[0].line,
                format!("product id {key:?} is written {id:?} (ids may not hold spaces, commas or quotes)"),
            ));
        }
        // The row describing the product: Retail's primary product, else the first.
        let head_ix = rows.iter().position(|r| r.id == key).unwrap_or(0);
        let currency = rows[head_ix].currency.clone();
        let (rows, other): (Vec<FeedRow>, Vec<FeedRow>) =
            rows.into_iter().partition(|r| r.currency == currency);
        for r in other {
            out.skipped.push(note(
                r.line,
                format!(
                    "currency {} differs from its product's {currency}; a product has one currency",
                    r.currency
                ),
            ));
        }
        let head_ix = rows.iter().position(|r| r.id == key).unwrap_or(0);
        let head = &rows[head_ix];
        // A primary product with variant rows is not sold itself; its variants are.
        let sold: Vec<&FeedRow> = if rows.len() > 1 && head.id == key {
            rows.iter().filter(|r| r.id != key).collect()
        } else {
            rows.iter().collect()
        };
        let first =
            |f: fn(&FeedRow) -> bool| std::iter::once(head).chain(rows.iter()).find(|r| f(r));
        let brand = match first(|r| r.brand.is_some()).and_then(|r| r.brand.as_deref()) {
            Some(b) => brands.id(b),
            None => {
                out.warnings.push(note(
                    head.line,
                    format!("product {id:?} has no brand; filed under brand {FALLBACK_BRAND:?}"),
                ));
                brands.id(FALLBACK_BRAND)
            }
        };
        let category = match first(|r| !r.category.is_empty()) {
            Some(r) => tree.leaf(&r.category),
            None => {
                out.warnings.push(note(
                    head.line,
                    format!("product {id:?} has no category; filed under {FALLBACK_CATEGORY:?}"),
                ));
                tree.leaf(&[FALLBACK_CATEGORY.to_string()])
            }
        };
        let variants = variants(&sold);
        let mut attributes = BTreeMap::new();
        for r in std::iter::once(head).chain(sold.iter().copied()) {
            for (k, v) in &r.attributes {
                attributes.entry(k.clone()).or_insert_with(|| v.clone());
            }
        }
        // Preorder / backorder is said of the product only when all its variants are.
        let availability = |r: &FeedRow| {
            r.attributes
                .iter()
                .find(|(k, _)| k == AVAILABILITY)
                .map(|(_, v)| v.clone())
        };
        match availability(sold[0]) {
            Some(v) if sold.iter().all(|r| availability(r).as_ref() == Some(&v)) => {
                attributes.insert(AVAILABILITY.to_string(), v);
            }
            _ => {
                attributes.remove(AVAILABILITY);
            }
        }
        let name = if head.id != key && sold.len() > 1 {
            common_title(&sold).unwrap_or_else(|| head.title.clone())
        } else {
            head.title.clone()
        };
        out.products.push(Product {
            id: ProductId(id),
            name,
            brand,
            category,
            price: sold.iter().map(|r| r.price).fold(f64::INFINITY, f64::min),
            currency,
            stock: variants.is_empty().then_some(sold[0].stock),
            variants,
            attributes,
            description: first(|r| !r.description.is_empty())
                .map(|r| r.description.clone())
                .unwrap_or_default(),
            rating: first(|r| r.rating.is_some()).and_then(|r| r.rating),
            review_count: first(|r| r.rating.is_some())
                .map(|r| r.review_count)
                .unwrap_or(0),
            image: first(|r| r.image.is_some()).and_then(|r| r.image.clone()),
            url: first(|r| r.url.is_some()).and_then(|r| r.url.clone()),
            added: first(|r| r.added.is_some()).and_then(|r| r.added),
            consumable: false,
        });
    }
    out.categories = tree.categories;
    out.brands = brands.list;
    out
}

/// A variant per sold row (per size, for a Retail product listing several sizes with one
/// quantity: each size gets the quantity divided evenly, rounded up). None for a single
/// row with neither size nor colour: that product is sold as one item.
fn variants(sold: &[&FeedRow]) -> Vec<Variant> {
    let varied = sold.len() > 1
        || sold
            .iter()
            .any(|r| !r.sizes.is_empty() || r.colour.is_some());
    if !varied {
        return Vec::new();
    }
    let mut out: Vec<Variant> = Vec::new();
    let mut skus: HashSet<String> = HashSet::new();
    let mut unique = |sku: String| {
        let mut s = sku.clone();
        let mut n = 2;
        while !skus.insert(s.clone()) {
            s = format!("{sku}-{n}");
            n += 1;
        }
        s
    };
    for r in sold {
        if r.sizes.len() <= 1 {
            out.push(Variant {
                sku: unique(r.id.clone()),
                size: r.sizes.first().cloned(),
                colour: r.colour.clone(),
                stock: r.stock,
            });
            continue;
        }
        let n = r.sizes.len() as u32;
        let each = r.stock.div_ceil(n);
        for (i, size) in r.sizes.iter().enumerate() {
            let tail = match slug::slug(size) {
                s if s.is_empty() => (i + 1).to_string(),
                s => s,
            };
            out.push(Variant {
                sku: unique(format!("{}-{tail}", r.id)),
                size: Some(size.clone()),
                colour: r.colour.clone(),
                stock: each,
            });
        }
    }
    out
}

/// The words the variants' titles share ("Tee - Red / M", "Tee - Blue / L" → "Tee"),
/// when they keep at least half of the shortest title.
fn common_title(sold: &[&FeedRow]) -> Option<String> {
    let words: Vec<Vec<&str>> = sold
        .iter()
        .map(|r| r.title.split_whitespace().collect())
        .collect();
    let shortest = words.iter().map(Vec::len).min()?;
    let mut n = 0;
    while n < shortest && words.iter().all(|w| w[n] == words[0][n]) {
        n += 1;
    }
    let title = words[0][..n].join(" ");
    let title = title
        .trim_end_matches(|c: char| {
            matches!(c, '-' | '–' | '—' | '/' | ',' | '(' | '|' | ':') || c.is_whitespace()
        })
        .to_string();
    // Words, not separators: "Tee - Red / S" has three.
    let count = |t: &str| {
        t.split_whitespace()
            .filter(|w| w.chars().any(char::is_alphanumeric))
            .count()
    };
    let shortest = sold.iter().map(|r| count(&r.title)).min()?;
    let kept = count(&title);
    (kept > 0 && kept * 2 >= shortest).then_some(title)
}

/// The category tree grown from paths: a category per path prefix, its id the slug of
/// the whole prefix ("Apparel > Shirts" → `apparel-shirts`), its name the shop's word.
#[derive(Default)]
struct Tree {
    /// Lower-cased path → id, so "Shirts" and "shirts" under one parent are one category.
    by_path: HashMap<Vec<String>, String>,
    taken: HashSet<String>,
    categories: Vec<Category>,
}

impl Tree {
    /// The id of the path's last category, adding the path's categories not seen yet.
    fn leaf(&mut self, path: &[String]) -> String {
        let mut parent: Option<String> = None;
        for i in 0..path.len() {
            let key: Vec<String> = path[..=i].iter().map(|s| s.to_lowercase()).collect();
            let id = match self.by_path.get(&key) {
                Some(id) => id.clone(),
                None => {
                    let base = match slug::slug(&path[..=i].join(" ")) {
                        s if s.is_empty() => "category".to_string(),
                        s => s,
                    };
                    let id = fresh(&base, &self.taken);
                    self.taken.insert(id.clone());
                    self.by_path.insert(key, id.clone());
                    self.categories.push(Category {
                        id: id.clone(),
                        name: path[i].clone(),
                        parent: parent.clone(),
                        synonyms: Vec::new(),
                    });
                    id
                }
            };
            parent = Some(id);
        }
        parent.expect("a category path has at least one name")
    }
}

/// `base`, or `base-2`, `base-3` … when taken.
fn fresh(base: &str, taken: &HashSet<String>) -> String {
    let mut id = base.to_string();
    let mut n = 2;
    while taken.contains(&id) {
        id = format!("{base}-{n}");
        n += 1;
    }
    id
}

#[derive(Default)]
struct Brands {
    by_id: HashMap<String, usize>,
    list: Vec<Brand>,
}

impl Brands {
    /// The id of a brand name (its slug), adding the brand the first time.
    fn id(&mut self, name: &str) -> String {
        let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
        let id = match slug::slug(&name) {
            // A name of no letters or digits ("★"): its code points keep it apart.
            s if s.is_empty() => format!(
                "brand-{}",
                name.chars()
                    .map(|c| format!("{:x}", c as u32))
                    .collect::<String>()
            ),
            s => s,
        };
        if !self.by_id.contains_key(&id) {
            self.by_id.insert(id.clone(), self.list.len());
            self.list.push(Brand {
                id: id.clone(),
                name,
                country: None,
                description: None,
            });
        }
        id
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(
        line: usize,
        id: &str,
        group: Option<&str>,
        title: &str,
        size: &str,
        price: f64,
    ) -> FeedRow {
        FeedRow {
            line,
            id: id.into(),
            group: group.map(str::to_string),
            title: title.into(),
            brand: Some("Acme Co.".into()),
            category: vec!["Apparel".into(), "Shirts".into()],
            price,
            currency: "USD".into(),
            stock: 2,
            sizes: [size]
                .into_iter()
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect(),
            ..FeedRow::default()
        }
    }

    #[test]
    fn a_group_is_one_product_with_a_variant_per_row() {
        let g = group(
            "f",
            vec![
                row(2, "t-s", Some("t"), "Tee - S", "S", 12.0),
                row(3, "solo", None, "Mug", "", 5.0),
                row(4, "t-m", Some("t"), "Tee - M", "M", 10.0),
            ],
        );
        assert_eq!(g.products.len(), 2);
        let tee = &g.products[0];
        assert_eq!(
            (tee.id.as_str(), tee.name.as_str(), tee.price),
            ("t", "Tee", 10.0)
        );
        let sizes: Vec<_> = tee
            .variants
            .iter()
            .map(|v| v.size.as_deref().unwrap())
            .collect();
        assert_eq!(sizes, ["S", "M"]);
        assert_eq!(tee.category, "apparel-shirts");
        assert_eq!(tee.brand, "acme-co");
        assert_eq!(g.categories[1].parent.as_deref(), Some("apparel"));
        assert_eq!(g.brands.len(), 1);
    }

    #[test]
    fn a_product_listing_sizes_gets_a_variant_per_size() {
        let mut r = row(1, "p", None, "Hoodie", "", 20.0);
        r.sizes = vec!["S".into(), "M".into(), "L".into()];
        r.stock = 50;
        let g = group("f", vec![r]);
        let v = &g.products[0].variants;
        assert_eq!(v.len(), 3);
        assert!(v.iter().all(|v| v.stock == 17));
        assert_eq!(v[2].sku, "p-l");
    }
}
