//! Admin edits: a change is applied to the file texts in memory, the whole catalogue is
//! validated with it, and only then are the files written (atomically) and the new graph
//! served. The files stay the source of truth; edits are serialised.

use serde::Deserialize;
use std::path::Path;
use thiserror::Error;

use super::error::Problem;
use super::live::LiveGraph;
use super::load::KnowledgeBase;
use super::schema::{Product, Relation};
use super::source::{self, SourceSet};
use super::KnowledgeError;

#[derive(Debug, Error)]
pub enum EditError {
    /// The edit would make the files invalid; nothing was written.
    #[error("the change was not saved: {}", .0.iter().map(|p| p.message.as_str()).collect::<Vec<_>>().join("; "))]
    Invalid(Vec<Problem>),
    #[error("{0}")]
    NotFound(String),
    #[error("{0}")]
    Conflict(String),
    #[error(transparent)]
    Knowledge(#[from] KnowledgeError),
}

#[derive(Deserialize)]
struct IdOnly {
    id: String,
}

fn line_id(line: &str) -> Option<String> {
    serde_json::from_str::<IdOnly>(line).ok().map(|x| x.id)
}

impl LiveGraph {
    /// Creates a product (`create`: it must not exist) or replaces one (it must exist).
    pub fn put_product(&self, product: &Product, create: bool) -> Result<(), EditError> {
        let line =
            serde_json::to_string(product).map_err(|e| EditError::Conflict(e.to_string()))?;
        self.edit(|sources| {
            let text = sources.get(source::PRODUCTS).unwrap_or("").to_string();
            let mut found = false;
            let mut out: Vec<String> = Vec::new();
            for l in text.lines() {
                if line_id(l).as_deref() == Some(product.id.as_str()) {
                    found = true;
                    out.push(line.clone());
                } else {
                    out.push(l.to_string());
                }
            }
            match (create, found) {
                (true, true) => {
                    return Err(EditError::Conflict(format!(
                        "product {:?} already exists",
                        product.id.as_str()
                    )))
                }
                (false, false) => return Err(not_in_jsonl(sources, product.id.as_str())),
                (true, false) => out.push(line.clone()),
                _ => {}
            }
            sources.set(source::PRODUCTS, join_lines(out));
            Ok(vec![source::PRODUCTS.to_string()])
        })
    }

    /// Deletes a product, every relation naming it and its texts in other languages
    /// (`<locale>/products.jsonl`). The relations and translations are written first: a
    /// crash after that leaves the product without relations or translation (valid),
    /// never relations to a product that is gone (which `kefu kg check` and `kefu serve`
    /// refuse).
    pub fn delete_product(&self, id: &str) -> Result<(), EditError> {
        self.edit(|sources| remove_product(sources, id))
    }

    /// Adds a relation line to relations.csv.
    pub fn add_relation(&self, r: &Relation) -> Result<(), EditError> {
        self.edit(|sources| {
            let mut text = sources
                .get(source::RELATIONS)
                .unwrap_or("kind,from,to\n")
                .to_string();
            if find_relation(&text, r).is_some() {
                return Err(EditError::Conflict("this relation already exists".into()));
            }
            if !text.ends_with('\n') && !text.is_empty() {
                text.push('\n');
            }
            text.push_str(&format!("{},{},{}\n", r.kind.as_str(), r.from, r.to));
            sources.set(source::RELATIONS, text);
            Ok(vec![source::RELATIONS.to_string()])
        })
    }

    pub fn remove_relation(&self, r: &Relation) -> Result<(), EditError> {
        self.edit(|sources| {
            let text = sources.get(source::RELATIONS).unwrap_or("").to_string();
            let Some(n) = find_relation(&text, r) else {
                return Err(EditError::NotFound("no such relation".into()));
            };
            let kept: Vec<String> = text
                .lines()
                .enumerate()
                .filter(|(i, _)| *i != n)
                .map(|(_, l)| l.to_string())
                .collect();
            sources.set(source::RELATIONS, join_lines(kept));
            Ok(vec![source::RELATIONS.to_string()])
        })
    }

