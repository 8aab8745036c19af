//! `kefu chat` (the real binary) against the real server on a real socket, stdin piped.
//! Behind the server is a scripted shop in the style of transport.rs's echo (the dialogue
//! manager is issue #7): these tests prove what the terminal client prints and sends.

use kefu::config::Config;
use kefu::dialogue::{ChatService, DialogueError, Turn, TurnInput};
use kefu::store::Store;
use kefu::types::{ProductCard, ProductId, QuickReply, Reply};
use kefu::AppState;
use parking_lot::Mutex;
use std::net::SocketAddr;
use std::process::Stdio;
use std::sync::Arc;
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::process::Command;

/// Answers like a shop would, and remembers every turn it was given.
#[derive(Default)]
struct ScriptedShop {
    turns: Mutex<Vec<Turn>>,
}

fn card(id: &str, name: &str, brand: &str, price: f64, rating: Option<f32>) -> ProductCard {
    ProductCard {
        id: ProductId::new(id),
        name: name.into(),
        brand: brand.into(),
        category: "shoes".into(),
        price,
        currency: "EUR".into(),
        image: None,
        url: None,
        rating,
        reason: Some("matches what you asked".into()),
    }
}

fn reply(text: &str) -> Reply {
    Reply {
        id: uuid::Uuid::new_v4().to_string(),
        text: text.into(),
        products: vec![],
        quick_replies: vec![],
        intent: None,
        confidence: None,
        handoff: false,
        cart: None,
    }
}

impl ChatService for ScriptedShop {
    fn turn(
        &self,
        turn: Turn,
    ) -> futures::future::BoxFuture<'_, Result<Vec<Reply>, DialogueError>> {
        self.turns.lock().push(turn.clone());
        Box::pin(async move {
            Ok(match turn.input {
                TurnInput::Text { text } if text.contains("person") => vec![Reply {
                    handoff: true,
                    ..reply("Let me find a colleague.")
                }],
                TurnInput::Text { text } => vec![Reply {
                    products: vec![
                        card("p1", "Trail Runner \u{1b}[31mX", "Acme", 79.5, Some(4.4)),
                        card("p2", "Road Racer", "Zoomington", 120.0, None),
                    ],
                    quick_replies: vec![
                        QuickReply {
                            title: "Cheaper".into(),
                            payload: "/cheaper".into(),
                        },
                        QuickReply {
                            title: "In black".into(),
                            payload: "/black".into(),
                        },
                    ],
                    ..reply(&format!("Shoes for \"{text}\":"))
                }],
                TurnInput::Action { payload } => vec![reply(&format!("pressed: {payload}"))],
                _ => vec![],
            })
        })
    }
}

struct Server {
    addr: SocketAddr,
    shop: Arc<ScriptedShop>,
    _data: tempfile::TempDir,
}

async fn start(with_dialogue: bool, tune: impl FnOnce(&mut Config)) -> Server {
    let data = tempfile::tempdir().unwrap();
    let mut config = Config::default();
    tune(&mut config);
    let store = Store::open(data.path()).unwrap();
    let shop = Arc::new(ScriptedShop::default());
    let chat: Option<Arc<dyn ChatService>> = if with_dialogue {
        Some(shop.clone())
    } else {
        None
    };
    let state = AppState::new(Arc::new(config), store, chat).unwrap();
    let addr = crate::support::serve(state).await;
    Server {
        addr,
        shop,
        _data: data,
    }
}

fn kefu_chat(addr: SocketAddr, extra: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_kefu"));
    cmd.arg("chat")
        .arg(format!("ws://{addr}/ws"))
        .args(extra)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true);
    cmd
}

/// Runs `kefu chat` with all of `input` piped in; its stdout once it has exited.
async fn chat(addr: SocketAddr, extra: &[&str], input: &str) -> String {
    let mut child = kefu_chat(addr, extra).spawn().unwrap();
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(input.as_bytes()).await.unwrap();
    drop(stdin);
    let out = tokio::time::timeout(Duration::from_secs(60), child.wait_with_output())
        .await
        .expect("kefu chat did not finish")
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        out.status.success(),
        "kefu chat failed: {}\n{stdout}",
        String::from_utf8_lossy(&out.stderr)
    );
    stdout
}

fn session_of(stdout: &str) -> String {
    let start = stdout.find("(session ").expect("a session line") + "(session ".len();
    stdout[start..].split(')').next().unwrap().to_string()
}

