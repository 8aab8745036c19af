//! Name noise: a training example's name words (product, brand, material and colour
//! values) swapped for random vocabulary words, keeping their tags.
//!
//! Shoppers name things the training data never saw ("the yoto player", "in mohair"); a
//! model that learned the names themselves reads such a name by its words and guesses.
//! Shown the same sentences with nonsense in the name's place, it has to read the
//! context ("cancel the ___ i ordered", "is the ___ in stock") instead. The swap keeps
//! the token count, so the tags line up unchanged.
//!
//! Product types are left alone: category words carry meaning the encoder already knows
//! ("kettle", "hiking boots"), and a model taught that any word in a category's place is
//! one would tag lookalikes ("the banner", "a locker") as things for sale.

use rand::Rng;

use super::labels::{Labels, TAG_O};
use super::tokenize::Encoded;

/// Slots whose values are open-ended names the shop cannot list in advance.
const NAME_SLOTS: [&str; 4] = ["product", "brand", "material", "color"];

/// `enc`'s token ids with every token tagged with a name slot replaced by a word drawn from
/// `words`; None when the example has no name token (nothing to vary).
pub(crate) fn noisy_ids(
    enc: &Encoded,
    tags: &[u32],
    labels: &Labels,
    words: &[u32],
    rng: &mut impl Rng,
) -> Option<Vec<u32>> {
    if words.is_empty() {
        return None;
    }
    let is_name = |tag: u32| {
        tag != TAG_O && NAME_SLOTS.contains(&labels.slots[(tag as usize - 1) / 2].as_str())
    };
    let mut ids = enc.ids.clone();
    let mut changed = false;
    for (id, &tag) in ids.iter_mut().zip(tags) {
        if is_name(tag) {
            *id = words[rng.gen_range(0..words.len())];
            changed = true;
        }
    }
    changed.then_some(ids)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nlu::tokenize::Word;
    use rand::SeedableRng;

    fn labels() -> Labels {
        Labels {
            intents: vec!["search_product".into()],
            slots: vec!["brand".into(), "price_max".into()],
            slots_by_intent: Default::default(),
        }
    }

    fn word(start: usize, end: usize, t: usize) -> Word {
        Word {
            start,
            end,
            first_token: t,
            end_token: t + 1,
        }
    }

    #[test]
    fn only_name_tokens_change() {
        // [CLS] acme under 50 [SEP]: brand, O, price_max
        let enc = Encoded {
            ids: vec![101, 7, 8, 9, 102],
            words: vec![word(0, 4, 1), word(5, 10, 2), word(11, 13, 3)],
            token_word: vec![None, Some(0), Some(1), Some(2), None],
        };
        let tags = vec![TAG_O, 1, TAG_O, 3, TAG_O];
        let mut rng = rand::rngs::StdRng::seed_from_u64(1);
        let ids = noisy_ids(&enc, &tags, &labels(), &[500, 501], &mut rng).expect("a brand");
        assert!(
            ids[1] == 500 || ids[1] == 501,
            "brand token swapped: {ids:?}"
        );
        assert_eq!(
            (ids[0], ids[2], ids[3], ids[4]),
            (101, 8, 9, 102),
            "non-name tokens kept"
        );
    }

    #[test]
    fn nothing_to_vary_without_a_name() {
        let enc = Encoded {
            ids: vec![101, 8, 9, 102],
            words: vec![word(0, 5, 1), word(6, 8, 2)],
            token_word: vec![None, Some(0), Some(1), None],
        };
        let mut rng = rand::rngs::StdRng::seed_from_u64(1);
        let tags = vec![TAG_O, TAG_O, 3, TAG_O];
        assert!(noisy_ids(&enc, &tags, &labels(), &[500], &mut rng).is_none());
    }
}
