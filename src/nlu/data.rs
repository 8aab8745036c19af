//! Labelled NLU data: kefu's JSONL (`{"text","intent","slots":[{"slot","value","start","end"}],
//! "sentiment"?}`, character offsets) and Rasa NLU YAML (`nlu:` / `- intent:` / `examples: |`
//! with `[value](slot)` annotations). Every malformed row is reported with file and line.

use serde::Deserialize;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

use super::tokenize::char_slice;
use super::NluError;
use crate::types::{Sentiment, Slot};

/// One labelled utterance.
#[derive(Debug, Clone, PartialEq)]
pub struct Example {
    pub text: String,
    pub intent: String,
    pub slots: Vec<Slot>,
    /// Rows without a sentiment do not train the sentiment head.
    pub sentiment: Option<Sentiment>,
    /// `file:line` it came from.
    pub source: String,
}

/// A loaded data set and the SHA-256 of the bytes it came from.
#[derive(Debug, Clone)]
pub struct Dataset {
    pub examples: Vec<Example>,
    pub sha256: String,
    pub files: Vec<PathBuf>,
}

/// The files a data path names: the file itself, or every .jsonl/.yml/.yaml in a folder
/// (sorted, not recursive).
pub fn data_files(path: &Path) -> Result<Vec<PathBuf>, NluError> {
    if path.is_dir() {
        let mut files: Vec<PathBuf> = std::fs::read_dir(path)
            .map_err(|e| NluError::io(path, e))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                p.is_file()
                    && matches!(
                        p.extension().and_then(|e| e.to_str()),
                        Some("jsonl" | "yml" | "yaml")
                    )
            })
            .collect();
        files.sort();
        if files.is_empty() {
            return Err(NluError::Data(vec![format!(
                "{}: no .jsonl, .yml or .yaml files in this folder",
                path.display()
            )]));
        }
        Ok(files)
    } else if path.is_file() {
        Ok(vec![path.to_path_buf()])
    } else {
        Err(NluError::io(
            path,
            std::io::Error::new(std::io::ErrorKind::NotFound, "no such file or folder"),
        ))
    }
}

/// SHA-256 over the named files' bytes, in order: the data hash an artifact records.
pub fn data_sha256(path: &Path) -> Result<String, NluError> {
    let mut hasher = Sha256::new();
    for f in data_files(path)? {
        let bytes = std::fs::read(&f).map_err(|e| NluError::io(&f, e))?;
        hasher.update(&bytes);
    }
    Ok(hex::encode(hasher.finalize()))
}

/// Loads a file or folder; fails listing every problem found (not just the first).
pub fn load(path: &Path) -> Result<Dataset, NluError> {
    let files = data_files(path)?;
    load_files(files, path)
}

/// Where accepted review corrections go: `review.jsonl` in the NLU data folder.
pub const REVIEW_FILE: &str = "review.jsonl";

/// The files `kefu train` reads for `data`: its own files, plus the accepted review
/// corrections (`review.jsonl`) beside a single data file, when there are any.
pub fn training_files(data: &Path) -> Result<Vec<PathBuf>, NluError> {
    let mut files = data_files(data)?;
    if data.is_file() {
        let review = data.with_file_name(REVIEW_FILE);
        if review.is_file() && !files.contains(&review) {
            files.push(review);
        }
    }
    Ok(files)
}

/// Loads several files as one data set; the hash covers every file's bytes in order.
pub fn load_many(files: &[PathBuf]) -> Result<Dataset, NluError> {
    let name = files
        .first()
        .cloned()
        .unwrap_or_else(|| PathBuf::from("(no files)"));
    load_files(files.to_vec(), &name)
}

