//! A few connections, each owned by its own thread. The blocking `postgres` client runs
//! its own small runtime and so must never be driven from inside a tokio runtime (that
//! panics); callers instead hand a job to a connection thread and block on the reply,
//! exactly as they block on sled's disk IO.

use crossbeam_channel::{Receiver, Sender};
use postgres::{Client, NoTls, Statement};
use std::collections::HashMap;

use crate::store::StoreError;

/// A connection and its prepared statements (prepared once per connection).
pub(crate) struct Conn {
    pub(crate) client: Client,
    statements: HashMap<&'static str, Statement>,
}

impl Conn {
    pub(crate) fn connect(url: &str) -> Result<Conn, postgres::Error> {
        Ok(Conn {
            client: Client::connect(url, NoTls)?,
            statements: HashMap::new(),
        })
    }

    pub(crate) fn statement(&mut self, sql: &'static str) -> Result<Statement, postgres::Error> {
        if let Some(s) = self.statements.get(sql) {
            return Ok(s.clone());
        }
        let s = self.client.prepare(sql)?;
        self.statements.insert(sql, s.clone());
        Ok(s)
    }
}

type Job = Box<dyn FnOnce(Result<&mut Conn, &postgres::Error>) + Send>;

/// The job queue; the connection threads end when the last handle is dropped.
pub(crate) struct Pool {
    jobs: Sender<Job>,
    url: String,
}

impl Pool {
    /// Starts `size` connection threads; each connects on its first job (and again after
    /// its connection broke), so a database that restarts is picked up again.
    pub(crate) fn start(url: &str, size: usize) -> Pool {
        let (jobs, queue) = crossbeam_channel::unbounded::<Job>();
        for i in 0..size.max(1) {
            let queue: Receiver<Job> = queue.clone();
            let url = url.to_string();
            std::thread::Builder::new()
                .name(format!("kefu-pg-{i}"))
                .spawn(move || serve(&url, &queue))
                .expect("spawning a store connection thread");
        }
        Pool {
            jobs,
            url: url.to_string(),
        }
    }

    pub(crate) fn url(&self) -> &str {
        &self.url
    }

    /// Runs `f` on a connection thread and waits for its answer.
    pub(crate) fn run<T: Send + 'static>(
        &self,
        f: impl FnOnce(&mut Conn) -> Result<T, postgres::Error> + Send + 'static,
    ) -> Result<T, StoreError> {
        let (tx, rx) = crossbeam_channel::bounded(1);
        let job: Job = Box::new(move |conn| {
            let answer = match conn {
                Ok(conn) => f(conn).map_err(StoreError::from),
                Err(e) => Err(StoreError::Unreachable(e.to_string())),
            };
            let _ = tx.send(answer);
        });
        self.jobs
            .send(job)
            .map_err(|_| StoreError::Unreachable("the store's connection threads ended".into()))?;
        rx.recv()
            .map_err(|_| StoreError::Unreachable("a store connection thread panicked".into()))?
    }
}

fn serve(url: &str, queue: &Receiver<Job>) {
    let mut conn: Option<Conn> = None;
    while let Ok(job) = queue.recv() {
        if conn.as_ref().is_none_or(|c| c.client.is_closed()) {
            conn = None;
            match Conn::connect(url) {
                Ok(c) => conn = Some(c),
                Err(e) => {
                    job(Err(&e));
                    continue;
                }
            }
        }
        if let Some(c) = conn.as_mut() {
            job(Ok(c));
        }
    }
}
