//! Analytics of one day out of a large conversation log: read through the time indexes
//! (what `/admin/analytics` does) against the full scan of both logs it replaced, on the
//! real sled store. Turns are spread over 1,000 days, with a click on every tenth reply
//! and an add-to-cart on every twentieth.
//!
//! `cargo bench --bench analytics` (a million turns; `KEFU_BENCH_TURNS=100000` for fewer).
//! Filling the store takes about two minutes; the last line is the ratio of the two means.

use chrono::{Duration, TimeZone, Utc};
use criterion::{criterion_group, criterion_main, Criterion};
use std::collections::HashMap;
use std::hint::black_box;
use std::time::Instant;

use kefu::behavior::analytics::{Analytics, Range};
use kefu::behavior::{BehaviorConfig, EventInput, EventLog, ProductFacts, Shown, TurnFact};
use kefu::store::Store;
use kefu::types::{ProductId, SessionId};

const DAYS: i64 = 1_000;

fn turn(i: u64, at: chrono::DateTime<Utc>) -> TurnFact {
    TurnFact {
        seq: 0,
        session: SessionId::new(format!("s-{}", i / 4)),
        user: None,
        at,
        text: "show me kettles".into(),
        intent: "search_product".into(),
        confidence: 0.9,
        slots: vec![],
        sentiment: Default::default(),
        sentiment_score: 0.0,
        action: "search_product".into(),
        reply_id: format!("r-{i}"),
        products: vec![Shown {
            product: ProductId::new(format!("p-{}", i % 50)),
            reason: None,
        }],
        fallback: i.is_multiple_of(9),
        handoff: false,
        no_results: false,
        csat: None,
    }
}

fn bench(c: &mut Criterion) {
    let n: u64 = std::env::var("KEFU_BENCH_TURNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000);
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let log = EventLog::open(
        &store,
        BehaviorConfig {
            max_batch: 10_000,
            ..BehaviorConfig::default()
        },
    )
    .unwrap();
    let products: HashMap<ProductId, ProductFacts> = (0..50)
        .map(|p| (ProductId::new(format!("p-{p}")), ProductFacts::default()))
        .collect();
    let start = Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap();
    let step = Duration::milliseconds(DAYS * 86_400_000 / n as i64);
    let filling = Instant::now();
    let mut batch = Vec::new();
    for i in 0..n {
        let at = start + step * i as i32;
        let t = turn(i, at);
        let session = Some(t.session.clone());
        let product = Some(t.products[0].product.clone());
        let reply = t.reply_id.clone();
        log.record_turn(t).unwrap();
        if i.is_multiple_of(10) {
            batch.push(EventInput {
                id: format!("c-{i}"),
                kind: "click".into(),
                session: session.clone(),
                product: product.clone(),
                reply_id: Some(reply),
                at: Some(at + Duration::minutes(1)),
                ..EventInput::default()
            });
        }
        if i.is_multiple_of(20) {
            batch.push(EventInput {
                id: format!("a-{i}"),
                kind: "add_to_cart".into(),
                session,
                product,
                at: Some(at + Duration::minutes(5)),
                ..EventInput::default()
            });
        }
        if batch.len() >= 5_000 {
            log.append(&batch, &products).unwrap();
            batch.clear();
        }
    }
    if !batch.is_empty() {
        log.append(&batch, &products).unwrap();
    }
    store.flush().unwrap();
    eprintln!(
        "filled {n} turns and {} events in {:.1} s",
        log.len(),
        filling.elapsed().as_secs_f64()
    );

    let params = log.config().analytics_params();
    let day = start + Duration::days(DAYS / 2);
    let range = Range {
        from: day,
        to: day + Duration::days(1),
    };
    let indexed = || {
        let (turns, events) = log
            .analytics_window(range, params.attribution_window)
            .unwrap();
        Analytics::new(&turns, &events, params).report(range)
    };
    let full_scan = || {
        let turns = log.turn_facts().unwrap();
        let events = log.all_events().unwrap();
        Analytics::new(&turns, &events, params).report(range)
    };
    // Same numbers either way, or the comparison means nothing.
    assert_eq!(indexed(), full_scan());

    let mut group = c.benchmark_group(format!("analytics_one_day_of_{n}_turns"));
    group.sample_size(10);
    group.bench_function("indexed", |b| b.iter(|| black_box(indexed())));
    group.finish();
    // The baseline, timed by hand in the same process: criterion's ten samples of a scan
    // of a million turns would take minutes.
    let mean = |run: &dyn Fn() -> kefu::behavior::analytics::Report, reps: u32| {
        let t = Instant::now();
        for _ in 0..reps {
            black_box(run());
        }
        t.elapsed().as_secs_f64() / f64::from(reps)
    };
    let (fast, slow) = (mean(&indexed, 50), mean(&full_scan, 3));
    eprintln!(
        "one day of {n} turns: indexed {:.2} ms, full scan {:.0} ms, {:.0}x faster",
        fast * 1e3,
        slow * 1e3,
        slow / fast
    );
}

criterion_group!(benches, bench);
criterion_main!(benches);
