//! One HTTP/1.1 GET for the CLI's calls to a running kefu (`analytics --server`,
//! `simulate`): plain http to the shop's own server, one request per connection, through
//! hyper's client (already in the tree under axum).

use anyhow::{bail, Context, Result};
use http_body_util::{BodyExt, Empty};
use hyper::body::Bytes;
use hyper_util::rt::TokioIo;

/// `http://host:port` → (`host:port`, `ws://host:port/ws`).
pub fn split_server(url: &str) -> Result<(String, String)> {
    let Some(rest) = url.strip_prefix("http://") else {
        bail!("{url:?} is not an http:// server URL (hint: http://127.0.0.1:8080)");
    };
    let authority = rest.trim_end_matches('/').to_string();
    if authority.is_empty() || authority.contains('/') {
        bail!("{url:?} should name only the server (hint: http://127.0.0.1:8080)");
    }
    let ws = format!("ws://{authority}/ws");
    Ok((authority, ws))
}

async fn get(
    authority: &str,
    path: &str,
    token: Option<&str>,
) -> Result<(hyper::StatusCode, Bytes)> {
    let stream = tokio::net::TcpStream::connect(authority)
        .await
        .with_context(|| format!("connecting to {authority} (hint: is `kefu serve` running?)"))?;
    let (mut sender, connection) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
        .await
        .with_context(|| format!("{authority} does not speak HTTP/1.1"))?;
    let connection = tokio::spawn(connection);
    let mut request = hyper::Request::get(path)
        .header(hyper::header::HOST, authority)
        .header(hyper::header::ACCEPT, "application/json");
    if let Some(t) = token {
        request = request.header(hyper::header::AUTHORIZATION, format!("Bearer {t}"));
    }
    let response = sender
        .send_request(request.body(Empty::<Bytes>::new())?)
        .await
        .with_context(|| format!("GET {path} on {authority}"))?;
    let status = response.status();
    let body = response.into_body().collect().await?.to_bytes();
    connection.abort();
    Ok((status, body))
}

/// GETs `path` and returns the body as text (`/metrics`); non-2xx is an error.
pub async fn get_text(authority: &str, path: &str) -> Result<String> {
    let (status, body) = get(authority, path, None).await?;
    if !status.is_success() {
        bail!("GET {path}: HTTP {}", status.as_u16());
    }
    Ok(String::from_utf8_lossy(&body).into_owned())
}

/// GETs `path` and parses the JSON body; a non-2xx answer is an error carrying the server's
/// message.
pub async fn get_json(
    authority: &str,
    path: &str,
    token: Option<&str>,
) -> Result<serde_json::Value> {
    let (status, body) = get(authority, path, token).await?;
    let value: serde_json::Value = serde_json::from_slice(&body).unwrap_or(serde_json::Value::Null);
    if !status.is_success() {
        let msg = value["error"]["message"].as_str().unwrap_or("no message");
        let hint = value["error"]["hint"]
            .as_str()
            .map(|h| format!(" (hint: {h})"))
            .unwrap_or_default();
        bail!("GET {path}: HTTP {}: {msg}{hint}", status.as_u16());
    }
    Ok(value)
}
