//! A real PostgreSQL for tests: `initdb` and `postgres` from the installed server package
//! (Debian's `postgresql`, under /usr/lib/postgresql/<version>/bin), in a temporary
//! directory, on a free port. As root (initdb refuses root) the server runs as the
//! `postgres` user. Every postgres test — the store's own suite, the migration, the
//! replicas — gets its server and databases from here.
//!
//! Only the server's own binaries are used (pg_isready, createdb), never the client
//! library: a test may call this from inside a tokio runtime, where the blocking client
//! must not run.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// A running server; stopped (fast shutdown) and its directory removed on drop.
pub struct TempPostgres {
    port: u16,
    bin: PathBuf,
    stop: Option<std::sync::mpsc::Sender<()>>,
    keeper: Option<std::thread::JoinHandle<()>>,
    _dir: tempfile::TempDir,
}

static SHARED: OnceLock<TempPostgres> = OnceLock::new();
static DATABASES: AtomicU64 = AtomicU64::new(0);

/// The directory holding `initdb`, `pg_ctl` and `postgres`: `KEFU_PG_BIN`, else the
/// newest /usr/lib/postgresql/<version>/bin, else the one `pg_ctl` on PATH is in.
pub fn find_bin() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("KEFU_PG_BIN") {
        return Some(PathBuf::from(dir));
    }
    let mut versions: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            let v = e.file_name().to_str()?.parse().ok()?;
            let bin = e.path().join("bin");
            bin.join("initdb").exists().then_some((v, bin))
        })
        .collect();
    versions.sort();
    if let Some((_, bin)) = versions.pop() {
        return Some(bin);
    }
    std::env::var_os("PATH").and_then(|path| {
        std::env::split_paths(&path)
            .find(|d| d.join("pg_ctl").exists() && d.join("initdb").exists())
    })
}

/// (uid, gid) of the `postgres` user, read from /etc/passwd.
fn postgres_user() -> Result<(u32, u32), String> {
    let passwd = std::fs::read_to_string("/etc/passwd").map_err(|e| e.to_string())?;
    passwd
        .lines()
        .find_map(|l| {
            let f: Vec<&str> = l.split(':').collect();
            (f.first() == Some(&"postgres") && f.len() > 3)
                .then(|| Some((f[2].parse().ok()?, f[3].parse().ok()?)))
                .flatten()
        })
        .ok_or_else(|| {
            "running as root needs a `postgres` user (the postgresql package makes one)".into()
        })
}

#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn is_root() -> bool {
    // SAFETY: geteuid has no preconditions.
    unsafe { libc::geteuid() == 0 }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn is_root() -> bool {
    false
}

