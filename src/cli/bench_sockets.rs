//! `kefu bench sockets`: what idle sockets cost a running server. Opens N sockets to it
//! (each says `hello` and waits for its `welcome`, as a widget on an idle page does),
//! holds them, closes them, and reads the server's resident memory (`/proc/PID/status`)
//! before, while they are open, and after they are gone.

use anyhow::{bail, Context, Result};
use clap::Args;
use futures::{SinkExt, StreamExt};
use std::path::PathBuf;
use std::time::{Duration, Instant};
use tokio_tungstenite::tungstenite::Message;

use super::http_get::{get_text, split_server};

#[derive(Debug, Args)]
pub struct SocketsArgs {
    /// The running server (`kefu serve`); its per-address cap must allow `--count` sockets
    /// from this machine (KEFU_SERVER_MAX_CONNECTIONS_PER_IP).
    #[arg(long, default_value = "http://127.0.0.1:8080")]
    pub server: String,
    /// The server's process id, whose resident memory is read.
    #[arg(long)]
    pub pid: u32,
    /// Sockets to open.
    #[arg(long, default_value_t = 10_000)]
    pub count: usize,
    /// Sockets opening at once.
    #[arg(long, default_value_t = 200)]
    pub parallel: usize,
    /// Seconds to wait after the sockets closed before the last reading (allocators give
    /// memory back lazily).
    #[arg(long, default_value_t = 5)]
    pub settle_secs: u64,
    /// Write the numbers as JSON here.
    #[arg(long, value_name = "FILE")]
    pub json: Option<PathBuf>,
}

type Ws =
    tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

pub fn run(args: &SocketsArgs) -> Result<std::process::ExitCode> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?
        .block_on(measure(args))
}

/// The server's resident set, in MiB.
fn resident_mib(pid: u32) -> Result<f64> {
    let path = format!("/proc/{pid}/status");
    let status = std::fs::read_to_string(&path)
        .with_context(|| format!("reading {path} (hint: is --pid the server's process id?)"))?;
    let kib: f64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .context("no VmRSS line")?;
    Ok(kib / 1024.0)
}

/// A gauge from the server's `/metrics`.
async fn gauge(authority: &str, name: &str) -> Result<f64> {
    let text = get_text(authority, "/metrics").await?;
    text.lines()
        .find_map(|l| l.strip_prefix(name)?.strip_prefix(' ')?.trim().parse().ok())
        .with_context(|| format!("/metrics has no {name}"))
}

async fn open(url: String) -> Result<Ws> {
    let (mut ws, _) = tokio_tungstenite::connect_async(url).await?;
    ws.send(Message::Text(r#"{"type":"hello"}"#.into())).await?;
    loop {
        match ws.next().await {
            Some(Ok(Message::Text(t))) if t.contains("\"welcome\"") => return Ok(ws),
            Some(Ok(Message::Text(t))) if t.contains("\"error\"") => bail!("refused: {t}"),
            Some(Ok(_)) => continue,
            Some(Err(e)) => return Err(e.into()),
            None => bail!("closed before welcome"),
        }
    }
}

/// Polls a gauge until it reads `want` (the server closes its side asynchronously).
async fn wait_for(authority: &str, name: &str, want: f64) -> Result<()> {
    let deadline = Instant::now() + Duration::from_secs(60);
    while gauge(authority, name).await? != want {
        if Instant::now() > deadline {
            bail!("{name} did not reach {want} within a minute");
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    Ok(())
}

async fn measure(args: &SocketsArgs) -> Result<std::process::ExitCode> {
    let (authority, url) = split_server(&args.server)?;
    let before = resident_mib(args.pid)?;
    let started = Instant::now();
    let mut sockets = Vec::with_capacity(args.count);
    while sockets.len() < args.count {
        let batch = (args.count - sockets.len()).min(args.parallel.max(1));
        let opened = futures::future::join_all((0..batch).map(|_| open(url.clone()))).await;
        for ws in opened {
            sockets.push(ws.with_context(|| {
                format!(
                    "socket {} of {} (hint: raise `ulimit -n` here and the server's \
                     max_connections / max_connections_per_ip)",
                    sockets.len() + 1,
                    args.count
                )
            })?);
        }
    }
    let open_secs = started.elapsed().as_secs_f64();
    wait_for(&authority, "kefu_open_sockets", args.count as f64).await?;
    let hub_open = gauge(&authority, "kefu_hub_sessions").await?;
    let during = resident_mib(args.pid)?;
    futures::future::join_all(sockets.iter_mut().map(|ws| ws.close(None))).await;
    drop(sockets);
    wait_for(&authority, "kefu_open_sockets", 0.0).await?;
    let hub_closed = gauge(&authority, "kefu_hub_sessions").await?;
    let closed = resident_mib(args.pid)?;
    tokio::time::sleep(Duration::from_secs(args.settle_secs)).await;
    let settled = resident_mib(args.pid)?;

    let per_socket_kib = (during - before) * 1024.0 / args.count as f64;
    println!(
        "{} idle sockets (opened in {open_secs:.1} s)\n\
         resident before      {before:>8.1} MiB\n\
         resident while open  {during:>8.1} MiB  ({per_socket_kib:.1} KiB per socket)\n\
         resident just closed {closed:>8.1} MiB\n\
         resident settled     {settled:>8.1} MiB  (+{:.1} MiB over before, after {} s)\n\
         hub sessions: {hub_open} open, {hub_closed} after close",
        args.count,
        settled - before,
        args.settle_secs
    );
    if let Some(path) = &args.json {
        let report = serde_json::json!({
            "sockets": args.count,
            "resident_mib": { "before": before, "open": during, "closed": closed, "settled": settled },
            "per_socket_kib": per_socket_kib,
            "hub_sessions": { "open": hub_open, "closed": hub_closed },
        });
        std::fs::write(path, serde_json::to_string_pretty(&report)?)
            .with_context(|| format!("writing {}", path.display()))?;
    }
    Ok(std::process::ExitCode::SUCCESS)
}
