//! Runs every story set and sums the results up: the share of conversations and of turns
//! that pass, overall, per catalogue and per failure kind.

use futures::FutureExt;
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::Path;

use super::checks::FailureKind;
use super::run::{run_story, Stage, StepResult, StoryParts, StoryResult};
use super::sets::{Catalogue, StorySet};
use super::StoryError;
use crate::knowledge::{import_feed, ImportOptions};

/// Conversations and turns, and how many passed.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Score {
    pub stories: usize,
    pub stories_passed: usize,
    pub turns: usize,
    pub turns_passed: usize,
}

impl Score {
    fn add(&mut self, r: &StoryResult) {
        self.stories += 1;
        self.stories_passed += usize::from(r.passed);
        self.turns += r.steps.len();
        self.turns_passed += r.steps.iter().filter(|s| s.passed).count();
    }

    pub fn story_share(&self) -> f64 {
        share(self.stories_passed, self.stories)
    }

    pub fn turn_share(&self) -> f64 {
        share(self.turns_passed, self.turns)
    }
}

fn share(n: usize, of: usize) -> f64 {
    if of == 0 {
        0.0
    } else {
        n as f64 / of as f64
    }
}

/// How often one kind of failure happened.
#[derive(Debug, Clone, Default, Serialize)]
pub struct KindCount {
    /// Turns with at least one failure of this kind.
    pub turns: usize,
    /// Stories with at least one such turn.
    pub stories: usize,
}

