//! `kefu simulate --server URL --shoppers N --days D`: simulated shoppers drive a running
//! server over the real WebSocket protocol — they browse, ask, click, add to cart, buy,
//! rate answers and complain — so a fresh install's dashboard has something to show.
//! Seeded: the same seed sends the same conversations. Messages carry their simulated time
//! (`at`), which the server honours only with `server.accept_client_time = true`.
//! Purchases are reported as the shop's backend would, on `POST /api/events` with the
//! events token (`--events-token`); without it the shoppers click and add to cart but buy
//! nothing.

use anyhow::{bail, Context, Result};
use chrono::{DateTime, Duration, Utc};
use clap::Args;
use futures::{SinkExt, StreamExt};
use indicatif::{ProgressBar, ProgressStyle};
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use serde_json::{json, Value};
use std::process::ExitCode;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use tokio_tungstenite::tungstenite::Message;

#[derive(Debug, Args)]
pub struct SimulateArgs {
    /// The running server (http://HOST:PORT).
    #[arg(long, default_value = "http://127.0.0.1:8080", value_name = "URL")]
    pub server: String,
    /// Simulated shoppers.
    #[arg(long, default_value_t = 20)]
    pub shoppers: u32,
    /// Days of history, ending today.
    #[arg(long, default_value_t = 14)]
    pub days: u32,
    /// Chance that a shopper visits on a given day.
    #[arg(long, default_value_t = 0.35)]
    pub visit_rate: f64,
    #[arg(long, default_value_t = 7)]
    pub seed: u64,
    /// Shoppers chatting at the same time.
    #[arg(long, default_value_t = 4)]
    pub concurrency: usize,
    /// The server's `server.events_token`, to report purchases as the shop's backend does.
    #[arg(long, env = "KEFU_SERVER_EVENTS_TOKEN", hide_env_values = true)]
    pub events_token: Option<String>,
}

/// Where purchases go: the server's `POST /api/events`, with its token.
#[derive(Clone)]
struct Backend {
    authority: String,
    token: String,
}

/// How long to wait for an answer before giving up on it.
const WAIT_SECS: u64 = 20;

type Ws =
    tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

#[derive(Debug, Clone)]
struct Item {
    id: String,
    brand: String,
    category: String,
    price: f64,
}

#[derive(Default)]
struct Tally {
    sessions: AtomicU64,
    messages: AtomicU64,
    clicks: AtomicU64,
    carts: AtomicU64,
    purchases: AtomicU64,
    thumbs: AtomicU64,
    handoffs: AtomicU64,
    failed: AtomicU64,
}

