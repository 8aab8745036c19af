//! Configuration, layered: built-in defaults < `kefu.toml` < `KEFU_*` environment variables
//! < command-line flags. Each module owns its config struct; this file only stacks the layers.
//!
//! Environment variables name a key by its path, upper-cased and joined with `_`:
//! `server.bind` is `KEFU_SERVER_BIND`, `admin.token` is `KEFU_ADMIN_TOKEN`, the top-level
//! `data_dir` is `KEFU_DATA_DIR`. Values are parsed as the key's type (numbers, booleans,
//! comma-separated lists); an unknown `KEFU_*` key is an error, not a silent no-op.

use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use thiserror::Error;

use crate::behavior::BehaviorConfig;
use crate::dialogue::DialogueConfig;
use crate::knowledge::KnowledgeConfig;
use crate::model::ModelConfig;
use crate::nlu::NluConfig;
use crate::recommend::RecommendConfig;
use crate::retention::RetentionConfig;
use crate::store::StoreConfig;
use crate::transport::{AdminConfig, ServerConfig};

/// Variables that start with `KEFU_` but are not config keys.
const NON_KEY_VARS: &[&str] = &["KEFU_LOG", "KEFU_CONFIG"];

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    /// Where sled keeps sessions, events, profiles and the graph snapshot (and, with the
    /// postgres store, the files each replica keeps for itself: the search index).
    pub data_dir: PathBuf,
    /// The shop's editable knowledge files.
    pub knowledge_dir: PathBuf,
    pub server: ServerConfig,
    pub admin: AdminConfig,
    pub model: ModelConfig,
    pub nlu: NluConfig,
    pub knowledge: KnowledgeConfig,
    pub recommend: RecommendConfig,
    pub behavior: BehaviorConfig,
    pub dialogue: DialogueConfig,
    pub retention: RetentionConfig,
    pub store: StoreConfig,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            data_dir: PathBuf::from("data"),
            knowledge_dir: PathBuf::from("knowledge"),
            server: ServerConfig::default(),
            admin: AdminConfig::default(),
            model: ModelConfig::default(),
            nlu: NluConfig::default(),
            knowledge: KnowledgeConfig::default(),
            recommend: RecommendConfig::default(),
            behavior: BehaviorConfig::default(),
            dialogue: DialogueConfig::default(),
            retention: RetentionConfig::default(),
            store: StoreConfig::default(),
        }
    }
}

#[derive(Debug, Error)]
pub enum ConfigError {
    #[error("cannot read config file {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("config file {path}: {message}")]
    Parse { path: PathBuf, message: String },
    #[error("invalid value for `{key}`: {value:?} — allowed: {allowed}")]
    Invalid {
        key: String,
        value: String,
        allowed: String,
    },
    #[error("environment variable {var} does not name a config key (hint: {hint})")]
    UnknownEnv { var: String, hint: String },
}

impl ConfigError {
    pub fn invalid(key: &str, value: impl ToString, allowed: impl Into<String>) -> Self {
        ConfigError::Invalid {
            key: key.to_string(),
            value: value.to_string(),
            allowed: allowed.into(),
        }
    }
}

/// One `key = value` given on the command line; the highest layer.
#[derive(Debug, Clone)]
pub struct Override {
    pub key: &'static str,
    pub value: toml::Value,
}

impl Override {
    pub fn string(key: &'static str, value: impl Into<String>) -> Self {
        Self {
            key,
            value: toml::Value::String(value.into()),
        }
    }
}

impl Config {
    /// Stacks the layers. `file` is read when given (missing explicit file = error); without
    /// one, `./kefu.toml` is read if present.
    pub fn load(
        file: Option<&Path>,
        env: impl IntoIterator<Item = (String, String)>,
        overrides: &[Override],
    ) -> Result<Config, ConfigError> {
        let defaults = toml::Value::try_from(Config::default()).expect("defaults serialize");
        let mut merged = defaults.clone();

        let implicit = Path::new("kefu.toml");
        let file = file.or_else(|| implicit.exists().then_some(implicit));
        if let Some(path) = file {
            let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
                path: path.to_path_buf(),
                source,
            })?;
            let layer: toml::Value = toml::from_str(&text).map_err(|e| ConfigError::Parse {
                path: path.to_path_buf(),
                message: e.to_string(),
            })?;
            merge(&mut merged, layer);
        }

        let mut env: Vec<(String, String)> = env
            .into_iter()
            .filter(|(k, _)| k.starts_with("KEFU_") && !NON_KEY_VARS.contains(&k.as_str()))
            .collect();
        env.sort();
        for (var, raw) in env {
            let path = env_key_path(&defaults, &var)?;
            let value = typed_value(lookup(&defaults, &path), &path.join("."), &raw)?;
            set(&mut merged, &path, value);
        }

        for o in overrides {
            let path: Vec<String> = o.key.split('.').map(str::to_string).collect();
            set(&mut merged, &path, o.value.clone());
        }

        let config: Config =
            merged
                .try_into()
                .map_err(|e: toml::de::Error| ConfigError::Parse {
                    path: file
                        .map(Path::to_path_buf)
                        .unwrap_or_else(|| "<env/flags>".into()),
                    message: e.message().to_string(),
                })?;
        config.validate()?;
        Ok(config)
    }

    /// Every module checks its own values; the first bad one is reported with its key.
    pub fn validate(&self) -> Result<(), ConfigError> {
        self.server.validate()?;
        self.admin.validate()?;
        self.model.validate()?;
        self.nlu.validate()?;
        self.knowledge.validate()?;
        self.recommend.validate()?;
        self.behavior.validate()?;
        self.dialogue.validate()?;
        self.retention.validate()?;
        self.store.validate()?;
        Ok(())
    }

    /// The effective configuration as TOML, secrets replaced by `"<redacted>"`.
    pub fn redacted_toml(&self) -> String {
        let mut copy = self.clone();
        copy.admin.redact();
        copy.server.redact();
        copy.store.redact();
        toml::to_string_pretty(&copy).expect("config serializes")
    }
}

