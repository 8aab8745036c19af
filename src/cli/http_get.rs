//! One HTTP/1.1 GET or POST for the CLI's calls to a running kefu (`analytics --server`,
//! `simulate`, `bench sockets`): plain http to the shop's own server, one request per
//! connection, through hyper's client (already in the tree under axum).

use anyhow::{bail, Context, Result};
use http_body_util::{BodyExt, Empty, Full};
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

/// GETs `path` and returns the body as text (`/metrics`); non-2xx is an error.
pub async fn get_text(authority: &str, path: &str) -> Result<String> {
    let request = hyper::Request::get(path);
    let (status, body) = call(authority, path, None, request, Empty::<Bytes>::new()).await?;
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
    let request = hyper::Request::get(path);
    let answer = call(authority, path, token, request, Empty::<Bytes>::new()).await?;
    json_answer("GET", path, answer)
}

/// POSTs `body` as JSON to `path`, like [`get_json`].
pub async fn post_json(
    authority: &str,
    path: &str,
    token: Option<&str>,
    body: &serde_json::Value,
) -> Result<serde_json::Value> {
    let request =
        hyper::Request::post(path).header(hyper::header::CONTENT_TYPE, "application/json");
    let body = Full::new(Bytes::from(serde_json::to_vec(body)?));
    let answer = call(authority, path, token, request, body).await?;
    json_answer("POST", path, answer)
}

fn json_answer(
    method: &str,
    path: &str,
    (status, body): (hyper::StatusCode, Bytes),
) -> Result<serde_json::Value> {
    let value: serde_json::Value = serde_json::from_slice(&body).unwrap_or(serde_json::Value::Null);
    if !status.is_success() {
        let msg = value["error"]["message"].as_str().unwrap_or("no message");
        let hint = value["error"]["hint"]
            .as_str()
            .map(|h| format!(" (hint: {h})"))
            .unwrap_or_default();
        bail!("{method} {path}: HTTP {}: {msg}{hint}", status.as_u16());
    }
    Ok(value)
}

async fn call<B>(
    authority: &str,
    path: &str,
    token: Option<&str>,
    mut request: hyper::http::request::Builder,
    body: B,
) -> Result<(hyper::StatusCode, Bytes)>
where
    B: hyper::body::Body + Send + 'static,
    B::Data: Send,
    B::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
{
    let stream = tokio::net::TcpStream::connect(authority)
        .await
        .with_context(|| format!("connecting to {authority} (hint: is `kefu serve` running?)"))?;
    let (mut sender, connection) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
        .await
        .with_context(|| format!("{authority} does not speak HTTP/1.1"))?;
    let connection = tokio::spawn(connection);
    let method = request
        .method_ref()
        .map(|m| m.to_string())
        .unwrap_or_default();
    request = request
        .header(hyper::header::HOST, authority)
        .header(hyper::header::ACCEPT, "application/json");
    if let Some(t) = token {
        request = request.header(hyper::header::AUTHORIZATION, format!("Bearer {t}"));
    }
    let response = sender
        .send_request(request.body(body)?)
        .await
        .with_context(|| format!("{method} {path} on {authority}"))?;
    let status = response.status();
    let body = response.into_body().collect().await?.to_bytes();
    connection.abort();
    Ok((status, body))
}
