//! Who the client is, address-wise. Behind a reverse proxy every connection comes from the
//! proxy, so limits keyed by the peer address would lump all shoppers together; but an
//! `X-Forwarded-For` header from anyone else is the client's own word. Only proxies listed
//! in `server.trusted_proxies` are believed, and only for the hops they appended.

use axum::http::HeaderMap;
use std::net::IpAddr;

use crate::config::ConfigError;

/// One trusted network: an address and how many leading bits must match.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Network {
    addr: IpAddr,
    prefix: u8,
}

impl Network {
    fn parse(text: &str) -> Option<Network> {
        let (addr, prefix) = match text.split_once('/') {
            Some((a, p)) => (a.trim().parse::<IpAddr>().ok()?, Some(p.trim())),
            None => (text.trim().parse::<IpAddr>().ok()?, None),
        };
        let max = if addr.is_ipv4() { 32 } else { 128 };
        let prefix = match prefix {
            Some(p) => p.parse::<u8>().ok().filter(|p| *p <= max)?,
            None => max,
        };
        Some(Network { addr, prefix })
    }

    fn contains(&self, ip: IpAddr) -> bool {
        let ip = canonical(ip);
        let bits = |a: IpAddr| -> u128 {
            match a {
                IpAddr::V4(v4) => u128::from(u32::from(v4)) << 96,
                IpAddr::V6(v6) => u128::from(v6),
            }
        };
        if self.addr.is_ipv4() != ip.is_ipv4() {
            return false;
        }
        if self.prefix == 0 {
            return true;
        }
        let mask = u128::MAX << (128 - u32::from(self.prefix));
        bits(self.addr) & mask == bits(ip) & mask
    }
}

/// An IPv4 peer seen on a dual-stack socket (`::ffff:1.2.3.4`) is the IPv4 address.
fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
        v4 => v4,
    }
}

/// `server.trusted_proxies`, parsed.
#[derive(Debug, Clone, Default)]
pub struct TrustedProxies {
    networks: Vec<Network>,
}

impl TrustedProxies {
    pub fn parse(entries: &[String]) -> Result<Self, ConfigError> {
        let networks = entries
            .iter()
            .map(|e| {
                Network::parse(e).ok_or_else(|| {
                    ConfigError::invalid(
                        "server.trusted_proxies",
                        e,
                        "IP addresses or CIDR networks such as 10.0.0.1, 10.0.0.0/8 or fd00::/8",
                    )
                })
            })
            .collect::<Result<_, _>>()?;
        Ok(Self { networks })
    }

    fn trusts(&self, ip: IpAddr) -> bool {
        self.networks.iter().any(|n| n.contains(ip))
    }

    /// The client's address: the peer, unless the peer is a trusted proxy; then the
    /// rightmost `X-Forwarded-For` hop that is not a trusted proxy (hops left of it were
    /// written by whoever the untrusted client is, and prove nothing). A header that does
    /// not parse leaves the last trusted hop as the client.
    pub fn client(&self, peer: IpAddr, headers: &HeaderMap) -> IpAddr {
        let peer = canonical(peer);
        if !self.trusts(peer) {
            return peer;
        }
        let mut client = peer;
        let hops = headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .map(str::trim)
            .collect::<Vec<_>>();
        for hop in hops.into_iter().rev() {
            let Ok(ip) = hop.parse::<IpAddr>() else {
                break;
            };
            client = canonical(ip);
            if !self.trusts(client) {
                break;
            }
        }
        client
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn proxies(list: &[&str]) -> TrustedProxies {
        TrustedProxies::parse(&list.iter().map(|s| s.to_string()).collect::<Vec<_>>()).unwrap()
    }

    fn headers(xff: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert("x-forwarded-for", xff.parse().unwrap());
        h
    }

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn an_untrusted_peers_header_is_ignored() {
        let p = proxies(&["10.0.0.1"]);
        assert_eq!(
            p.client(ip("203.0.113.9"), &headers("1.2.3.4")),
            ip("203.0.113.9")
        );
        assert_eq!(
            proxies(&[]).client(ip("10.0.0.1"), &headers("1.2.3.4")),
            ip("10.0.0.1")
        );
    }

    #[test]
    fn the_rightmost_untrusted_hop_is_the_client() {
        let p = proxies(&["10.0.0.0/8"]);
        // The client forged "6.6.6.6"; the proxy appended the address it saw.
        let h = headers("6.6.6.6, 198.51.100.7, 10.1.2.3");
        assert_eq!(p.client(ip("10.0.0.1"), &h), ip("198.51.100.7"));
        // Every hop trusted: the leftmost one is as far as we can see.
        assert_eq!(
            p.client(ip("10.0.0.1"), &headers("10.9.9.9")),
            ip("10.9.9.9")
        );
        // No header: the proxy itself.
        assert_eq!(p.client(ip("10.0.0.1"), &HeaderMap::new()), ip("10.0.0.1"));
        // Garbage stops the walk at the last trusted hop.
        assert_eq!(
            p.client(ip("10.0.0.1"), &headers("nonsense")),
            ip("10.0.0.1")
        );
    }

    #[test]
    fn networks_match_by_prefix_and_family() {
        let p = proxies(&["192.168.0.0/16", "fd00::/8", "127.0.0.1"]);
        assert!(p.trusts(ip("192.168.44.1")));
        assert!(!p.trusts(ip("192.169.0.1")));
        assert!(p.trusts(ip("fd12::1")));
        assert!(p.trusts(ip("::ffff:127.0.0.1")), "v4-mapped peers are v4");
        assert!(!p.trusts(ip("127.0.0.2")));
        assert!(proxies(&["0.0.0.0/0"]).trusts(ip("8.8.8.8")));
    }

    #[test]
    fn bad_entries_are_config_errors() {
        for bad in ["10.0.0.0/33", "not-an-ip", "10.0.0.0/", "::/129"] {
            assert!(
                TrustedProxies::parse(&[bad.to_string()]).is_err(),
                "{bad} accepted"
            );
        }
    }
}
