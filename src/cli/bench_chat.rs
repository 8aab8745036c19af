//! `kefu bench chat`: whole chat turns, timed as a shopper sees them. Starts a real server
//! in this process (the configured shop, model and encoder, a fresh data directory, a free
//! port), opens one WebSocket per simulated shopper, and sends the shoppers' messages, drawn
//! from the demo conversations (`tests/stories/*.yaml`), at a fixed arrival rate. Open loop:
//! each send time is set in advance and a turn's latency runs from that time to its reply
//! frame, so time spent queueing (in the socket, the NLU queue, the store) is counted.
//! `--saturate` steps the rate up to the highest whose p99 stays under the bar.
//! The arithmetic lives in `kefu::bench`, tested there.

use anyhow::{bail, Context, Result};
use clap::Args;
use futures::{SinkExt, StreamExt};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;
use tokio::time::Instant;
use tokio_tungstenite::tungstenite::Message;

use kefu::bench::{
    passes, stage_ms_per_turn, stage_sums, LatencySummary, SaturationSearch, Schedule,
};
use kefu::dialogue::ChatService;
use kefu::store::Store;
use kefu::{app, AppState};

use super::http_get::get_text;
use super::Cli;

#[derive(Debug, Args)]
pub struct ChatBenchArgs {
    /// Simulated shoppers, one socket each.
    #[arg(long, default_value_t = 100)]
    pub sessions: usize,
    /// Messages a second each shopper sends (with `--saturate`: the first step's rate).
    #[arg(long, default_value_t = 1.0)]
    pub rate: f64,
    /// Seconds of sending (with `--saturate`: per step).
    #[arg(long, default_value_t = 20.0)]
    pub duration: f64,
    /// Find the highest rate whose p99 stays under `--p99-ms` (and whose replies all come).
    #[arg(long)]
    pub saturate: bool,
    /// The p99 bar for `--saturate`, in milliseconds.
    #[arg(long, default_value_t = 50.0)]
    pub p99_ms: f64,
    /// Parse every message with the model: the parse cache (`nlu.cache_size`) is off. The
    /// demo conversations repeat; a shop's real messages mostly do not.
    #[arg(long)]
    pub no_cache: bool,
    /// The conversations the messages are drawn from (`*.yaml` in this folder).
    #[arg(long, value_name = "DIR", default_value = "tests/stories")]
    pub stories: PathBuf,
    /// Write the numbers as JSON here.
    #[arg(long, value_name = "FILE")]
    pub json: Option<PathBuf>,
}

type Ws =
    tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

/// How long after the last send a run waits for the replies still due.
const GRACE: Duration = Duration::from_secs(10);
/// The load generator's own limit: one thread sending more than this is itself the bottleneck.
const MAX_RATE: f64 = 20_000.0;

/// What one run at one rate measured.
#[derive(Debug, serde::Serialize)]
struct RunReport {
    sessions: usize,
    rate_per_session: f64,
    offered_per_s: f64,
    seconds: f64,
    sent: usize,
    replies: usize,
    errors: usize,
    /// Messages not sent because the session had been handed to a person.
    skipped_after_handoff: usize,
    throughput_per_s: f64,
    latency_ms: LatencySummary,
    /// Milliseconds per answered turn in each stage (server side, from `/metrics`).
    stage_ms_per_turn: BTreeMap<String, f64>,
    nlu_cache_hit_share: f64,
    nlu_mean_batch: f64,
    store_flushes_per_turn: f64,
}

