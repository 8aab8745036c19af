//! Out-of-scope threshold: how many off-topic messages a confidence threshold catches,
//! and how many shop messages it wrongly refuses, over a sweep of thresholds.
//!
//! A message is *refused* when the model's top intent is `out_of_scope` or its
//! [`scope_confidence`] is under the threshold (the parse then says `nlu_fallback`). Off-topic
//! messages should be refused; shop messages (every labelled intent except out_of_scope,
//! greetings and thanks included) should not.

use serde::Serialize;

use crate::types::Parse;

/// The intent that marks a message the shop bot cannot help with.
pub const OUT_OF_SCOPE: &str = "out_of_scope";

/// Intents the dialogue serves alike: a message whose probability is split between them is
/// no less in scope. "what about jackets" after a list of boots is 54 % search_product and
/// 46 % refine_search; the shop can answer either way, so it must not be refused.
pub const INTENT_FAMILIES: &[&[&str]] = &[&["search_product", "refine_search"]];

/// The confidence the threshold is held against: the top intent's probability plus that of
/// the other intents of its family found in `ranking` (best first).
pub fn scope_confidence(ranking: &[(String, f32)]) -> f32 {
    let Some((top, p)) = ranking.first() else {
        return 0.0;
    };
    let Some(family) = INTENT_FAMILIES.iter().find(|f| f.contains(&top.as_str())) else {
        return *p;
    };
    ranking
        .iter()
        .filter(|(intent, _)| family.contains(&intent.as_str()))
        .map(|(_, p)| p)
        .sum::<f32>()
        .min(1.0)
}

/// The top intent and its scope confidence for one message, before any threshold.
#[derive(Debug, Clone)]
pub struct TopIntent {
    pub intent: String,
    pub confidence: f32,
    /// Whether the nonsense check (`nonsense.rs`) refuses the message, whatever the
    /// threshold.
    pub nonsense: bool,
}

impl TopIntent {
    /// A parse's top intent before any threshold, with its family's confidence (None for a
    /// parse that ranks nothing). The ranking must be whole for the family to count fully.
    pub fn of(parse: &Parse) -> Option<Self> {
        parse.ranking.first().map(|(top, _)| Self {
            intent: top.clone(),
            confidence: scope_confidence(&parse.ranking),
            nonsense: false,
        })
    }

    pub fn refused_at(&self, threshold: f32) -> bool {
        self.nonsense || self.refused_by_threshold(threshold)
    }

