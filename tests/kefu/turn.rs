//! A whole chat turn through the real server (issue 31): its writes reach the disk in one
//! flush, before the reply frame; embeddings computed on the NLU worker are the encoder's.

use futures::SinkExt;
use kefu::behavior::BehaviorConfig;
use kefu::config::Config;
use kefu::dialogue::ChatService;
use kefu::nlu::{Nlu, SentenceEncoder};
use kefu::start::{Models, Settings};
use kefu::store::Store;
use serde_json::json;
use std::path::Path;
use std::sync::Arc;
use tokio_tungstenite::tungstenite::Message;

use crate::support::{next_frame, serve, Ws};

fn base() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("models/base/all-MiniLM-L6-v2")
}

/// The demo shop on one store, served as `kefu serve` wires it (dialogue and transport
/// writing to the same data directory).
async fn shop(data: &Path) -> (Store, std::net::SocketAddr) {
    let store = Store::open(data).unwrap();
    let shared = crate::dialogue::shared();
    let models = Models {
        nlu: Arc::new(shared.nlu.clone()),
        embed: crate::support::encoder(),
        nlu_stats: None,
        multilingual: None,
    };
    let config = Config::default();
    let settings = Settings {
        knowledge_dir: "knowledge".into(),
        responses: "knowledge/responses".into(),
        default_locale: "en".into(),
        recommend: config.recommend.clone(),
        behavior: BehaviorConfig::default(),
        search_dir: data.join("search"),
        watch: false,
        csat: false,
        clock: Some(kefu::stories::story_clock()),
    };
    let running = kefu::start::dialogue(&models, &store, settings).unwrap();
    let chat: Arc<dyn ChatService> = Arc::new(running.dialogue);
    let state = kefu::AppState::new(Arc::new(config), store.clone(), Some(chat))
        .unwrap()
        .with_knowledge(running.knowledge.clone())
        .with_events(running.events.clone(), running.knowledge);
    let addr = serve(state).await;
    (store, addr)
}

async fn say(ws: &mut Ws, frame: serde_json::Value) -> serde_json::Value {
    ws.send(Message::Text(frame.to_string().into()))
        .await
        .unwrap();
    next_frame(ws).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_turn_is_written_with_one_flush_and_is_on_disk_before_its_reply() {
    let data = tempfile::tempdir().unwrap();
    let (store, addr) = shop(data.path()).await;
    let (mut ws, _) = tokio_tungstenite::connect_async(format!("ws://{addr}/ws"))
        .await
        .unwrap();
    let welcome = say(&mut ws, json!({"type":"hello","session_id":"one-flush"})).await;
    assert_eq!(welcome["type"], "welcome");

    for (i, text) in ["hi", "show me some headphones", "any cheaper ones?"]
        .iter()
        .enumerate()
    {
        let before = store.flushes();
        let reply = say(
            &mut ws,
            json!({"type":"message","client_id":format!("m{i}"),"text":text}),
        )
        .await;
        assert_eq!(reply["type"], "reply", "{reply}");
        assert_eq!(
            store.flushes() - before,
            1,
            "one flush for {text:?}: the shopper's message, the turn fact, the tracker and the reply frame"
        );
    }
    // A page event is acknowledged after one flush too.
    let before = store.flushes();
    let ack = say(
        &mut ws,
        json!({"type":"event","event":{"id":"e1","kind":"view","product":"ph-001"}}),
    )
    .await;
    assert_eq!(ack["type"], "ack", "{ack}");
    assert_eq!(store.flushes() - before, 1, "one flush before the ack");

    // What the client saw is in the store: the tracker holds the three turns and the
    // session log their reply frames.
    let trackers: kefu::store::Tree<serde_json::Value> = store.tree("dialogue.trackers").unwrap();
    let tracker = trackers
        .get("one-flush")
        .unwrap()
        .expect("the tracker is stored");
    assert_eq!(tracker["turns"].as_array().unwrap().len(), 3, "{tracker}");
}

#[test]
fn embeddings_from_the_nlu_worker_are_the_encoders_own() {
    let config = Config::default();
    let direct = SentenceEncoder::load(&base()).unwrap();
    let nlu = Nlu::load_with_encoder(
        &config.nlu,
        &config.model.base_dir,
        Some(SentenceEncoder::load(&base()).unwrap()),
    )
    .unwrap();
    let worker = nlu.embedder().expect("started with an encoder");
    assert!(
        Nlu::load(&config.nlu, &config.model.base_dir)
            .unwrap()
            .embedder()
            .is_none(),
        "no encoder, no embedder"
    );
    let texts = [
        "waterproof hiking boots",
        "how long does shipping take",
        "hi",
    ];
    let want = direct.embed(&texts).unwrap();
    let got = worker.embed(&texts).unwrap();
    assert_eq!(got.len(), 3);
    assert_eq!(worker.dim(), direct.dim());
    for (g, w) in got.iter().zip(&want) {
        let diff = g
            .iter()
            .zip(w)
            .map(|(a, b)| (a - b).abs())
            .fold(0.0f32, f32::max);
        assert!(diff < 1e-5, "worker and direct vectors differ by {diff}");
    }
    assert!(worker.embed(&[]).unwrap().is_empty());
}
