//! The direction of a price in a Chinese message, from the shared reading of Chinese
//! prices (`lexicon::zh::prices`: cues after the amount such as 以内/以上/起, before it such
//! as 不超过/至少, ranges joined by 到 or a dash, negations turning a cue round), which the
//! dialogue reads budgets with too: one reading for the NLU's labels and the search request.

use super::price_direction::End;
use crate::lexicon::zh::{prices, Bound};

/// The direction of each price span (start, end in characters) of `text`, where the words
/// around it say; in the order given.
pub(super) fn orient(text: &str, spans: &[(usize, usize)]) -> Vec<Option<End>> {
    let read = prices(text);
    spans
        .iter()
        .map(|&(start, end)| {
            let price = read.iter().find(|p| p.start < end && start < p.end)?;
            match price.bound? {
                // 左右 names a level to stay near: the annotation takes it as a ceiling.
                Bound::Max | Bound::Around => Some(End::Ceiling),
                Bound::Min => Some(End::Floor),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(text: &str, values: &[&str]) -> Vec<(usize, usize)> {
        values
            .iter()
            .map(|v| {
                let at = text.find(v).expect("value in text");
                let start = text[..at].chars().count();
                (start, start + v.chars().count())
            })
            .collect()
    }

    fn directions(text: &str, values: &[&str]) -> Vec<Option<End>> {
        orient(text, &spans(text, values))
    }

    use End::{Ceiling, Floor};

    #[test]
    fn cues_after_the_amount() {
        assert_eq!(
            directions("给我看看五十块以内的袜子", &["五十块"]),
            [Some(Ceiling)]
        );
        assert_eq!(
            directions("有没有1200以下的平板", &["1200"]),
            [Some(Ceiling)]
        );
        assert_eq!(directions("九百元以上的大衣", &["九百元"]), [Some(Floor)]);
        assert_eq!(directions("六十起的帽子", &["六十"]), [Some(Floor)]);
        assert_eq!(directions("四十元左右的水杯", &["四十元"]), [Some(Ceiling)]);
    }

    #[test]
    fn cues_before_the_amount_and_ranges() {
        assert_eq!(directions("价格最多七十的围巾", &["七十"]), [Some(Ceiling)]);
        assert_eq!(directions("起码两千的相机", &["两千"]), [Some(Floor)]);
        assert_eq!(
            directions("预算在80到150之间的书包", &["80", "150"]),
            [Some(Floor), Some(Ceiling)]
        );
        assert_eq!(
            directions("三十元-六十元的杯子", &["三十元", "六十元"]),
            [Some(Floor), Some(Ceiling)]
        );
    }

    #[test]
    fn a_negation_turns_the_cue_round() {
        assert_eq!(directions("一百以下的别推荐", &["一百"]), [Some(Floor)]);
        assert_eq!(directions("不要两百以上的", &["两百"]), [Some(Ceiling)]);
        // 不超过 is a cue of its own, not a negation of one.
        assert_eq!(directions("不超过九十的", &["九十"]), [Some(Ceiling)]);
    }

    #[test]
    fn no_cue_no_decision() {
        assert_eq!(directions("这款卖399元吗", &["399元"]), [None]);
    }
}