pub fn run(cli: &super::Cli, args: &SimulateArgs) -> Result<ExitCode> {
    // Shoppers are signed in when this machine's config holds the server's identity
    // secret (as `kefu identity sign` does); otherwise every visit is anonymous.
    let signer = match &cli.load_config(&[])?.server.identity_secret {
        Some(secret) => Some(kefu::identity::IdentityKey::new(secret)?),
        None => None,
    };
    if args.shoppers == 0 || args.days == 0 || args.days > 366 {
        bail!("--shoppers must be at least 1 and --days 1 to 366");
    }
    if !(0.0..=1.0).contains(&args.visit_rate) {
        bail!("--visit-rate is a probability, 0 to 1");
    }
    let (authority, ws_url) = super::http_get::split_server(&args.server)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    runtime.block_on(async move {
        let list = super::http_get::get_json(&authority, "/api/products?limit=1000", None).await?;
        let items: Vec<Item> = list["products"]
            .as_array()
            .context("GET /api/products gave no product list")?
            .iter()
            .filter(|p| p["in_stock"].as_bool().unwrap_or(true))
            .filter_map(|p| {
                Some(Item {
                    id: p["id"].as_str()?.to_string(),
                    brand: p["brand"].as_str()?.to_string(),
                    category: p["category"].as_str()?.replace('-', " "),
                    price: p["price"].as_f64()?,
                })
            })
            .collect();
        if items.is_empty() {
            bail!("the server's catalogue is empty; load products first (kefu kg check)");
        }
        let items = Arc::new(items);
        let tally = Arc::new(Tally::default());
        let bar = ProgressBar::new(u64::from(args.shoppers) * u64::from(args.days));
        bar.set_style(ProgressStyle::with_template(
            "{bar:30} {pos}/{len} shopper-days ({eta}) {msg}",
        )?);
        let today = Utc::now().date_naive();
        let first_day = today - Duration::days(i64::from(args.days) - 1);
        let gate = Arc::new(tokio::sync::Semaphore::new(args.concurrency.max(1)));
        let backend = args.events_token.clone().map(|token| Backend {
            authority: authority.clone(),
            token,
        });
        let mut tasks = tokio::task::JoinSet::new();
        for shopper in 0..args.shoppers {
            let (items, tally, bar, gate, ws_url, backend) = (
                items.clone(),
                tally.clone(),
                bar.clone(),
                gate.clone(),
                ws_url.clone(),
                backend.clone(),
            );
            let signer = signer.clone();
            let seed = args.seed;
            let (days, visit_rate) = (args.days, args.visit_rate);
            tasks.spawn(async move {
                let _permit = gate.acquire_owned().await?;
                let mut rng = StdRng::seed_from_u64(seed.wrapping_mul(1_000_003) ^ u64::from(shopper));
                let persona = Persona::new(&items, &mut rng);
                for d in 0..days {
                    let day = first_day + Duration::days(i64::from(d));
                    if rng.gen_bool(visit_rate) {
                        let start = day.and_hms_opt(rng.gen_range(8..22), rng.gen_range(0..60), 0)
                            .expect("valid time")
                            .and_utc();
                        // Today's visits happen before now.
                        let start = start.min(Utc::now() - Duration::minutes(30));
                        let session = format!("sim-{seed}-{shopper}-{d}");
                        let user = format!("shopper-{shopper}");
                        let identity = match &signer {
                            Some(key) => Some(key.sign(&user, Utc::now().timestamp() + 3600)?),
                            None => None,
                        };
                        let visited =
                            visit(&ws_url, &session, &user, identity.as_deref(), start, &persona, &items, &mut rng, &tally, backend.as_ref())
                                .await;
                        if let Err(e) = visited {
                            if e.to_string().contains("refuses simulated times") {
                                return Err(e);
                            }
                            // One broken conversation does not end the simulation.
                            tally.failed.fetch_add(1, Ordering::Relaxed);
                            bar.println(format!("session {session}: {e:#}"));
                        }
                    }
                    bar.inc(1);
                }
                anyhow::Ok(())
            });
        }
        while let Some(r) = tasks.join_next().await {
            r??;
        }
        bar.finish_and_clear();
        let n = |a: &AtomicU64| a.load(Ordering::Relaxed);
        println!(
            "simulated {} shoppers over {} days: {} conversations ({} cut short), {} messages, {} clicks, {} add-to-carts, {} purchases, {} rated replies, {} handoffs",
            args.shoppers,
            args.days,
            n(&tally.sessions),
            n(&tally.failed),
            n(&tally.messages),
            n(&tally.clicks),
            n(&tally.carts),
            n(&tally.purchases),
            n(&tally.thumbs),
            n(&tally.handoffs),
        );
        if args.events_token.is_none() {
            println!("no purchases: pass --events-token (the server's server.events_token) to report them");
        }
        println!("see them at {}/admin/dashboard", args.server.trim_end_matches('/'));
        anyhow::Ok(())
    })?;
    Ok(ExitCode::SUCCESS)
}

/// What one simulated shopper likes.
struct Persona {
    category: String,
    brand: String,
    budget: f64,
    /// How eager they are to click and buy.
    eagerness: f64,
}

impl Persona {
    fn new(items: &[Item], rng: &mut StdRng) -> Self {
        let fav = items.choose(rng).expect("non-empty");
        Persona {
            category: fav.category.clone(),
            brand: fav.brand.clone(),
            budget: (fav.price * rng.gen_range(0.8..1.6)).round(),
            eagerness: rng.gen_range(0.2..0.8),
        }
    }
}

const FAQ: &[&str] = &[
    "how long does shipping take",
    "what is your return policy",
    "do you ship to canada",
    "which payment methods do you accept",
    "is there a warranty",
];
const GIBBERISH: &[&str] = &[
    "blorp zzz",
    "qwerty uiop",
    "the moon sings purple",
    "hmm hmm hmm",
    "can my cat use a spreadsheet",
];
const COMPLAINTS: &[&str] = &[
    "this is ridiculous, my parcel is late again and nobody answers",
    "terrible service, the item arrived broken",
    "i am really annoyed, you charged me twice",
];

