//! Interaction logs for offline evaluation: SASRec's `user item` pairs, S3-Rec's
//! `user item1 item2 …` sequences, or kefu's own JSONL event log.

use std::collections::{BTreeMap, HashMap};
use std::io::BufRead;
use std::path::Path;
use std::str::FromStr;

use crate::behavior::{Event, EventInput};
use crate::recommend::RecommendError;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    /// One interaction per line, `user item`, in time order (SASRec).
    Pairs,
    /// One user per line, `user item1 item2 …`, in time order (S3-Rec).
    Sequences,
    /// kefu's event log, one JSON event per line.
    Events,
}

impl FromStr for LogFormat {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "pairs" => Ok(LogFormat::Pairs),
            "sequences" => Ok(LogFormat::Sequences),
            "events" => Ok(LogFormat::Events),
            other => Err(format!(
                "unknown interaction format {other:?} (one of: pairs, sequences, events)"
            )),
        }
    }
}

/// Users' item sequences in time order, items as dense ids.
#[derive(Debug, Clone, Default)]
pub struct Interactions {
    pub users: Vec<String>,
    pub items: Vec<String>,
    pub sequences: Vec<Vec<u32>>,
}

impl Interactions {
    pub fn interactions(&self) -> usize {
        self.sequences.iter().map(Vec::len).sum()
    }

    /// Builds from (user, item) pairs already in time order per user; users and items keep
    /// their order of first appearance.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let mut out = Interactions::default();
        let mut user_ix: HashMap<String, usize> = HashMap::new();
        let mut item_ix: HashMap<String, u32> = HashMap::new();
        for (u, i) in pairs {
            let ui = *user_ix.entry(u.to_string()).or_insert_with(|| {
                out.users.push(u.to_string());
                out.sequences.push(Vec::new());
                out.users.len() - 1
            });
            let ii = *item_ix.entry(i.to_string()).or_insert_with(|| {
                out.items.push(i.to_string());
                (out.items.len() - 1) as u32
            });
            out.sequences[ui].push(ii);
        }
        out
    }
}

pub fn read_interactions(path: &Path, format: LogFormat) -> Result<Interactions, RecommendError> {
    let file = std::fs::File::open(path).map_err(|source| RecommendError::Read {
        path: path.to_path_buf(),
        source,
    })?;
    let reader = std::io::BufReader::new(file);
    let mut lines = Vec::new();
    for (n, line) in reader.lines().enumerate() {
        let line = line.map_err(|source| RecommendError::Read {
            path: path.to_path_buf(),
            source,
        })?;
        if !line.trim().is_empty() {
            lines.push((n + 1, line));
        }
    }
    let bad = |line: usize, message: String| RecommendError::Parse {
        path: path.to_path_buf(),
        line,
        message,
    };
    match format {
        LogFormat::Pairs => {
            let mut pairs = Vec::with_capacity(lines.len());
            for (n, line) in &lines {
                let mut parts = line.split_whitespace();
                match (parts.next(), parts.next(), parts.next()) {
                    (Some(u), Some(i), None) => pairs.push((u, i)),
                    _ => {
                        return Err(bad(
                            *n,
                            format!("expected `user item`, got {line:?} (hint: is this a sequences file? try --format sequences)"),
                        ))
                    }
                }
            }
            Ok(Interactions::from_pairs(pairs))
        }
        LogFormat::Sequences => {
            let mut pairs = Vec::new();
            for (n, line) in &lines {
                let mut parts = line.split_whitespace();
                let user = parts.next().expect("non-empty line");
                let before = pairs.len();
                pairs.extend(parts.map(|i| (user, i)));
                if pairs.len() == before {
                    return Err(bad(
                        *n,
                        format!("user {user:?} has no items (expected `user item1 item2 …`)"),
                    ));
                }
            }
            Ok(Interactions::from_pairs(pairs))
        }
        LogFormat::Events => {
            // Accepts stored events (with `seq`) and events as clients send them.
            let mut events: Vec<(usize, Event)> = Vec::with_capacity(lines.len());
            for (n, line) in &lines {
                let value: serde_json::Value =
                    serde_json::from_str(line).map_err(|e| bad(*n, format!("not JSON: {e}")))?;
                let event = if value.get("seq").is_some() {
                    serde_json::from_value::<Event>(value)
                        .map_err(|e| bad(*n, format!("not a kefu event: {e}")))?
                } else {
                    let input: EventInput = serde_json::from_value(value)
                        .map_err(|e| bad(*n, format!("not a kefu event: {e}")))?;
                    let action = input
                        .validate(*n, None, &crate::behavior::Bounds::default())
                        .map_err(|e| bad(*n, e.to_string()))?;
                    Event {
                        seq: *n as u64,
                        id: input.id,
                        session: input.session,
                        user: input.user,
                        at: input.at.unwrap_or_default(),
                        source: crate::behavior::Source::Backend,
                        received: input.at.unwrap_or_default(),
                        action,
                    }
                };
                events.push((*n, event));
            }
            // A session that logged in counts as its user throughout.
            let mut links: HashMap<String, String> = HashMap::new();
            for (_, e) in &events {
                if let (Some(s), Some(u)) = (&e.session, &e.user) {
                    links.entry(s.0.clone()).or_insert_with(|| u.0.clone());
                }
            }
            events.sort_by(|a, b| a.1.at.cmp(&b.1.at).then(a.1.seq.cmp(&b.1.seq)));
            let mut seqs: BTreeMap<String, Vec<String>> = BTreeMap::new();
            for (_, e) in &events {
                use crate::behavior::Action;
                let Some(product) = e.action.product() else {
                    continue;
                };
                if matches!(e.action, Action::RemoveFromCart { .. }) {
                    continue;
                }
                let subject = match (&e.user, &e.session) {
                    (Some(u), _) => u.0.clone(),
                    (None, Some(s)) => links
                        .get(&s.0)
                        .cloned()
                        .unwrap_or_else(|| format!("session:{s}")),
                    (None, None) => continue,
                };
                let seq = seqs.entry(subject).or_default();
                // Viewing, carting and buying one product in a row is one step, not three.
                if seq.last() != Some(&product.0) {
                    seq.push(product.0.clone());
                }
            }
            Ok(Interactions::from_pairs(seqs.iter().flat_map(
                |(u, items)| items.iter().map(move |i| (u.as_str(), i.as_str())),
            )))
        }
    }
}