pub fn run(cli: &Cli, args: &ChatBenchArgs) -> Result<ExitCode> {
    if args.sessions == 0 || args.sessions > 5_000 {
        bail!("--sessions must be 1 to 5000");
    }
    if !(args.rate > 0.0 && args.rate.is_finite()) || args.rate * args.sessions as f64 > MAX_RATE {
        bail!("--rate must be above 0, and --sessions × --rate at most {MAX_RATE} a second");
    }
    if !(args.duration >= 1.0 && args.duration <= 3_600.0) {
        bail!("--duration must be 1 to 3600 seconds");
    }
    let messages = conversations(&args.stories)?;
    let data = tempfile::tempdir().context("a scratch data directory")?;
    let mut config = cli.load_config(&[])?;
    config.data_dir = data.path().to_path_buf();
    config.server.bind = "127.0.0.1:0".into();
    // The shoppers all come from this machine, faster than a person types.
    config.server.messages_per_second = 1e6;
    config.server.burst_messages = 1_000_000;
    config.server.max_connections = config.server.max_connections.max(args.sessions + 16);
    config.server.max_connections_per_ip =
        config.server.max_connections_per_ip.max(args.sessions + 16);
    config.knowledge.watch = false;
    if args.no_cache {
        config.nlu.cache_size = 0;
    }

    eprintln!("bench chat: starting a server (model, encoder, catalogue) …");
    let store = Store::open(&config.data_dir)?;
    let running = kefu::start::from_config(&config, &store)?;
    let chat: Arc<dyn ChatService> = Arc::new(running.dialogue);
    let state = AppState::new(Arc::new(config.clone()), store.clone(), Some(chat))?
        .with_knowledge(running.knowledge.clone())
        .with_events(running.events.clone(), running.knowledge);
    if let Some(stats) = running.nlu_stats {
        state.metrics.watch_nlu(stats);
    }
    // The server runs on its own runtime (as `kefu serve`), the shoppers on this thread.
    let server = tokio::runtime::Runtime::new()?;
    let listener = server.block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))?;
    let authority = listener.local_addr()?.to_string();
    server.spawn(async move {
        let service = app(state).into_make_service_with_connect_info::<std::net::SocketAddr>();
        if let Err(e) = axum::serve(listener, service).await {
            tracing::error!("bench server: {e}");
        }
    });
    let resident = resident_mib();
    eprintln!(
        "bench chat: server on {authority}, {resident:.0} MiB resident; {} messages from {} conversations",
        messages.iter().map(Vec::len).sum::<usize>(),
        messages.len()
    );

    let client = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let report = client.block_on(drive(args, &authority, &messages, &store))?;
    let mut out = json!({
        "server_resident_mib": resident,
        "cores": std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1),
        "load_average": load_average(),
        "no_cache": args.no_cache,
    });
    match report {
        Driven::Fixed(run) => {
            print_run(&run);
            out["run"] = serde_json::to_value(&run)?;
        }
        Driven::Saturated { runs, best } => {
            println!(
                "\nsaturation (p99 under {} ms, every reply in):",
                args.p99_ms
            );
            for r in &runs {
                println!(
                    "  {:>7.0}/s offered: {:>7.0}/s answered, p50 {:>6.2} ms, p99 {:>7.2} ms {}",
                    r.offered_per_s,
                    r.throughput_per_s,
                    r.latency_ms.p50,
                    r.latency_ms.p99,
                    if passes(&r.latency_ms, r.sent, args.p99_ms) {
                        "pass"
                    } else {
                        "FAIL"
                    }
                );
            }
            match best {
                Some(b) => println!("highest rate that passes: {b:.0} turns/s"),
                None => println!("no rate passed"),
            }
            if let Some(r) = runs.iter().rfind(|r| Some(r.offered_per_s) == best) {
                print_run(r);
            }
            out["saturation"] =
                json!({ "p99_limit_ms": args.p99_ms, "best_per_s": best, "runs": runs });
        }
    }
    println!(
        "server resident memory after start: {resident:.0} MiB; load average now {}",
        load_average()
    );
    if let Some(path) = &args.json {
        std::fs::write(path, serde_json::to_string_pretty(&out)?)
            .with_context(|| format!("writing {}", path.display()))?;
    }
    server.shutdown_timeout(Duration::from_secs(2));
    store.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn print_run(r: &RunReport) {
    let l = &r.latency_ms;
    println!(
        "\n{} sessions × {}/s = {:.0} turns/s offered for {:.0} s\n\
         sent {}, replies {}, errors {}, skipped after a handoff {}\n\
         throughput {:.0} turns/s\n\
         turn latency (ms): p50 {:.2}  p90 {:.2}  p99 {:.2}  max {:.2}  mean {:.2}",
        r.sessions,
        r.rate_per_session,
        r.offered_per_s,
        r.seconds,
        r.sent,
        r.replies,
        r.errors,
        r.skipped_after_handoff,
        r.throughput_per_s,
        l.p50,
        l.p90,
        l.p99,
        l.max,
        l.mean
    );
    println!("server stages, mean ms per turn:");
    let mut total = 0.0;
    for (stage, ms) in &r.stage_ms_per_turn {
        println!("  {stage:<12} {ms:>7.3}");
        total += ms;
    }
    println!("  {:<12} {total:>7.3}", "sum");
    println!(
        "NLU: {:.0} % of parses from the cache, {:.1} texts per forward pass; {:.2} store flushes per turn",
        r.nlu_cache_hit_share * 100.0,
        r.nlu_mean_batch,
        r.store_flushes_per_turn
    );
}

