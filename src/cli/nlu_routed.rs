//! `kefu eval` without `--model` scores what `kefu serve` answers: each message read by the
//! model of its language (nlu/language.rs), as the served router does.

use anyhow::Result;

use kefu::config::Config;
use kefu::nlu::language::{pick, route};
use kefu::nlu::{artifact, Engine, NluModel};
use kefu::types::Parse;

use super::nlu::{load_as_served, parse_all};

/// The installed models of `nlu.languages` (as `serve` leaves out a missing one).
pub(super) fn load_languages(config: &Config, engine: Engine) -> Result<Vec<(String, NluModel)>> {
    let mut out = Vec::new();
    for (code, lang) in &config.nlu.languages {
        let installed = lang.model_dir.join(artifact::META_FILE).exists()
            && kefu::model::REQUIRED_FILES
                .iter()
                .all(|f| lang.base_dir.join(f).exists());
        if !installed {
            eprintln!(
                "note: no {code} model at {} on {}; the default model reads {code} messages, as `serve` would",
                lang.model_dir.display(),
                lang.base_dir.display()
            );
            continue;
        }
        let (model, _) =
            load_as_served(&config.nlu, &lang.model_dir, &lang.base_dir, 0.0, 3, engine)?;
        out.push((code.clone(), model));
    }
    Ok(out)
}

/// How many texts each model read: ("default" or a language code, count).
type ReadBy = Vec<(String, usize)>;

/// Every text parsed as the router would: by its language's model, or by both and the surer
/// kept. Also says how many texts each language's model read.
pub(super) fn parse_routed(
    default: &NluModel,
    languages: &[(String, NluModel)],
    texts: &[&str],
) -> Result<(Vec<Parse>, ReadBy)> {
    let codes: Vec<&str> = languages.iter().map(|(k, _)| k.as_str()).collect();
    let routes: Vec<Vec<Option<&str>>> = texts.iter().map(|t| route(t, &codes)).collect();
    // readings[i]: (position in the route, parse), sorted so a tie keeps the route's order.
    let mut readings: Vec<Vec<(usize, Parse)>> = vec![Vec::new(); texts.len()];
    let mut counts = Vec::new();
    let models = std::iter::once((None, default))
        .chain(languages.iter().map(|(k, m)| (Some(k.as_str()), m)));
    for (code, model) in models {
        let mine: Vec<(usize, usize)> = routes
            .iter()
            .enumerate()
            .filter_map(|(i, r)| r.iter().position(|l| *l == code).map(|at| (i, at)))
            .collect();
        counts.push((code.unwrap_or("default").to_string(), mine.len()));
        if mine.is_empty() {
            continue;
        }
        let sub: Vec<&str> = mine.iter().map(|&(i, _)| texts[i]).collect();
        let what = format!("{} texts", code.unwrap_or("default"));
        for (&(i, at), p) in mine.iter().zip(parse_all(model, &sub, &what)?) {
            readings[i].push((at, p));
        }
    }
    let parses = readings
        .into_iter()
        .map(|mut r| {
            r.sort_by_key(|(at, _)| *at);
            pick(r.into_iter().map(|(_, p)| p).collect())
        })
        .collect();
    Ok((parses, counts))
}
