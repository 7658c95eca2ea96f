//! `pushdiag.toml`: discovery, parsing with positions, environment overrides and secrets.
//!
//! Problems in a file that parses are findings (`config-invalid`, `secret-in-plaintext`) that
//! point at the key, so one run reports all of them; a file that is not TOML at all is an error
//! (exit 2). Each setting remembers where it came from, for messages and `--print-config`.

mod environment;
pub mod schema;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::Context as _;
use toml_edit::{Item, Value as TomlValue};

use crate::findings::{Finding, Located, Location, Rule};
use crate::secret::Secret;
use crate::vendor::Vendor;
pub use environment::Environment;
pub use schema::{Kind, Section};

/// The file name discovery looks for.
pub const FILE_NAME: &str = "pushdiag.toml";

/// Where a secret's value comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SecretSource {
    /// Written in the file (or an environment override) itself.
    Literal(Secret),
    /// `{ env = "NAME" }`.
    Env(String),
    /// `{ file = "path" }`, relative to the config file's folder.
    File(PathBuf),
}

/// A setting's value. Ids, paths and enumerations are kept as text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    Text(String),
    Integer(i64),
    List(Vec<String>),
    Secret(SecretSource),
}

/// Where a setting came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    File(Location),
    Env(String),
}

#[derive(Clone, Debug)]
pub struct Setting {
    pub value: Value,
    pub origin: Origin,
}

impl Setting {
    fn location(&self) -> Option<Location> {
        match &self.origin {
            Origin::File(location) => Some(location.clone()),
            Origin::Env(_) => None,
        }
    }
}