/// Appends one labelled row to a JSONL file (created with its folder when missing). The
/// row is checked the way [`load`] reads it back first: one that would not load is
/// refused and nothing is written. Durable (fsync) before returning.
pub fn append_example(
    path: &Path,
    text: &str,
    intent: &str,
    slots: &[Slot],
    sentiment: Option<Sentiment>,
    source: &str,
) -> Result<Example, NluError> {
    use std::io::Write;
    let mut row = serde_json::json!({
        "text": text,
        "intent": intent,
        "slots": slots,
        "source": source,
    });
    if let Some(s) = sentiment {
        row["sentiment"] = serde_json::json!(s.as_str());
    }
    let line = serde_json::to_string(&row).expect("row serializes");
    let mut checked_rows = Vec::new();
    let mut problems = Vec::new();
    parse_jsonl(
        &line,
        "the corrected example",
        &mut checked_rows,
        &mut problems,
    );
    if !problems.is_empty() {
        return Err(NluError::Data(problems));
    }
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| NluError::io(dir, e))?;
    }
    let mut f = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .map_err(|e| NluError::io(path, e))?;
    // One write per row: appends from two reviewers never interleave inside a line.
    f.write_all(format!("{line}\n").as_bytes())
        .and_then(|_| f.sync_data())
        .map_err(|e| NluError::io(path, e))?;
    let mut ex = checked_rows.remove(0);
    ex.source = path.display().to_string();
    Ok(ex)
}

fn load_files(files: Vec<PathBuf>, path: &Path) -> Result<Dataset, NluError> {
    let mut examples = Vec::new();
    let mut problems = Vec::new();
    let mut hasher = Sha256::new();
    for f in &files {
        let raw = std::fs::read_to_string(f).map_err(|e| NluError::io(f, e))?;
        hasher.update(raw.as_bytes());
        let name = f.display().to_string();
        match f.extension().and_then(|e| e.to_str()) {
            Some("yml" | "yaml") => parse_rasa(&raw, &name, &mut examples, &mut problems),
            _ => parse_jsonl(&raw, &name, &mut examples, &mut problems),
        }
    }
    if examples.is_empty() && problems.is_empty() {
        problems.push(format!("{}: no examples", path.display()));
    }
    if !problems.is_empty() {
        return Err(NluError::Data(problems));
    }
    Ok(Dataset {
        examples,
        sha256: hex::encode(hasher.finalize()),
        files,
    })
}

#[derive(Deserialize)]
struct JsonRow {
    text: String,
    intent: String,
    #[serde(default)]
    slots: Vec<Slot>,
    #[serde(default)]
    sentiment: Option<String>,
}

pub(crate) fn parse_jsonl(
    raw: &str,
    file: &str,
    out: &mut Vec<Example>,
    problems: &mut Vec<String>,
) {
    for (i, line) in raw.lines().enumerate() {
        let at = format!("{file}:{}", i + 1);
        if line.trim().is_empty() {
            continue;
        }
        let row: JsonRow = match serde_json::from_str(line) {
            Ok(r) => r,
            Err(e) => {
                problems.push(format!(
                    "{at}: not a valid row ({e}); expected {{\"text\", \"intent\", \"slots\": [{{\"slot\", \"value\", \"start\", \"end\"}}], \"sentiment\"?}}"
                ));
                continue;
            }
        };
        let sentiment = match row.sentiment.as_deref() {
            None => None,
            Some(s) => match Sentiment::parse(s) {
                Some(s) => Some(s),
                None => {
                    problems.push(format!(
                        "{at}: sentiment {s:?} is not one of negative, neutral, positive"
                    ));
                    continue;
                }
            },
        };
        if let Some(ex) = checked(row.text, row.intent, row.slots, sentiment, at, problems) {
            out.push(ex);
        }
    }
}