fn merge(base: &mut toml::Value, layer: toml::Value) {
    match (base, layer) {
        (toml::Value::Table(b), toml::Value::Table(l)) => {
            for (k, v) in l {
                match b.get_mut(&k) {
                    Some(existing) if existing.is_table() && v.is_table() => merge(existing, v),
                    _ => {
                        b.insert(k, v);
                    }
                }
            }
        }
        (b, l) => *b = l,
    }
}

/// `KEFU_ADMIN_TOKEN` → `["admin", "token"]`: a top-level key if one matches whole, else the
/// section whose name is the longest prefix.
fn env_key_path(defaults: &toml::Value, var: &str) -> Result<Vec<String>, ConfigError> {
    let rest = var["KEFU_".len()..].to_ascii_lowercase();
    let table = defaults.as_table().expect("config is a table");
    if table.get(&rest).is_some_and(|v| !v.is_table()) {
        return Ok(vec![rest]);
    }
    let mut sections: Vec<&String> = table
        .iter()
        .filter(|(_, v)| v.is_table())
        .map(|(k, _)| k)
        .collect();
    sections.sort_by_key(|s| std::cmp::Reverse(s.len()));
    for section in sections {
        if let Some(key) = rest.strip_prefix(&format!("{section}_")) {
            return Ok(vec![section.clone(), key.to_string()]);
        }
    }
    let names: Vec<String> = table
        .keys()
        .map(|k| format!("KEFU_{}", k.to_ascii_uppercase()))
        .collect();
    Err(ConfigError::UnknownEnv {
        var: var.to_string(),
        hint: format!("config sections and keys start with {}", names.join(", ")),
    })
}

fn lookup<'a>(v: &'a toml::Value, path: &[String]) -> Option<&'a toml::Value> {
    path.iter().try_fold(v, |v, k| v.get(k))
}

fn set(root: &mut toml::Value, path: &[String], value: toml::Value) {
    let mut cur = root;
    for k in &path[..path.len() - 1] {
        let table = cur.as_table_mut().expect("config path runs through tables");
        cur = table
            .entry(k.clone())
            .or_insert_with(|| toml::Value::Table(Default::default()));
    }
    if let Some(t) = cur.as_table_mut() {
        t.insert(path[path.len() - 1].clone(), value);
    }
}

/// Parses an environment string as the type the key has by default; keys without a
/// default (optional secrets) are strings.
fn typed_value(
    default: Option<&toml::Value>,
    key: &str,
    raw: &str,
) -> Result<toml::Value, ConfigError> {
    use toml::Value as V;
    Ok(match default {
        Some(V::Integer(_)) => V::Integer(
            raw.trim()
                .parse()
                .map_err(|_| ConfigError::invalid(key, raw, "a whole number"))?,
        ),
        Some(V::Float(_)) => V::Float(
            raw.trim()
                .parse()
                .map_err(|_| ConfigError::invalid(key, raw, "a number"))?,
        ),
        Some(V::Boolean(_)) => V::Boolean(match raw.trim().to_ascii_lowercase().as_str() {
            "1" | "true" | "yes" | "on" => true,
            "0" | "false" | "no" | "off" => false,
            _ => return Err(ConfigError::invalid(key, raw, "true or false")),
        }),
        Some(V::Array(_)) => V::Array(
            raw.split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(|s| V::String(s.to_string()))
                .collect(),
        ),
        Some(V::Table(_)) => {
            return Err(ConfigError::invalid(
                key,
                raw,
                "a single key of this section, e.g. KEFU_SECTION_KEY",
            ))
        }
        _ => V::String(raw.to_string()),
    })
}
