//! `server.allowed_origins`: which web pages may talk to kefu from a visitor's browser.
//! Browsers always send `Origin` on WebSocket handshakes and cross-site POSTs, so checking
//! it stops another site from making its visitors chat, post events or hold sockets here.
//! A request without `Origin` is not from a browser page (curl, a shop's backend, the CLI)
//! and nothing is gained by refusing it: such a client can send any `Origin` it likes.

use std::net::SocketAddr;

/// Whether `text` is an origin: `scheme://host[:port]`, nothing after.
pub(crate) fn is_origin(text: &str) -> bool {
    let Some((scheme, rest)) = text.split_once("://") else {
        return false;
    };
    matches!(scheme, "http" | "https")
        && !rest.is_empty()
        && !rest.contains(['/', '?', '#', '@', ' '])
}

#[derive(Debug, Clone)]
pub(crate) struct AllowedOrigins {
    any: bool,
    origins: Vec<String>,
}

impl AllowedOrigins {
    /// The configured list; when it is empty and the server listens on loopback, the
    /// server's own origins (the demo shop and the widget served from `web/`).
    pub(crate) fn new(configured: &[String], bind: SocketAddr) -> Self {
        let mut origins: Vec<String> = configured
            .iter()
            .map(|o| o.trim_end_matches('/').to_ascii_lowercase())
            .collect();
        if origins.is_empty() && bind.ip().is_loopback() {
            let port = bind.port();
            origins = ["127.0.0.1", "localhost", "[::1]"]
                .iter()
                .map(|host| format!("http://{host}:{port}"))
                .collect();
        }
        Self {
            any: origins.iter().any(|o| o == "*"),
            origins,
        }
    }

    /// `None` (no `Origin` header) is allowed: see the module comment.
    pub(crate) fn allows(&self, origin: Option<&str>) -> bool {
        match origin {
            None => true,
            Some(_) if self.any => true,
            Some(o) => {
                let o = o.trim_end_matches('/').to_ascii_lowercase();
                self.origins.iter().any(|allowed| *allowed == o)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_defaults_to_its_own_origin() {
        let a = AllowedOrigins::new(&[], "127.0.0.1:8080".parse().unwrap());
        assert!(a.allows(Some("http://127.0.0.1:8080")));
        assert!(a.allows(Some("http://LOCALHOST:8080")));
        assert!(!a.allows(Some("http://localhost:9999")));
        assert!(!a.allows(Some("https://evil.example")));
        assert!(!a.allows(Some("null")));
        assert!(a.allows(None), "non-browser clients send no Origin");
    }

    #[test]
    fn a_public_bind_allows_only_the_list() {
        let list = vec!["https://shop.example".to_string()];
        let a = AllowedOrigins::new(&list, "0.0.0.0:80".parse().unwrap());
        assert!(a.allows(Some("https://shop.example")));
        assert!(!a.allows(Some("http://shop.example")));
        assert!(!a.allows(Some("http://127.0.0.1:80")));
        let none = AllowedOrigins::new(&[], "0.0.0.0:80".parse().unwrap());
        assert!(!none.allows(Some("https://shop.example")));
        let any = AllowedOrigins::new(&["*".into()], "0.0.0.0:80".parse().unwrap());
        assert!(any.allows(Some("https://whoever.example")));
    }

    #[test]
    fn origins_are_scheme_host_and_port_only() {
        assert!(is_origin("https://shop.example"));
        assert!(is_origin("http://localhost:3000"));
        for bad in ["shop.example", "https://shop.example/path", "ftp://x", "https://"] {
            assert!(!is_origin(bad), "{bad}");
        }
    }
}
