//! A minimal HTTP/1.1 GET for the CLI's calls to a running kefu (`analytics --server`,
//! `simulate`): plain http to the shop's own server, one request per connection.

use anyhow::{bail, Context, Result};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

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

/// GETs `path` and parses the JSON body; a non-2xx answer is an error carrying the server's
/// message.
pub async fn get_json(
    authority: &str,
    path: &str,
    token: Option<&str>,
) -> Result<serde_json::Value> {
    let mut stream = tokio::net::TcpStream::connect(authority)
        .await
        .with_context(|| format!("connecting to {authority} (hint: is `kefu serve` running?)"))?;
    let auth = token
        .map(|t| format!("Authorization: Bearer {t}\r\n"))
        .unwrap_or_default();
    let request = format!(
        "GET {path} HTTP/1.1\r\nHost: {authority}\r\nAccept: application/json\r\n{auth}Connection: close\r\n\r\n"
    );
    stream.write_all(request.as_bytes()).await?;
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).await?;
    let text = String::from_utf8_lossy(&raw);
    let Some((head, body)) = text.split_once("\r\n\r\n") else {
        bail!("{authority} sent no HTTP answer to GET {path}");
    };
    let status: u16 = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let body = if head
        .to_ascii_lowercase()
        .contains("transfer-encoding: chunked")
    {
        dechunk(body)
    } else {
        body.to_string()
    };
    let value: serde_json::Value = serde_json::from_str(&body).unwrap_or(serde_json::Value::Null);
    if !(200..300).contains(&status) {
        let msg = value["error"]["message"].as_str().unwrap_or("no message");
        let hint = value["error"]["hint"]
            .as_str()
            .map(|h| format!(" (hint: {h})"))
            .unwrap_or_default();
        bail!("GET {path}: HTTP {status}: {msg}{hint}");
    }
    Ok(value)
}

fn dechunk(body: &str) -> String {
    let mut out = String::new();
    let mut rest = body;
    while let Some((size, after)) = rest.split_once("\r\n") {
        let Ok(n) = usize::from_str_radix(size.trim(), 16) else {
            break;
        };
        if n == 0 || after.len() < n {
            break;
        }
        out.push_str(&after[..n]);
        rest = after[n..].trim_start_matches("\r\n");
    }
    out
}