/// A set that could not run here (its feed is missing).
#[derive(Debug, Clone, Serialize)]
pub struct SkippedSet {
    pub set: String,
    pub stories: usize,
    pub why: String,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Report {
    pub all: Score,
    /// Stories not marked `open` (the test suite requires these to pass).
    pub required: Score,
    /// Stories marked `open` (known to fail when written).
    pub open: Score,
    pub conversation_pass_rate: f64,
    pub turn_pass_rate: f64,
    pub by_set: BTreeMap<String, Score>,
    pub by_kind: BTreeMap<FailureKind, KindCount>,
    /// Required stories that failed.
    pub regressions: Vec<String>,
    /// Open stories that pass now (their `open:` line can go).
    pub open_passing: Vec<String>,
    pub skipped_sets: Vec<SkippedSet>,
    pub results: Vec<StoryResult>,
}

impl Report {
    pub fn from_results(results: Vec<StoryResult>, skipped_sets: Vec<SkippedSet>) -> Self {
        let mut r = Report {
            skipped_sets,
            ..Report::default()
        };
        for s in &results {
            r.all.add(s);
            if s.open.is_some() {
                r.open.add(s);
                if s.passed {
                    r.open_passing.push(format!("{}: {}", s.file, s.story));
                }
            } else {
                r.required.add(s);
                if !s.passed {
                    r.regressions.push(format!("{}: {}", s.file, s.story));
                }
            }
            r.by_set.entry(s.set.clone()).or_default().add(s);
            let mut story_kinds = std::collections::BTreeSet::new();
            for step in &s.steps {
                let kinds: std::collections::BTreeSet<FailureKind> =
                    step.failures.iter().map(|f| f.kind).collect();
                for k in &kinds {
                    r.by_kind.entry(*k).or_default().turns += 1;
                }
                story_kinds.extend(kinds);
            }
            for k in story_kinds {
                r.by_kind.entry(k).or_default().stories += 1;
            }
        }
        r.conversation_pass_rate = r.all.story_share();
        r.turn_pass_rate = r.all.turn_share();
        r.results = results;
        r
    }
}

/// Runs every story of every set that can run here, each set on a fresh data folder;
/// `knowledge` gives feeds their FAQ, policies and replies. `progress` hears of each story
/// as it ends.
pub async fn run_sets(
    parts: &StoryParts,
    sets: &[StorySet],
    knowledge: &Path,
    progress: &mut (dyn FnMut(&StoryResult) + Send),
) -> Result<Report, StoryError> {
    let mut results = Vec::new();
    let mut skipped = Vec::new();
    for set in sets {
        if let Some(why) = &set.unavailable {
            skipped.push(SkippedSet {
                set: set.name.clone(),
                stories: set.stories(),
                why: why.clone(),
            });
            continue;
        }
        let data = tempfile::tempdir().map_err(|e| StoryError::io(Path::new("(temp dir)"), e))?;
        let imported = data.path().join("knowledge");
        let catalogue = match &set.catalogue {
            Catalogue::Dir(dir) => dir.clone(),
            Catalogue::Feed { format, file } => {
                import_feed(
                    *format,
                    file,
                    &ImportOptions {
                        out: &imported,
                        defaults: knowledge,
                        currency: None,
                    },
                    &mut |_| {},
                )?;
                imported.clone()
            }
        };
        let store_dir = data.path().join("data");
        let mut stage = Stage::new(parts, &store_dir, &catalogue)?;
        for file in &set.files {
            for story in &file.stories {
                let played = std::panic::AssertUnwindSafe(run_story(
                    &mut stage, &set.name, &file.path, story,
                ))
                .catch_unwind()
                .await;
                let result = match played {
                    Ok(r) => r?,
                    Err(_) => {
                        // A panic is a failed story; kefu starts again for the next one.
                        stage.restart()?;
                        panicked(&set.name, &file.path, story)
                    }
                };
                progress(&result);
                results.push(result);
            }
        }
    }
    Ok(Report::from_results(results, skipped))
}

fn panicked(set: &str, file: &Path, story: &super::Story) -> StoryResult {
    StoryResult {
        file: file.display().to_string(),
        story: story.story.clone(),
        set: set.to_string(),
        open: story.open.clone(),
        passed: false,
        steps: story
            .steps
            .iter()
            .map(|s| StepResult {
                said: s.say.clone().unwrap_or_default(),
                passed: false,
                not_played: false,
                intent: None,
                action: String::new(),
                reply: String::new(),
                products: Vec::new(),
                failures: vec![super::Failure {
                    kind: FailureKind::NoReply,
                    message: "the story panicked".into(),
                }],
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stories::Failure;

    fn step(failures: &[FailureKind]) -> StepResult {
        StepResult {
            said: "hi".into(),
            passed: failures.is_empty(),
            not_played: false,
            intent: None,
            action: String::new(),
            reply: String::new(),
            products: Vec::new(),
            failures: failures
                .iter()
                .map(|k| Failure {
                    kind: *k,
                    message: String::new(),
                })
                .collect(),
        }
    }

    fn story(set: &str, open: bool, steps: Vec<StepResult>) -> StoryResult {
        StoryResult {
            file: "f.yaml".into(),
            story: format!("{set} {open} {}", steps.len()),
            set: set.into(),
            open: open.then(|| "known to fail".into()),
            passed: steps.iter().all(|s| s.passed),
            steps,
        }
    }

    #[test]
    fn shares_kinds_regressions_and_open_stories_that_pass() {
        use FailureKind::*;
        let results = vec![
            story("a", false, vec![step(&[]), step(&[])]),
            story("a", false, vec![step(&[WrongAction, Cart]), step(&[Cart])]),
            story("b", true, vec![step(&[]), step(&[NotFallback])]),
            story("b", true, vec![step(&[])]),
        ];
        let r = Report::from_results(results, Vec::new());
        assert_eq!((r.all.stories, r.all.stories_passed), (4, 2));
        assert_eq!((r.all.turns, r.all.turns_passed), (7, 4));
        assert!((r.conversation_pass_rate - 0.5).abs() < 1e-9);
        assert!((r.turn_pass_rate - 4.0 / 7.0).abs() < 1e-9);
        assert_eq!((r.required.stories, r.required.stories_passed), (2, 1));
        assert_eq!((r.open.stories, r.open.stories_passed), (2, 1));
        assert_eq!(r.regressions.len(), 1);
        assert_eq!(r.open_passing.len(), 1);
        // Cart broke two turns of one story; a turn with two kinds counts for each.
        assert_eq!((r.by_kind[&Cart].turns, r.by_kind[&Cart].stories), (2, 1));
        assert_eq!(r.by_kind[&WrongAction].turns, 1);
        assert_eq!(r.by_kind[&NotFallback].turns, 1);
        assert_eq!(r.by_set["b"].turns_passed, 2);
    }
}
