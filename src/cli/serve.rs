use anyhow::{Context, Result};
use clap::Args;
use std::process::ExitCode;
use std::sync::Arc;

use kefu::behavior::EventLog;
use kefu::config::{Config, Override};
use kefu::dialogue::{ChatService, Dialogue, DialogueParts, Templates};
use kefu::knowledge::LiveGraph;
use kefu::model::{self, Manifest};
use kefu::nlu::{Nlu, SentenceEncoder};
use kefu::retention::Sweeper;
use kefu::search::ProductSearch;
use kefu::store::Store;
use kefu::types::Embed;
use kefu::{app, AppState};

use super::Cli;

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address and port to listen on. Overrides `server.bind`.
    #[arg(long, value_name = "ADDR:PORT")]
    pub bind: Option<String>,
    /// Loopback demos: sign every page in as this shopper (`GET /api/demo/identity`).
    /// Overrides `server.demo_user`; refused with `server.identity_secret` set or a
    /// non-loopback bind.
    #[arg(long, value_name = "USER")]
    pub demo_user: Option<String>,
    /// Print the effective configuration (secrets redacted) and exit.
    #[arg(long)]
    pub print_config: bool,
}

pub fn run(cli: &Cli, args: &ServeArgs) -> Result<ExitCode> {
    let mut extra = Vec::new();
    if let Some(b) = &args.bind {
        extra.push(Override::string("server.bind", b.clone()));
    }
    if let Some(u) = &args.demo_user {
        extra.push(Override::string("server.demo_user", u.clone()));
    }
    let config = cli.load_config(&extra)?;
    if args.print_config {
        print!("{}", config.redacted_toml());
        return Ok(ExitCode::SUCCESS);
    }

    let base = &config.model.base_dir;
    if config.model.auto_fetch && !model::REQUIRED_FILES.iter().all(|f| base.join(f).exists()) {
        tracing::info!(dir = %base.display(), "base encoder missing; fetching it (first start)");
        model::fetch(
            &config.model,
            base,
            &Manifest::default_encoder(),
            &mut |l| tracing::info!("model: {l}"),
        )?;
    }

    let store = Store::open(&config.data_dir)
        .with_context(|| format!("opening data directory {}", config.data_dir.display()))?;
    let addr = config.server.socket_addr();
    if config.admin.token.is_none() {
        tracing::warn!(
            "admin routes are off: set admin.token (or KEFU_ADMIN_TOKEN) to enable them"
        );
    }
    match (&config.server.identity_secret, &config.server.demo_user) {
        (Some(_), _) => {}
        (None, Some(user)) => tracing::warn!(
            "demo identity on: every page opened on this machine is signed in as {user:?} (server.demo_user)"
        ),
        (None, None) => tracing::info!(
            "server.identity_secret is not set: every chat session is anonymous (docs/security.md)"
        ),
    }
    let running = start_dialogue(&config, &store)?;
    let state = AppState::new(Arc::new(config), store.clone(), Some(running.chat))?
        .with_knowledge(running.knowledge.clone())
        .with_events(running.events.clone(), running.knowledge);
    state.metrics.watch_nlu(running.nlu_stats);
    let _watch = running.watch;
    let sweeper = Arc::new(Sweeper::for_server(
        state.config.retention.clone(),
        &store,
        running.events.clone(),
    )?);
    state.metrics.watch_retention(sweeper.stats());

    let runtime = tokio::runtime::Runtime::new()?;
    runtime.block_on(async move {
        let _retention = sweeper.spawn();
        let listener = tokio::net::TcpListener::bind(addr).await.with_context(|| {
            format!("binding {addr} (hint: is another server on that port? use --bind)")
        })?;
        tracing::info!("kefu listening on http://{}", listener.local_addr()?);
        let service = app(state).into_make_service_with_connect_info::<std::net::SocketAddr>();
        axum::serve(listener, service)
            .with_graceful_shutdown(shutdown_signal())
            .await?;
        anyhow::Ok(())
    })?;
    store.flush().context("flushing the data directory")?;
    tracing::info!("stopped; data flushed");
    Ok(ExitCode::SUCCESS)
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
    tracing::info!("shutting down");
}

/// What `serve` runs: the dialogue and the parts the HTTP layer shares with it.
pub struct Running {
    pub chat: Arc<dyn ChatService>,
    pub knowledge: Arc<LiveGraph>,
    pub events: Arc<EventLog>,
    pub nlu_stats: Arc<kefu::nlu::NluStats>,
    /// Keeps the knowledge file watcher alive.
    pub watch: Option<kefu::knowledge::WatchHandle>,
}

/// Loads what the dialogue stands on — the knowledge graph (from the sled snapshot when
/// the files are unchanged; watched for edits), the NLU, the sentence encoder, the event
/// log and the reply templates — and starts it. A broken catalogue stops the start, with
/// every problem listed.
pub fn start_dialogue(config: &Config, store: &Store) -> Result<Running> {
    let graph = LiveGraph::open(&config.knowledge_dir, Some(store.clone()))
        .with_context(|| format!("loading knowledge from {}", config.knowledge_dir.display()))?;
    let watch = if config.knowledge.watch {
        Some(graph.watch().context("watching the knowledge files")?)
    } else {
        None
    };
    let base = &config.model.base_dir;
    match kefu::nlu::swap_candidate(&config.nlu)? {
        kefu::nlu::SwapDecision::NoCandidate => {}
        kefu::nlu::SwapDecision::Swapped { reason } => {
            tracing::info!("NLU: the retrained model now serves ({reason})")
        }
        kefu::nlu::SwapDecision::Kept { reason } => tracing::warn!(
            "NLU: the retrained model in {} stays unused ({reason})",
            kefu::nlu::candidate_dir(&config.nlu.model_dir).display()
        ),
    }
    let nlu = Nlu::load(&config.nlu, base).with_context(|| {
        format!(
            "loading the NLU model {} (hint: `kefu train` writes it)",
            config.nlu.model_dir.display()
        )
    })?;
    let embed: Arc<dyn Embed> = Arc::new(
        SentenceEncoder::load(base)
            .with_context(|| format!("loading the base encoder {}", base.display()))?,
    );
    // FAQ phrasings are embedded now, and again (only changed ones) for each reloaded graph.
    graph
        .set_embedder(embed.clone())
        .context("embedding the FAQ")?;
    let events = Arc::new(EventLog::open(store, config.behavior.clone())?);
    let responses = config.knowledge_dir.join("responses");
    let templates = Templates::load(&responses, &config.dialogue.default_locale)?;
    let nlu_stats = nlu.stats();
    let dialogue = Dialogue::new(DialogueParts {
        nlu: Arc::new(nlu),
        graph: graph.clone(),
        embed,
        store: store.clone(),
        templates,
        events: events.clone(),
        recommend: config.recommend.clone(),
        behavior: config.behavior.clone(),
        search_dir: Some(ProductSearch::index_dir(&config.data_dir)),
        clock: None,
    })?
    .with_csat(config.dialogue.csat);
    tracing::info!("dialogue ready");
    Ok(Running {
        chat: Arc::new(dialogue),
        knowledge: graph,
        events,
        nlu_stats,
        watch,
    })
}