#[allow(clippy::too_many_arguments)]
async fn visit(
    url: &str,
    session: &str,
    user: &str,
    identity: Option<&str>,
    start: DateTime<Utc>,
    persona: &Persona,
    items: &[Item],
    rng: &mut StdRng,
    tally: &Tally,
    backend: Option<&Backend>,
) -> Result<()> {
    let (mut ws, _) = tokio_tungstenite::connect_async(url)
        .await
        .with_context(|| format!("connecting to {url}"))?;
    let mut hello = json!({"type":"hello","session_id":session,"locale":"en"});
    if let Some(token) = identity {
        hello["identity"] = json!(token);
    }
    send(&mut ws, hello).await?;
    expect(&mut ws, "welcome").await?;
    tally.sessions.fetch_add(1, Ordering::Relaxed);
    let mut now = start;
    let turn = std::sync::atomic::AtomicU32::new(0);
    let say = async |ws: &mut Ws, text: &str, now: DateTime<Utc>| -> Result<Option<Value>> {
        turn.fetch_add(1, Ordering::Relaxed);
        let client_id = format!("{session}-{}", turn.load(Ordering::Relaxed));
        send(
            ws,
            json!({"type":"message","client_id":client_id,"text":text,"at":now}),
        )
        .await?;
        tally.messages.fetch_add(1, Ordering::Relaxed);
        reply(ws).await
    };
    if rng.gen_bool(0.3) {
        say(&mut ws, "hi", now).await?;
        now += Duration::seconds(rng.gen_range(5..30));
    }
    let topics = rng.gen_range(1..=3);
    for _ in 0..topics {
        let roll: f64 = rng.gen();
        let text = if roll < 0.55 {
            let cat = if rng.gen_bool(0.7) {
                persona.category.clone()
            } else {
                items.choose(rng).expect("non-empty").category.clone()
            };
            match rng.gen_range(0..4) {
                0 => format!("show me {cat}"),
                1 => format!("{} {cat}", persona.brand),
                2 => format!("{cat} under {}", persona.budget.max(5.0)),
                _ => format!("i need new {cat}"),
            }
        } else if roll < 0.72 {
            FAQ.choose(rng).expect("non-empty").to_string()
        } else if roll < 0.82 {
            format!("where is my order KF-2026{}", rng.gen_range(1000..1100))
        } else if roll < 0.9 {
            COMPLAINTS.choose(rng).expect("non-empty").to_string()
        } else {
            GIBBERISH.choose(rng).expect("non-empty").to_string()
        };
        let Some(mut answer) = say(&mut ws, &text, now).await? else {
            break;
        };
        now += Duration::seconds(rng.gen_range(20..90));
        if answer["products"].as_array().is_some_and(|p| !p.is_empty()) && rng.gen_bool(0.3) {
            let refine = ["cheaper ones?", "show me more"].choose(rng).expect("two");
            match say(&mut ws, refine, now).await? {
                Some(a) => answer = a,
                None => break,
            }
            now += Duration::seconds(rng.gen_range(20..90));
        }
        if handoff_in(&answer) {
            tally.handoffs.fetch_add(1, Ordering::Relaxed);
            break;
        }
        let products: Vec<String> = answer["products"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|p| p["id"].as_str().map(String::from))
                    .collect()
            })
            .unwrap_or_default();
        let reply_id = answer["id"].as_str().unwrap_or_default().to_string();
        let mut clicked = false;
        if !products.is_empty() && rng.gen_bool(persona.eagerness) {
            let pick = products[..products.len().min(3)]
                .choose(rng)
                .expect("non-empty")
                .clone();
            clicked = true;
            now += Duration::seconds(rng.gen_range(5..60));
            event(&mut ws, json!({"id":format!("{session}-click-{}", turn.load(Ordering::Relaxed)),"kind":"click","product":pick,"reply_id":reply_id,"at":now})).await?;
            tally.clicks.fetch_add(1, Ordering::Relaxed);
            if rng.gen_bool(persona.eagerness * 0.7) {
                now += Duration::minutes(rng.gen_range(2..10));
                event(&mut ws, json!({"id":format!("{session}-cart-{}", turn.load(Ordering::Relaxed)),"kind":"add_to_cart","product":pick,"quantity":1,"at":now})).await?;
                tally.carts.fetch_add(1, Ordering::Relaxed);
                if let Some(backend) = backend.filter(|_| rng.gen_bool(0.5)) {
                    now += Duration::minutes(rng.gen_range(5..60));
                    let price = items
                        .iter()
                        .find(|i| i.id == pick)
                        .map(|i| i.price)
                        .unwrap_or(1.0);
                    let purchase = json!({"id":format!("{session}-buy-{}", turn.load(Ordering::Relaxed)),"kind":"purchase","session":session,"user":user,"product":pick,"order_id":format!("{session}-o{}", turn.load(Ordering::Relaxed)),"price":price,"quantity":1,"at":now});
                    super::http_get::post_json(
                        &backend.authority,
                        "/api/events",
                        Some(&backend.token),
                        &purchase,
                    )
                    .await?;
                    tally.purchases.fetch_add(1, Ordering::Relaxed);
                }
            }
        }
        if !reply_id.is_empty() && rng.gen_bool(0.35) {
            let fell_back = answer["intent"] == "nlu_fallback";
            let happy = if fell_back {
                rng.gen_bool(0.15)
            } else {
                clicked || rng.gen_bool(0.75)
            };
            let value = if happy { "up" } else { "down" };
            send(
                &mut ws,
                json!({"type":"feedback","reply_id":reply_id,"value":value}),
            )
            .await?;
            expect(&mut ws, "ack").await?;
            tally.thumbs.fetch_add(1, Ordering::Relaxed);
        }
    }
    if rng.gen_bool(0.4) {
        say(&mut ws, "thanks, bye", now).await?;
    }
    let _ = ws.send(Message::Close(None)).await;
    Ok(())
}

