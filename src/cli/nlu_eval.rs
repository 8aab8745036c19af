//! `kefu eval --data FILE`: the NLU scored on labelled data, as `serve` answers (the
//! languages' models routed, the shop's vocabulary applied) or one `--model` alone.

use anyhow::{Context, Result};
use std::path::Path;
use std::process::ExitCode;

use kefu::nlu::{self, artifact, data, evaluate, report, Vocabulary};
use kefu::types::{Parse, Slot};

use super::nlu::{load_as_served, EvalArgs, EvalTarget};
use super::Cli;

pub fn eval(cli: &Cli, args: &EvalArgs) -> Result<ExitCode> {
    match &args.target {
        Some(EvalTarget::Rec(rec)) => return super::rec::eval(rec),
        Some(EvalTarget::Oos(oos)) => return super::nlu_oos::eval(cli, oos),
        Some(EvalTarget::Bitext(bitext)) => return super::nlu_outside::eval(cli, bitext),
        Some(EvalTarget::Search(search)) => return super::search_eval::eval(cli, search),
        Some(EvalTarget::Stories(stories)) => return super::stories_eval::eval(cli, stories),
        None => {}
    }
    let Some(data_path) = &args.data else {
        anyhow::bail!("`kefu eval` needs --data <FILE> (or `kefu eval rec …` for the recommender)");
    };
    let config = cli.load_config(&[])?;
    nlu::set_compute_threads(config.nlu.threads);
    let model_dir = args.model.clone().unwrap_or(config.nlu.model_dir.clone());
    let base_dir = args.base.clone().unwrap_or(config.model.base_dir.clone());
    let engine = args.engine.unwrap_or(config.nlu.engine);
    let (mut model, meta) = load_as_served(&config.nlu, &model_dir, &base_dir, 0.0, 3, engine)?;
    let trained = 1 + meta.ensemble.len();
    // Parsed once without the vocabulary, which then renames slots of a copy: the model's
    // own scores (what meta.json records) and the served ones from one pass.
    let served_vocabulary = std::mem::take(&mut model.vocabulary);
    let vocabulary = match (&args.vocabulary, args.no_vocabulary) {
        (_, true) => None,
        (Some(path), _) => Some((path.clone(), Vocabulary::read(path, &model.labels)?)),
        (None, _) => (!served_vocabulary.is_empty())
            .then(|| (config.nlu.vocabulary.clone(), served_vocabulary)),
    };
    // Without --model, what `serve` answers: the languages' models read their messages
    // (--record scores the model alone: its meta.json is its own).
    let languages = match &args.model {
        None if !args.record => super::nlu_routed::load_languages(&config, engine)?,
        _ => Vec::new(),
    };
    let examples = data::load(data_path)?.examples;
    let texts: Vec<&str> = examples.iter().map(|e| e.text.as_str()).collect();
    let (alone, read_by) = super::nlu_routed::parse_routed(&model, &languages, &texts)?;
    let mut parses = alone.clone();
    let renamed: usize = match &vocabulary {
        Some((_, v)) => parses.iter_mut().map(|p| v.relabel(&model.labels, p)).sum(),
        None => 0,
    };
    let rep = evaluate(&examples, &parses);
    let alone_rep = vocabulary.as_ref().map(|_| evaluate(&examples, &alone));
    let members = match (model.members(), trained) {
        (1, 1) => String::new(),
        (n, m) if n == m => format!(", an ensemble of {n}"),
        (n, m) => format!(", {n} of its {m} members (nlu.members)"),
    };
    println!(
        "model {} (base {}, trained on data {}{members})",
        model_dir.display(),
        meta.base_id,
        &meta.data_sha256[..12]
    );
    if !languages.is_empty() {
        let read: Vec<String> = read_by.iter().map(|(k, n)| format!("{k} {n}")).collect();
        println!(
            "routed by language as served: texts read per model: {}",
            read.join(", ")
        );
    }
    print!("{}", report::text(&rep));
    if let (Some((path, v)), Some(alone)) = (&vocabulary, &alone_rep) {
        println!(
            "\nvocabulary {} ({} values) renamed {renamed} slots; the model alone: slot F1 {:.2} %, \
             sentence accuracy {:.2} % (--no-vocabulary for its full report)",
            path.display(),
            v.len(),
            alone.slot_f1 * 100.0,
            alone.sentence_accuracy * 100.0
        );
    }
    match nlu::training_data_is_current(&model_dir)? {
        Some(true) => println!(
            "\ntraining data {}: unchanged since training",
            meta.data_files.join(", ")
        ),
        Some(false) => println!(
            "\ntraining data {}: changed since training (retrain with `kefu train`)",
            meta.data_files.join(", ")
        ),
        None => {}
    }
    if let Some(json) = &args.json {
        let mut value = serde_json::to_value(&rep)?;
        value["model"] = serde_json::json!(model_dir.display().to_string());
        value["data"] = serde_json::json!(data_path.display().to_string());
        if let (Some((path, _)), Some(alone)) = (&vocabulary, &alone_rep) {
            value["vocabulary"] = serde_json::json!(path.display().to_string());
            value["vocabulary_renamed"] = serde_json::json!(renamed);
            value["model_alone"] = serde_json::to_value(alone.summary())?;
        }
        std::fs::write(json, serde_json::to_string_pretty(&value)? + "\n")
            .with_context(|| format!("writing {}", json.display()))?;
        let svg = json.with_extension("svg");
        std::fs::write(&svg, report::confusion_svg(&rep))
            .with_context(|| format!("writing {}", svg.display()))?;
        println!("wrote {} and {}", json.display(), svg.display());
    }
    if args.record {
        // The model's own scores: a candidate is judged against them (swap.rs), whatever
        // vocabulary each shop serves it with.
        let mut meta = meta;
        meta.test_metrics = Some(alone_rep.as_ref().unwrap_or(&rep).summary());
        meta.write(&model_dir)?;
        println!(
            "recorded the model's own scores{} as the test metrics in {}",
            if alone_rep.is_some() {
                " (without the vocabulary)"
            } else {
                ""
            },
            model_dir.join(artifact::META_FILE).display()
        );
    }
    if let Some(path) = &args.errors {
        let wrong = write_errors(path, &examples, &parses)?;
        println!("wrote {wrong} mistaken examples to {}", path.display());
    }
    Ok(ExitCode::SUCCESS)
}

/// One JSON line per example whose intent or slot set differs from the gold labels.
fn write_errors(path: &Path, gold: &[data::Example], parses: &[Parse]) -> Result<usize> {
    let key = |s: &Slot| (s.slot.clone(), s.start, s.end);
    let mut out = String::new();
    let mut wrong = 0;
    for (g, p) in gold.iter().zip(parses) {
        let mut gold_slots: Vec<_> = g.slots.iter().map(key).collect();
        let mut pred_slots: Vec<_> = p.slots.iter().map(key).collect();
        gold_slots.sort();
        pred_slots.sort();
        if g.intent == p.intent && gold_slots == pred_slots {
            continue;
        }
        wrong += 1;
        let line = serde_json::json!({
            "source": g.source,
            "text": g.text,
            "gold": {"intent": g.intent, "slots": g.slots},
            "pred": {"intent": p.intent, "confidence": p.confidence, "slots": p.slots},
        });
        out.push_str(&line.to_string());
        out.push('\n');
    }
    std::fs::write(path, out).with_context(|| format!("writing {}", path.display()))?;
    Ok(wrong)
}
