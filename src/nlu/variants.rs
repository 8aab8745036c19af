//! Altered copies of the training sentences for distillation: a word dropped, swapped with
//! its neighbour or replaced by a word of another sentence. The teacher alone labels them.
//! On the training sentences themselves the ensemble's members agree (each has learned
//! them), so their soft targets are nearly the gold labels and teach little; on sentences
//! none of them saw, the members differ as they do on a shopper's message, and that
//! disagreement, averaged, is what one model learns from them.

use rand::Rng;

/// Each word is altered with this chance (at least one word is).
const CHANCE: f64 = 0.15;

/// `text` with some of its words altered, or `None` when it has too few words to alter.
pub(crate) fn altered(text: &str, pool: &[&str], rng: &mut impl Rng) -> Option<String> {
    let mut words: Vec<&str> = text.split_whitespace().collect();
    if words.len() < 2 || pool.is_empty() {
        return None;
    }
    let forced = rng.gen_range(0..words.len());
    let mut k = 0;
    while k < words.len() {
        if k == forced || rng.gen_bool(CHANCE) {
            match rng.gen_range(0..3) {
                0 if words.len() > 2 => {
                    words.remove(k);
                    continue;
                }
                1 if k + 1 < words.len() => {
                    words.swap(k, k + 1);
                    k += 1;
                }
                _ => words[k] = pool[rng.gen_range(0..pool.len())],
            }
        }
        k += 1;
    }
    let out = words.join(" ");
    (out != text).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    #[test]
    fn a_variant_differs_from_its_sentence_and_is_made_of_its_words_and_the_pool() {
        let mut rng = rand::rngs::StdRng::seed_from_u64(1);
        let pool = ["mug", "green", "cheap"];
        let text = "show me a red backpack under fifty";
        let mut seen = std::collections::BTreeSet::new();
        for _ in 0..50 {
            let v = altered(text, &pool, &mut rng).expect("long enough");
            assert_ne!(v, text);
            for w in v.split_whitespace() {
                assert!(
                    text.split_whitespace().any(|t| t == w) || pool.contains(&w),
                    "{v}"
                );
            }
            seen.insert(v);
        }
        assert!(seen.len() > 10, "varied: {seen:?}");
        assert_eq!(altered("hi", &pool, &mut rng), None);
    }
}