fn handoff_in(answer: &Value) -> bool {
    answer["handoff"].as_bool().unwrap_or(false)
}

/// Pause between frames: the server allows `server.messages_per_second` (5) per socket.
const PACE: std::time::Duration = std::time::Duration::from_millis(250);

async fn send(ws: &mut Ws, v: Value) -> Result<()> {
    tokio::time::sleep(PACE).await;
    tracing::debug!(frame = %v, "simulate: sent");
    ws.send(Message::Text(v.to_string().into())).await?;
    Ok(())
}

async fn event(ws: &mut Ws, event: Value) -> Result<()> {
    send(ws, json!({"type":"event","event":event})).await?;
    expect(ws, "ack").await
}

/// The next frame that is not `typing`; `None` after [`WAIT_SECS`], so a quiet server
/// cannot hang the simulation.
async fn next(ws: &mut Ws) -> Result<Option<Value>> {
    // One deadline for the whole wait: the server's pings must not keep it alive.
    let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(WAIT_SECS);
    loop {
        let msg = match tokio::time::timeout_at(deadline, ws.next()).await {
            Err(_) => return Ok(None),
            Ok(None) => bail!("the server closed the connection"),
            Ok(Some(m)) => m?,
        };
        if let Message::Text(t) = msg {
            let v: Value = serde_json::from_str(t.as_str())?;
            tracing::debug!(frame = %v, "simulate: received");
            if v["type"] == "error" {
                let code = v["code"].as_str().unwrap_or("");
                if code == "client_time_refused" {
                    bail!("the server refuses simulated times (hint: start it with KEFU_SERVER_ACCEPT_CLIENT_TIME=true on a demo install)");
                }
                bail!("the server answered with an error: {v}");
            }
            if v["type"] != "typing" {
                return Ok(Some(v));
            }
        }
    }
}

async fn expect(ws: &mut Ws, kind: &str) -> Result<()> {
    match next(ws).await? {
        Some(v) if v["type"] == kind => Ok(()),
        Some(v) => bail!("expected a {kind} frame, got {v}"),
        None => bail!("no {kind} frame within {WAIT_SECS} s"),
    }
}

/// The reply to a message (a following handoff frame is folded into it); `None` when
/// nothing came, as after a handoff, when a person has the conversation.
async fn reply(ws: &mut Ws) -> Result<Option<Value>> {
    loop {
        match next(ws).await? {
            None => return Ok(None),
            Some(v) if v["type"] == "reply" => {
                if handoff_in(&v) {
                    // The handoff frame follows the reply.
                    let _ = next(ws).await?;
                }
                return Ok(Some(v));
            }
            Some(_) => continue,
        }
    }
}
