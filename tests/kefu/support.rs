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
