//! Which stories run on which catalogue: `<stories>/*.yaml` on the shop's knowledge
//! directory, `<stories>/<name>/*.yaml` on `<fixtures>/<name>/`, or, when the folder holds
//! a `feed.yaml`, on a catalogue imported from that feed for the run (skipped when the
//! feed file is not there: evaluation data stays outside the project).

use serde::Deserialize;
use std::path::{Path, PathBuf};

use super::format::StoryFile;
use super::StoryError;
use crate::knowledge::FeedFormat;

/// Where a set's catalogue comes from.
#[derive(Debug, Clone)]
pub enum Catalogue {
    /// A knowledge directory.
    Dir(PathBuf),
    /// A product feed imported into a fresh knowledge directory (FAQ, policies and
    /// replies from the shop's own knowledge directory).
    Feed { format: FeedFormat, file: PathBuf },
}

/// The stories that run on one catalogue.
#[derive(Debug, Clone)]
pub struct StorySet {
    /// `knowledge` for the top folder, else the sub-folder's name.
    pub name: String,
    pub catalogue: Catalogue,
    pub files: Vec<StoryFile>,
    /// Why the set cannot run here (its feed is missing); its stories are still counted.
    pub unavailable: Option<String>,
}

impl StorySet {
    pub fn stories(&self) -> usize {
        self.files.iter().map(|f| f.stories.len()).sum()
    }
}

/// `feed.yaml` in a story folder.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FeedSpec {
    /// `google-retail`, `google-merchant` or `shopify-csv`.
    format: String,
    /// The feed, relative to the working directory.
    file: PathBuf,
}

fn feed_format(name: &str) -> Option<FeedFormat> {
    [
        FeedFormat::GoogleRetail,
        FeedFormat::GoogleMerchant,
        FeedFormat::ShopifyCsv,
    ]
    .into_iter()
    .find(|f| f.as_str() == name)
}

fn yaml_in(dir: &Path) -> Result<Vec<StoryFile>, StoryError> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| StoryError::io(dir, e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.extension().is_some_and(|x| x == "yaml")
                && p.file_name() != Some("feed.yaml".as_ref())
        })
        .collect();
    paths.sort();
    paths.iter().map(|p| StoryFile::load(p)).collect()
}

/// Every story set under `stories`, the top folder's first, then the sub-folders by name.
pub fn story_sets(
    stories: &Path,
    knowledge: &Path,
    fixtures: &Path,
) -> Result<Vec<StorySet>, StoryError> {
    let mut sets = vec![StorySet {
        name: "knowledge".into(),
        catalogue: Catalogue::Dir(knowledge.to_path_buf()),
        files: yaml_in(stories)?,
        unavailable: None,
    }];
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(stories)
        .map_err(|e| StoryError::io(stories, e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    for dir in dirs {
        let name = dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let spec_path = dir.join("feed.yaml");
        let (catalogue, unavailable) = if spec_path.exists() {
            let text =
                std::fs::read_to_string(&spec_path).map_err(|e| StoryError::io(&spec_path, e))?;
            let spec: FeedSpec = serde_yaml::from_str(&text).map_err(|e| StoryError::Format {
                path: spec_path.clone(),
                message: e.to_string(),
            })?;
            let format = feed_format(&spec.format).ok_or_else(|| StoryError::Format {
                path: spec_path.clone(),
                message: format!(
                    "unknown feed format {:?} (google-retail, google-merchant, shopify-csv)",
                    spec.format
                ),
            })?;
            let unavailable = (!spec.file.exists())
                .then(|| format!("the feed {} is not there", spec.file.display()));
            (
                Catalogue::Feed {
                    format,
                    file: spec.file,
                },
                unavailable,
            )
        } else {
            let fixture = fixtures.join(&name);
            if !fixture.is_dir() {
                return Err(StoryError::NoCatalogue {
                    stories: dir.clone(),
                    fixture,
                });
            }
            (Catalogue::Dir(fixture), None)
        };
        sets.push(StorySet {
            name,
            catalogue,
            files: yaml_in(&dir)?,
            unavailable,
        });
    }
    Ok(sets)
}
