//! The direction of a price in a Chinese message. Chinese puts most budget cues after the
//! amount (300元以内, 两千以上, 五百起), a few before it (不超过, 至少), a range joins two
//! amounts with 到 or a dash (200到500之间), and a negation turns a cue round wherever it
//! stands (不要300以下的, 三百以下的不要). The cue lists are the annotation convention's
//! (knowledge/nlu/README.md, "Chinese (zh)").

use super::price_direction::End;

/// Cues right after the amount (after its unit: 元, 块, 的 are skipped).
const AFTER_CEILING: &[&str] = &[
    "以内", "以下", "之内", "内", "封顶", "左右", "为止", "上下", "之下",
];
const AFTER_FLOOR: &[&str] = &["以上", "起", "往上", "之上", "多"];
/// Cues right before the amount.
const BEFORE_CEILING: &[&str] = &[
    "不超过",
    "不高于",
    "不超出",
    "最多",
    "最高",
    "顶多",
    "低于",
    "少于",
    "不到",
    "预算",
    "控制在",
    "以内",
];
const BEFORE_FLOOR: &[&str] = &[
    "至少",
    "最少",
    "最低",
    "起码",
    "不低于",
    "不少于",
    "高于",
    "超过",
    "多于",
];
/// What may join the two amounts of a range.
const RANGE_JOINS: &[&str] = &["到", "至", "-", "~", "～", "—", "－"];
/// Words that turn a cue round: "not the ones under 300".
const NEGATIONS: &[&str] = &["不要", "别", "除了", "不看", "不考虑"];

/// The direction of each price span (start, end in characters) of `chars`, where a cue
/// says; in text order.
pub(super) fn orient(chars: &[char], spans: &[(usize, usize)]) -> Vec<Option<End>> {
    let text = |a: usize, b: usize| -> String {
        chars[a.min(chars.len())..b.min(chars.len())]
            .iter()
            .collect()
    };
    let mut decided: Vec<Option<End>> = vec![None; spans.len()];
    for k in 0..spans.len() {
        let (start, end) = spans[k];
        if k > 0 {
            let between = text(spans[k - 1].1, start);
            let joint = between.trim_start_matches(['元', '块', ' ']).trim();
            if RANGE_JOINS.contains(&joint) {
                decided[k - 1] = Some(End::Floor);
                decided[k] = Some(End::Ceiling);
                continue;
            }
        }
        let after = text(end, end + 8);
        let after = after.trim_start_matches(['元', '块', ' ']);
        let before = text(start.saturating_sub(6), start);
        let cue = AFTER_CEILING
            .iter()
            .map(|c| (End::Ceiling, *c))
            .chain(AFTER_FLOOR.iter().map(|c| (End::Floor, *c)))
            .filter(|(_, c)| after.starts_with(c))
            .max_by_key(|(_, c)| c.chars().count())
            .map(|(e, c)| (e, after[c.len()..].to_string()))
            .or_else(|| {
                BEFORE_CEILING
                    .iter()
                    .map(|c| (End::Ceiling, *c))
                    .chain(BEFORE_FLOOR.iter().map(|c| (End::Floor, *c)))
                    .filter(|(_, c)| before.ends_with(c))
                    .max_by_key(|(_, c)| c.chars().count())
                    .map(|(e, _)| (e, String::new()))
            });
        let Some((direction, rest)) = cue else {
            continue;
        };
        // "不要300以下的" / "三百以下的不要": a negation just before the amount (not part of
        // a cue such as 不超过) or right after the cue's phrase.
        let negated_before = NEGATIONS.iter().any(|n| {
            before
                .strip_suffix(['元', '块'])
                .unwrap_or(&before)
                .ends_with(n)
        });
        let rest = rest.trim_start_matches('的');
        let negated_after = NEGATIONS.iter().any(|n| rest.starts_with(n));
        decided[k] = Some(if negated_before || negated_after {
            direction.flip()
        } else {
            direction
        });
    }
    decided
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(text: &str, values: &[&str]) -> (Vec<char>, Vec<(usize, usize)>) {
        let chars: Vec<char> = text.chars().collect();
        let spans = values
            .iter()
            .map(|v| {
                let at = text.find(v).expect("value in text");
                let start = text[..at].chars().count();
                (start, start + v.chars().count())
            })
            .collect();
        (chars, spans)
    }

    fn directions(text: &str, values: &[&str]) -> Vec<Option<End>> {
        let (chars, spans) = spans(text, values);
        orient(&chars, &spans)
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
