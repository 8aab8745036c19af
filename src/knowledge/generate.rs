//! A synthetic catalogue of any size, for benchmarks and scale tests
//! (`kefu kg generate --products N`). Seeded: the same N gives the same files.

use indicatif::{ProgressBar, ProgressStyle};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde::Serialize;
use std::io::Write;
use std::path::Path;
use std::time::Instant;

use super::schema::{AttrValue, Product, Variant};
use super::KnowledgeError;
use crate::types::ProductId;

#[derive(Debug, Clone, Serialize)]
pub struct GenerateReport {
    pub products: usize,
    pub relations: usize,
    pub millis: u64,
}

/// (category id, name, parent, product noun, series words)
const CATEGORIES: &[(&str, &str, Option<&str>, &str)] = &[
    ("electronics", "Electronics", None, ""),
    ("audio", "Audio", Some("electronics"), ""),
    (
        "headphones",
        "Headphones",
        Some("audio"),
        "Wireless Headphones",
    ),
    ("speakers", "Speakers", Some("audio"), "Bluetooth Speaker"),
    ("wearables", "Wearables", Some("electronics"), ""),
    (
        "smartwatches",
        "Smartwatches",
        Some("wearables"),
        "Smartwatch",
    ),
    (
        "fitness-trackers",
        "Fitness trackers",
        Some("wearables"),
        "Fitness Band",
    ),
    ("computers", "Computers", Some("electronics"), ""),
    ("laptops", "Laptops", Some("computers"), "Laptop"),
    ("home", "Home & kitchen", None, ""),
    ("kettles", "Kettles", Some("home"), "Electric Kettle"),
    ("blenders", "Blenders", Some("home"), "Blender"),
    ("apparel", "Apparel", None, ""),
    ("jackets", "Jackets", Some("apparel"), "Rain Jacket"),
    (
        "base-layers",
        "Base layers",
        Some("apparel"),
        "Merino Base Layer",
    ),
    ("sports", "Sports & outdoors", None, ""),
    ("backpacks", "Backpacks", Some("sports"), "Hiking Backpack"),
    ("pets", "Pets", None, ""),
    ("pet-food", "Pet food", Some("pets"), "Dry Dog Food"),
];

const SERIES: &[&str] = &[
    "Aria", "Pulse", "Nova", "Terra", "Vega", "Orbit", "Zephyr", "Atlas", "Echo", "Summit",
    "Drift", "Lumen", "Quartz", "Ridge", "Harbor", "Falcon", "Cedar", "Nimbus", "Solace", "Vertex",
];
const BRAND_A: &[&str] = &[
    "Nor", "Vel", "Kai", "Bru", "Ost", "Lin", "Mar", "Tev", "Qua", "Hal",
];
const BRAND_B: &[&str] = &[
    "den", "tix", "ora", "wick", "vale", "sonic", "gear", "form", "line", "mark",
];
const COLOURS: &[&str] = &["black", "white", "navy", "olive", "grey", "red"];
const SIZES: &[&str] = &["XS", "S", "M", "L", "XL"];

fn leaf_categories() -> Vec<(&'static str, &'static str)> {
    CATEGORIES
        .iter()
        .filter(|c| !c.3.is_empty())
        .map(|c| (c.0, c.3))
        .collect()
}