/// Validates one row's fields; pushes problems and returns None when it is unusable.
fn checked(
    text: String,
    intent: String,
    mut slots: Vec<Slot>,
    sentiment: Option<Sentiment>,
    at: String,
    problems: &mut Vec<String>,
) -> Option<Example> {
    let before = problems.len();
    if text.trim().is_empty() {
        problems.push(format!("{at}: text is empty"));
    }
    if intent.trim().is_empty() {
        problems.push(format!("{at}: intent is empty"));
    }
    let len = text.chars().count();
    for s in &slots {
        if s.slot.trim().is_empty() {
            problems.push(format!("{at}: a slot has an empty name"));
        } else if s.start >= s.end || s.end > len {
            problems.push(format!(
                "{at}: slot {} has offsets {}..{} outside the text ({len} characters)",
                s.slot, s.start, s.end
            ));
        } else {
            let span = char_slice(&text, s.start, s.end);
            if span != s.value {
                problems.push(format!(
                    "{at}: slot {} offsets {}..{} give {span:?}, not its value {:?} (offsets count characters, end exclusive)",
                    s.slot, s.start, s.end, s.value
                ));
            }
        }
    }
    slots.sort_by_key(|s| (s.start, s.end));
    for w in slots.windows(2) {
        if w[1].start < w[0].end {
            problems.push(format!(
                "{at}: slots {} and {} overlap",
                w[0].slot, w[1].slot
            ));
        }
    }
    if problems.len() > before {
        return None;
    }
    Some(Example {
        text,
        intent,
        slots,
        sentiment,
        source: at,
    })
}

pub(crate) fn parse_rasa(
    raw: &str,
    file: &str,
    out: &mut Vec<Example>,
    problems: &mut Vec<String>,
) {
    let doc: serde_yaml::Value = match serde_yaml::from_str(raw) {
        Ok(v) => v,
        Err(e) => {
            let line = e.location().map(|l| l.line()).unwrap_or(0);
            problems.push(format!("{file}:{line}: not valid YAML ({e})"));
            return;
        }
    };
    let Some(items) = doc.get("nlu").and_then(|v| v.as_sequence()) else {
        problems.push(format!(
            "{file}:1: no `nlu:` list (expected Rasa NLU data: nlu: / - intent: name / examples: |)"
        ));
        return;
    };
    let lines: Vec<&str> = raw.lines().collect();
    let mut cursor = 0usize;
    for item in items {
        let Some(intent) = item.get("intent").and_then(|v| v.as_str()) else {
            continue; // synonym:, regex:, lookup: entries carry no examples
        };
        // Find the block's line so problems can point at it.
        if let Some(i) = lines[cursor..].iter().position(|l| {
            let t = l.trim_start().trim_start_matches("- ").trim();
            t.starts_with("intent:")
                && t["intent:".len()..].trim().trim_matches(['"', '\'']) == intent
        }) {
            cursor += i;
        }
        let Some(examples) = item.get("examples").and_then(|v| v.as_str()) else {
            problems.push(format!(
                "{file}:{}: intent {intent} has no `examples: |` block",
                cursor + 1
            ));
            continue;
        };
        for ex in examples.lines() {
            let ex = ex.trim();
            if ex.is_empty() {
                continue;
            }
            let body = ex.strip_prefix("- ").or_else(|| ex.strip_prefix('-'));
            let line_no = lines[cursor..]
                .iter()
                .position(|l| l.trim() == ex)
                .map(|i| cursor + i)
                .unwrap_or(cursor);
            let at = format!("{file}:{}", line_no + 1);
            cursor = line_no;
            let Some(body) = body else {
                problems.push(format!("{at}: an example must start with `- `"));
                continue;
            };
            match parse_annotated(body.trim()) {
                Ok((text, slots)) => {
                    if let Some(e) = checked(text, intent.to_string(), slots, None, at, problems) {
                        out.push(e);
                    }
                }
                Err(msg) => problems.push(format!("{at}: {msg}")),
            }
        }
    }
}

