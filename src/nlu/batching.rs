//! How an epoch's examples are cut into training batches.
//!
//! A batch is padded to its longest sentence. Shop messages run from 3 to 40 tokens, so a
//! batch of 32 drawn at random is about half padding, and every padded position costs a full
//! forward and backward pass. Grouping by length (`--group-by-length`) shuffles as before,
//! then sorts each pool of [`POOL_BATCHES`] batches by token count before cutting it, and
//! shuffles the batches: neighbours in a batch have similar lengths, while which sentences
//! meet, and the order batches come in, stay random from epoch to epoch.

use rand::seq::SliceRandom;
use rand::Rng;

/// Batches per sorted pool: large enough that lengths in a batch are close, small enough
/// that a pool's sentences still differ from epoch to epoch.
const POOL_BATCHES: usize = 50;

/// The epoch's batches, as indices into `lengths` (token counts, one per example). `order`
/// is the permutation carried from epoch to epoch (shuffled again here), so that without
/// grouping the batches are exactly those of the trainer before grouping existed.
pub(crate) fn epoch_batches(
    order: &mut [usize],
    lengths: &[usize],
    batch_size: usize,
    group_by_length: bool,
    rng: &mut impl Rng,
) -> Vec<Vec<usize>> {
    order.shuffle(rng);
    if !group_by_length {
        return order.chunks(batch_size).map(<[usize]>::to_vec).collect();
    }
    let mut batches: Vec<Vec<usize>> = Vec::with_capacity(lengths.len().div_ceil(batch_size));
    for pool in order.chunks(batch_size * POOL_BATCHES) {
        let mut pool = pool.to_vec();
        // Stable, so equal lengths keep the shuffled order.
        pool.sort_by_key(|&i| lengths[i]);
        batches.extend(pool.chunks(batch_size).map(<[usize]>::to_vec));
    }
    batches.shuffle(rng);
    batches
}

/// Positions an epoch computes (padding included) per position that holds a token: 1.0 when
/// no batch is padded.
pub(crate) fn padding_factor(lengths: &[usize], batches: &[Vec<usize>]) -> f64 {
    let real: usize = lengths.iter().sum();
    let computed: usize = batches
        .iter()
        .map(|b| b.len() * b.iter().map(|&i| lengths[i]).max().unwrap_or(0))
        .sum();
    computed as f64 / real.max(1) as f64
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    fn lengths(n: usize) -> Vec<usize> {
        let mut rng = rand::rngs::StdRng::seed_from_u64(9);
        (0..n).map(|_| rng.gen_range(3..40)).collect()
    }

    fn epoch(lens: &[usize], group: bool, rng: &mut rand::rngs::StdRng) -> Vec<Vec<usize>> {
        let mut order: Vec<usize> = (0..lens.len()).collect();
        epoch_batches(&mut order, lens, 32, group, rng)
    }

    fn sorted(batches: &[Vec<usize>]) -> Vec<usize> {
        let mut all: Vec<usize> = batches.concat();
        all.sort_unstable();
        all
    }

    #[test]
    fn every_example_lands_in_exactly_one_batch_either_way() {
        let lens = lengths(1_003);
        for group in [false, true] {
            let mut rng = rand::rngs::StdRng::seed_from_u64(1);
            let batches = epoch(&lens, group, &mut rng);
            assert_eq!(sorted(&batches), (0..lens.len()).collect::<Vec<_>>());
            assert!(batches.iter().all(|b| !b.is_empty() && b.len() <= 32));
        }
    }

    #[test]
    fn without_grouping_the_batches_are_the_carried_shuffle_cut_in_order() {
        // What the trainer did before grouping existed, so older recipes reproduce.
        let lens = lengths(300);
        let mut rng = rand::rngs::StdRng::seed_from_u64(3);
        let mut old_rng = rand::rngs::StdRng::seed_from_u64(3);
        let mut order: Vec<usize> = (0..lens.len()).collect();
        let mut old_order = order.clone();
        for _ in 0..3 {
            let batches = epoch_batches(&mut order, &lens, 32, false, &mut rng);
            old_order.shuffle(&mut old_rng);
            let old: Vec<Vec<usize>> = old_order.chunks(32).map(<[usize]>::to_vec).collect();
            assert_eq!(batches, old);
        }
    }

    #[test]
    fn grouping_by_length_cuts_the_padding() {
        let lens = lengths(6_000);
        let mut rng = rand::rngs::StdRng::seed_from_u64(1);
        let random = padding_factor(&lens, &epoch(&lens, false, &mut rng));
        let grouped = padding_factor(&lens, &epoch(&lens, true, &mut rng));
        assert!(
            random > 1.5,
            "random batches of 3–40 tokens pad a lot: {random}"
        );
        assert!(grouped < 1.1, "grouped batches barely pad: {grouped}");
    }

    #[test]
    fn grouped_batches_differ_between_epochs_and_repeat_with_the_seed() {
        let lens = lengths(2_000);
        let run = |seed| {
            let mut rng = rand::rngs::StdRng::seed_from_u64(seed);
            let first = epoch(&lens, true, &mut rng);
            let second = epoch(&lens, true, &mut rng);
            (first, second)
        };
        let (a1, a2) = run(5);
        assert_ne!(a1, a2, "a new epoch meets other neighbours");
        assert_eq!(run(5), (a1, a2), "the same seed gives the same batches");
        // The batch order is shuffled too: lengths do not climb through the epoch.
        let firsts: Vec<usize> = run(5).0.iter().map(|b| lens[b[0]]).collect();
        assert!(firsts.windows(2).any(|w| w[0] > w[1]));
    }
}