fn description(rng: &mut StdRng, cat: &str, noun: &str) -> (String, Vec<(String, AttrValue)>) {
    let mut attrs = Vec::new();
    let text = match cat {
        "headphones" => {
            let h = rng.gen_range(20..61);
            let anc = rng.gen_bool(0.6);
            if anc {
                attrs.push(("noise_cancelling".into(), AttrValue::Bool(true)));
            }
            format!(
                "Over-ear {} with up to {h} hours of battery and Bluetooth 5.{}. {}Weighs {} g.",
                noun.to_lowercase(),
                rng.gen_range(0..4),
                if anc { "Active noise cancelling blocks cabin hum. " } else { "" },
                rng.gen_range(180..320)
            )
        }
        "speakers" => format!(
            "Portable speaker, waterproof to {} m (IP67), {} hours of playback and a {} W driver.",
            rng.gen_range(1..3),
            rng.gen_range(8..25),
            rng.gen_range(10..60)
        ),
        "smartwatches" | "fitness-trackers" => {
            let gps = rng.gen_bool(0.5);
            attrs.push(("gps".into(), AttrValue::Bool(gps)));
            format!(
                "{} with {} and water-resistant to {} m. Up to {} days of battery in watch mode.",
                noun,
                if gps { "built-in GPS" } else { "no GPS (uses your phone's)" },
                [30, 50, 100][rng.gen_range(0..3)],
                rng.gen_range(2..15)
            )
        }
        "laptops" => format!(
            "{}-inch display, {} GB RAM and {} GB SSD storage. Weighs {:.1} kg; up to {} hours of battery.",
            [13.3, 14.0, 15.6, 16.0][rng.gen_range(0..4)],
            [8, 16, 32][rng.gen_range(0..3)],
            [256, 512, 1000][rng.gen_range(0..3)],
            rng.gen_range(11..25) as f64 / 10.0,
            rng.gen_range(8..22)
        ),
        "kettles" => format!(
            "A {}-litre kettle made of stainless steel with a {} W element and auto shut-off.",
            [1.0, 1.5, 1.7][rng.gen_range(0..3)],
            [2200, 2400, 3000][rng.gen_range(0..3)]
        ),
        "blenders" => format!(
            "{} W motor, 1.5-litre jug made of borosilicate glass, six speeds and pulse.",
            rng.gen_range(5..15) * 100
        ),
        "jackets" => format!(
            "Three-layer shell, waterproof to {} m of water column is not claimed; seams taped, weighs {} g, 100% recycled polyester face.",
            rng.gen_range(10..20),
            rng.gen_range(280..520)
        ),
        "base-layers" => format!(
            "100% merino wool ({} g/m²) base layer, odour resistant, flatlock seams.",
            [150, 200, 250][rng.gen_range(0..3)]
        ),
        "backpacks" => format!(
            "{}-litre pack with a ventilated back panel, weighs {} g, rain cover included.",
            [20, 28, 35, 45][rng.gen_range(0..4)],
            rng.gen_range(700..1600)
        ),
        _ => format!(
            "Complete food for adult dogs, {} kg bag, {}% protein, no added wheat.",
            [2, 6, 12][rng.gen_range(0..3)],
            rng.gen_range(22..32)
        ),
    };
    (text, attrs)
}