/// Each conversation's typed messages (button presses are left out: they need the reply
/// before them), from the stories of the shop itself; a conversation that hands off to a
/// person is left out too, as its later messages get no reply.
fn conversations(dir: &Path) -> Result<Vec<Vec<String>>> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("reading {} (hint: --stories DIR)", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    paths.sort();
    let mut out = Vec::new();
    for p in paths {
        let file = kefu::stories::StoryFile::load(&p)?;
        for story in file.stories {
            if story
                .steps
                .iter()
                .any(|s| s.handoff == Some(true) || s.silent)
            {
                continue;
            }
            let says: Vec<String> = story.steps.iter().filter_map(|s| s.say.clone()).collect();
            if !says.is_empty() {
                out.push(says);
            }
        }
    }
    if out.is_empty() {
        bail!(
            "no conversations in {} (hint: --stories DIR with *.yaml stories)",
            dir.display()
        );
    }
    Ok(out)
}

/// The server's (this process's) resident memory in MiB.
fn resident_mib() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("VmRSS:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        })
        .map_or(0.0, |kib| kib / 1024.0)
}

/// The 1-minute load average (the machine is shared: say how busy it was).
fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|s| s.split_whitespace().next().map(String::from))
        .unwrap_or_else(|| "?".into())
}

enum Driven {
    Fixed(RunReport),
    Saturated {
        runs: Vec<RunReport>,
        best: Option<f64>,
    },
}

/// Message `k` of session `i`: the conversations one after another, each session starting
/// at its own one.
struct Messages<'a> {
    flat: Vec<&'a str>,
    starts: Vec<usize>,
}

impl<'a> Messages<'a> {
    fn new(conversations: &'a [Vec<String>]) -> Self {
        let mut flat = Vec::new();
        let mut starts = Vec::new();
        for c in conversations {
            starts.push(flat.len());
            flat.extend(c.iter().map(String::as_str));
        }
        Self { flat, starts }
    }

    fn get(&self, session: usize, k: usize) -> &'a str {
        let start = self.starts[session % self.starts.len()];
        self.flat[(start + k) % self.flat.len()]
    }
}

async fn drive(
    args: &ChatBenchArgs,
    authority: &str,
    conversations: &[Vec<String>],
    store: &Store,
) -> Result<Driven> {
    let messages = Messages::new(conversations);
    let url = format!("ws://{authority}/ws");
    let mut sockets = Vec::with_capacity(args.sessions);
    for i in 0..args.sessions {
        let (mut ws, _) = tokio_tungstenite::connect_async(url.as_str())
            .await
            .with_context(|| format!("opening socket {} (hint: ulimit -n)", i + 1))?;
        send(
            &mut ws,
            json!({"type":"hello","session_id":format!("bench-{i}"),"locale":"en"}),
        )
        .await?;
        wait_for(&mut ws, |v| v["type"] == "welcome").await?;
        sockets.push(ws);
    }
    // Warm-up, not counted: every session's first message, one at a time.
    let mut cursors = vec![0usize; args.sessions];
    for (i, ws) in sockets.iter_mut().enumerate() {
        send(
            ws,
            json!({"type":"message","client_id":"warm","text":messages.get(i, 0)}),
        )
        .await?;
        // The reply, not the `typing` notice that carries the same `in_reply_to`.
        wait_for(ws, |v| v["type"] == "reply" && v["in_reply_to"] == "warm").await?;
        cursors[i] = 1;
    }
    eprintln!("bench chat: {} sockets open and warm", args.sessions);
    if !args.saturate {
        let schedule = Schedule {
            sessions: args.sessions,
            rate: args.rate,
            duration: args.duration,
        };
        let run = run_at(
            &mut sockets,
            &mut cursors,
            &messages,
            schedule,
            authority,
            store,
        )
        .await?;
        return Ok(Driven::Fixed(run));
    }
    let start = args.sessions as f64 * args.rate;
    let mut search = SaturationSearch::new(start, 1.5, 0.08, 12, MAX_RATE);
    let mut runs = Vec::new();
    while let Some(total) = search.next_rate() {
        let schedule = Schedule {
            sessions: args.sessions,
            rate: total / args.sessions as f64,
            duration: args.duration,
        };
        let run = run_at(
            &mut sockets,
            &mut cursors,
            &messages,
            schedule,
            authority,
            store,
        )
        .await?;
        let due = run.sent;
        let ok = passes(&run.latency_ms, due, args.p99_ms);
        eprintln!(
            "bench chat: {total:.0}/s → p99 {:.2} ms, {} of {} replies: {}",
            run.latency_ms.p99,
            run.replies,
            due,
            if ok { "pass" } else { "fail" }
        );
        search.record(total, ok);
        runs.push(run);
    }
    Ok(Driven::Saturated {
        best: search.best(),
        runs,
    })
}

