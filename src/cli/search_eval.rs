//! `kefu eval search`: product search on a judged query set, every mode side by side
//! (the plain name box, lexical, semantic, fused): P@5, nDCG@10, recall@50, zero-result
//! rate, the "right list" rate and latency, overall and per kind of query.

use anyhow::{Context, Result};
use clap::{Args, ValueEnum};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Instant;

use super::search_judge::{self, Judged};
use super::Cli;
use kefu::knowledge::{Graph, KnowledgeBase};
use kefu::search::{
    same_item_key, Fusion, ProductSearch, SearchMode, SearchResults, TypeMatch, TypeThresholds,
};
use kefu::types::{ProductId, SearchRequest};

#[derive(Debug, Args)]
pub struct EvalSearchArgs {
    /// Judged queries, one JSON object a line (eval/search/README.md).
    #[arg(long, value_name = "FILE")]
    pub queries: PathBuf,
    /// Base encoder folder (default: model.base_dir).
    #[arg(long, value_name = "DIR")]
    pub base: Option<PathBuf>,
    /// How the fused mode combines the signals (default: the served one).
    #[arg(long, value_enum)]
    pub fusion: Option<FusionArg>,
    /// Also write the numbers (and every query's top five) as JSON here.
    #[arg(long, value_name = "FILE")]
    pub json: Option<PathBuf>,
    /// The trained NLU artifact that reads each query into a request (default:
    /// nlu.model_dir).
    #[arg(long, value_name = "DIR")]
    pub model: Option<PathBuf>,
    /// Rank by each query's words alone, without the NLU's reading (no product type, no
    /// constraints).
    #[arg(long)]
    pub words_only: bool,
    /// Type-resolution thresholds to try instead of the calibrated ones (cosine).
    #[arg(long, value_name = "COS")]
    pub expand_from: Option<f32>,
    #[arg(long, value_name = "COS")]
    pub similar_from: Option<f32>,
    #[arg(long, value_name = "COS")]
    pub none_below: Option<f32>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum FusionArg {
    Rrf,
    Weighted,
}

/// Shown to the shopper: the first five hits.
const SHOWN: usize = 5;
const DEPTH: usize = 50;
/// A right list: at least this share of the shown hits is relevant.
const RIGHT_SHARE: f64 = 0.8;

#[derive(Debug, Default, Clone, Serialize)]
struct Scores {
    queries: usize,
    judged: usize,
    p_at_5: f64,
    ndcg_at_10: f64,
    recall_at_50: f64,
    /// Share of judged queries (ones with relevant products) that found nothing.
    zero_result_rate: f64,
    right_list_rate: f64,
    right: usize,
    p50_ms: f64,
    p99_ms: f64,
}

#[derive(Debug, Serialize)]
struct QueryReport {
    query: String,
    /// The typed request the fused, lexical and semantic modes ranked for.
    request: serde_json::Value,
    type_match: TypeMatch,
    kind: String,
    relevant: usize,
    /// Per mode: right or not, and the names of the shown hits (✓ relevant).
    modes: BTreeMap<&'static str, (bool, Vec<String>)>,
    /// The fused mode's shown hits: fused score, lexical score, cosine (why a list is so).
    fused_signals: Vec<(f32, Option<f32>, Option<f32>)>,
}

#[derive(Debug, Serialize)]
struct Report {
    queries_file: String,
    knowledge_dir: String,
    products: usize,
    fusion: Fusion,
    modes: BTreeMap<&'static str, Scores>,
    kinds: BTreeMap<String, BTreeMap<&'static str, Scores>>,
    per_query: Vec<QueryReport>,
}

struct Outcome {
    right: bool,
    zero: bool,
    p5: f64,
    ndcg: f64,
    recall: f64,
    ms: f64,
}

fn judge(graph: &Graph, q: &Judged, r: &SearchResults, ms: f64) -> Outcome {
    let ids = |h: &kefu::search::SearchHit| -> Vec<ProductId> {
        std::iter::once(h.product.clone())
            .chain(h.also.iter().cloned())
            .collect()
    };
    let rel: Vec<bool> = r
        .hits
        .iter()
        .map(|h| ids(h).iter().any(|i| q.relevant.contains(i)))
        .collect();
    let shown = &rel[..rel.len().min(SHOWN)];
    if q.expect_none {
        return Outcome {
            right: r.hits.is_empty(),
            zero: r.hits.is_empty(),
            p5: 0.0,
            ndcg: 0.0,
            recall: 0.0,
            ms,
        };
    }
    let good = shown.iter().filter(|&&x| x).count();
    let right = !shown.is_empty() && shown[0] && good as f64 >= RIGHT_SHARE * shown.len() as f64;
    let dcg: f64 = rel
        .iter()
        .take(10)
        .enumerate()
        .filter(|(_, &x)| x)
        .map(|(i, _)| 1.0 / ((i + 2) as f64).log2())
        .sum();
    let items: HashSet<String> = q
        .relevant
        .iter()
        .filter_map(|id| graph.product(id.as_str()))
        .map(same_item_key)
        .collect();
    let idcg: f64 = (0..items.len().min(10))
        .map(|i| 1.0 / ((i + 2) as f64).log2())
        .sum();
    let found: HashSet<ProductId> = r
        .hits
        .iter()
        .take(DEPTH)
        .flat_map(ids)
        .filter(|i| q.relevant.contains(i))
        .collect();
    Outcome {
        right,
        zero: r.hits.is_empty(),
        p5: good as f64 / SHOWN as f64,
        ndcg: if idcg > 0.0 { dcg / idcg } else { 0.0 },
        recall: found.len() as f64 / q.relevant.len().max(1) as f64,
        ms,
    }
}

fn summarise(outcomes: &[(&Judged, &Outcome)]) -> Scores {
    let mut s = Scores {
        queries: outcomes.len(),
        ..Scores::default()
    };
    let judged: Vec<&Outcome> = outcomes
        .iter()
        .filter(|(q, _)| !q.expect_none)
        .map(|(_, o)| *o)
        .collect();
    s.judged = judged.len();
    let mean = |f: &dyn Fn(&Outcome) -> f64| {
        if judged.is_empty() {
            0.0
        } else {
            judged.iter().map(|o| f(o)).sum::<f64>() / judged.len() as f64
        }
    };
    s.p_at_5 = mean(&|o| o.p5);
    s.ndcg_at_10 = mean(&|o| o.ndcg);
    s.recall_at_50 = mean(&|o| o.recall);
    s.zero_result_rate = mean(&|o| if o.zero { 1.0 } else { 0.0 });
    s.right = outcomes.iter().filter(|(_, o)| o.right).count();
    s.right_list_rate = s.right as f64 / outcomes.len().max(1) as f64;
    let mut ms: Vec<f64> = outcomes.iter().map(|(_, o)| o.ms).collect();
    ms.sort_by(f64::total_cmp);
    let pct = |p: f64| {
        if ms.is_empty() {
            0.0
        } else {
            ms[((ms.len() - 1) as f64 * p).round() as usize]
        }
    };
    s.p50_ms = pct(0.5);
    s.p99_ms = pct(0.99);
    s
}

pub fn eval(cli: &Cli, args: &EvalSearchArgs) -> Result<ExitCode> {
    let config = cli.load_config(&[])?;
    let base = args.base.clone().unwrap_or(config.model.base_dir.clone());
    let (graph, _) = KnowledgeBase::load(&config.knowledge_dir, None)
        .with_context(|| format!("loading {}", config.knowledge_dir.display()))?;
    let encoder = kefu::nlu::SentenceEncoder::load(&base)
        .with_context(|| format!("loading the encoder from {}", base.display()))?;
    let mut search = ProductSearch::build(graph.clone(), Arc::new(encoder), None, None)?;
    if let Some(f) = args.fusion {
        search = search.with_fusion(match f {
            FusionArg::Rrf => Fusion::Rrf,
            FusionArg::Weighted => Fusion::Weighted,
        });
    }
    let mut t = TypeThresholds::default();
    t.expand_from = args.expand_from.unwrap_or(t.expand_from);
    t.similar_from = args.similar_from.unwrap_or(t.similar_from);
    t.none_below = args.none_below.unwrap_or(t.none_below);
    search = search.with_type_thresholds(t);
    let queries = search_judge::read(&args.queries, &graph)?;
    // Each query read as the dialogue reads a shopper's first message: NLU parse, then
    // the one reader into a typed request. The plain name box gets the words as typed.
    let requests: Vec<SearchRequest> = if args.words_only {
        queries
            .iter()
            .map(|q| SearchRequest::text(&q.query))
            .collect()
    } else {
        let model_dir = args.model.clone().unwrap_or(config.nlu.model_dir.clone());
        let (model, _) =
            super::nlu::load_as_served(&config.nlu, &model_dir, &base, 0.0, 3, config.nlu.engine)?;
        let texts: Vec<&str> = queries.iter().map(|q| q.query.as_str()).collect();
        super::nlu::parse_all(&model, &texts, "queries")?
            .iter()
            .map(kefu::dialogue::search_request)
            .collect()
    };
    let mut outcomes: HashMap<SearchMode, Vec<Outcome>> = HashMap::new();
    let mut per_query = Vec::new();
    let name = |id: &ProductId| {
        graph
            .product(id.as_str())
            .map_or(id.to_string(), |p| p.name.clone())
    };
    for (i, (q, typed)) in queries.iter().zip(&requests).enumerate() {
        if (i + 1) % 10 == 0 || i + 1 == queries.len() {
            eprint!("\rsearching {}/{} ", i + 1, queries.len());
            let _ = std::io::stderr().flush();
        }
        let words = SearchRequest::text(&q.query);
        let mut modes = BTreeMap::new();
        let mut type_match = TypeMatch::NotAsked;
        let mut fused_signals = Vec::new();
        for mode in SearchMode::ALL {
            let req = if mode == SearchMode::NameBm25 {
                &words
            } else {
                typed
            };
            // The query's vector is cached after its first mode: time the second run.
            let _ = search.search(req, DEPTH, mode)?;
            let t = Instant::now();
            let r = search.search(req, DEPTH, mode)?;
            let ms = t.elapsed().as_secs_f64() * 1e3;
            let o = judge(&graph, q, &r, ms);
            if mode == SearchMode::Fused {
                type_match = r.type_match.clone();
                fused_signals = r
                    .hits
                    .iter()
                    .take(SHOWN)
                    .map(|h| {
                        (
                            h.score,
                            h.lexical.map(|s| s.score),
                            h.semantic.map(|s| s.score),
                        )
                    })
                    .collect();
            }
            let shown = r
                .hits
                .iter()
                .take(SHOWN)
                .map(|h| {
                    let ok = std::iter::once(&h.product)
                        .chain(&h.also)
                        .any(|i| q.relevant.contains(i));
                    format!("{}{}", if ok { "✓ " } else { "✗ " }, name(&h.product))
                })
                .collect();
            modes.insert(mode.as_str(), (o.right, shown));
            outcomes.entry(mode).or_default().push(o);
        }
        per_query.push(QueryReport {
            request: serde_json::to_value(typed)?,
            type_match,
            query: q.query.clone(),
            kind: q.kind.clone(),
            relevant: q.relevant.len(),
            modes,
            fused_signals,
        });
    }
    eprintln!();

    let mut report = Report {
        queries_file: args.queries.display().to_string(),
        knowledge_dir: config.knowledge_dir.display().to_string(),
        products: graph.products().len(),
        fusion: search.fusion(),
        modes: BTreeMap::new(),
        kinds: BTreeMap::new(),
        per_query,
    };
    let kinds: Vec<String> = {
        let mut k: Vec<String> = queries.iter().map(|q| q.kind.clone()).collect();
        k.sort();
        k.dedup();
        k
    };
    for mode in SearchMode::ALL {
        let os = &outcomes[&mode];
        let pairs: Vec<(&Judged, &Outcome)> = queries.iter().zip(os).collect();
        report.modes.insert(mode.as_str(), summarise(&pairs));
        for kind in &kinds {
            let of_kind: Vec<(&Judged, &Outcome)> = pairs
                .iter()
                .filter(|(q, _)| &q.kind == kind)
                .copied()
                .collect();
            report
                .kinds
                .entry(kind.clone())
                .or_default()
                .insert(mode.as_str(), summarise(&of_kind));
        }
    }
    print_report(&report);
    if let Some(path) = &args.json {
        std::fs::write(path, serde_json::to_string_pretty(&report)? + "\n")
            .with_context(|| format!("writing {}", path.display()))?;
        println!("\nwrote {}", path.display());
    }
    Ok(ExitCode::SUCCESS)
}

fn print_report(r: &Report) {
    println!(
        "kefu eval search: {} ({} queries) on {} ({} products), fusion {:?}\n",
        r.queries_file,
        r.per_query.len(),
        r.knowledge_dir,
        r.products,
        r.fusion
    );
    println!(
        "{:<10} {:>7} {:>8} {:>10} {:>7} {:>12} {:>8} {:>8}",
        "mode", "P@5", "nDCG@10", "recall@50", "zero", "right list", "p50 ms", "p99 ms"
    );
    for mode in SearchMode::ALL {
        let s = &r.modes[mode.as_str()];
        println!(
            "{:<10} {:>7.3} {:>8.3} {:>10.3} {:>7.3} {:>5.3} {:>3}/{:<3} {:>8.2} {:>8.2}",
            mode.as_str(),
            s.p_at_5,
            s.ndcg_at_10,
            s.recall_at_50,
            s.zero_result_rate,
            s.right_list_rate,
            s.right,
            s.queries,
            s.p50_ms,
            s.p99_ms
        );
    }
    println!("\nright list by kind:");
    print!("{:<14} {:>4}", "kind", "n");
    for mode in SearchMode::ALL {
        print!(" {:>10}", mode.as_str());
    }
    println!();
    for (kind, modes) in &r.kinds {
        print!("{:<14} {:>4}", kind, modes["fused"].queries);
        for mode in SearchMode::ALL {
            let s = &modes[mode.as_str()];
            print!(" {:>10}", format!("{}/{}", s.right, s.queries));
        }
        println!();
    }
}
