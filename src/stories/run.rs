//! Plays a story against a real kefu: the dialogue on a catalogue, its NLU, encoder and
//! sled store, with "now" pinned so the order book's return windows do not drift.

use chrono::{DateTime, Utc};
use serde::Serialize;
use std::path::Path;
use std::sync::Arc;

use super::checks::{check_step, Failure, FailureKind, TurnView};
use super::format::Story;
use super::StoryError;
use crate::behavior::{BehaviorConfig, EventLog};
use crate::dialogue::{ChatService, Dialogue, Turn, TurnInput, Understand};
use crate::knowledge::LiveGraph;
use crate::recommend::RecommendConfig;
use crate::start::{Models, Settings};
use crate::store::Store;
use crate::types::{Embed, Reply, SessionId, UserId};

/// The fixed "now" of every story (the demo order book's dates are written for it).
pub fn story_clock() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-28T12:00:00Z")
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or_default()
}

/// What every kefu a run starts shares: loaded once.
#[derive(Clone)]
pub struct StoryParts {
    pub nlu: Arc<dyn Understand>,
    pub embed: Arc<dyn Embed>,
    /// The multilingual encoder for FAQ questions in other languages (`Models::multilingual`).
    pub multilingual: Option<Arc<dyn Embed>>,
    /// The reply templates folder (the shop's `responses/`), the same on every catalogue.
    pub responses: std::path::PathBuf,
    pub recommend: RecommendConfig,
    pub behavior: BehaviorConfig,
}

/// A started kefu: the dialogue and what a story (or a test) looks into.
pub struct StoryKefu {
    pub dialogue: Dialogue,
    pub graph: Arc<LiveGraph>,
    pub events: Arc<EventLog>,
}

/// Starts kefu on the catalogue in `knowledge` with its data in `data`, through the same
/// wiring `kefu serve` uses (`crate::start`), on the fixed clock.
pub fn start(parts: &StoryParts, data: &Path, knowledge: &Path) -> Result<StoryKefu, StoryError> {
    let store = Store::open(data)?;
    let models = Models {
        nlu: parts.nlu.clone(),
        embed: parts.embed.clone(),
        nlu_stats: None,
        multilingual: parts.multilingual.clone(),
    };
    let settings = Settings {
        knowledge_dir: knowledge.to_path_buf(),
        responses: parts.responses.clone(),
        default_locale: "en".into(),
        recommend: parts.recommend.clone(),
        behavior: parts.behavior.clone(),
        search_dir: data.join("search"),
        watch: false,
        csat: false,
        clock: Some(story_clock()),
    };
    let running = crate::start::dialogue(&models, &store, settings)?;
    Ok(StoryKefu {
        dialogue: running.dialogue,
        graph: running.knowledge,
        events: running.events,
    })
}

/// How one step went.
#[derive(Debug, Clone, Serialize)]
pub struct StepResult {
    /// What the shopper typed, or `[payload]` for a button.
    pub said: String,
    pub passed: bool,
    /// Not played: an earlier step could not go on.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub not_played: bool,
    pub intent: Option<String>,
    pub action: String,
    pub reply: String,
    pub products: Vec<String>,
    pub failures: Vec<Failure>,
}

/// How one story went.
#[derive(Debug, Clone, Serialize)]
pub struct StoryResult {
    pub file: String,
    pub story: String,
    pub set: String,
    /// The `open:` reason, when the story is known to fail today.
    pub open: Option<String>,
    pub passed: bool,
    pub steps: Vec<StepResult>,
}

impl StoryResult {
    /// Every failure, one line each, as a test prints them.
    pub fn failure_lines(&self) -> Vec<String> {
        let mut out = Vec::new();
        for (i, s) in self.steps.iter().enumerate() {
            for f in &s.failures {
                out.push(format!(
                    "{}: story {:?} step {} ({:?}): [{}] {}",
                    self.file,
                    self.story,
                    i + 1,
                    s.said,
                    f.kind.name(),
                    f.message
                ));
            }
        }
        out
    }
}

/// Where a story runs: the catalogue and data folder of its set, and the kefu started on
/// them (a `restart` step starts it again on the same data).
pub struct Stage<'a> {
    pub parts: &'a StoryParts,
    pub data: &'a Path,
    pub knowledge: &'a Path,
    kefu: Option<StoryKefu>,
}

impl<'a> Stage<'a> {
    pub fn new(
        parts: &'a StoryParts,
        data: &'a Path,
        knowledge: &'a Path,
    ) -> Result<Self, StoryError> {
        Ok(Self {
            parts,
            data,
            knowledge,
            kefu: Some(start(parts, data, knowledge)?),
        })
    }

    /// Drops kefu (it lets go of the sled store) and starts it again on the same data.
    pub fn restart(&mut self) -> Result<&StoryKefu, StoryError> {
        self.kefu = None;
        Ok(self
            .kefu
            .insert(start(self.parts, self.data, self.knowledge)?))
    }