/// The effective configuration: the file merged with `PUSHDIAG_*` overrides.
#[derive(Debug, Default)]
pub struct Config {
    /// The file read, if any.
    pub file: Option<PathBuf>,
    /// Relative paths in the file are relative to this folder.
    pub dir: PathBuf,
    settings: BTreeMap<(Section, &'static str), Setting>,
    sections: BTreeMap<Section, Option<Location>>,
    /// `config-invalid` and `secret-in-plaintext` findings made while loading.
    pub findings: Vec<Finding>,
}

/// Finds the config: `explicit` (`--config`), else `$PUSHDIAG_CONFIG`, else the first
/// `pushdiag.toml` in `start` or one of its parents.
pub fn discover(
    explicit: Option<&Path>,
    env_config: Option<&str>,
    start: &Path,
) -> anyhow::Result<Option<PathBuf>> {
    if let Some(path) = explicit {
        return Ok(Some(path.to_path_buf()));
    }
    if let Some(path) = env_config.filter(|p| !p.is_empty()) {
        return Ok(Some(PathBuf::from(path)));
    }
    let start = start
        .canonicalize()
        .with_context(|| format!("cannot open folder `{}`", start.display()))?;
    let found = start
        .ancestors()
        .map(|dir| dir.join(FILE_NAME))
        .find(|candidate| candidate.is_file());
    // Shown in every finding: relative to the current folder when it is below it, as users typed.
    let cwd = std::env::current_dir()
        .ok()
        .and_then(|d| d.canonicalize().ok());
    Ok(found.map(
        |path| match cwd.as_deref().and_then(|cwd| path.strip_prefix(cwd).ok()) {
            Some(relative) => relative.to_path_buf(),
            None => path,
        },
    ))
}

/// The one-line error for a config that does not parse. The parsers' own Display quotes the
/// offending line, which may hold a secret: the message is built from the description and the
/// position only.
fn parse_error(
    source: &Arc<str>,
    text: &str,
    message: &str,
    span: Option<std::ops::Range<usize>>,
) -> anyhow::Error {
    match span.map(|span| Location::in_text(source.clone(), text, span.start, "")) {
        Some(at) => anyhow::anyhow!(
            "cannot parse config `{source}` at line {}, column {}: {}",
            at.line,
            at.column,
            message.trim_end()
        ),
        None => anyhow::anyhow!("cannot parse config `{source}`: {}", message.trim_end()),
    }
}

/// Loads `path` (if any) and applies the `PUSHDIAG_*` variables of `env`.
pub fn load(path: Option<&Path>, env: &Environment) -> anyhow::Result<Config> {
    let mut config = Config::default();
    if let Some(path) = path {
        let text = crate::files::read_text(path, crate::files::FileKind::Config)
            .with_context(|| format!("cannot read config `{}`", path.display()))?;
        config.dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
        config.file = Some(path.to_path_buf());
        config.read_toml(&text, path.display().to_string().into())?;
    } else {
        config.dir = PathBuf::from(".");
    }
    config.apply_env(env);
    Ok(config)
}

impl Config {
    fn read_toml(&mut self, text: &str, source: Arc<str>) -> anyhow::Result<()> {
        // toml_edit 0.23.10 panics on a few malformed documents (`==1` then `.c=1`: "all items
        // have spans"); the `toml` crate's parser reports them as errors. Whatever the user
        // writes must end in the one-line parse error, so it reads the text first.
        if let Err(error) = toml::from_str::<toml::Table>(text) {
            return Err(parse_error(&source, text, error.message(), error.span()));
        }
        let document = toml_edit::Document::parse(text)
            .map_err(|error| parse_error(&source, text, error.message(), error.span()))?;
        let locate = |offset: Option<std::ops::Range<usize>>, pointer: String| {
            Location::in_text(source.clone(), text, offset.map_or(0, |r| r.start), pointer)
        };
        for (name, item) in document.iter() {
            let key_span = document.key(name).and_then(|k| k.span());
            match item {
                Item::Table(table) => {
                    let Some(section) = Section::from_name(name) else {
                        let sections = Section::ALL
                            .iter()
                            .filter(|s| **s != Section::Root)
                            .map(|s| s.name());
                        self.unknown(
                            locate(key_span, format!("/{name}")),
                            &format!("section [{name}]"),
                            schema::closest(name, sections).map(|s| format!("[{s}]")),
                        );
                        continue;
                    };
                    self.sections
                        .insert(section, Some(locate(key_span, format!("/{name}"))));
                    for (key, value) in table.iter() {
                        let span = table.key(key).and_then(|k| k.span());
                        self.read_setting(
                            section,
                            key,
                            value,
                            locate(span, format!("/{name}/{key}")),
                            &locate,
                        );
                    }
                }
                _ => self.read_setting(
                    Section::Root,
                    name,
                    item,
                    locate(key_span, format!("/{name}")),
                    &locate,
                ),
            }
        }
        Ok(())
    }

    fn unknown(&mut self, location: Location, what: &str, suggestion: Option<String>) {
        let mut message = format!("unknown {what}");
        if let Some(suggestion) = &suggestion {
            message.push_str(&format!(" (did you mean `{suggestion}`?)"));
        }
        let file = location.source.clone();
        self.findings.push(
            Finding::new(Rule::ConfigInvalid, message)
                .help(format!(
                    "valid keys are listed in docs/config.md; the setting in {file} is ignored"
                ))
                .at(location),
        );
    }

