//! `kefu kg bench`: import time and query latency on synthetic catalogues, each indexed
//! query against a linear scan answering the same question in the same run.

use anyhow::Result;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use kefu::knowledge::{self, Graph, KnowledgeBase};
use kefu::store::Store;

fn percentile(sorted: &[Duration], q: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * q).round() as usize;
    sorted[i]
}

/// Latency of `f(i)` for each query i: p50 and p99 of the first run ("raw", what a caller
/// sees on this machine now) and of the best of five runs (the query's own cost, without
/// the scheduler's preemptions on a busy machine).
struct Timing {
    p50: Duration,
    p99: Duration,
    raw_p99: Duration,
}

fn time<F: FnMut(usize) -> usize>(n: usize, mut f: F) -> (Duration, Duration, usize) {
    let t = timing(n, &mut f);
    (t.p50, t.p99, t.raw_p99.as_nanos() as usize)
}

fn timing<F: FnMut(usize) -> usize>(n: usize, f: &mut F) -> Timing {
    let mut best = Vec::with_capacity(n);
    let mut raw = Vec::with_capacity(n);
    let mut sink = 0;
    for i in 0..n {
        let mut min = Duration::MAX;
        for rep in 0..5 {
            let t = Instant::now();
            sink += f(i);
            let d = t.elapsed();
            if rep == 0 {
                raw.push(d);
            }
            min = min.min(d);
        }
        best.push(min);
    }
    std::hint::black_box(sink);
    best.sort();
    raw.sort();
    Timing {
        p50: percentile(&best, 0.5),
        p99: percentile(&best, 0.99),
        raw_p99: percentile(&raw, 0.99),
    }
}

fn us(d: Duration) -> String {
    format!("{:.1} µs", d.as_secs_f64() * 1e6)
}

pub fn run(sizes: &[usize], queries: usize) -> Result<ExitCode> {
    println!(
        "kefu kg bench: synthetic catalogues, {queries} queries per kind.\n\
         Latency p50 / p99 of the best of 5 runs per query, and the p99 of first runs\n\
         (raw: includes preemption when the machine is busy).\n"
    );
    for &n in sizes {
        let tmp = tempfile::tempdir()?;
        let dir = tmp.path().join("knowledge");
        let g = knowledge::generate_catalogue(&dir, n, 7, true)?;
        let t = Instant::now();
        let (graph, _) = KnowledgeBase::load(&dir, None)?;
        let import = t.elapsed();
        let store = Store::open(tmp.path().join("data"))?;
        let t = Instant::now();
        drop(KnowledgeBase::load(&dir, Some(&store))?);
        let import_store = t.elapsed();
        let t = Instant::now();
        let (_, report) = KnowledgeBase::load(&dir, Some(&store))?;
        let restart = t.elapsed();
        println!(
            "{n} products ({} relations, generated in {} ms)\n  import (parse + validate + extract + build): {:.2} s\n  import writing the sled snapshot:            {:.2} s\n  restart, files unchanged ({:?}):         {:.2} s",
            g.relations,
            g.millis,
            import.as_secs_f64(),
            import_store.as_secs_f64(),
            report.source,
            restart.as_secs_f64()
        );
        queries_report(&graph, n, queries);
        println!();
    }
    Ok(ExitCode::SUCCESS)
}

fn queries_report(g: &Graph, n: usize, q: usize) {
    let mut rng = StdRng::seed_from_u64(1);
    let ids: Vec<String> = (0..q)
        .map(|_| format!("g{}", rng.gen_range(0..n)))
        .collect();
    let names: Vec<String> = (0..q)
        .map(|i| {
            let p = g.product(&ids[i]).expect("generated id");
            // A mention: two words of the name, the second with a typo half the time.
            let words: Vec<&str> = p.name.split(' ').collect();
            let mut w2 = words[1].to_lowercase();
            if i % 2 == 0 && w2.len() > 4 {
                w2.remove(2);
            }
            format!("{} {}", w2, words[words.len() - 1].to_lowercase())
        })
        .collect();
    let prices: Vec<f64> = (0..q).map(|_| rng.gen_range(10.0..800.0)).collect();
    let row = |name: &str, r: (Duration, Duration, usize)| {
        println!(
            "  {name:<48} p50 {:>10}  p99 {:>10}  (raw p99 {:>10})",
            us(r.0),
            us(r.1),
            us(Duration::from_nanos(r.2 as u64))
        );
    };
    row(
        "product(id)",
        time(q, |i| g.product(&ids[i]).is_some() as usize),
    );
    row(
        "search_name(fuzzy mention)",
        time(q, |i| g.search_name(&names[i], 5).len()),
    );
    row(
        "attribute_answer(id, \"gps\")",
        time(q, |i| g.attribute_answer(&ids[i], "gps").is_some() as usize),
    );
    row(
        "accessories_of + compatible_with + substitutes",
        time(q, |i| {
            g.accessories_of(&ids[i]).len()
                + g.compatible_with(&ids[i]).len()
                + g.substitutes_of(&ids[i], true).len().min(1)
        }),
    );
    row(
        "bought_together(id)",
        time(q, |i| g.bought_together(&ids[i]).len()),
    );
    let idx = time(q, |i| g.in_price_range(prices[i], prices[i] + 5.0).len());
    let scan = time(q.min(200), |i| {
        g.products()
            .iter()
            .filter(|p| p.price >= prices[i] && p.price <= prices[i] + 5.0)
            .count()
    });
    row("in_price_range(x, x+5)", idx);
    row("  baseline: linear scan", scan);
    println!(
        "  {:<44} {:.0}× faster at p50",
        "  index vs scan",
        scan.0.as_secs_f64() / idx.0.as_secs_f64().max(1e-9)
    );
    let cats = ["headphones", "smartwatches", "laptops", "kettles"];
    let idx = time(q, |i| {
        g.products_in_category(cats[i % 4], true).len().min(1)
    });
    let scan = time(q.min(200), |i| {
        g.products()
            .iter()
            .filter(|p| p.category == cats[i % 4])
            .count()
            .min(1)
    });
    row("products_in_category(leaf)", idx);
    row("  baseline: linear scan", scan);
    println!(
        "  {:<48} {:.0}× faster at p50",
        "  index vs scan",
        scan.0.as_secs_f64() / idx.0.as_secs_f64().max(1e-9)
    );
    let idx = time(q, |i| {
        g.in_stock_variant(Some("M"), Some(["black", "navy", "red"][i % 3]))
            .len()
            .min(1)
    });
    row("in_stock_variant(size M, colour)", idx);
    let idx = time(q, |i| {
        g.by_brand(["norden", "veltix", "kaiora"][i % 3])
            .len()
            .min(1)
    });
    row("by_brand", idx);
}
