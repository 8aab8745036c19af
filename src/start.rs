//! Starting kefu's dialogue: the knowledge graph, the NLU, the sentence encoder, the event
//! log and the reply templates, loaded and wired. One wiring for `kefu serve`, the stories
//! (`kefu eval stories` and the test that plays them) and the integration tests, so what
//! is tested is what serves.
//!
//! The models are loaded apart ([`Models::load`]) because the stories start one dialogue
//! per catalogue on the same models.

use chrono::{DateTime, Utc};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use thiserror::Error;

use crate::behavior::{BehaviorConfig, BehaviorError, EventLog};
use crate::config::Config;
use crate::dialogue::{Dialogue, DialogueError, DialogueParts, Templates, Understand};
use crate::knowledge::{KnowledgeError, LiveGraph, WatchHandle};
use crate::nlu::{Nlu, NluConfig, NluError, NluStats, RoutedNlu, SentenceEncoder, SwapDecision};
use crate::recommend::RecommendConfig;
use crate::search::ProductSearch;
use crate::store::Store;
use crate::types::Embed;

#[derive(Debug, Error)]
pub enum StartError {
    #[error("loading knowledge from {dir}: {source}")]
    Knowledge {
        dir: PathBuf,
        source: KnowledgeError,
    },
    #[error("loading the NLU model {dir} (hint: `kefu train` writes it): {source}")]
    Nlu { dir: PathBuf, source: Box<NluError> },
    #[error("loading the base encoder {dir}: {source}")]
    Encoder { dir: PathBuf, source: Box<NluError> },
    #[error("the behaviour log: {0}")]
    Behavior(#[from] BehaviorError),
    #[error(transparent)]
    Dialogue(#[from] DialogueError),
}

/// The models a dialogue understands and ranks with.
#[derive(Clone)]
pub struct Models {
    pub nlu: Arc<dyn Understand>,
    pub embed: Arc<dyn Embed>,
    /// The served NLU's counters, for `/metrics` (none for a stand-in).
    pub nlu_stats: Option<Arc<NluStats>>,
    /// The multilingual encoder (the Chinese model's base, on its worker), for matching
    /// questions in other languages against the shop's FAQ in them; none without one.
    pub multilingual: Option<Arc<dyn Embed>>,
}

impl Models {
    /// The configured NLU (a retrained candidate swapped in first when `nlu.swap_policy`
    /// allows) and the base encoder.
    pub fn load(config: &Config) -> Result<Models, StartError> {
        let base = &config.model.base_dir;
        let nlu_error = |source| StartError::Nlu {
            dir: config.nlu.model_dir.clone(),
            source: Box::new(source),
        };
        match crate::nlu::swap_candidate(&config.nlu).map_err(nlu_error)? {
            SwapDecision::NoCandidate => {}
            SwapDecision::Swapped { reason } => {
                tracing::info!("NLU: the retrained model now serves ({reason})")
            }
            SwapDecision::Kept { reason } => tracing::warn!(
                "NLU: the retrained model in {} stays unused ({reason})",
                crate::nlu::candidate_dir(&config.nlu.model_dir).display()
            ),
        }
        let encoder = SentenceEncoder::load(base).map_err(|source| StartError::Encoder {
            dir: base.clone(),
            source: Box::new(source),
        })?;
        // The encoder runs on the NLU worker's thread: search queries are embedded in the
        // same queue and batches as parses, never beside them on the cores.
        let nlu = Nlu::load_with_encoder(&config.nlu, base, Some(encoder)).map_err(nlu_error)?;
        let embed = nlu
            .embedder()
            .expect("the worker was started with an encoder");
        let nlu_stats = Some(nlu.stats());
        let languages = load_languages(&config.nlu)?;
        let multilingual = languages.iter().find_map(|(_, nlu)| nlu.embedder());
        let nlu: Arc<dyn Understand> = if languages.is_empty() {
            Arc::new(nlu)
        } else {
            Arc::new(RoutedNlu::new(nlu, languages))
        };
        // What the models were packed from (candle's copies, the encoders' own word
        // tables before sharing) is freed by now; without this the server keeps its
        // loading peak resident (hundreds of MB with the Chinese model).
        crate::heap::return_free_pages();
        Ok(Models {
            nlu_stats,
            nlu,
            embed,
            multilingual,
        })
    }
}

/// The models of `nlu.languages` that are installed, each on its own worker. A model whose
/// folder or base encoder is missing is left out with a warning (its language is read by
/// the default model); one that is there but broken stops the start.
fn load_languages(cfg: &NluConfig) -> Result<Vec<(String, Nlu)>, StartError> {
    let mut loaded = Vec::new();
    for (code, lang) in &cfg.languages {
        if !lang
            .model_dir
            .join(crate::nlu::artifact::META_FILE)
            .exists()
        {
            tracing::warn!(language = %code, dir = %lang.model_dir.display(),
                "no NLU model for this language; the default model reads its messages");
            continue;
        }
        if !crate::model::REQUIRED_FILES
            .iter()
            .all(|f| lang.base_dir.join(f).exists())
        {
            tracing::warn!(language = %code, dir = %lang.base_dir.display(),
                "the base encoder of this language's model is missing (`kefu model fetch --base multilingual-e5-small`); the default model reads its messages");
            continue;
        }
        let own = NluConfig {
            model_dir: lang.model_dir.clone(),
            ..cfg.clone()
        };
        // Its base encoder also embeds the language's FAQ questions, on the same worker.
        let encoder =
            SentenceEncoder::load(&lang.base_dir).map_err(|source| StartError::Encoder {
                dir: lang.base_dir.clone(),
                source: Box::new(source),
            })?;
        let nlu =
            Nlu::load_with_encoder(&own, &lang.base_dir, Some(encoder)).map_err(|source| {
                StartError::Nlu {
                    dir: lang.model_dir.clone(),
                    source: Box::new(source),
                }
            })?;
        tracing::info!(language = %code, dir = %lang.model_dir.display(), "NLU model of a language loaded");
        loaded.push((code.clone(), nlu));
    }
    Ok(loaded)
}

/// What a dialogue is started with besides its models.
pub struct Settings {
    pub knowledge_dir: PathBuf,
    /// The reply templates folder (`<knowledge_dir>/responses` for a shop).
    pub responses: PathBuf,
    pub default_locale: String,
    pub recommend: RecommendConfig,
    pub behavior: BehaviorConfig,
    /// Where the search index lives (under the data directory).
    pub search_dir: PathBuf,
    /// Watch the knowledge files and swap in the new graph on change.
    pub watch: bool,
    pub csat: bool,
    /// A fixed "now" (stories, replays); the server's clock when `None`.
    pub clock: Option<DateTime<Utc>>,
}

impl Settings {
    /// A shop's settings, as `kefu serve` runs it.
    pub fn of(config: &Config) -> Settings {
        Settings {
            knowledge_dir: config.knowledge_dir.clone(),
            responses: config.knowledge_dir.join("responses"),
            default_locale: config.dialogue.default_locale.clone(),
            recommend: config.recommend.clone(),
            behavior: config.behavior.clone(),
            search_dir: ProductSearch::index_dir(&config.data_dir),
            watch: config.knowledge.watch,
            csat: config.dialogue.csat,
            clock: None,
        }
    }
}

/// A started dialogue and the parts the HTTP layer (or a test) shares with it.
pub struct Running {
    pub dialogue: Dialogue,
    pub knowledge: Arc<LiveGraph>,
    pub events: Arc<EventLog>,
    pub nlu_stats: Option<Arc<NluStats>>,
    /// Keeps the knowledge file watcher alive (when watching).
    pub watch: Option<WatchHandle>,
}

/// Loads the knowledge graph (from the sled snapshot when the files are unchanged), the
/// event log and the templates, and starts the dialogue on `models`. A broken catalogue
/// stops the start, with every problem listed.
pub fn dialogue(models: &Models, store: &Store, settings: Settings) -> Result<Running, StartError> {
    let knowledge_error = |dir: &Path| {
        let dir = dir.to_path_buf();
        move |source| StartError::Knowledge { dir, source }
    };
    let graph = LiveGraph::open(&settings.knowledge_dir, Some(store.clone()))
        .map_err(knowledge_error(&settings.knowledge_dir))?;
    // With replicas: the edits other replicas made (before this one started, and later).
    crate::knowledge::catch_up(&graph).map_err(knowledge_error(&settings.knowledge_dir))?;
    crate::knowledge::follow(&graph);
    let watch = if settings.watch {
        Some(
            graph
                .watch()
                .map_err(knowledge_error(&settings.knowledge_dir))?,
        )
    } else {
        None
    };
    // FAQ phrasings are embedded now, and again (only changed ones) for each reloaded graph.
    graph
        .set_embedder(models.embed.clone())
        .map_err(knowledge_error(&settings.knowledge_dir))?;
    if let Some(embed) = &models.multilingual {
        // E5 was trained with "query: " before a query; FAQ questions are queries too.
        graph
            .set_multilingual(crate::knowledge::MultilingualEncoder {
                embed: embed.clone(),
                prefix: "query: ".into(),
            })
            .map_err(knowledge_error(&settings.knowledge_dir))?;
    }
    let events = Arc::new(EventLog::open(store, settings.behavior.clone())?);
    let templates = Templates::load(&settings.responses, &settings.default_locale)?;
    let dialogue = Dialogue::new(DialogueParts {
        nlu: models.nlu.clone(),
        graph: graph.clone(),
        embed: models.embed.clone(),
        store: store.clone(),
        templates,
        events: events.clone(),
        recommend: settings.recommend,
        behavior: settings.behavior,
        search_dir: Some(settings.search_dir),
        clock: settings.clock,
    })?
    .with_csat(settings.csat);
    Ok(Running {
        dialogue,
        knowledge: graph,
        events,
        nlu_stats: models.nlu_stats.clone(),
        watch,
    })
}

/// `kefu serve`'s dialogue: the configured models and shop.
pub fn from_config(config: &Config, store: &Store) -> Result<Running, StartError> {
    let models = Models::load(config)?;
    let running = dialogue(&models, store, Settings::of(config))?;
    tracing::info!("dialogue ready");
    Ok(running)
}
