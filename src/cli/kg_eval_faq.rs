//! `kefu kg eval-faq`: how often the FAQ lookup answers a set of questions right, at the
//! served thresholds and over a sweep (to calibrate them on questions written apart).

use anyhow::{bail, Context, Result};
use serde::Deserialize;

use kefu::knowledge::{FaqHit, Graph};
use kefu::types::Embed;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Question {
    question: String,
    /// The FAQ id that should answer; `None`: none should.
    faq: Option<String>,
}

/// Per question: the expected id, the best hit's id and score, and how it matched.
type Outcome = (Option<String>, Option<(String, f32, bool)>);

pub fn run(
    graph: &Graph,
    embed: &dyn Embed,
    text: &str,
    locale: &str,
    verbose: bool,
) -> Result<()> {
    let mut outcomes: Vec<Outcome> = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let t = line.trim();
        if t.is_empty() || t.starts_with("//") || t.starts_with('#') {
            continue;
        }
        let q: Question =
            serde_json::from_str(t).with_context(|| format!("line {}: not a question", i + 1))?;
        if let Some(id) = &q.faq {
            if !graph.faq().iter().any(|f| &f.id == id) {
                bail!("line {}: unknown FAQ id {id:?}", i + 1);
            }
        }
        let hit = graph
            .faq_lookup_in(&q.question, embed, 1, locale)?
            .into_iter()
            .next()
            .map(|h: FaqHit| (h.entry.id.clone(), h.score, h.fits()));
        if verbose {
            let served = hit.as_ref().filter(|h| h.2);
            if served.map(|h| &h.0) != q.faq.as_ref() {
                println!("miss: {:?} wants {:?}, best {:?}", q.question, q.faq, hit);
            }
        }
        outcomes.push((q.faq, hit));
    }
    let answerable = outcomes.iter().filter(|o| o.0.is_some()).count();
    let none = outcomes.len() - answerable;
    println!(
        "{} questions ({answerable} with an FAQ answer, {none} with none), locale {locale}",
        outcomes.len()
    );
    let top1 = outcomes
        .iter()
        .filter(|(want, hit)| want.is_some() && hit.as_ref().map(|h| &h.0) == want.as_ref())
        .count();
    println!("best hit is the right entry (no threshold): {top1}/{answerable}");
    println!("threshold  right  wrong  unanswered  none-answered  accuracy");
    let mut thresholds: Vec<Option<f32>> = vec![None];
    thresholds.extend((4..=19).map(|i| Some(i as f32 * 0.05)));
    for th in thresholds {
        let (mut right, mut wrong, mut unanswered, mut false_hits) = (0, 0, 0, 0);
        for (want, hit) in &outcomes {
            let answered = hit.as_ref().filter(|h| th.map_or(h.2, |t| h.1 >= t));
            match (want, answered) {
                (Some(w), Some(h)) if &h.0 == w => right += 1,
                (Some(_), Some(_)) => wrong += 1,
                (Some(_), None) => unanswered += 1,
                (None, Some(_)) => false_hits += 1,
                (None, None) => {}
            }
        }
        let correct = right + (none - false_hits);
        let label = th.map_or("served".to_string(), |t| format!("{t:.2}"));
        println!(
            "{label:>9}  {right:>5}  {wrong:>5}  {unanswered:>10}  {false_hits:>13}  {:.3}",
            correct as f32 / outcomes.len().max(1) as f32
        );
    }
    Ok(())
}
