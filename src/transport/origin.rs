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
    /// Empty list on a loopback bind: the server's own pages are allowed.
    own_pages: bool,
}

/// `127.0.0.1:8080`, `localhost:8080`, `[::1]:8080`: a Host naming this machine's loopback.
fn loopback_host(host: &str) -> bool {
    let name = match host.rsplit_once(':') {
        Some((name, port)) if port.bytes().all(|b| b.is_ascii_digit()) => name,
        _ => host,
    };
    name.eq_ignore_ascii_case("localhost")
        || name
            .trim_start_matches('[')
            .trim_end_matches(']')
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

impl AllowedOrigins {
    /// The configured list; when it is empty and the server listens on loopback, the
    /// server's own origin (the demo shop, the widget and the consoles served from `web/`).
    pub(crate) fn new(configured: &[String], bind: SocketAddr) -> Self {
        let origins: Vec<String> = configured
            .iter()
            .map(|o| o.trim_end_matches('/').to_ascii_lowercase())
            .collect();
        Self {
            any: origins.iter().any(|o| o == "*"),
            own_pages: origins.is_empty() && bind.ip().is_loopback(),
            origins,
        }
    }

    /// `None` (no `Origin` header) is allowed: see the module comment. `host` is the
    /// request's `Host`: the server's own origin is `http://` + it, and it is trusted only
    /// when it names loopback (the port may be any: `--bind 127.0.0.1:0` picks one), so a
    /// page on another name that resolves to 127.0.0.1 (DNS rebinding) is still refused.
    pub(crate) fn allows(&self, origin: Option<&str>, host: Option<&str>) -> bool {
        let Some(origin) = origin else {
            return true;
        };
        if self.any {
            return true;
        }
        let origin = origin.trim_end_matches('/').to_ascii_lowercase();
        if self.origins.contains(&origin) {
            return true;
        }
        self.own_pages
            && host.is_some_and(|h| {
                loopback_host(h) && origin == format!("http://{}", h.to_ascii_lowercase())
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_defaults_to_its_own_origin() {
        let a = AllowedOrigins::new(&[], "127.0.0.1:0".parse().unwrap());
        let host = Some("127.0.0.1:41234");
        assert!(a.allows(Some("http://127.0.0.1:41234"), host));
        assert!(a.allows(Some("http://LOCALHOST:8080"), Some("localhost:8080")));
        assert!(a.allows(Some("http://[::1]:8080"), Some("[::1]:8080")));
        assert!(
            !a.allows(Some("http://localhost:9999"), host),
            "another port is another site"
        );
        assert!(!a.allows(Some("https://evil.example"), host));
        assert!(!a.allows(Some("null"), host));
        // DNS rebinding: the page and the Host agree, but the name is not loopback.
        assert!(!a.allows(Some("http://evil.example:8080"), Some("evil.example:8080")));
        assert!(a.allows(None, host), "non-browser clients send no Origin");
    }

    #[test]
    fn a_public_bind_allows_only_the_list() {
        let list = vec!["https://shop.example".to_string()];
        let a = AllowedOrigins::new(&list, "0.0.0.0:80".parse().unwrap());
        assert!(a.allows(Some("https://shop.example"), Some("kefu.shop.example")));
        assert!(!a.allows(Some("http://shop.example"), None));
        assert!(!a.allows(Some("http://127.0.0.1:80"), Some("127.0.0.1:80")));
        let none = AllowedOrigins::new(&[], "0.0.0.0:80".parse().unwrap());
        assert!(!none.allows(Some("https://shop.example"), Some("shop.example")));
        let any = AllowedOrigins::new(&["*".into()], "0.0.0.0:80".parse().unwrap());
        assert!(any.allows(Some("https://whoever.example"), None));
    }

    #[test]
    fn origins_are_scheme_host_and_port_only() {
        assert!(is_origin("https://shop.example"));
        assert!(is_origin("http://localhost:3000"));
        for bad in [
            "shop.example",
            "https://shop.example/path",
            "ftp://x",
            "https://",
        ] {
            assert!(!is_origin(bad), "{bad}");
        }
    }
}
