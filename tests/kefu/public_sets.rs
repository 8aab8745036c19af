//! The SNIPS and ATIS commands of docs/nlu.md ("Results"), run as written from the project
//! directory, where the shop's vocabulary (knowledge/nlu/vocabulary.tsv) sits beside them.
//! The sets themselves are not in the repository; a few lines in SNIPS's format, written
//! here, stand in for them on a tiny base, so what is proved is the commands' path: the
//! trainer on another dataset's labels, and an evaluation that does not check the shop's
//! vocabulary against a model it was not written for.

use std::path::{Path, PathBuf};

use super::ensemble::kefu_in;
use super::nlu::tiny_base;

/// Lines in SNIPS's JSONL shape: two intents, a playlist's owner ("my"), its name, an artist.
fn snips_like(n: usize) -> String {
    let artists = ["nina vale", "the copper hats", "olu ade", "marta fenn"];
    let playlists = ["sunday drive", "rainy focus", "gym mix", "old gold"];
    let mut out = String::new();
    for k in 0..n {
        let artist = artists[k % artists.len()];
        let playlist = playlists[(k / 2) % playlists.len()];
        let add = format!("add {artist} to my {playlist} playlist");
        let a = add.find(artist).unwrap();
        let m = add.find("my ").unwrap();
        let p = add.find(playlist).unwrap();
        let line = serde_json::json!({
            "text": add, "intent": "AddToPlaylist",
            "slots": [
                {"slot": "artist", "value": artist, "start": a, "end": a + artist.len()},
                {"slot": "playlist_owner", "value": "my", "start": m, "end": m + 2},
                {"slot": "playlist", "value": playlist, "start": p, "end": p + playlist.len()},
            ]
        });
        out.push_str(&format!("{line}\n"));
        let play = format!("play something by {artist}");
        let a = play.find(artist).unwrap();
        let line = serde_json::json!({
            "text": play, "intent": "PlayMusic",
            "slots": [{"slot": "artist", "value": artist, "start": a, "end": a + artist.len()}]
        });
        out.push_str(&format!("{line}\n"));
    }
    out
}

fn project_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn run(cmd: &mut std::process::Command) -> String {
    let out = cmd.output().unwrap();
    let all = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "{cmd:?} failed:\n{all}");
    all
}

#[test]
fn the_snips_commands_of_the_docs_run_from_the_project_directory() {
    let (tmp, base) = tiny_base();
    let data = |name: &str, n: usize| -> PathBuf {
        let path = tmp.path().join(name);
        std::fs::write(&path, snips_like(n)).unwrap();
        path
    };
    let (train, dev, test) = (
        data("train.jsonl", 16),
        data("dev.jsonl", 4),
        data("test.jsonl", 6),
    );
    let model = tmp.path().join("snips-model");
    assert!(project_dir().join("knowledge/nlu/vocabulary.tsv").exists());
    let p = |path: &Path| path.display().to_string();

    // docs/nlu.md: kefu train --data …/train.jsonl --dev …/dev.jsonl --test …/test.jsonl
    //   --out /tmp/snips-model --epochs 2 --lora-layers 2 --learning-rate 5e-3
    run(kefu_in(&project_dir()).args([
        "train",
        "--data",
        &p(&train),
        "--dev",
        &p(&dev),
        "--test",
        &p(&test),
        "--out",
        &p(&model),
        "--epochs",
        "2",
        "--lora-layers",
        "2",
        "--learning-rate",
        "5e-3",
        "--base",
        &p(&base.dir),
    ]));
    let labels = std::fs::read_to_string(model.join("labels.json")).unwrap();
    assert!(labels.contains("playlist_owner"), "{labels}");

    // docs/nlu.md: kefu eval --model /tmp/snips-model --data …/test.jsonl --json …
    let report = tmp.path().join("snips-report.json");
    let said = run(kefu_in(&project_dir()).args([
        "eval",
        "--model",
        &p(&model),
        "--data",
        &p(&test),
        "--json",
        &p(&report),
        "--model-dir",
        &p(&base.dir),
    ]));
    assert!(
        said.contains("not applied"),
        "the shop's vocabulary is left out, saying so:\n{said}"
    );
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap();
    assert!(report["slot_f1"].is_number(), "{report}");
    assert!(report["intent_accuracy"].is_number(), "{report}");
}
