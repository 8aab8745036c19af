//! How an evaluation report is shown: a text table for the terminal and a confusion-matrix
//! picture (hand-written SVG).

use super::metrics::{EvalReport, LabelRow};

fn pct(x: f64) -> String {
    format!("{:6.2}", x * 100.0)
}

fn table(title: &str, rows: &[LabelRow], out: &mut String) {
    let width = rows
        .iter()
        .map(|r| r.label.chars().count())
        .max()
        .unwrap_or(5)
        .max(5);
    out.push_str(&format!(
        "\n{title:<width$}  precision  recall      F1  support\n"
    ));
    for r in rows {
        out.push_str(&format!(
            "{:<width$}     {}  {}  {}  {:7}\n",
            r.label,
            pct(r.precision),
            pct(r.recall),
            pct(r.f1),
            r.support
        ));
    }
}

/// The report as a terminal page.
pub fn text(report: &EvalReport) -> String {
    let mut out = format!(
        "examples            {}\nintent accuracy     {} %\nintent macro-F1     {} %\n\
         slot precision      {} %\nslot recall         {} %\nslot F1             {} %\n\
         sentence accuracy   {} %\nsentiment accuracy  {}\n",
        report.examples,
        pct(report.intent_accuracy),
        pct(report.intent_macro_f1),
        pct(report.slot_precision),
        pct(report.slot_recall),
        pct(report.slot_f1),
        pct(report.sentence_accuracy),
        report
            .sentiment_accuracy
            .map(|s| format!("{} %", pct(s)))
            .unwrap_or_else(|| "  (no sentiment labels)".into()),
    );
    table("intent", &report.per_intent, &mut out);
    table("slot", &report.per_slot, &mut out);
    if !report.confusions.is_empty() {
        out.push_str("\nmost frequent intent confusions (gold → predicted)\n");
        for c in report.confusions.iter().take(10) {
            out.push_str(&format!("{:5}  {} → {}\n", c.count, c.gold, c.predicted));
        }
    }
    out
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The intent confusion matrix as an SVG heat map, rows gold, columns predicted, each row
/// shaded by the share of its examples.
pub fn confusion_svg(report: &EvalReport) -> String {
    let n = report.matrix_labels.len();
    let cell = if n > 30 { 14 } else { 26 };
    let label_w = 8 * report
        .matrix_labels
        .iter()
        .map(|l| l.chars().count())
        .max()
        .unwrap_or(4)
        + 10;
    let left = label_w;
    let top = label_w + 30;
    let w = left + n * cell + 20;
    let h = top + n * cell + 40;
    let mut s = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" font-family=\"sans-serif\" font-size=\"11\">\n\
         <rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n\
         <text x=\"{left}\" y=\"16\" font-size=\"13\">Intent confusion: rows gold, columns predicted (accuracy {:.2}%)</text>\n",
        report.intent_accuracy * 100.0
    );
    for (i, label) in report.matrix_labels.iter().enumerate() {
        let y = top + i * cell + cell / 2 + 4;
        s.push_str(&format!(
            "<text x=\"{}\" y=\"{y}\" text-anchor=\"end\">{}</text>\n",
            left - 4,
            esc(label)
        ));
        let x = left + i * cell + cell / 2 + 4;
        s.push_str(&format!(
            "<text x=\"{x}\" y=\"{}\" transform=\"rotate(-60 {x} {})\">{}</text>\n",
            top - 4,
            top - 4,
            esc(label)
        ));
    }
    for (i, row) in report.matrix.iter().enumerate() {
        let total: usize = row.iter().sum::<usize>().max(1);
        for (j, &count) in row.iter().enumerate() {
            let share = count as f64 / total as f64;
            let (r, g, b) = if i == j {
                (
                    255.0 - 200.0 * share,
                    255.0 - 90.0 * share,
                    255.0 - 200.0 * share,
                )
            } else {
                (
                    255.0 - 30.0 * share.sqrt(),
                    255.0 - 200.0 * share.sqrt(),
                    255.0 - 200.0 * share.sqrt(),
                )
            };
            let x = left + j * cell;
            let y = top + i * cell;
            s.push_str(&format!(
                "<rect x=\"{x}\" y=\"{y}\" width=\"{cell}\" height=\"{cell}\" fill=\"rgb({:.0},{:.0},{:.0})\" stroke=\"#ddd\"><title>{} → {}: {count}</title></rect>\n",
                r, g, b,
                esc(&report.matrix_labels[i]),
                esc(&report.matrix_labels[j])
            ));
            if count > 0 && cell >= 20 {
                s.push_str(&format!(
                    "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-size=\"9\">{count}</text>\n",
                    x + cell / 2,
                    y + cell / 2 + 3
                ));
            }
        }
    }
    s.push_str("</svg>\n");
    s
}
