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