/// `program` from the server's bin directory, as the postgres user when we are root; the
/// server it starts gets SIGINT (fast shutdown) when the thread that spawned it ends.
fn command(bin: &Path, program: &str, user: Option<(u32, u32)>) -> Command {
    use std::os::unix::process::CommandExt;
    let mut cmd = Command::new(bin.join(program));
    if let Some((uid, gid)) = user {
        cmd.uid(uid).gid(gid);
    }
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: prctl is async-signal-safe; it runs after the uid change (which would clear
    // the setting) and before exec.
    unsafe {
        cmd.pre_exec(|| {
            if libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGINT) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    cmd
}

fn run(mut cmd: Command, what: &str) -> Result<(), String> {
    let out = cmd.output().map_err(|e| format!("{what}: {e}"))?;
    if out.status.success() {
        Ok(())
    } else {
        Err(format!(
            "{what} failed: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ))
    }
}

fn free_port() -> Result<u16, String> {
    let l = std::net::TcpListener::bind("127.0.0.1:0").map_err(|e| e.to_string())?;
    l.local_addr().map(|a| a.port()).map_err(|e| e.to_string())
}

impl TempPostgres {
    /// One server for the whole test process, started on first use. It stops when the
    /// process exits (the parent-death signal), and its directory is then left behind in
    /// the temporary directory: the next process removes those of dead processes.
    pub fn shared() -> &'static TempPostgres {
        SHARED.get_or_init(|| {
            sweep_stale();
            TempPostgres::start_in(&format!("kefu-pg-shared-{}-", std::process::id()))
                .unwrap_or_else(|e| panic!("starting a test PostgreSQL: {e}"))
        })
    }

    /// A server of the caller's own (stopped on drop).
    pub fn start() -> Result<TempPostgres, String> {
        Self::start_in("kefu-pg-")
    }

    fn start_in(prefix: &str) -> Result<TempPostgres, String> {
        let bin = find_bin().ok_or(
            "no PostgreSQL server binaries (install Debian's `postgresql`, or set KEFU_PG_BIN)",
        )?;
        let dir = tempfile::Builder::new()
            .prefix(prefix)
            .tempdir()
            .map_err(|e| e.to_string())?;
        let user = if is_root() {
            let user = postgres_user()?;
            std::os::unix::fs::chown(dir.path(), Some(user.0), Some(user.1))
                .map_err(|e| format!("chown {}: {e}", dir.path().display()))?;
            Some(user)
        } else {
            None
        };
        let data = dir.path().join("data");
        let mut initdb = command(&bin, "initdb", user);
        initdb
            .arg("-D")
            .arg(&data)
            .args(["-U", "postgres", "--auth=trust", "--no-sync", "-E", "UTF8"])
            .args(["--locale=C"]);
        run(initdb, "initdb")?;
        let port = free_port()?;
        let log =
            std::fs::File::create(dir.path().join("server.log")).map_err(|e| e.to_string())?;
        let log2 = log.try_clone().map_err(|e| e.to_string())?;
        let mut server = command(&bin, "postgres", user);
        server
            .arg("-D")
            .arg(&data)
            .args(["-p", &port.to_string(), "-k"])
            .arg(dir.path())
            // fsync off: these servers are never crashed, only kefu is; commits still
            // wait for their WAL write, which is what kefu's promises rest on.
            .args(["-c", "listen_addresses=127.0.0.1", "-c", "fsync=off"])
            .args(["-c", "max_connections=300", "-c", "shared_buffers=32MB"])
            .stdin(Stdio::null())
            .stdout(log)
            .stderr(log2);
        let (spawned_tx, spawned_rx) = std::sync::mpsc::channel::<Result<(), String>>();
        let (stop, stopped) = std::sync::mpsc::channel::<()>();
        // The server is spawned from a thread that lives as long as it should run: the
        // parent-death signal follows the spawning thread, not the process.
        let keeper = std::thread::spawn(move || match server.spawn() {
            Ok(child) => {
                let _ = spawned_tx.send(Ok(()));
                let _ = stopped.recv();
                shut_down(child);
            }
            Err(e) => {
                let _ = spawned_tx.send(Err(format!("starting postgres: {e}")));
            }
        });
        spawned_rx
            .recv()
            .map_err(|_| "the postgres keeper thread died".to_string())??;
        let pg = TempPostgres {
            port,
            bin,
            stop: Some(stop),
            keeper: Some(keeper),
            _dir: dir,
        };
        pg.wait_ready()?;
        Ok(pg)
    }

    fn wait_ready(&self) -> Result<(), String> {
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            let ok = Command::new(self.bin.join("pg_isready"))
                .args(["-q", "-h", "127.0.0.1", "-p", &self.port.to_string()])
                .status()
                .map(|s| s.success())
                .unwrap_or(false);
            if ok {
                return Ok(());
            }
            if Instant::now() > deadline {
                return Err(format!(
                    "postgres did not accept connections on port {} within 60 s",
                    self.port
                ));
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// The URL of database `name` on this server.
    pub fn url(&self, name: &str) -> String {
        format!("postgres://postgres@127.0.0.1:{}/{name}", self.port)
    }

    /// A new, empty database; its URL.
    pub fn fresh_database(&self) -> String {
        let name = format!(
            "kefu_{}_{}",
            std::process::id(),
            DATABASES.fetch_add(1, Ordering::Relaxed)
        );
        let mut createdb = Command::new(self.bin.join("createdb"));
        createdb.args([
            "-h",
            "127.0.0.1",
            "-p",
            &self.port.to_string(),
            "-U",
            "postgres",
            &name,
        ]);
        run(createdb, "createdb").unwrap_or_else(|e| panic!("{e}"));
        self.url(&name)
    }
}

fn shut_down(mut child: Child) {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: signalling our own child by its pid.
    unsafe {
        libc::kill(child.id() as libc::pid_t, libc::SIGINT);
    }
    #[cfg(not(all(target_os = "linux", target_env = "gnu")))]
    let _ = child.kill();
    let _ = child.wait();
}

/// Directories of shared servers whose test process has ended.
fn sweep_stale() {
    let Ok(entries) = std::fs::read_dir(std::env::temp_dir()) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let Some(pid) = name
            .strip_prefix("kefu-pg-shared-")
            .and_then(|r| r.split('-').next())
            .and_then(|p| p.parse::<u32>().ok())
        else {
            continue;
        };
        if !Path::new(&format!("/proc/{pid}")).exists() {
            let _ = std::fs::remove_dir_all(e.path());
        }
    }
}

impl Drop for TempPostgres {
    fn drop(&mut self) {
        drop(self.stop.take());
        if let Some(k) = self.keeper.take() {
            let _ = k.join();
        }
    }
}
