//! The gate between `kefu train` and `kefu serve`: a retrained model waits in
//! `<model_dir>.candidate` and is swapped in at start only if its test scores (as its
//! meta.json records them) are not worse than the serving model's.

use std::path::{Path, PathBuf};

use super::artifact::META_FILE;
use super::{NluConfig, NluError, Summary};

/// What `serve` did with a waiting candidate.
#[derive(Debug, Clone, PartialEq)]
pub enum SwapDecision {
    /// No candidate was waiting.
    NoCandidate,
    /// The candidate now serves; the old model is kept in `<model_dir>.previous`.
    Swapped { reason: String },
    /// The candidate stays where it is, unused.
    Kept { reason: String },
}

/// Where `kefu train` leaves a retrained model for `serve` to judge.
pub fn candidate_dir(model_dir: &Path) -> PathBuf {
    let mut name = model_dir.as_os_str().to_os_string();
    name.push(".candidate");
    PathBuf::from(name)
}

fn previous_dir(model_dir: &Path) -> PathBuf {
    let mut name = model_dir.as_os_str().to_os_string();
    name.push(".previous");
    PathBuf::from(name)
}

/// The test scores meta.json records, read leniently (only these fields matter here).
fn test_metrics(dir: &Path) -> Result<Option<Summary>, NluError> {
    let path = dir.join(META_FILE);
    let raw = std::fs::read_to_string(&path).map_err(|e| NluError::io(&path, e))?;
    let value: serde_json::Value = serde_json::from_str(&raw).map_err(|e| NluError::Artifact {
        dir: dir.to_path_buf(),
        message: format!("{META_FILE} is corrupt: {e}"),
    })?;
    Ok(value
        .get("test_metrics")
        .filter(|v| !v.is_null())
        .and_then(|v| serde_json::from_value(v.clone()).ok()))
}

fn pct(x: f64) -> String {
    format!("{:.2}%", x * 100.0)
}

/// Judges the candidate by `config.swap_policy` and swaps it in when it passes.
pub fn swap_candidate(config: &NluConfig) -> Result<SwapDecision, NluError> {
    let current = &config.model_dir;
    let candidate = candidate_dir(current);
    if !candidate.join(META_FILE).is_file() {
        return Ok(SwapDecision::NoCandidate);
    }
    let verdict: Result<String, String> = match config.swap_policy.as_str() {
        "never" => Err("nlu.swap_policy is `never`".into()),
        "always" => Ok("nlu.swap_policy is `always`".into()),
        _ if !current.join(META_FILE).is_file() => Ok("no model was serving".into()),
        _ => {
            let new = test_metrics(&candidate)?;
            let old = test_metrics(current)?;
            let tol = config.swap_tolerance;
            match (new, old) {
                (_, None) => Ok("the serving model has no test scores to beat".into()),
                (None, Some(_)) => Err(
                    "the candidate has no test scores (train it with --test) and the serving model has"
                        .into(),
                ),
                (Some(n), Some(o)) => {
                    let line = format!(
                        "intent accuracy {} → {}, slot F1 {} → {}",
                        pct(o.intent_accuracy),
                        pct(n.intent_accuracy),
                        pct(o.slot_f1),
                        pct(n.slot_f1)
                    );
                    if n.intent_accuracy + tol >= o.intent_accuracy && n.slot_f1 + tol >= o.slot_f1
                    {
                        Ok(format!("not worse on the test file: {line}"))
                    } else {
                        Err(format!("worse on the test file: {line}"))
                    }
                }
            }
        }
    };
    match verdict {
        Err(reason) => Ok(SwapDecision::Kept { reason }),
        Ok(reason) => {
            let previous = previous_dir(current);
            if current.exists() {
                if previous.exists() {
                    std::fs::remove_dir_all(&previous).map_err(|e| NluError::io(&previous, e))?;
                }
                std::fs::rename(current, &previous).map_err(|e| NluError::io(current, e))?;
            }
            std::fs::rename(&candidate, current).map_err(|e| NluError::io(&candidate, e))?;
            Ok(SwapDecision::Swapped { reason })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn artifact(dir: &Path, scores: Option<(f64, f64)>) {
        std::fs::create_dir_all(dir).unwrap();
        let test = scores.map(|(i, s)| {
            serde_json::json!({"intent_accuracy": i, "slot_f1": s, "sentence_accuracy": 0.5})
        });
        let meta = serde_json::json!({ "format": 1, "test_metrics": test });
        std::fs::write(dir.join(META_FILE), meta.to_string()).unwrap();
    }

    fn config(dir: &Path, policy: &str, tol: f64) -> NluConfig {
        NluConfig {
            model_dir: dir.join("kefu-nlu"),
            swap_policy: policy.into(),
            swap_tolerance: tol,
            ..NluConfig::default()
        }
    }

    fn serving_scores(c: &NluConfig) -> Option<Summary> {
        test_metrics(&c.model_dir).unwrap()
    }

    #[test]
    fn a_worse_candidate_waits_and_a_better_one_serves() {
        let tmp = tempfile::tempdir().unwrap();
        let c = config(tmp.path(), "not_worse", 0.0);
        assert_eq!(swap_candidate(&c).unwrap(), SwapDecision::NoCandidate);
        artifact(&c.model_dir, Some((0.90, 0.80)));
        artifact(&candidate_dir(&c.model_dir), Some((0.89, 0.85)));
        assert!(matches!(
            swap_candidate(&c).unwrap(),
            SwapDecision::Kept { .. }
        ));
        assert_eq!(serving_scores(&c).unwrap().intent_accuracy, 0.90);
        assert!(candidate_dir(&c.model_dir).exists());

        // Within the tolerance it counts as not worse.
        let lenient = config(tmp.path(), "not_worse", 0.02);
        assert!(matches!(
            swap_candidate(&lenient).unwrap(),
            SwapDecision::Swapped { .. }
        ));
        assert_eq!(serving_scores(&c).unwrap().intent_accuracy, 0.89);
        assert!(!candidate_dir(&c.model_dir).exists());
        assert_eq!(
            test_metrics(&previous_dir(&c.model_dir))
                .unwrap()
                .unwrap()
                .intent_accuracy,
            0.90
        );

        // Equal scores are not worse.
        artifact(&candidate_dir(&c.model_dir), Some((0.89, 0.85)));
        assert!(matches!(
            swap_candidate(&c).unwrap(),
            SwapDecision::Swapped { .. }
        ));
    }

    #[test]
    fn policies_never_and_always_and_a_candidate_without_scores() {
        let tmp = tempfile::tempdir().unwrap();
        let c = config(tmp.path(), "never", 0.0);
        artifact(&c.model_dir, Some((0.5, 0.5)));
        artifact(&candidate_dir(&c.model_dir), Some((0.9, 0.9)));
        assert!(matches!(
            swap_candidate(&c).unwrap(),
            SwapDecision::Kept { .. }
        ));
        let c2 = config(tmp.path(), "not_worse", 0.0);
        artifact(&candidate_dir(&c.model_dir), None);
        assert!(matches!(
            swap_candidate(&c2).unwrap(),
            SwapDecision::Kept { .. }
        ));
        let c3 = config(tmp.path(), "always", 0.0);
        assert!(matches!(
            swap_candidate(&c3).unwrap(),
            SwapDecision::Swapped { .. }
        ));
        assert_eq!(serving_scores(&c3), None);
    }
}