    pub fn kefu(&mut self) -> Result<&StoryKefu, StoryError> {
        match self.kefu {
            Some(ref k) => Ok(k),
            None => self.restart(),
        }
    }
}

fn unplayed(said: String, why: String) -> StepResult {
    StepResult {
        said,
        passed: false,
        not_played: why.is_empty(),
        intent: None,
        action: String::new(),
        reply: String::new(),
        products: Vec::new(),
        failures: if why.is_empty() {
            Vec::new()
        } else {
            vec![Failure {
                kind: FailureKind::NoReply,
                message: why,
            }]
        },
    }
}

/// Plays `story` on `stage` in a session of its own. Steps after one that could not be
/// played (a button not offered, a failed turn) are counted as failed, not played.
pub async fn run_story(
    stage: &mut Stage<'_>,
    set: &str,
    file: &Path,
    story: &Story,
) -> Result<StoryResult, StoryError> {
    let session = format!("story-{}", uuid::Uuid::new_v4());
    let mut steps: Vec<StepResult> = Vec::new();
    let mut last: Option<Reply> = None;
    let mut previous_ids: Vec<String> = Vec::new();
    let mut stopped = false;
    for step in &story.steps {
        let said = match (&step.say, &step.press) {
            (Some(text), _) => text.clone(),
            (None, Some(p)) => format!("[{p}]"),
            (None, None) => String::new(),
        };
        if stopped {
            steps.push(unplayed(said, String::new()));
            continue;
        }
        if step.restart {
            stage.restart()?;
        }
        let input = match (&step.say, &step.press) {
            (Some(text), _) => TurnInput::Text { text: text.clone() },
            (None, Some(p)) => {
                let payload = match p.strip_prefix('#') {
                    Some(n) => {
                        let q = n
                            .parse::<usize>()
                            .ok()
                            .and_then(|n| last.as_ref()?.quick_replies.get(n.checked_sub(1)?));
                        match q {
                            Some(q) => q.payload.clone(),
                            None => {
                                steps.push(unplayed(said, format!("no quick reply {p} to press")));
                                stopped = true;
                                continue;
                            }
                        }
                    }
                    None => p.clone(),
                };
                TurnInput::Action { payload }
            }
            (None, None) => unreachable!("StoryFile::load checks each step has say or press"),
        };
        let focus_before = stage
            .kefu()?
            .dialogue
            .tracker(&session)?
            .and_then(|t| t.focus)
            .map(|f| f.0);
        let turn = Turn {
            session: SessionId::new(&session),
            user: story.user.as_deref().map(UserId::new),
            locale: story.locale.clone(),
            input,
            at: None,
        };
        let replies = match stage.kefu()?.dialogue.turn(turn).await {
            Ok(r) => r,
            Err(e) => {
                steps.push(unplayed(said, format!("turn failed: {e}")));
                stopped = true;
                continue;
            }
        };
        let tracker = stage
            .kefu()?
            .dialogue
            .tracker(&session)?
            .unwrap_or_default();
        if std::env::var_os("KEFU_STORY_DEBUG").is_some() {
            // Set to see every turn's parse and tracker when writing a story.
            eprintln!(
                "{}: {:?} step {said:?}: parse {:?}\n  slots {:?} excluded {:?}",
                file.display(),
                story.story,
                tracker.last_parse,
                tracker.slots,
                tracker.excluded_brands
            );
        }
        let action = tracker
            .turns
            .last()
            .map(|t| t.action.clone())
            .unwrap_or_default();
        if step.silent {
            let failures = match replies.first() {
                Some(r) => vec![Failure {
                    kind: FailureKind::Silence,
                    message: format!("expected no reply, got {:?}", r.text),
                }],
                None => Vec::new(),
            };
            steps.push(StepResult {
                said,
                passed: failures.is_empty(),
                not_played: false,
                intent: None,
                action,
                reply: replies.first().map(|r| r.text.clone()).unwrap_or_default(),
                products: Vec::new(),
                failures,
            });
            continue;
        }
        let Some(reply) = replies.into_iter().next() else {
            steps.push(StepResult {
                action,
                ..unplayed(said, "no reply".into())
            });
            continue;
        };
        let graph = stage.kefu()?.graph.graph();
        let failures = check_step(
            step,
            &TurnView {
                graph: &graph,
                reply: &reply,
                tracker: &tracker,
                action: &action,
                previous: &previous_ids,
                focus_before: focus_before.as_deref(),
            },
        );
        let products: Vec<String> = reply.products.iter().map(|p| p.id.0.clone()).collect();
        steps.push(StepResult {
            said,
            passed: failures.is_empty(),
            not_played: false,
            intent: reply.intent.clone(),
            action,
            reply: reply.text.clone(),
            products: products.clone(),
            failures,
        });
        if !products.is_empty() {
            previous_ids = products;
        }
        last = Some(reply);
    }
    Ok(StoryResult {
        file: file.display().to_string(),
        story: story.story.clone(),
        set: set.to_string(),
        open: story.open.clone(),
        passed: steps.iter().all(|s| s.passed),
        steps,
    })
}
