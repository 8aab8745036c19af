//! Chinese and English shoppers on one server (issue 32): each message is read by the model
//! of the language it is written in (nlu/language.rs) and answered in that language, the
//! reply language switching when the shopper switches. The real models: the shipped English
//! one and the shipped Chinese one on multilingual-e5-small (scripts/test.sh fetches it).

use std::path::Path;

use kefu::dialogue::{ChatService, Turn, TurnInput};
use kefu::nlu::language::is_han;
use kefu::nlu::{Nlu, NluConfig, RoutedNlu, SentenceEncoder};
use kefu::stories::story_sets;
use kefu::types::{Reply, SessionId};

/// The shipped Chinese model on its base encoder, as `serve` loads it by default.
pub(crate) fn chinese_nlu() -> Nlu {
    let config = NluConfig::default();
    let zh = &config.languages["zh"];
    assert!(
        zh.base_dir.join("model.safetensors").exists(),
        "{} is missing: run `kefu model fetch --base multilingual-e5-small` (scripts/test.sh does)",
        zh.base_dir.display()
    );
    let own = NluConfig {
        model_dir: zh.model_dir.clone(),
        ..config.clone()
    };
    let encoder = SentenceEncoder::load(&zh.base_dir).expect("the multilingual encoder loads");
    Nlu::load_with_encoder(&own, &zh.base_dir, Some(encoder))
        .expect("the shipped Chinese NLU model loads")
}

async fn say(chat: &dyn ChatService, session: &str, locale: Option<&str>, text: &str) -> Reply {
    let replies = chat
        .turn(Turn {
            session: SessionId::new(session),
            user: None,
            locale: locale.map(str::to_string),
            input: TurnInput::Text { text: text.into() },
            at: None,
        })
        .await
        .unwrap_or_else(|e| panic!("{text}: {e}"));
    replies.into_iter().next().expect("a reply")
}

fn chinese(reply: &Reply) -> bool {
    reply.text.chars().filter(|&c| is_han(c)).count() >= 2
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_message_is_read_in_its_language_and_answered_in_it() {
    let data = tempfile::tempdir().unwrap();
    let kefu = crate::dialogue::start(data.path());
    let chat: &dyn ChatService = &kefu.dialogue;

    // A Chinese shopper on an English page: read by the Chinese model, answered in Chinese.
    let order = say(chat, "s-zh", Some("en"), "我的快递到哪了？").await;
    assert_eq!(order.intent.as_deref(), Some("order_status"), "{order:?}");
    assert!(chinese(&order), "answered in Chinese: {}", order.text);
    let found = say(chat, "s-zh", Some("en"), "有没有三百元以内的跑步鞋").await;
    assert_eq!(found.intent.as_deref(), Some("search_product"), "{found:?}");
    assert!(chinese(&found), "answered in Chinese: {}", found.text);

    // The same shopper switches to English: the reply follows.
    let english = say(chat, "s-zh", Some("en"), "where is my order please").await;
    assert_eq!(
        english.intent.as_deref(),
        Some("order_status"),
        "{english:?}"
    );
    assert!(!chinese(&english), "answered in English: {}", english.text);

    // A message whose script says nothing ("42") keeps the language of the conversation.
    say(chat, "s-zh2", None, "你好，在吗？").await;
    let neutral = say(chat, "s-zh2", None, "👍").await;
    assert!(chinese(&neutral), "kept Chinese: {}", neutral.text);

    // An English shopper is untouched.
    let en = say(chat, "s-en", Some("en"), "hello there").await;
    assert!(!chinese(&en), "{}", en.text);
}

/// The router gives each language's message to its own model: a Chinese message parsed
/// by the English model alone would not find its product type.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_router_reads_chinese_with_the_chinese_model() {
    let english = crate::dialogue::shared().nlu.clone();
    let routed = RoutedNlu::new(english.clone(), vec![("zh".into(), chinese_nlu())]);
    let text = "有没有黑色的羽绒服";
    let parse = routed.parse(text).await.unwrap();
    assert_eq!(parse.language, "zh");
    assert_eq!(parse.intent, "search_product", "{parse:?}");
    assert!(
        parse
            .slots
            .iter()
            .any(|s| s.slot == "product_type" && s.value == "羽绒服"),
        "{parse:?}"
    );
    assert!(
        parse
            .slots
            .iter()
            .any(|s| s.slot == "color" && s.value == "黑色"),
        "{parse:?}"
    );
    let alone = english.parse(text).await.unwrap();
    assert!(
        !alone.slots.iter().any(|s| s.value == "羽绒服"),
        "the English model alone does not read it: {alone:?}"
    );
    // English goes to the English model, as before.
    let en = routed
        .parse("do you have a black down jacket")
        .await
        .unwrap();
    assert_eq!(
        en,
        english
            .parse("do you have a black down jacket")
            .await
            .unwrap()
    );
    assert_eq!(en.language, "en");
}

/// Chinese stories that run (tests/stories_zh/, README there), open ones included.
const AT_LEAST_CHINESE_STORIES: usize = 20;
/// Of them, required to pass (not marked `open`): raise it when an open one passes.
const AT_LEAST_CHINESE_REQUIRED: usize = 18;

/// A Chinese shopper's conversations with the demo shop, through the same wiring `serve`
/// uses (the English and the Chinese model routed per message): every story not marked
/// `open` passes.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn chinese_stories() {
    let mut sets = story_sets(
        Path::new("tests/stories_zh"),
        Path::new("knowledge"),
        Path::new("tests/fixtures"),
    )
    .expect("the Chinese story files load");
    let count: usize = sets.iter().map(|s| s.stories()).sum();
    assert!(
        count >= AT_LEAST_CHINESE_STORIES,
        "at least {AT_LEAST_CHINESE_STORIES} Chinese stories, found {count}"
    );
    let required = crate::dialogue::keep_required(&mut sets);
    assert!(
        required >= AT_LEAST_CHINESE_REQUIRED,
        "at least {AT_LEAST_CHINESE_REQUIRED} Chinese stories required, found {required}"
    );
    crate::dialogue::play_required(&sets, required).await;
}