/// Writes a complete knowledge directory with `n` products into `dir` (created).
pub fn generate_catalogue(
    dir: &Path,
    n: usize,
    seed: u64,
    progress: bool,
) -> Result<GenerateReport, KnowledgeError> {
    let start = Instant::now();
    let io = |p: &Path, e: std::io::Error| KnowledgeError::io(p, e);
    std::fs::create_dir_all(dir.join("policies")).map_err(|e| io(dir, e))?;
    let mut rng = StdRng::seed_from_u64(seed);

    let mut cats = String::from("# Generated by `kefu kg generate`.\n");
    for (id, name, parent, _) in CATEGORIES {
        cats.push_str(&format!("- id: {id}\n  name: {name}\n"));
        if let Some(p) = parent {
            cats.push_str(&format!("  parent: {p}\n"));
        }
    }
    write(dir, "categories.yaml", &cats)?;
    let mut brands = Vec::new();
    let mut brands_yaml = String::new();
    for a in BRAND_A {
        for b in BRAND_B {
            let name = format!("{a}{b}");
            brands_yaml.push_str(&format!("- id: {}\n  name: {name}\n", name.to_lowercase()));
            brands.push(name);
        }
    }
    write(dir, "brands.yaml", &brands_yaml)?;
    write(
        dir,
        "attributes.yaml",
        "- id: gps\n  name: GPS\n  type: bool\n  synonyms: [satellite navigation]\n\
         - id: noise_cancelling\n  name: noise cancelling\n  type: bool\n  synonyms: [anc]\n",
    )?;
    for kind in ["shipping", "returns", "warranty", "payment", "privacy"] {
        write(
            dir,
            &format!("policies/{kind}.md"),
            &format!("---\nkind: {kind}\ntitle: {kind} policy\nsummary: The {kind} policy of a generated shop.\n---\nGenerated text.\n"),
        )?;
    }
    write(
        dir,
        "faq.yaml",
        "- id: faq-delivery\n  question: How long does delivery take?\n  answer: Two to four working days.\n  policy: shipping\n",
    )?;

    let bar = if progress {
        ProgressBar::new(n as u64)
    } else {
        ProgressBar::hidden()
    };
    bar.set_style(
        ProgressStyle::with_template("{msg} {bar:40} {pos}/{len} ({eta})").expect("template"),
    );
    bar.set_message("products");
    let leaves = leaf_categories();
    let path = dir.join("products.jsonl");
    let file = std::fs::File::create(&path).map_err(|e| io(&path, e))?;
    let mut out = std::io::BufWriter::new(file);
    let mut by_cat: Vec<Vec<usize>> = vec![Vec::new(); leaves.len()];
    for i in 0..n {
        let ci = rng.gen_range(0..leaves.len());
        let (cat, noun) = leaves[ci];
        by_cat[ci].push(i);
        let brand = &brands[rng.gen_range(0..brands.len())];
        let series = SERIES[rng.gen_range(0..SERIES.len())];
        let (desc, attrs) = description(&mut rng, cat, noun);
        let apparel = matches!(cat, "jackets" | "base-layers");
        let variants: Vec<Variant> = if apparel {
            let colour = COLOURS[rng.gen_range(0..COLOURS.len())];
            SIZES
                .iter()
                .map(|s| Variant {
                    sku: format!("g{i}-{colour}-{s}").to_lowercase(),
                    size: Some(s.to_string()),
                    colour: Some(colour.to_string()),
                    stock: rng.gen_range(0..20),
                })
                .collect()
        } else {
            Vec::new()
        };
        let p = Product {
            id: ProductId(format!("g{i}")),
            name: format!("{brand} {series} {} {}", rng.gen_range(1..900), noun),
            brand: brand.to_lowercase(),
            category: cat.to_string(),
            price: (rng.gen_range(900..90_000) as f64 / 100.0).round() - 0.01,
            currency: "EUR".into(),
            stock: if variants.is_empty() {
                Some(rng.gen_range(0..200))
            } else {
                None
            },
            variants,
            attributes: attrs.into_iter().collect(),
            description: desc,
            rating: Some((rng.gen_range(25..50) as f32) / 10.0),
            review_count: rng.gen_range(0..3000),
            image: None,
            url: None,
            added: Some(
                chrono::NaiveDate::from_ymd_opt(2024, 1, 1).expect("date")
                    + chrono::Days::new(rng.gen_range(0..700)),
            ),
            consumable: cat == "pet-food",
        };
        let line =
            serde_json::to_string(&p).map_err(|e| KnowledgeError::Snapshot(e.to_string()))?;
        writeln!(out, "{line}").map_err(|e| io(&path, e))?;
        if i % 4096 == 0 {
            bar.set_position(i as u64);
        }
    }
    out.flush().map_err(|e| io(&path, e))?;
    bar.finish_and_clear();

    // About one relation per product, between products of the same category.
    let mut rel = String::from("kind,from,to\n");
    let mut relations = 0;
    for list in &by_cat {
        for w in list.windows(2).step_by(2) {
            let kind = [
                "compatible-with",
                "substitute-for",
                "bought-together",
                "accessory-of",
            ][rng.gen_range(0..4)];
            rel.push_str(&format!("{kind},g{},g{}\n", w[0], w[1]));
            relations += 1;
        }
    }
    write(dir, "relations.csv", &rel)?;
    Ok(GenerateReport {
        products: n,
        relations,
        millis: start.elapsed().as_millis() as u64,
    })
}

fn write(dir: &Path, name: &str, text: &str) -> Result<(), KnowledgeError> {
    let p = dir.join(name);
    std::fs::write(&p, text).map_err(|e| KnowledgeError::io(&p, e))
}
