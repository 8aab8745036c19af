//! Connection caps (total and per client address), a per-connection message rate, and
//! request rates keyed by client address or session for the REST routes.

use parking_lot::Mutex;
use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

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
        self.take(Instant::now()).is_ok()
    }

    /// Takes one token, or says how long until one is there.
    fn take(&mut self, now: Instant) -> Result<(), Duration> {
        self.refill(now);
        if self.tokens >= 1.0 {
            self.tokens -= 1.0;
            Ok(())
        } else {
            Err(Duration::from_secs_f64((1.0 - self.tokens) / self.rate))
        }
    }

    fn refill(&mut self, now: Instant) {
        self.tokens = (self.tokens
            + now.saturating_duration_since(self.last).as_secs_f64() * self.rate)
            .min(self.burst);
        self.last = now;
    }

    /// A full bucket holds nothing a fresh one would not: it can be forgotten.
    fn is_full(&mut self, now: Instant) -> bool {
        self.refill(now);
        self.tokens >= self.burst
    }
}

/// Token buckets by key (a client address, a session), for the REST routes. The table is
/// bounded: full buckets are forgotten when it fills, and while it is still full of
/// active keys, new keys are refused rather than let it grow.
pub struct KeyedLimiter<K> {
    rate: f64,
    burst: f64,
    max_keys: usize,
    buckets: Mutex<HashMap<K, RateLimiter>>,
}

impl<K: std::hash::Hash + Eq + Clone> KeyedLimiter<K> {
    pub fn new(rate: f64, burst: usize, max_keys: usize) -> Self {
        Self {
            rate,
            burst: burst as f64,
            max_keys,
            buckets: Mutex::new(HashMap::new()),
        }
    }

    /// `Err(wait)`: over the rate; try again after `wait`.
    pub fn check(&self, key: &K) -> Result<(), Duration> {
        let now = Instant::now();
        let mut buckets = self.buckets.lock();
        if !buckets.contains_key(key) && buckets.len() >= self.max_keys {
            buckets.retain(|_, b| !b.is_full(now));
            if buckets.len() >= self.max_keys {
                return Err(Duration::from_secs(1));
            }
        }
        buckets
            .entry(key.clone())
            .or_insert_with(|| RateLimiter::new(self.rate, self.burst))
            .take(now)
    }

    /// Keys tracked now (for tests and metrics).
    pub fn len(&self) -> usize {
        self.buckets.lock().len()
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
    fn keyed_buckets_are_separate_and_say_when_to_retry() {
        let limiter = KeyedLimiter::new(0.5, 2, 100);
        assert!(limiter.check(&"a").is_ok() && limiter.check(&"a").is_ok());
        let wait = limiter.check(&"a").unwrap_err();
        assert!(
            wait > Duration::ZERO && wait <= Duration::from_secs(2),
            "{wait:?}"
        );
        assert!(
            limiter.check(&"b").is_ok(),
            "another key has its own bucket"
        );
    }

    #[test]
    fn the_key_table_is_bounded() {
        let limiter = KeyedLimiter::new(1e9, 1, 3);
        for k in 0..3 {
            limiter.check(&k).unwrap();
        }
        // Those buckets refill at once (huge rate), so they are forgotten to make room.
        limiter.check(&99).unwrap();
        assert!(limiter.len() <= 3);
        let slow = KeyedLimiter::new(1e-9, 1, 2);
        slow.check(&1).unwrap();
        slow.check(&2).unwrap();
        assert!(
            slow.check(&3).is_err(),
            "a table full of active keys refuses new ones"
        );
        assert_eq!(slow.len(), 2);
    }

    #[test]
    fn bucket_allows_a_burst_then_refuses() {
        let mut r = RateLimiter::new(0.001, 3.0);
        assert!(r.allow() && r.allow() && r.allow());
        assert!(!r.allow());
    }
}
