//! The shopper's other words narrow the list. "youtube sweatshirt", "toddler hoodie",
//! "travel kettle": beside the type, the request names a word the shop itself uses for
//! some of the products asked about (in their name, brand, category, options or
//! attributes). Ranking those first is not enough: the rest of the type would fill the
//! list after the one product asked for. So only the products the shop labels with the
//! most of those words stay.
//!
//! Words the shop does not use for any admitted product (chatter, misspellings, words
//! only descriptions say) and words it uses for all of them (the type's own words) narrow
//! nothing. Without a product type every word of the request must be one the shop uses,
//! and the products must carry them all ("android pen"); otherwise the words and the
//! embeddings rank as before ("something to drink coffee from").

use super::index::{LexicalIndex, Word};
use super::SearchError;

/// Words this short (or without a letter: sizes, counts) narrow nothing.
const MIN_LETTERS: usize = 2;

/// The admitted products (ascending positions) the request's words narrow them to, or
/// `None` when they narrow nothing. `type_stems` are the asked type's own words.
pub(crate) fn by_words(
    index: &LexicalIndex,
    words: &[Word],
    type_stems: &[String],
    admitted: &[u32],
    typed: bool,
) -> Result<Option<Vec<u32>>, SearchError> {
    let mut stems: Vec<&str> = words
        .iter()
        .map(|w| w.stem.as_str())
        .filter(|s| s.chars().filter(|c| c.is_alphabetic()).count() >= MIN_LETTERS)
        .filter(|s| !type_stems.iter().any(|t| t == s))
        .collect();
    stems.sort_unstable();
    stems.dedup();
    if stems.is_empty() || admitted.is_empty() {
        return Ok(None);
    }
    let mut cover = vec![0u16; admitted.len()];
    let mut narrowing = 0u16;
    for stem in stems {
        let mut labelled = 0;
        for p in index.labelled(stem)? {
            if let Ok(at) = admitted.binary_search(&p) {
                cover[at] += 1;
                labelled += 1;
            }
        }
        if labelled == 0 && !typed {
            return Ok(None);
        }
        if labelled == admitted.len() {
            // Every admitted product says it: no narrowing, and no count to keep.
            for c in &mut cover {
                *c -= 1;
            }
        } else if labelled > 0 {
            narrowing += 1;
        }
    }
    let best = cover.iter().copied().max().unwrap_or(0);
    if narrowing == 0 || best == 0 || (!typed && best < narrowing) {
        return Ok(None);
    }
    Ok(Some(
        admitted
            .iter()
            .zip(&cover)
            .filter(|(_, &c)| c == best)
            .map(|(&p, _)| p)
            .collect(),
    ))
}
