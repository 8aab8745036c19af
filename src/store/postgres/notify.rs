//! LISTEN/NOTIFY: small announcements between the processes sharing the database (a
//! pushed frame, a new knowledge version). A listener owns a connection and a thread; it
//! reconnects (and listens again) when its connection breaks, and ends when nobody reads
//! its announcements any more.

use crossbeam_channel::{Receiver, Sender};
use std::time::Duration;

use super::pool::Conn;

/// Delivers every payload NOTIFYed on `channel` (an SQL identifier) to the receiver.
pub(crate) fn listen(url: &str, channel: &'static str) -> Receiver<String> {
    let (tx, rx) = crossbeam_channel::unbounded();
    let url = url.to_string();
    let spawned = std::thread::Builder::new()
        .name(format!("kefu-pg-listen-{channel}"))
        .spawn(move || listen_loop(&url, channel, &tx));
    if let Err(e) = spawned {
        tracing::error!("starting the {channel} listener: {e}");
    }
    rx
}

fn listen_loop(url: &str, channel: &str, tx: &Sender<String>) {
    loop {
        match listen_once(url, channel, tx) {
            // Nobody reads any more.
            Ok(()) => return,
            Err(e) => {
                tracing::warn!(channel, "listener lost its connection ({e}); reconnecting");
                std::thread::sleep(Duration::from_secs(1));
            }
        }
    }
}

fn listen_once(url: &str, channel: &str, tx: &Sender<String>) -> Result<(), postgres::Error> {
    let mut conn = Conn::connect(url)?;
    conn.client.batch_execute(&format!("LISTEN {channel}"))?;
    let mut notifications = conn.client.notifications();
    let mut it = notifications.blocking_iter();
    while let Some(n) = fallible_next(&mut it)? {
        if tx.send(n.payload().to_string()).is_err() {
            return Ok(());
        }
    }
    Ok(())
}

fn fallible_next(
    it: &mut impl postgres::fallible_iterator::FallibleIterator<
        Item = postgres::Notification,
        Error = postgres::Error,
    >,
) -> Result<Option<postgres::Notification>, postgres::Error> {
    it.next()
}