    fn read_setting(
        &mut self,
        section: Section,
        name: &str,
        item: &Item,
        key_location: Location,
        locate: &dyn Fn(Option<std::ops::Range<usize>>, String) -> Location,
    ) {
        let Some(key) = section.key(name) else {
            let names = section.keys().iter().map(|k| k.name);
            let path = section.path(name);
            let suggestion = schema::closest(name, names).map(|s| section.path(s));
            self.unknown(key_location, &format!("key `{path}`"), suggestion);
            return;
        };
        let value_location = locate(item.span(), key_location.pointer.clone());
        match convert(key.kind, item) {
            Ok(value) => {
                if let Value::Secret(SecretSource::Literal(_)) = &value {
                    self.findings.push(
                        Finding::new(
                            Rule::SecretInPlaintext,
                            format!("`{}` is written in the config file itself", section.path(name)),
                        )
                        .vendor_of(section)
                        .help(format!(
                            "use {} = {{ env = \"{}\" }} or {{ file = \"...\" }}, and keep the value out of version control",
                            key.name,
                            section.env_var(name).trim_start_matches("PUSHDIAG_")
                        ))
                        .at(value_location.clone()),
                    );
                }
                self.settings.insert(
                    (section, key.name),
                    Setting {
                        value,
                        origin: Origin::File(value_location),
                    },
                );
            }
            Err(problem) => self.findings.push(
                Finding::new(
                    Rule::ConfigInvalid,
                    format!("`{}` {problem}", section.path(name)),
                )
                .vendor_of(section)
                .help(format!(
                    "`{}` takes {}; the setting is ignored",
                    section.path(name),
                    key.kind.describe()
                ))
                .at(value_location),
            ),
        }
    }

    fn apply_env(&mut self, env: &Environment) {
        // Variables that configure pushdiag itself rather than a key.
        // `PUSHDIAG_REQUIRE_CLIENT_LIBS`: `.ci/run` makes the real-client tests fail, not skip.
        const NOT_KEYS: &[&str] = &[
            "PUSHDIAG_CONFIG",
            "PUSHDIAG_FORMAT",
            "PUSHDIAG_BLESS",
            "PUSHDIAG_REQUIRE_CLIENT_LIBS",
        ];
        let mut known = BTreeMap::new();
        for section in Section::ALL {
            for key in section.keys() {
                known.insert(section.env_var(key.name), (section, key));
            }
        }
        for (name, raw) in env.overrides().filter(|(name, _)| !NOT_KEYS.contains(name)) {
            let Some(&(section, key)) = known.get(name) else {
                let suggestion =
                    schema::closest(name, known.keys().map(String::as_str)).map(str::to_owned);
                let mut message = format!("unknown environment variable `{name}`");
                if let Some(suggestion) = suggestion {
                    message.push_str(&format!(" (did you mean `{suggestion}`?)"));
                }
                self.findings
                    .push(Finding::new(Rule::ConfigInvalid, message).help(
                    "PUSHDIAG_<SECTION>_<KEY> overrides a pushdiag.toml key; see docs/config.md",
                ));
                continue;
            };
            match convert_env(key.kind, raw) {
                Ok(value) => {
                    if section != Section::Root {
                        self.sections.entry(section).or_insert(None);
                    }
                    self.settings.insert(
                        (section, key.name),
                        Setting {
                            value,
                            origin: Origin::Env(name.to_owned()),
                        },
                    );
                }
                Err(problem) => self.findings.push(
                    Finding::new(Rule::ConfigInvalid, format!("`{name}` {problem}"))
                        .vendor_of(section)
                        .help(format!(
                            "`{name}` takes {}; the override is ignored",
                            key.kind.describe()
                        )),
                ),
            }
        }
    }

    /// The vendors with a section (or an environment override), in the contract's order.
    pub fn configured(&self) -> Vec<Vendor> {
        let mut vendors: Vec<Vendor> = self.sections.keys().filter_map(|s| s.vendor()).collect();
        vendors.sort();
        vendors
    }

    pub fn has(&self, section: Section) -> bool {
        self.sections.contains_key(&section)
    }

    /// Where the section's header is, for findings about the section as a whole.
    pub fn section_location(&self, section: Section) -> Option<Location> {
        self.sections.get(&section).cloned().flatten()
    }

    pub fn setting(&self, section: Section, key: &str) -> Option<&Setting> {
        self.settings
            .iter()
            .find(|((s, k), _)| *s == section && *k == key)
            .map(|(_, v)| v)
    }

    /// Every setting, in section and key order.
    pub fn settings(&self) -> impl Iterator<Item = (Section, &'static str, &Setting)> {
        self.settings
            .iter()
            .map(|((section, key), setting)| (*section, *key, setting))
    }

