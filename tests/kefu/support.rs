//! Helpers the test modules share: the real router served on a free port, and frames
//! read off a real socket.

use futures::StreamExt;
use serde_json::Value;
use std::net::SocketAddr;
use tokio_tungstenite::tungstenite::Message;

pub(crate) type Ws =
    tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

/// Serves kefu's real router for `state` on 127.0.0.1 (a free port) until the test ends.
pub(crate) async fn serve(state: kefu::AppState) -> SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let service = kefu::app(state).into_make_service_with_connect_info::<SocketAddr>();
    tokio::spawn(async move { axum::serve(listener, service).await.unwrap() });
    addr
}

/// The next frame the server sends, skipping `typing` notices.
pub(crate) async fn next_frame(ws: &mut Ws) -> Value {
    loop {
        if let Message::Text(t) = ws.next().await.unwrap().unwrap() {
            let v: Value = serde_json::from_str(t.as_str()).unwrap();
            if v["type"] != "typing" {
                return v;
            }
        }
    }
}

/// The real base encoder (all-MiniLM-L6-v2), loaded once for every test that needs it.
pub(crate) fn encoder() -> std::sync::Arc<dyn kefu::types::Embed> {
    static ENCODER: std::sync::OnceLock<std::sync::Arc<dyn kefu::types::Embed>> =
        std::sync::OnceLock::new();
    ENCODER
        .get_or_init(|| {
            let base = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("models/base/all-MiniLM-L6-v2");
            assert!(
                base.join("model.safetensors").is_file(),
                "the base encoder is not installed at {} (run `kefu model fetch`)",
                base.display()
            );
            std::sync::Arc::new(kefu::nlu::SentenceEncoder::load(&base).unwrap())
        })
        .clone()
}

/// Starts the real `kefu serve` binary on a free port of 127.0.0.1 (the demo's models and
/// web files, `knowledge` as its knowledge directory, `data` as its data directory, the
/// given admin and events tokens and any further `env`) and waits until it listens. Its log
/// is drained on a thread so a full pipe never stalls it. Returns the process and address.
pub(crate) fn spawn_serve(
    data: &std::path::Path,
    knowledge: &std::path::Path,
    tokens: (&str, &str),
    env: &[(&str, &str)],
) -> (std::process::Child, String) {
    use std::io::{BufRead, BufReader};
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_kefu"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["serve", "--bind", "127.0.0.1:0", "--data-dir"])
        .arg(data)
        .envs(env.iter().copied())
        .env("KEFU_KNOWLEDGE_DIR", knowledge)
        .env("KEFU_MODEL_AUTO_FETCH", "false")
        .env("KEFU_KNOWLEDGE_WATCH", "false")
        .env("KEFU_ADMIN_TOKEN", tokens.0)
        .env("KEFU_SERVER_EVENTS_TOKEN", tokens.1)
        .env("KEFU_LOG", "info")
        .env("NO_COLOR", "1")
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    let addr = loop {
        let line = lines
            .next()
            .expect("kefu serve exited before listening")
            .unwrap();
        if let Some(rest) = line.split("listening on http://").nth(1) {
            break rest.trim().to_string();
        }
    };
    std::thread::spawn(move || for _ in lines.map_while(Result::ok) {});
    (child, addr)
}