    /// Applies `change` to the current file texts, validates, writes, swaps. `change`
    /// names the files it changed in the order to write them: each prefix of that order
    /// must leave valid knowledge, since a crash can stop the writing anywhere. Nothing is
    /// acknowledged before every file and the directory are on disk.
    fn edit(
        &self,
        change: impl FnOnce(&mut SourceSet) -> Result<Vec<String>, EditError>,
    ) -> Result<(), EditError> {
        let _guard = self.write_lock.lock();
        // With replicas: no other edits meanwhile, and this one starts from the latest.
        let _lease = super::shared::lease(self)?;
        super::shared::catch_up_locked(self)?;
        let mut sources = SourceSet::read(self.dir())?;
        let changed = change(&mut sources)?;
        let (graph, report) = match KnowledgeBase::load_sources(&sources, self.store()) {
            Ok(x) => x,
            Err(KnowledgeError::Invalid(problems)) => {
                return Err(EditError::Invalid(
                    problems.into_iter().filter(Problem::is_error).collect(),
                ))
            }
            Err(e) => return Err(e.into()),
        };
        for name in &changed {
            write_atomic(&self.dir().join(name), sources.get(name).unwrap_or(""))?;
        }
        let names: Vec<&str> = changed.iter().map(String::as_str).collect();
        super::shared::publish(self, &sources, &names)?;
        tracing::info!("knowledge edited through the admin API: {report}");
        self.swap(graph, report);
        Ok(())
    }
}

/// [`LiveGraph::delete_product`]'s change; the files it names come in a crash-safe order.
fn remove_product(sources: &mut SourceSet, id: &str) -> Result<Vec<String>, EditError> {
    let text = sources.get(source::PRODUCTS).unwrap_or("").to_string();
    let before = text.lines().count();
    let kept: Vec<String> = text
        .lines()
        .filter(|l| line_id(l).as_deref() != Some(id))
        .map(str::to_string)
        .collect();
    if kept.len() == before {
        return Err(not_in_jsonl(sources, id));
    }
    sources.set(source::PRODUCTS, join_lines(kept));
    let mut changed: Vec<String> = Vec::new();
    let translations: Vec<String> = sources
        .locales()
        .into_iter()
        .map(|l| format!("{l}/{}", source::PRODUCTS))
        .filter(|f| sources.get(f).is_some())
        .collect();
    for file in translations {
        let text = sources.get(&file).unwrap_or("");
        let kept: Vec<String> = text
            .lines()
            .filter(|l| line_id(l).as_deref() != Some(id))
            .map(str::to_string)
            .collect();
        if kept.len() != text.lines().count() {
            sources.set(&file, join_lines(kept));
            changed.push(file);
        }
    }
    if let Some(rel) = sources.get(source::RELATIONS).map(str::to_string) {
        let kept: Vec<String> = rel
            .lines()
            .filter(|l| {
                let cols: Vec<&str> = l.split(',').map(str::trim).collect();
                !(cols.len() == 3 && (cols[1] == id || cols[2] == id))
            })
            .map(str::to_string)
            .collect();
        sources.set(source::RELATIONS, join_lines(kept));
        changed.push(source::RELATIONS.to_string());
    }
    changed.push(source::PRODUCTS.to_string());
    Ok(changed)
}

/// A product missing from products.jsonl: unknown, or defined in products.csv (which the
/// admin API does not rewrite: it is the shop's export).
fn not_in_jsonl(sources: &SourceSet, id: &str) -> EditError {
    let in_csv = sources.get(source::PRODUCTS_CSV).is_some_and(|t| {
        t.lines()
            .any(|l| l.split(',').next().map(|c| c.trim().trim_matches('"')) == Some(id))
    });
    if in_csv {
        EditError::Conflict(format!(
            "product {id:?} is defined in products.csv, the shop's export; change it there"
        ))
    } else {
        EditError::NotFound(format!("no product with id {id:?}"))
    }
}

fn find_relation(text: &str, r: &Relation) -> Option<usize> {
    text.lines().position(|l| {
        let cols: Vec<&str> = l.split(',').map(str::trim).collect();
        cols.len() == 3
            && cols[0] == r.kind.as_str()
            && cols[1] == r.from.as_str()
            && cols[2] == r.to.as_str()
    })
}

fn join_lines(lines: Vec<String>) -> String {
    let mut s = lines.join("\n");
    s.push('\n');
    s
}

/// Write to a temporary file beside the target, then rename over it: a reader (or the
/// watcher) never sees half a file. The file keeps the permissions the shop gave it; its
/// data is synced before the rename and the directory after it, so once this returns the
/// new text survives a power cut.
pub(crate) fn write_atomic(path: &Path, text: &str) -> Result<(), KnowledgeError> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(|e| KnowledgeError::io(dir, e))?;
    std::io::Write::write_all(&mut tmp, text.as_bytes())
        .map_err(|e| KnowledgeError::io(path, e))?;
    match std::fs::metadata(path) {
        Ok(old) => tmp
            .as_file()
            .set_permissions(old.permissions())
            .map_err(|e| KnowledgeError::io(path, e))?,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(KnowledgeError::io(path, e)),
    }
    tmp.as_file()
        .sync_all()
        .map_err(|e| KnowledgeError::io(path, e))?;
    tmp.persist(path)
        .map_err(|e| KnowledgeError::io(path, e.error))?;
    sync_dir(dir)
}

/// Makes a rename in `dir` durable (the directory entry is data too).
fn sync_dir(dir: &Path) -> Result<(), KnowledgeError> {
    #[cfg(unix)]
    std::fs::File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(|e| KnowledgeError::io(dir, e))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every prefix of a delete's writes, applied to the shop's own files, validates: a
    /// crash between the two files leaves knowledge `kefu kg check` accepts.
    #[test]
    fn a_deletes_writes_are_valid_at_every_step() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("knowledge");
        let before = SourceSet::read(&dir).unwrap();
        let relations = before.get(source::RELATIONS).unwrap();
        let id = relations
            .lines()
            .skip(1)
            .find_map(|l| l.split(',').nth(1).map(|c| c.trim().to_string()))
            .expect("a relation to delete with its product");
        let mut after = before.clone();
        let order = remove_product(&mut after, &id).unwrap();
        assert_eq!(
            order,
            ["zh/products.jsonl", source::RELATIONS, source::PRODUCTS],
            "the demo shop's product has a Chinese text and a relation"
        );
        for written in 0..=order.len() {
            let mut on_disk = before.clone();
            for name in &order[..written] {
                on_disk.set(name, after.get(name).unwrap().to_string());
            }
            if let Err(e) = KnowledgeBase::load_sources(&on_disk, None) {
                panic!(
                    "after writing {:?} the files are invalid: {e}",
                    &order[..written]
                );
            }
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_rewritten_file_keeps_its_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("products.jsonl");
        std::fs::write(&path, "old\n").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        write_atomic(&path, "new\n").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new\n");
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(
            mode, 0o644,
            "tempfile's 0600 must not replace the shop's mode"
        );
        // A new file is written too (tempfile's own mode then).
        write_atomic(&dir.path().join("new.csv"), "x\n").unwrap();
    }
}
