//! Connection caps (total and per client address) and a per-connection message rate.

use parking_lot::Mutex;
use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Instant;

#[derive(Default)]
pub struct ConnectionLimits {
    total: AtomicUsize,
    per_ip: Mutex<HashMap<IpAddr, usize>>,
}

/// Holds one connection's place; dropping it frees the place.
pub struct ConnectionSlot {
    limits: Arc<ConnectionLimits>,
    ip: IpAddr,
}

#[derive(Debug, PartialEq, Eq)]
pub enum Refused {
    Total(usize),
    PerIp(usize),
}

impl ConnectionLimits {
    #[cfg(test)]
    pub fn open(&self) -> usize {
        self.total.load(Ordering::Relaxed)
    }

    pub fn try_acquire(
        self: &Arc<Self>,
        ip: IpAddr,
        max_total: usize,
        max_per_ip: usize,
    ) -> Result<ConnectionSlot, Refused> {
        let mut per_ip = self.per_ip.lock();
        if self.total.load(Ordering::Relaxed) >= max_total {
            return Err(Refused::Total(max_total));
        }
        let n = per_ip.entry(ip).or_insert(0);
        if *n >= max_per_ip {
            return Err(Refused::PerIp(max_per_ip));
        }
        *n += 1;
        self.total.fetch_add(1, Ordering::Relaxed);
        Ok(ConnectionSlot {
            limits: self.clone(),
            ip,
        })
    }
}

impl Drop for ConnectionSlot {
    fn drop(&mut self) {
        let mut per_ip = self.limits.per_ip.lock();
        if let Some(n) = per_ip.get_mut(&self.ip) {
            *n -= 1;
            if *n == 0 {
                per_ip.remove(&self.ip);
            }
        }
        self.limits.total.fetch_sub(1, Ordering::Relaxed);
    }
}

/// A token bucket: `rate` messages a second on average, bursts up to `burst`.
pub struct RateLimiter {
    rate: f64,
    burst: f64,
    tokens: f64,
    last: Instant,
}

impl RateLimiter {
    pub fn new(rate: f64, burst: f64) -> Self {
        Self {
            rate,
            burst,
            tokens: burst,
            last: Instant::now(),
        }
    }

    pub fn allow(&mut self) -> bool {
        let now = Instant::now();
        self.tokens =
            (self.tokens + now.duration_since(self.last).as_secs_f64() * self.rate).min(self.burst);
        self.last = now;
        if self.tokens >= 1.0 {
            self.tokens -= 1.0;
            true
        } else {
            false
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slots_are_counted_and_freed() {
        let limits = Arc::new(ConnectionLimits::default());
        let ip: IpAddr = "127.0.0.1".parse().unwrap();
        let other: IpAddr = "127.0.0.2".parse().unwrap();
        let a = limits.try_acquire(ip, 3, 2).unwrap();
        let _b = limits.try_acquire(ip, 3, 2).unwrap();
        assert_eq!(limits.try_acquire(ip, 3, 2).err(), Some(Refused::PerIp(2)));
        let _c = limits.try_acquire(other, 3, 2).unwrap();
        assert_eq!(
            limits.try_acquire(other, 3, 2).err(),
            Some(Refused::Total(3))
        );
        drop(a);
        assert_eq!(limits.open(), 2);
        assert!(limits.try_acquire(ip, 3, 2).is_ok());
    }

    #[test]
    fn bucket_allows_a_burst_then_refuses() {
        let mut r = RateLimiter::new(0.001, 3.0);
        assert!(r.allow() && r.allow() && r.allow());
        assert!(!r.allow());
    }
}