/// One open-loop run over the open sockets.
async fn run_at(
    sockets: &mut [Ws],
    cursors: &mut [usize],
    messages: &Messages<'_>,
    schedule: Schedule,
    authority: &str,
    store: &Store,
) -> Result<RunReport> {
    let before = get_text(authority, "/metrics").await?;
    let flushes_before = store.flushes();
    eprintln!(
        "bench chat: {:.0} turns/s for {:.0} s ({} sessions × {:.3}/s) …",
        schedule.offered(),
        schedule.duration,
        schedule.sessions,
        schedule.rate
    );
    let answered = Arc::new(AtomicU64::new(0));
    let start = Instant::now() + Duration::from_millis(50);
    let progress = {
        let answered = answered.clone();
        let total = schedule.total();
        tokio::spawn(async move {
            let mut tick =
                tokio::time::interval_at(start + Duration::from_secs(2), Duration::from_secs(2));
            loop {
                tick.tick().await;
                eprintln!(
                    "  {:>5.0} s: {} of {} replies",
                    start.elapsed().as_secs_f64(),
                    answered.load(Ordering::Relaxed),
                    total
                );
            }
        })
    };
    let sessions =
        sockets
            .iter_mut()
            .zip(cursors.iter_mut())
            .enumerate()
            .map(|(i, (ws, cursor))| {
                let sends = schedule.sends_of(i);
                let answered = answered.clone();
                async move {
                    let first = *cursor;
                    *cursor += sends.len();
                    session_run(ws, i, first, &sends, start, messages, &answered).await
                }
            });
    let results = futures::future::join_all(sessions).await;
    progress.abort();
    let mut latencies = Vec::new();
    let (mut sent, mut errors, mut skipped, mut last) = (0, 0, 0, start);
    let mut backlog = Vec::new();
    for (i, r) in results.into_iter().enumerate() {
        let r = r?;
        if let Some(id) = r.last_unanswered {
            backlog.push((i, id));
        }
        latencies.extend(r.latencies_ms);
        sent += r.sent;
        errors += r.errors;
        skipped += r.skipped;
        last = last.max(r.last_reply);
    }
    let after = get_text(authority, "/metrics").await?;
    let flushes = store.flushes() - flushes_before;
    // A failed step leaves a backlog the server is still answering (open loop): wait for
    // it, so that the next step starts on an idle server, not behind this one.
    if !backlog.is_empty() {
        eprintln!(
            "bench chat: waiting for {} sessions' late replies …",
            backlog.len()
        );
    }
    // At most 20 s in all, whatever else keeps a reply from coming.
    let drain = async {
        for (i, id) in backlog {
            let _ = wait_for(&mut sockets[i], |v| {
                v["type"] == "reply" && v["in_reply_to"] == id.as_str()
            })
            .await;
        }
    };
    let _ = tokio::time::timeout(Duration::from_secs(20), drain).await;
    let replies = latencies.len();
    let seconds = (last - start).as_secs_f64().max(schedule.duration.min(1.0));
    let counter = |text: &str, name: &str| -> f64 {
        text.lines()
            .find_map(|l| l.strip_prefix(name)?.strip_prefix(' ')?.trim().parse().ok())
            .unwrap_or(0.0)
    };
    let delta = |name: &str| counter(&after, name) - counter(&before, name);
    let hits = delta("kefu_nlu_cache_hits_total");
    let batches = delta("kefu_nlu_batch_size_count");
    let texts = delta("kefu_nlu_batch_size_sum");
    Ok(RunReport {
        sessions: schedule.sessions,
        rate_per_session: schedule.rate,
        offered_per_s: schedule.offered(),
        seconds,
        sent,
        replies,
        errors,
        skipped_after_handoff: skipped,
        throughput_per_s: replies as f64 / seconds,
        latency_ms: LatencySummary::of(&latencies),
        stage_ms_per_turn: stage_ms_per_turn(&stage_sums(&before), &stage_sums(&after), replies)
            .into_iter()
            .collect(),
        nlu_cache_hit_share: if hits + texts > 0.0 {
            hits / (hits + texts)
        } else {
            0.0
        },
        nlu_mean_batch: if batches > 0.0 { texts / batches } else { 0.0 },
        store_flushes_per_turn: if replies > 0 {
            flushes as f64 / replies as f64
        } else {
            0.0
        },
    })
}