    /// A text, id, path or enumerated value.
    pub fn text(&self, section: Section, key: &str) -> Option<Located<String>> {
        let setting = self.setting(section, key)?;
        match &setting.value {
            Value::Text(text) => Some(Located::new(text.clone(), setting.location())),
            Value::Integer(number) => Some(Located::new(number.to_string(), setting.location())),
            _ => None,
        }
    }

    /// A [`text`](Config::text) value trimmed; `None` when unset or blank.
    pub fn trimmed(&self, section: Section, key: &str) -> Option<String> {
        self.text(section, key)
            .map(|v| v.value.trim().to_owned())
            .filter(|v| !v.is_empty())
    }

    pub fn integer(&self, section: Section, key: &str) -> Option<Located<i64>> {
        let setting = self.setting(section, key)?;
        match &setting.value {
            Value::Integer(number) => Some(Located::new(*number, setting.location())),
            _ => None,
        }
    }

    pub fn list(&self, section: Section, key: &str) -> Option<Located<Vec<String>>> {
        let setting = self.setting(section, key)?;
        match &setting.value {
            Value::List(items) => Some(Located::new(items.clone(), setting.location())),
            _ => None,
        }
    }

    /// A path, resolved against the config file's folder.
    pub fn path(&self, section: Section, key: &str) -> Option<Located<PathBuf>> {
        self.text(section, key)
            .map(|text| Located::new(self.dir.join(text.value), text.location))
    }

    /// A secret's value. `None` when the key is not set; `Some(Err(why))` when it is set but its
    /// source gives nothing (an unset variable, a missing file).
    pub fn secret(
        &self,
        section: Section,
        key: &str,
        env: &Environment,
    ) -> Option<Result<Located<Secret>, String>> {
        let setting = self.setting(section, key)?;
        let Value::Secret(source) = &setting.value else {
            return None;
        };
        let location = setting.location();
        let path = section.path(key);
        Some(match source {
            SecretSource::Literal(secret) => Ok(Located::new(secret.clone(), location)),
            SecretSource::Env(name) => match env.secret(name) {
                Some(value) => Ok(Located::new(value.clone(), location)),
                None => Err(format!(
                    "`{path}` comes from the environment variable `{name}`, which is not set"
                )),
            },
            SecretSource::File(file) => {
                let full = self.dir.join(file);
                match crate::files::read_text(&full, crate::files::FileKind::Secret) {
                    // A trailing newline is an editor's, not part of the secret.
                    Ok(value) if !value.trim().is_empty() => Ok(Located::new(
                        Secret::new(value.trim_end_matches(['\n', '\r'])),
                        location,
                    )),
                    Ok(_) => Err(format!(
                        "`{path}` comes from `{}`, which is empty",
                        full.display()
                    )),
                    Err(error) => Err(format!(
                        "`{path}` comes from `{}`, which cannot be read: {error}",
                        full.display()
                    )),
                }
            }
        })
    }
}

trait VendorOf {
    fn vendor_of(self, section: Section) -> Self;
}

impl VendorOf for Finding {
    fn vendor_of(self, section: Section) -> Self {
        match section.vendor() {
            Some(vendor) => self.vendor(vendor),
            None => self,
        }
    }
}

fn describe(item: &Item) -> &'static str {
    match item {
        Item::Value(TomlValue::String(_)) => "a string",
        Item::Value(TomlValue::Integer(_)) => "an integer",
        Item::Value(TomlValue::Float(_)) => "a float",
        Item::Value(TomlValue::Boolean(_)) => "a boolean",
        Item::Value(TomlValue::Datetime(_)) => "a date",
        Item::Value(TomlValue::Array(_)) => "an array",
        Item::Value(TomlValue::InlineTable(_)) | Item::Table(_) => "a table",
        Item::ArrayOfTables(_) => "an array of tables",
        Item::None => "empty",
    }
}

