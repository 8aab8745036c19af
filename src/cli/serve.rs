use anyhow::{Context, Result};
use clap::Args;
use std::process::ExitCode;
use std::sync::Arc;

use kefu::config::Override;
use kefu::dialogue::ChatService;
use kefu::model::{self, Manifest};
use kefu::retention::Sweeper;
use kefu::store::Store;
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

    // The Chinese model's base encoder, fetched on the first start like the default one
    // (only when the model itself is installed: a shop without it serves English only).
    for (code, lang) in &config.nlu.languages {
        let wanted = code == kefu::nlu::language::CHINESE
            && lang.model_dir.join(kefu::nlu::artifact::META_FILE).exists()
            && !model::REQUIRED_FILES
                .iter()
                .all(|f| lang.base_dir.join(f).exists());
        if config.model.auto_fetch && wanted {
            tracing::info!(dir = %lang.base_dir.display(), "the Chinese model's base encoder is missing; fetching it (first start)");
            if let Err(e) = model::fetch_e5(
                &config.model.python,
                &lang.base_dir,
                model::VocabChoice::ZhEn,
                &mut |l| tracing::info!("model: {l}"),
            ) {
                tracing::warn!("could not fetch the Chinese base encoder ({e}); Chinese messages go to the default model");
            }
        }
    }

    let store = Store::from_config(&config.store, &config.data_dir).with_context(|| {
        format!(
            "opening the store: {}",
            config.store.describe(&config.data_dir)
        )
    })?;
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
    let running = kefu::start::from_config(&config, &store)?;
    let chat: Arc<dyn ChatService> = Arc::new(running.dialogue);
    let state = AppState::new(Arc::new(config), store.clone(), Some(chat))?
        .with_knowledge(running.knowledge.clone())
        .with_events(running.events.clone(), running.knowledge);
    if let Some(stats) = running.nlu_stats {
        state.metrics.watch_nlu(stats);
    }
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