#[tokio::test]
async fn products_print_as_an_aligned_table_and_a_number_picks_a_quick_reply() {
    let s = start(true, |_| {}).await;
    let out = chat(s.addr, &[], "trail shoes\n2\n/up\n").await;

    assert!(out.contains("kefu: Shoes for \"trail shoes\":"), "{out}");
    let lines: Vec<&str> = out.lines().collect();
    let header = lines
        .iter()
        .position(|l| l.contains("name") && l.contains("brand") && l.contains("reason"))
        .expect("a table header");
    let (head, row1, row2) = (lines[header], lines[header + 1], lines[header + 2]);
    let col = |l: &str, s: &str| l.find(s).unwrap_or_else(|| panic!("{s:?} in {l:?}"));
    assert_eq!(col(row1, "Trail Runner"), col(head, "name"));
    assert_eq!(col(row1, "Acme"), col(head, "brand"));
    assert_eq!(col(row2, "Zoomington"), col(head, "brand"));
    assert_eq!(
        col(row1, "79.50 EUR") + "79.50 EUR".len(),
        col(row2, "120.00 EUR") + "120.00 EUR".len(),
        "prices are right-aligned"
    );
    assert!(row1.contains("4.4/5") && row1.contains("matches what you asked"));
    assert!(
        !out.contains('\u{1b}'),
        "no terminal escape from a product name"
    );
    assert!(out.contains("[1] Cheaper   [2] In black"), "{out}");

    // "2" sent the second quick reply's payload as an action.
    assert!(
        out.contains("you: In black\nkefu: pressed: /black"),
        "{out}"
    );
    let turns = s.shop.turns.lock().clone();
    assert!(turns
        .iter()
        .any(|t| matches!(&t.input, TurnInput::Action { payload } if payload == "/black")));
    // "/up" rated the last answer, and the server acknowledged it.
    assert!(turns
        .iter()
        .any(|t| matches!(&t.input, TurnInput::Feedback { up: true, .. })));
    assert!(out.contains("(thanks for the feedback)"), "{out}");
}

#[tokio::test]
async fn a_number_with_no_suggestions_on_screen_is_just_a_message() {
    let s = start(true, |_| {}).await;
    let out = chat(s.addr, &[], "42\n").await;
    assert!(out.contains("kefu: Shoes for \"42\":"), "{out}");
}

#[tokio::test]
async fn handoff_and_errors_are_shown_in_words() {
    let s = start(true, |_| {}).await;
    let out = chat(s.addr, &[], "a person please\n").await;
    assert!(out.contains("kefu: Let me find a colleague."), "{out}");
    assert!(
        out.contains("handed off: waiting for a person to join"),
        "{out}"
    );

    let bare = start(false, |_| {}).await;
    let out = chat(bare.addr, &[], "hello\n").await;
    assert!(
        out.contains(
            "! the assistant isn't available on this server right now [dialogue_unavailable]"
        ),
        "{out}"
    );
}

#[tokio::test]
async fn a_session_resumes_with_its_history() {
    let s = start(true, |_| {}).await;
    let first = chat(s.addr, &[], "trail shoes\n").await;
    let session = session_of(&first);

    let second = chat(s.addr, &["--session", &session], "2\n").await;
    assert!(
        second.contains(&format!("(resumed session {session})")),
        "{second}"
    );
    // The history is printed (what was said, the table), and its quick replies still work.
    assert!(second.contains("you: trail shoes"), "{second}");
    assert!(second.contains("Road Racer"), "{second}");
    assert!(second.contains("kefu: pressed: /black"), "{second}");
    let turns = s.shop.turns.lock().clone();
    assert!(turns.iter().all(|t| t.session.as_str() == session));
}

type Lines = tokio::io::Lines<BufReader<tokio::process::ChildStdout>>;

/// Reads stdout into `seen` until a line contains `want`.
async fn read_until(stdout: &mut Lines, want: &str, seen: &mut String) {
    let found = tokio::time::timeout(Duration::from_secs(60), async {
        while let Some(line) = stdout.next_line().await.unwrap() {
            seen.push_str(&line);
            seen.push('\n');
            if line.contains(want) {
                return true;
            }
        }
        false
    })
    .await;
    assert!(found == Ok(true), "no {want:?} in:\n{seen}");
}

#[tokio::test]
async fn after_the_server_drops_an_idle_chat_the_next_line_resumes_it_without_repeats() {
    let s = start(true, |c| c.server.idle_timeout_secs = 1).await;
    let mut child = kefu_chat(s.addr, &[]).spawn().unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap()).lines();
    let mut seen = String::new();

    stdin.write_all(b"first shoes\n").await.unwrap();
    read_until(&mut stdout, "kefu: Shoes for \"first shoes\"", &mut seen).await;
    read_until(&mut stdout, "[idle_timeout]", &mut seen).await;
    stdin.write_all(b"second shoes\n").await.unwrap();
    read_until(&mut stdout, "kefu: Shoes for \"second shoes\"", &mut seen).await;
    drop(stdin);
    let status = tokio::time::timeout(Duration::from_secs(60), child.wait())
        .await
        .unwrap()
        .unwrap();
    assert!(status.success());

    let session = session_of(&seen);
    assert!(
        seen.contains(&format!("(resumed session {session})")),
        "{seen}"
    );
    assert_eq!(
        seen.matches("kefu: Shoes for \"first shoes\"").count(),
        1,
        "nothing is printed twice after the reconnect:\n{seen}"
    );
    let turns = s.shop.turns.lock().clone();
    assert_eq!(turns.len(), 2);
    assert!(turns.iter().all(|t| t.session.as_str() == session));
}

#[tokio::test]
async fn a_wrong_url_or_no_server_is_a_clear_error_with_a_hint() {
    let run = |url: String| async move {
        Command::new(env!("CARGO_BIN_EXE_kefu"))
            .args(["chat", &url])
            .stdin(Stdio::null())
            .output()
            .await
            .unwrap()
    };
    let out = run("http://127.0.0.1:8080/ws".into()).await;
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("is not a WebSocket URL") && err.contains("hint"),
        "{err}"
    );

    // A port nobody listens on any more.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    drop(listener);
    let out = run(format!("ws://{addr}/ws")).await;
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("is `kefu serve` running there?"), "{err}");
}