struct SessionResult {
    latencies_ms: Vec<f64>,
    sent: usize,
    errors: usize,
    skipped: usize,
    last_reply: Instant,
    /// The id of the last message sent, when its reply had not come by the deadline.
    last_unanswered: Option<String>,
}

/// One shopper's run: a writer sending at the scheduled times, a reader timing each reply
/// from its message's scheduled time.
async fn session_run(
    ws: &mut Ws,
    session: usize,
    first: usize,
    sends: &[f64],
    start: Instant,
    messages: &Messages<'_>,
    answered: &AtomicU64,
) -> Result<SessionResult> {
    let (mut sink, mut stream) = ws.split();
    let handed_off = AtomicBool::new(false);
    let sent = AtomicUsize::new(0);
    let done_sending = AtomicBool::new(false);
    let due = |k: usize| start + Duration::from_secs_f64(sends[k]);
    let writer = async {
        for k in 0..sends.len() {
            tokio::time::sleep_until(due(k)).await;
            if handed_off.load(Ordering::Relaxed) {
                break;
            }
            let frame = json!({"type":"message","client_id":(first + k).to_string(),"text":messages.get(session, first + k)});
            sink.send(Message::Text(frame.to_string().into())).await?;
            sent.fetch_add(1, Ordering::Relaxed);
        }
        done_sending.store(true, Ordering::Relaxed);
        anyhow::Ok(())
    };
    let reader = async {
        let deadline =
            start + Duration::from_secs_f64(sends.last().copied().unwrap_or(0.0)) + GRACE;
        let mut latencies = Vec::with_capacity(sends.len());
        let mut errors = 0;
        let mut last = start;
        loop {
            let finished = latencies.len() + errors;
            if done_sending.load(Ordering::Relaxed) && finished >= sent.load(Ordering::Relaxed) {
                break;
            }
            if Instant::now() > deadline {
                break;
            }
            let msg = match tokio::time::timeout(Duration::from_millis(100), stream.next()).await {
                Err(_) => continue,
                Ok(None) => bail!("the server closed session {session}'s socket"),
                Ok(Some(m)) => m?,
            };
            let Message::Text(t) = msg else { continue };
            let now = Instant::now();
            let v: Value = serde_json::from_str(t.as_str())?;
            let k = v["in_reply_to"]
                .as_str()
                .and_then(|s| s.parse::<usize>().ok())
                // Ids run on across a session's runs: a late reply to an earlier run's
                // message is not this run's.
                .and_then(|id| id.checked_sub(first));
            match (v["type"].as_str(), k) {
                (Some("reply"), Some(k)) if k < sends.len() => {
                    latencies.push((now - due(k)).as_secs_f64() * 1e3);
                    answered.fetch_add(1, Ordering::Relaxed);
                    last = now;
                    if v["handoff"].as_bool() == Some(true) {
                        handed_off.store(true, Ordering::Relaxed);
                    }
                }
                (Some("error"), Some(k)) if k < sends.len() => {
                    errors += 1;
                    tracing::warn!("bench session {session}: {v}");
                }
                _ => {}
            }
        }
        anyhow::Ok((latencies, errors, last))
    };
    let (w, r) = tokio::join!(writer, reader);
    w?;
    let (latencies_ms, errors, last_reply) = r?;
    let sent = sent.load(Ordering::Relaxed);
    // A session handed to a person answers nothing more: no late reply to wait for.
    let last_unanswered = (latencies_ms.len() + errors < sent
        && !handed_off.load(Ordering::Relaxed))
    .then(|| (first + sent - 1).to_string());
    Ok(SessionResult {
        latencies_ms,
        sent,
        errors,
        skipped: sends.len() - sent,
        last_reply,
        last_unanswered,
    })
}

async fn send(ws: &mut Ws, v: Value) -> Result<()> {
    ws.send(Message::Text(v.to_string().into())).await?;
    Ok(())
}

/// Reads frames until one satisfies `want` (an error frame or 30 s of silence fails).
async fn wait_for(ws: &mut Ws, want: impl Fn(&Value) -> bool) -> Result<Value> {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let msg = match tokio::time::timeout_at(deadline, ws.next()).await {
            Err(_) => bail!("no answer within 30 s"),
            Ok(None) => bail!("the server closed the socket"),
            Ok(Some(m)) => m?,
        };
        if let Message::Text(t) = msg {
            let v: Value = serde_json::from_str(t.as_str())?;
            if v["type"] == "error" {
                bail!("the server answered with an error: {v}");
            }
            if want(&v) {
                return Ok(v);
            }
        }
    }
}
