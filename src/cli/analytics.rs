//! `kefu analytics --from --to`: the dashboard's numbers in the terminal, from the data
//! directory (server stopped) or from a running server (`--server`, admin token).

use anyhow::{Context, Result};
use chrono::Utc;
use clap::Args;
use std::process::ExitCode;

use kefu::behavior::analytics::{parse_range, Analytics, Report};
use kefu::behavior::EventLog;
use kefu::store::Store;

use super::Cli;

#[derive(Debug, Args)]
pub struct AnalyticsArgs {
    /// First day (YYYY-MM-DD, included) or an RFC 3339 instant; default: 6 days before --to.
    #[arg(long)]
    pub from: Option<String>,
    /// Last day (YYYY-MM-DD, included) or an RFC 3339 instant (excluded); default: today.
    #[arg(long)]
    pub to: Option<String>,
    /// Ask a running server (http://HOST:PORT) instead of opening the data directory.
    #[arg(long, value_name = "URL")]
    pub server: Option<String>,
    /// Admin token for --server (default: admin.token / KEFU_ADMIN_TOKEN).
    #[arg(long)]
    pub token: Option<String>,
    /// Print the JSON of GET /admin/analytics instead of tables.
    #[arg(long)]
    pub json: bool,
}

pub fn run(cli: &Cli, args: &AnalyticsArgs) -> Result<ExitCode> {
    let config = cli.load_config(&[])?;
    let report: Report = match &args.server {
        Some(url) => {
            let (authority, _) = super::http_get::split_server(url)?;
            let token = args.token.clone().or(config.admin.token.clone()).context(
                "the analytics API needs the admin token (hint: --token, or set KEFU_ADMIN_TOKEN)",
            )?;
            let mut query = Vec::new();
            if let Some(f) = &args.from {
                query.push(format!("from={f}"));
            }
            if let Some(t) = &args.to {
                query.push(format!("to={t}"));
            }
            let path = format!("/admin/analytics?{}", query.join("&"));
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()?;
            let value =
                runtime.block_on(super::http_get::get_json(&authority, &path, Some(&token)))?;
            serde_json::from_value(value)
                .context("the server's analytics are not in the expected shape")?
        }
        None => {
            let range = parse_range(
                args.from.as_deref(),
                args.to.as_deref(),
                Utc::now().date_naive(),
            )
            .map_err(|e| anyhow::anyhow!("{e} (hint: --from 2026-03-01 --to 2026-03-07)"))?;
            let store = Store::from_config(&config.store, &config.data_dir).with_context(|| {
                format!(
                    "opening {} (hint: a running server holds it; ask it with --server http://HOST:PORT)",
                    config.store.describe(&config.data_dir)
                )
            })?;
            let log = EventLog::open(&store, config.behavior.clone())?;
            let params = config.behavior.analytics_params();
            let (turns, events) = log.analytics_window(range, params.attribution_window)?;
            Analytics::new(&turns, &events, params).report(range)
        }
    };
    if args.json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        print!("{}", render(&report));
    }
    Ok(ExitCode::SUCCESS)
}

fn pct(x: f64) -> String {
    format!("{:.1}%", x * 100.0)
}

fn opt(x: Option<f64>, f: impl Fn(f64) -> String) -> String {
    x.map(f).unwrap_or_else(|| "—".into())
}

/// The report as plain-text tables.
pub fn render(r: &Report) -> String {
    use std::fmt::Write;
    let t = &r.totals;
    let mut s = String::new();
    let _ = writeln!(
        s,
        "kefu analytics {} .. {} (attribution window {} h)\n",
        r.from.format("%Y-%m-%d %H:%M"),
        r.to.format("%Y-%m-%d %H:%M"),
        r.attribution_window_hours
    );
    let rows: Vec<(&str, String)> = vec![
        ("conversations", t.conversations.to_string()),
        ("turns", t.turns.to_string()),
        (
            "turns per conversation",
            format!("{:.2}", t.turns_per_conversation),
        ),
        ("fallback rate (turns)", pct(t.fallback_rate)),
        ("handoff rate", pct(t.handoff_rate)),
        ("resolution rate", pct(t.resolution_rate)),
        ("products shown", t.products_shown.to_string()),
        ("clicks", t.clicks.to_string()),
        ("click-through", pct(t.click_through)),
        (
            "add-to-cart from kefu",
            t.attributed_add_to_cart.to_string(),
        ),
        ("purchases from kefu", t.attributed_purchases.to_string()),
        ("revenue from kefu", format!("{:.2}", t.attributed_revenue)),
        ("conversion (conversations)", pct(t.conversion_rate)),
        (
            "thumbs up / down",
            format!("{} / {}", t.thumbs_up, t.thumbs_down),
        ),
        ("satisfaction (thumbs-up share)", opt(t.satisfaction, pct)),
        (
            "CSAT (1-5) / answers",
            format!(
                "{} / {}",
                opt(t.csat, |x| format!("{x:.2}")),
                t.csat_responses
            ),
        ),
        ("mean sentiment", opt(t.sentiment, |x| format!("{x:+.2}"))),
        ("searches with no result", t.empty_searches.to_string()),
    ];
    for (k, v) in rows {
        let _ = writeln!(s, "  {k:<32}{v:>12}");
    }
    let _ = writeln!(
        s,
        "\n  {:<12}{:>7}{:>7}{:>10}{:>10}{:>10}{:>8}{:>8}{:>10}",
        "day", "convs", "turns", "fallback", "handoff", "resolved", "CTR", "bought", "sentiment"
    );
    for d in &r.days {
        let m = &d.measures;
        let _ = writeln!(
            s,
            "  {:<12}{:>7}{:>7}{:>10}{:>10}{:>10}{:>8}{:>8}{:>10}",
            d.day.to_string(),
            m.conversations,
            m.turns,
            pct(m.fallback_rate),
            pct(m.handoff_rate),
            pct(m.resolution_rate),
            pct(m.click_through),
            m.attributed_purchases,
            opt(m.sentiment, |x| format!("{x:+.2}"))
        );
    }
    for (title, list) in [
        ("intent mix", &r.intents),
        ("top product types", &r.product_types),
        ("top brands", &r.brands),
        ("top features", &r.features),
        ("searches that found nothing", &r.empty_searches),
        ("top unanswered questions", &r.unanswered),
    ] {
        let _ = writeln!(s, "\n  {title}:");
        if list.is_empty() {
            let _ = writeln!(s, "    (none)");
        }
        for c in list {
            let _ = writeln!(s, "    {:>5}  {}", c.count, c.key);
        }
    }
    s
}
