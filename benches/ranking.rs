//! Ranking cost on generated catalogues (`kefu kg generate`'s generator), as a ratio to the
//! least any semantic ranker must do: one brute-force dot product per product.
//!
//! Product and query vectors come from a word-hashing embedder here, so the numbers are
//! the ranker's own (the encoder's latency has its own benchmark); vectors have the real
//! encoder's 384 dimensions.
//!
//! `cargo bench --bench ranking`

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use std::hint::black_box;
use std::sync::Arc;
use std::time::Duration;

use chrono::{TimeZone, Utc};
use kefu::behavior::{BehaviorConfig, EventInput, EventLog, Subject};
use kefu::knowledge::{generate_catalogue, KnowledgeBase};
use kefu::recommend::{RecommendConfig, RecommendRequest, Recommender};
use kefu::store::Store;
use kefu::types::{Embed, EmbedError, ProductId, SearchRequest, SessionId};

const DIM: usize = 384;

/// Bag of hashed words, L2-normalised: deterministic and cheap.
struct HashEmbed;

impl Embed for HashEmbed {
    fn dim(&self) -> usize {
        DIM
    }
    fn embed(&self, texts: &[&str]) -> Result<Vec<Vec<f32>>, EmbedError> {
        Ok(texts
            .iter()
            .map(|t| {
                let mut v = vec![0f32; DIM];
                for w in t.to_lowercase().split(|c: char| !c.is_alphanumeric()) {
                    if w.is_empty() {
                        continue;
                    }
                    let h = w.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
                        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
                    });
                    v[(h % DIM as u64) as usize] += 1.0;
                }
                let n = v.iter().map(|x| x * x).sum::<f32>().sqrt().max(1e-6);
                v.iter_mut().for_each(|x| *x /= n);
                v
            })
            .collect())
    }
}

fn bench(c: &mut Criterion) {
    for n in [2_000usize, 20_000] {
        let dir = tempfile::tempdir().unwrap();
        generate_catalogue(dir.path(), n, 11, false).unwrap();
        let (graph, _) = KnowledgeBase::load(dir.path(), None).unwrap();
        let embed: Arc<dyn Embed> = Arc::new(HashEmbed);
        let store_dir = tempfile::tempdir().unwrap();
        let store = Store::open(store_dir.path()).unwrap();
        let mut rec = Recommender::new(
            graph.clone(),
            embed.clone(),
            None,
            RecommendConfig::default(),
            &BehaviorConfig::default(),
        )
        .unwrap();

        // A shopper with some history, and co-view evidence from 500 sessions.
        let log = EventLog::open(&store, BehaviorConfig::default()).unwrap();
        let t0 = Utc.with_ymd_and_hms(2026, 3, 1, 0, 0, 0).unwrap();
        let mut batch = Vec::new();
        for s in 0..500usize {
            for k in 0..4usize {
                let p = &graph.products()[(s * 7 + k * 13) % n];
                batch.push(EventInput {
                    id: format!("e{s}-{k}"),
                    kind: "view".into(),
                    session: Some(SessionId::new(format!("s{s}"))),
                    product: Some(ProductId::new(p.id.as_str())),
                    at: Some(t0 + chrono::Duration::minutes((s * 4 + k) as i64)),
                    ..Default::default()
                });
            }
        }
        for chunk in batch.chunks(1000) {
            log.append(chunk, graph.as_ref()).unwrap();
        }
        rec.learn(&log).unwrap();
        let profile = log
            .profile(&Subject::Session(SessionId::new("s3")))
            .unwrap()
            .unwrap();

        let text = "waterproof hiking backpack with rain cover";
        let plain = RecommendRequest {
            search: SearchRequest::text(text),
            now: Some(t0),
            ..Default::default()
        };
        let constrained = RecommendRequest {
            search: SearchRequest {
                product_type: Some("backpack".into()),
                ..SearchRequest::text(text)
            },
            ..plain.clone()
        };
        let products: Vec<String> = graph
            .products()
            .iter()
            .map(|p| graph.product_text(p))
            .collect();
        let refs: Vec<&str> = products.iter().map(String::as_str).collect();
        let vectors = embed.embed(&refs).unwrap();

        let mut group = c.benchmark_group("ranking");
        group
            .sample_size(20)
            .measurement_time(Duration::from_secs(4))
            .warm_up_time(Duration::from_secs(1));
        group.bench_with_input(BenchmarkId::new("baseline_dot_scan", n), &n, |b, _| {
            b.iter(|| {
                let q = embed.embed(&[text]).unwrap().pop().unwrap();
                let best = vectors
                    .iter()
                    .map(|v| v.iter().zip(&q).map(|(a, b)| a * b).sum::<f32>())
                    .fold(f32::MIN, f32::max);
                black_box(best)
            })
        });
        group.bench_with_input(BenchmarkId::new("recommend_new_shopper", n), &n, |b, _| {
            b.iter(|| black_box(rec.recommend(&plain, None).unwrap()))
        });
        group.bench_with_input(BenchmarkId::new("recommend_with_profile", n), &n, |b, _| {
            b.iter(|| black_box(rec.recommend(&plain, Some(&profile)).unwrap()))
        });
        group.bench_with_input(
            BenchmarkId::new("recommend_category_slot", n),
            &n,
            |b, _| b.iter(|| black_box(rec.recommend(&constrained, Some(&profile)).unwrap())),
        );
        group.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
