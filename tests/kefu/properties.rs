//! Parsers on arbitrary input (proptest): the socket's frame parser, the identity token
//! parser and the knowledge file parsers never panic, and what they refuse comes back as
//! an error with a code (frames, tokens) or a problem naming the file and line (knowledge).

use proptest::prelude::*;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};

use kefu::identity::{IdentityKey, MAX_TOKEN_BYTES};
use kefu::knowledge::KnowledgeBase;
use kefu::transport::protocol::parse_client_frame;

const FRAME_CODES: &[&str] = &["bad_json", "bad_frame", "missing_field", "unknown_type"];
const TOKEN_CODES: &[&str] = &[
    "identity_too_long",
    "identity_malformed",
    "identity_bad_signature",
    "identity_expired",
    "identity_bad_user",
];
const CLIENT_TYPES: &[&str] = &[
    "hello", "message", "action", "event", "feedback", "ping", "shout",
];
const NOW: i64 = 1_800_000_000;

/// Any JSON value, nested a few levels.
fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(Value::from),
        ".{0,20}".prop_map(Value::from),
    ];
    leaf.prop_recursive(3, 24, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::from),
            prop::collection::btree_map(".{0,12}", inner, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// A frame-shaped object: a known (or unknown) type and fields of the protocol's names
/// holding anything.
fn frame_like() -> impl Strategy<Value = Value> {
    let field = prop::sample::select(vec![
        "session_id",
        "identity",
        "user_id",
        "locale",
        "last_seen",
        "client_id",
        "text",
        "at",
        "payload",
        "event",
        "reply_id",
        "value",
        "comment",
    ]);
    (
        prop::sample::select(CLIENT_TYPES.to_vec()),
        prop::collection::vec((field, json_value()), 0..6),
    )
        .prop_map(|(kind, fields)| {
            let mut obj = serde_json::Map::new();
            obj.insert("type".into(), json!(kind));
            for (k, v) in fields {
                obj.insert(k.to_string(), v);
            }
            Value::Object(obj)
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn any_text_frame_parses_or_has_a_code(text in ".{0,200}") {
        if let Err(e) = parse_client_frame(&text) {
            prop_assert!(FRAME_CODES.contains(&e.code), "{}", e.code);
            prop_assert!(!e.message.is_empty());
        }
    }

    #[test]
    fn any_json_frame_parses_or_has_a_code(value in prop_oneof![json_value(), frame_like()]) {
        if let Err(e) = parse_client_frame(&value.to_string()) {
            prop_assert!(FRAME_CODES.contains(&e.code), "{}", e.code);
            prop_assert!(!e.message.is_empty());
        }
    }

    #[test]
    fn any_text_is_no_token(text in ".{0,600}") {
        let key = IdentityKey::new("property-test-secret-16").unwrap();
        let e = key.verify(&text, NOW).unwrap_err();
        prop_assert!(TOKEN_CODES.contains(&e.code()), "{}", e.code());
        if text.len() > MAX_TOKEN_BYTES {
            prop_assert_eq!(e.code(), "identity_too_long");
        }
    }

    #[test]
    fn token_shaped_text_is_no_token(
        user in "[A-Za-z0-9_-]{1,40}",
        expiry in "[0-9+-]{1,14}",
        mac in "[A-Za-z0-9_=-]{0,50}",
    ) {
        let key = IdentityKey::new("property-test-secret-16").unwrap();
        let e = key.verify(&format!("{user}.{expiry}.{mac}"), NOW).unwrap_err();
        prop_assert!(TOKEN_CODES.contains(&e.code()), "{}", e.code());
    }

    #[test]
    fn a_signed_token_names_its_user_and_any_change_breaks_it(
        user in "\\PC{1,30}",
        ttl in 1i64..100_000_000,
        at in any::<prop::sample::Index>(),
        with in any::<char>(),
    ) {
        let key = IdentityKey::new("property-test-secret-16").unwrap();
        let token = key.sign(&user, NOW + ttl).unwrap();
        let named = key.verify(&token, NOW).unwrap();
        prop_assert_eq!(named.as_str(), user.as_str());
        let mut chars: Vec<char> = token.chars().collect();
        let i = at.index(chars.len());
        prop_assume!(chars[i] != with);
        chars[i] = with;
        let changed: String = chars.into_iter().collect();
        let e = key.verify(&changed, NOW).unwrap_err();
        prop_assert!(TOKEN_CODES.contains(&e.code()), "{}", e.code());
    }
}

/// A small valid catalogue (tests/fixtures/coarse_shop) copied to a temporary directory.
fn catalogue_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let src = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/coarse_shop");
    copy_tree(&src, dir.path());
    std::fs::create_dir_all(dir.path().join("policies")).unwrap();
    dir
}

fn copy_tree(from: &std::path::Path, to: &std::path::Path) {
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

const KNOWLEDGE_FILES: &[&str] = &[
    "products.jsonl",
    "products.csv",
    "categories.yaml",
    "brands.yaml",
    "attributes.yaml",
    "relations.csv",
    "faq.yaml",
    "orders.jsonl",
    "synonyms.yaml",
    "policies/returns.md",
];

/// Checks `dir` with `file` holding `text`; every problem must point into a real file.
fn check_with(dir: &Path, file: &str, text: &str) -> Vec<kefu::knowledge::Problem> {
    std::fs::write(dir.join(file), text).unwrap();
    let problems = KnowledgeBase::check(dir).expect("a readable directory is checked");
    for p in &problems {
        assert!(!p.message.is_empty());
        let lines = std::fs::read_to_string(dir.join(&p.file))
            .map(|t| t.lines().count())
            .unwrap_or(0);
        assert!(
            p.line <= lines + 1,
            "{}:{} is past the file's {lines} lines: {}",
            p.file,
            p.line,
            p.message
        );
    }
    problems
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn any_knowledge_file_text_is_checked_without_panic(
        file in prop::sample::select(KNOWLEDGE_FILES.to_vec()),
        text in prop_oneof![".{0,300}", "(\\PC{0,40}\n){0,8}"],
    ) {
        let dir = catalogue_copy();
        check_with(dir.path(), file, &text);
    }

    #[test]
    fn a_broken_record_is_a_problem_at_its_line(
        file in prop::sample::select(vec!["products.jsonl", "orders.jsonl", "categories.yaml", "faq.yaml"]),
        junk in "[^\n]{0,60}",
    ) {
        let dir = catalogue_copy();
        let original = std::fs::read_to_string(dir.path().join(file)).unwrap_or_default();
        // An unclosed JSON object or YAML flow list can never parse.
        let (broken, line) = if file.ends_with(".jsonl") {
            // A JSON line is reported at its own line.
            let line = original.lines().count() + 1;
            (format!("{original}{{\"id\": [{}\n", junk.replace(']', "")), Some(line))
        } else {
            // YAML reports where the parser gave up, somewhere in the file.
            (format!("- id: [\"{}\n", junk.replace(['"', '\\'], "")), None)
        };
        let problems = check_with(dir.path(), file, &broken);
        prop_assert!(
            problems.iter().any(|p| p.file == file && line.is_none_or(|l| p.line == l)),
            "no problem names {}:{:?}: {:?}", file, line, problems
        );
    }
}