/// Converts a TOML item to the key's kind, or says what is wrong (never quoting a secret).
fn convert(kind: Kind, item: &Item) -> Result<Value, String> {
    let wrong = || format!("is {}, but it takes {}", describe(item), kind.describe());
    let string = item.as_str();
    match kind {
        Kind::Text | Kind::Path => string.map(|s| Value::Text(s.to_owned())).ok_or_else(wrong),
        Kind::Id => match (string, item.as_integer()) {
            (Some(s), _) => Ok(Value::Text(s.to_owned())),
            (None, Some(n)) => Ok(Value::Text(n.to_string())),
            _ => Err(wrong()),
        },
        Kind::Integer => item.as_integer().map(Value::Integer).ok_or_else(wrong),
        Kind::OneOf(values) => {
            let s = string.ok_or_else(wrong)?;
            if values.contains(&s) {
                Ok(Value::Text(s.to_owned()))
            } else {
                let hint = schema::closest(s, values.iter().copied())
                    .map(|c| format!(" (did you mean \"{c}\"?)"))
                    .unwrap_or_default();
                Err(format!(
                    "is \"{s}\", not one of {}{hint}",
                    values.join(", ")
                ))
            }
        }
        Kind::List => {
            let array = item.as_array().ok_or_else(wrong)?;
            array
                .iter()
                .map(|v| v.as_str().map(str::to_owned))
                .collect::<Option<Vec<_>>>()
                .map(Value::List)
                .ok_or_else(|| "has an item that is not a string".to_owned())
        }
        Kind::Secret => {
            if let Some(s) = string {
                return Ok(Value::Secret(SecretSource::Literal(Secret::new(s))));
            }
            let table = item
                .as_inline_table()
                .map(|t| t.iter().collect::<Vec<_>>())
                .or_else(|| {
                    item.as_table().map(|t| {
                        t.iter()
                            .filter_map(|(k, v)| v.as_value().map(|v| (k, v)))
                            .collect()
                    })
                });
            match table.as_deref() {
                Some([("env", v)]) if v.as_str().is_some_and(|s| !s.is_empty()) => Ok(
                    Value::Secret(SecretSource::Env(v.as_str().unwrap_or_default().to_owned())),
                ),
                Some([("file", v)]) if v.as_str().is_some_and(|s| !s.is_empty()) => {
                    Ok(Value::Secret(SecretSource::File(PathBuf::from(
                        v.as_str().unwrap_or_default(),
                    ))))
                }
                Some(_) => Err("must be { env = \"NAME\" } or { file = \"path\" }".to_owned()),
                None => Err(wrong()),
            }
        }
    }
}

/// Converts an environment override to the key's kind.
///
/// The one place a variable's value is read as text: a `PUSHDIAG_*` override of a key whose
/// kind is not a secret (an id, a path, a list) is a setting like any other in the file, shown by
/// `--print-config` and quoted in findings. A [`Kind::Secret`] override is moved over still a
/// [`Secret`], so it never becomes a text setting.
fn convert_env(kind: Kind, value: &Secret) -> Result<Value, String> {
    // Borrowed, not copied: only the arms of non-secret kinds make a setting's text of it.
    let raw = value.expose();
    match kind {
        Kind::Text | Kind::Path | Kind::Id => Ok(Value::Text(raw.to_owned())),
        Kind::Integer => raw
            .trim()
            .parse()
            .map(Value::Integer)
            .map_err(|_| format!("is not {}", kind.describe())),
        Kind::OneOf(values) => {
            if values.contains(&raw) {
                Ok(Value::Text(raw.to_owned()))
            } else {
                Err(format!("is \"{raw}\", not one of {}", values.join(", ")))
            }
        }
        Kind::List => Ok(Value::List(
            raw.split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect(),
        )),
        // A secret in the environment is where secrets belong: no plaintext warning.
        Kind::Secret => Ok(Value::Secret(SecretSource::Literal(value.clone()))),
    }
}

#[cfg(test)]
mod tests;