    /// Refused by the model's reading alone, the nonsense check left out.
    pub fn refused_by_threshold(&self, threshold: f32) -> bool {
        self.intent == OUT_OF_SCOPE || self.confidence < threshold
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct OosPoint {
    pub threshold: f32,
    /// Share of off-topic messages refused (0–1).
    pub caught: f64,
    /// Share of shop messages refused (0–1).
    pub wrongly_refused: f64,
}

/// One point per threshold, in the order given.
pub fn sweep(off_topic: &[TopIntent], shop: &[TopIntent], thresholds: &[f32]) -> Vec<OosPoint> {
    let share = |xs: &[TopIntent], t: f32| {
        if xs.is_empty() {
            return 0.0;
        }
        xs.iter().filter(|x| x.refused_at(t)).count() as f64 / xs.len() as f64
    };
    thresholds
        .iter()
        .map(|&t| OosPoint {
            threshold: t,
            caught: share(off_topic, t),
            wrongly_refused: share(shop, t),
        })
        .collect()
}

/// Thresholds 0.00, 0.05, …, 0.95.
pub fn default_thresholds() -> Vec<f32> {
    (0..20).map(|i| i as f32 * 0.05).collect()
}

/// The point that catches the most off-topic messages while refusing at most
/// `max_refused` of the shop's; ties go to the lower threshold (fewer refusals).
pub fn pick(points: &[OosPoint], max_refused: f64) -> Option<OosPoint> {
    points
        .iter()
        .filter(|p| p.wrongly_refused <= max_refused + 1e-12)
        .fold(None, |best: Option<OosPoint>, p| match best {
            Some(b) if b.caught > p.caught - 1e-12 => Some(b),
            _ => Some(*p),
        })
}

/// Each threshold's point with the larger share refused of two shop sets (the same
/// thresholds, in the same order): a pick on these keeps within the budget on both.
pub fn worst_of(a: &[OosPoint], b: &[OosPoint]) -> Vec<OosPoint> {
    a.iter()
        .zip(b)
        .map(|(x, y)| OosPoint {
            wrongly_refused: x.wrongly_refused.max(y.wrongly_refused),
            ..*x
        })
        .collect()
}

/// The sweep as a picture: caught and wrongly refused against the threshold, with the
/// shipped threshold and the picked one marked; `outside`, when given, is a second shop
/// set's refusals (other people's messages), drawn dashed.
pub fn svg(
    points: &[OosPoint],
    outside: Option<&[OosPoint]>,
    shipped: f32,
    picked: Option<f32>,
) -> String {
    let (w, h, left, top, plot_w, plot_h) = (640.0, 380.0, 60.0, 30.0, 540.0, 280.0);
    let x = |t: f64| left + t * plot_w;
    let y = |v: f64| top + (1.0 - v) * plot_h;
    let line = |points: &[OosPoint], f: &dyn Fn(&OosPoint) -> f64| {
        points
            .iter()
            .map(|p| format!("{:.1},{:.1}", x(p.threshold as f64), y(f(p))))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let mut s = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" \
         font-family=\"sans-serif\" font-size=\"12\">\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n\
         <text x=\"{left}\" y=\"18\" font-size=\"14\">Out-of-scope threshold: off-topic caught vs shop messages refused</text>\n"
    );
    for i in 0..=10 {
        let v = i as f64 / 10.0;
        s += &format!(
            "<line x1=\"{:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke=\"#eee\"/>\
             <text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{}%</text>\
             <text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{:.1}</text>\n",
            x(0.0),
            y(v),
            x(1.0),
            y(v),
            x(0.0) - 6.0,
            y(v) + 4.0,
            i * 10,
            x(v),
            y(0.0) + 16.0,
            v
        );
    }
    s += &format!(
        "<polyline fill=\"none\" stroke=\"#1a7f37\" stroke-width=\"2\" points=\"{}\"/>\n\
         <polyline fill=\"none\" stroke=\"#cf222e\" stroke-width=\"2\" points=\"{}\"/>\n",
        line(points, &|p| p.caught),
        line(points, &|p| p.wrongly_refused)
    );
    if let Some(outside) = outside {
        s += &format!(
            "<polyline fill=\"none\" stroke=\"#cf222e\" stroke-width=\"2\" stroke-dasharray=\"6 4\" points=\"{}\"/>\n\
             <text x=\"{:.1}\" y=\"{:.1}\" fill=\"#cf222e\">other people's shop messages refused (Bitext, dashed)</text>\n",
            line(outside, &|p| p.wrongly_refused),
            x(0.02),
            y(0.0) - 56.0
        );
    }
    let mut mark = |t: f32, label: &str, colour: &str, row: f64| {
        s += &format!(
            "<line x1=\"{0:.1}\" y1=\"{1:.1}\" x2=\"{0:.1}\" y2=\"{2:.1}\" stroke=\"{3}\" stroke-dasharray=\"4 3\"/>\
             <text x=\"{4:.1}\" y=\"{5:.1}\" fill=\"{3}\">{6} {7:.2}</text>\n",
            x(t as f64),
            y(1.0),
            y(0.0),
            colour,
            x(t as f64) + 4.0,
            y(1.0) + 12.0 + 14.0 * row,
            label,
            t
        );
    };
    match picked {
        Some(t) if (t - shipped).abs() < 1e-6 => mark(t, "shipped = picked", "#0969da", 0.0),
        Some(t) => {
            mark(shipped, "shipped", "#555", 0.0);
            mark(t, "picked", "#0969da", 1.0);
        }
        None => mark(shipped, "shipped", "#555", 0.0),
    }
    s += &format!(
        "<text x=\"{:.1}\" y=\"{:.1}\" fill=\"#1a7f37\">off-topic messages caught</text>\
         <text x=\"{:.1}\" y=\"{:.1}\" fill=\"#cf222e\">shop messages refused</text>\
         <text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">confidence threshold</text>\n</svg>\n",
        x(0.02),
        y(0.0) - 40.0,
        x(0.02),
        y(0.0) - 24.0,
        x(0.5),
        y(0.0) + 34.0
    );
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn top(intent: &str, confidence: f32) -> TopIntent {
        TopIntent {
            nonsense: false,
            intent: intent.into(),
            confidence,
        }
    }

    fn ranking(pairs: &[(&str, f32)]) -> Vec<(String, f32)> {
        pairs.iter().map(|(i, p)| (i.to_string(), *p)).collect()
    }

    #[test]
    fn a_family_pools_its_probability_and_other_intents_do_not() {
        let split = ranking(&[
            ("search_product", 0.54),
            ("refine_search", 0.45),
            ("greet", 0.01),
        ]);
        assert!((scope_confidence(&split) - 0.99).abs() < 1e-6);
        let apart = ranking(&[("search_product", 0.54), ("check_stock", 0.45)]);
        assert!((scope_confidence(&apart) - 0.54).abs() < 1e-6);
        let outside = ranking(&[("greet", 0.5), ("goodbye", 0.5)]);
        assert!((scope_confidence(&outside) - 0.5).abs() < 1e-6);
        assert_eq!(scope_confidence(&[]), 0.0);
    }

    #[test]
    fn sweep_counts_out_of_scope_and_low_confidence_as_refused() {
        let off = [
            top("out_of_scope", 0.9),
            top("search_product", 0.3),
            top("greet", 0.8),
        ];
        let shop = [
            top("search_product", 0.95),
            top("order_status", 0.45),
            top("out_of_scope", 0.6),
            top("thanks", 0.7),
        ];
        let pts = sweep(&off, &shop, &[0.0, 0.5, 0.75]);
        // 0.0: only the out_of_scope tops are refused
        assert_eq!(pts[0].caught, 1.0 / 3.0);
        assert_eq!(pts[0].wrongly_refused, 1.0 / 4.0);
        // 0.5: the 0.3 and the 0.45 fall under it
        assert_eq!(pts[1].caught, 2.0 / 3.0);
        assert_eq!(pts[1].wrongly_refused, 2.0 / 4.0);
        // 0.75: the 0.7 thanks goes too
        assert_eq!(pts[2].caught, 2.0 / 3.0);
        assert_eq!(pts[2].wrongly_refused, 3.0 / 4.0);
    }

    #[test]
    fn pick_takes_the_most_caught_within_the_refusal_budget_and_the_lower_threshold_on_ties() {
        let p = |t, c, r| OosPoint {
            threshold: t,
            caught: c,
            wrongly_refused: r,
        };
        let pts = [
            p(0.1, 0.5, 0.0),
            p(0.2, 0.6, 0.01),
            p(0.3, 0.6, 0.02),
            p(0.4, 0.8, 0.05),
        ];
        assert_eq!(pick(&pts, 0.02).unwrap().threshold, 0.2);
        assert_eq!(pick(&pts, 0.05).unwrap().threshold, 0.4);
        assert_eq!(pick(&pts, 0.0).unwrap().threshold, 0.1);
        assert!(pick(&pts[1..], 0.0).is_none());
    }

    #[test]
    fn worst_of_two_shop_sets_keeps_the_larger_refusal_share() {
        let p = |t, c, r| OosPoint {
            threshold: t,
            caught: c,
            wrongly_refused: r,
        };
        let ours = [p(0.3, 0.5, 0.01), p(0.5, 0.6, 0.02)];
        let theirs = [p(0.3, 0.0, 0.03), p(0.5, 0.0, 0.10)];
        let worst = worst_of(&ours, &theirs);
        assert_eq!(worst, [p(0.3, 0.5, 0.03), p(0.5, 0.6, 0.10)]);
        // within 3 % on both sets only the lower threshold remains
        assert_eq!(pick(&worst, 0.03).unwrap().threshold, 0.3);
        assert_eq!(pick(&ours, 0.03).unwrap().threshold, 0.5);
    }

    #[test]
    fn the_picture_is_an_svg_with_both_curves() {
        let pts = sweep(
            &[top("greet", 0.4)],
            &[top("greet", 0.9)],
            &default_thresholds(),
        );
        let s = svg(&pts, None, 0.5, Some(0.45));
        assert!(s.starts_with("<svg") && s.trim_end().ends_with("</svg>"));
        assert_eq!(s.matches("<polyline").count(), 2);
        assert!(s.contains("picked 0.45") && s.contains("shipped 0.50"));
        let with_outside = svg(&pts, Some(&pts), 0.5, Some(0.45));
        assert_eq!(with_outside.matches("<polyline").count(), 3);
        assert!(with_outside.contains("Bitext"));
        let same = svg(&pts, None, 0.6, Some(0.6));
        assert!(same.contains("shipped = picked 0.60") && !same.contains(">picked"));
    }
}