/// `show me [red](colour) [nike](brand) shoes` → the plain text and its slots.
/// Accepts `[value](slot)`, `[value](slot:synonym)` and `[value]{"entity": "slot"}`.
pub(crate) fn parse_annotated(s: &str) -> Result<(String, Vec<Slot>), String> {
    let mut text = String::new();
    let mut slots = Vec::new();
    let mut rest = s;
    while let Some(open) = rest.find('[') {
        text.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let close = after
            .find(']')
            .ok_or_else(|| format!("unclosed `[` in {s:?}"))?;
        let value = &after[..close];
        let tail = &after[close + 1..];
        let (slot, consumed) = if let Some(t) = tail.strip_prefix('(') {
            let end = t
                .find(')')
                .ok_or_else(|| format!("unclosed `(` after [{value}] in {s:?}"))?;
            let name = t[..end].split(':').next().unwrap_or("").trim().to_string();
            (name, end + 2)
        } else if tail.starts_with('{') {
            let end = tail
                .find('}')
                .ok_or_else(|| format!("unclosed `{{` after [{value}] in {s:?}"))?;
            let obj: serde_json::Value = serde_json::from_str(&tail[..=end])
                .map_err(|e| format!("bad entity annotation after [{value}]: {e}"))?;
            let name = obj
                .get("entity")
                .and_then(|v| v.as_str())
                .ok_or_else(|| format!("annotation after [{value}] has no \"entity\""))?;
            (name.to_string(), end + 1)
        } else {
            return Err(format!(
                "[{value}] is not followed by (slot) or {{\"entity\": ...}} in {s:?}"
            ));
        };
        if slot.is_empty() {
            return Err(format!("[{value}] has an empty slot name"));
        }
        let start = text.chars().count();
        text.push_str(value);
        slots.push(Slot {
            slot,
            value: value.to_string(),
            start,
            end: start + value.chars().count(),
        });
        rest = &tail[consumed..];
    }
    text.push_str(rest);
    Ok((text, slots))
}

/// A seeded split: `fraction` of the examples (at least one) held out for dev.
pub fn split(examples: &[Example], fraction: f64, seed: u64) -> (Vec<Example>, Vec<Example>) {
    use rand::seq::SliceRandom;
    use rand::SeedableRng;
    let mut idx: Vec<usize> = (0..examples.len()).collect();
    idx.shuffle(&mut rand::rngs::StdRng::seed_from_u64(seed));
    let n_dev = ((examples.len() as f64 * fraction).round() as usize)
        .max(1)
        .min(examples.len().saturating_sub(1));
    let dev = idx[..n_dev].iter().map(|&i| examples[i].clone()).collect();
    let train = idx[n_dev..].iter().map(|&i| examples[i].clone()).collect();
    (train, dev)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rasa_annotations_become_character_spans() {
        let (text, slots) =
            parse_annotated("show me [rote](colour) [Nike Air](brand:nike) 👟").unwrap();
        assert_eq!(text, "show me rote Nike Air 👟");
        assert_eq!(slots.len(), 2);
        assert_eq!((slots[0].start, slots[0].end), (8, 12));
        assert_eq!(slots[1].slot, "brand");
        assert_eq!(char_slice(&text, slots[1].start, slots[1].end), "Nike Air");
        let (_, slots) = parse_annotated(r#"in [größe 42]{"entity": "size"}"#).unwrap();
        assert_eq!(slots[0].slot, "size");
        assert_eq!((slots[0].start, slots[0].end), (3, 11));
        assert!(parse_annotated("a [broken(slot)").is_err());
        assert!(parse_annotated("a [value] alone").is_err());
    }

    #[test]
    fn seeded_split_is_reproducible_and_disjoint() {
        let exs: Vec<Example> = (0..50)
            .map(|i| Example {
                text: format!("t{i}"),
                intent: "x".into(),
                slots: vec![],
                sentiment: None,
                source: String::new(),
            })
            .collect();
        let (a_train, a_dev) = split(&exs, 0.1, 7);
        let (b_train, b_dev) = split(&exs, 0.1, 7);
        assert_eq!(a_dev, b_dev);
        assert_eq!(a_train, b_train);
        assert_eq!(a_dev.len(), 5);
        assert!(a_dev.iter().all(|d| !a_train.contains(d)));
    }
}
