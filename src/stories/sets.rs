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

#[cfg(test)]
mod tests {
    use super::*;

    fn write(path: &Path, text: &str) {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    const ONE: &str = "- story: hello\n  steps:\n    - say: hi\n";

    #[test]
    fn sets_are_the_top_folder_then_fixtures_then_feeds_a_missing_feed_is_skipped() {
        let dir = tempfile::tempdir().unwrap();
        let stories = dir.path().join("stories");
        let fixtures = dir.path().join("fixtures");
        write(&stories.join("a.yaml"), ONE);
        write(
            &stories.join("shop2/b.yaml"),
            &format!("{ONE}{}", ONE.replace("hello", "again")),
        );
        std::fs::create_dir_all(fixtures.join("shop2")).unwrap();
        write(&stories.join("feedshop/c.yaml"), ONE);
        write(
            &stories.join("feedshop/feed.yaml"),
            "format: google-retail\nfile: /no/such/feed.jsonl\n",
        );
        let sets = story_sets(&stories, Path::new("knowledge"), &fixtures).unwrap();
        let names: Vec<&str> = sets.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["knowledge", "feedshop", "shop2"]);
        assert_eq!(sets[2].stories(), 2);
        assert!(matches!(&sets[2].catalogue, Catalogue::Dir(d) if d == &fixtures.join("shop2")));
        assert!(sets[0].unavailable.is_none());
        assert!(sets[1]
            .unavailable
            .as_deref()
            .unwrap()
            .contains("/no/such/feed.jsonl"));
        // feed.yaml is not a story file.
        assert_eq!(sets[1].stories(), 1);
    }

    #[test]
    fn a_folder_without_a_catalogue_or_a_step_with_two_inputs_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let stories = dir.path().join("stories");
        write(&stories.join("orphan/a.yaml"), ONE);
        let err = story_sets(
            &stories,
            Path::new("knowledge"),
            &dir.path().join("fixtures"),
        );
        assert!(
            matches!(err, Err(StoryError::NoCatalogue { .. })),
            "{err:?}"
        );

        let both = dir.path().join("both.yaml");
        write(
            &both,
            "- story: x\n  steps:\n    - say: hi\n      press: /greet\n",
        );
        let err = StoryFile::load(&both).unwrap_err().to_string();
        assert!(err.contains("exactly one of `say` or `press`"), "{err}");
        let unknown = dir.path().join("unknown.yaml");
        write(
            &unknown,
            "- story: x\n  steps:\n    - say: hi\n      colour_of_reply: red\n",
        );
        assert!(
            StoryFile::load(&unknown).is_err(),
            "unknown keys are refused"
        );
    }
}
