//! Themes: the built-in default theme (compiled into the binary) and the
//! site's own overrides, file by file.
//!
//! Precedence, lowest first: the built-in `themes/default`, the site's
//! `themes/<theme>/` folder, then the site's `templates/` and `static/`.

use std::collections::BTreeMap;
use std::path::Path;

use walkdir::WalkDir;

use crate::diag::{Code, Diagnostic};

macro_rules! embed {
    ($($path:literal),* $(,)?) => {
        &[$(($path, include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/themes/default/", $path)) as &[u8])),*]
    };
}

/// The default theme's files, relative to `themes/default/`.
pub const DEFAULT_THEME: &[(&str, &[u8])] = embed!(
    "templates/base.html",
    "templates/components.html",
    "templates/index.html",
    "templates/report.html",
    "templates/year.html",
    "templates/years.html",
    "templates/topics.html",
    "templates/topic.html",
    "templates/changes.html",
    "templates/change.html",
    "templates/compare.html",
    "templates/compare_family.html",
    "templates/clinics.html",
    "templates/clinic.html",
    "templates/search.html",
    "templates/404.html",
    "templates/statement.html",
    "templates/data.html",
    "static/assets/arkiv.css",
    "static/assets/favicon.svg",
    "static/assets/sok.js",
    "static/assets/sok-index.js",
    "static/assets/sok-stam.js",
    "static/assets/sok-facetter.js",
);

/// A built-in script or style sheet without its comment lines, blank lines
/// and indentation: what a first search loads is a sixth smaller
/// (bench/README.md). Only the built-in files, whose source is known to
/// hold no multi-line string or template literal (a line's own trailing
/// `//` comment stays, for it could be in a string); a site's own theme
/// files are served as they are.
fn compact(path: &str, bytes: &[u8]) -> Vec<u8> {
    let (js, css) = (path.ends_with(".js"), path.ends_with(".css"));
    let Ok(text) = std::str::from_utf8(bytes).map(str::to_owned) else {
        return bytes.to_vec();
    };
    if !js && !css {
        return bytes.to_vec();
    }
    let mut text = text;
    while let (true, Some(start)) = (css, text.find("/*")) {
        let end = text[start..]
            .find("*/")
            .map_or(text.len(), |e| start + e + 2);
        text.replace_range(start..end, "");
    }
    let mut out = String::with_capacity(text.len());
    for line in text.lines().map(str::trim) {
        if line.is_empty() || (js && line.starts_with("//")) {
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    out.into_bytes()
}

/// A file of the effective theme, with where it came from (for errors).
#[derive(Debug, Clone)]
pub struct ThemeFile {
    pub origin: String,
    pub bytes: Vec<u8>,
}

/// The effective theme: templates by name and static files by output path.
#[derive(Debug, Default)]
pub struct Theme {
    pub templates: BTreeMap<String, ThemeFile>,
    pub statics: BTreeMap<String, ThemeFile>,
}

impl Theme {
    /// Assembles the theme for a site.
    pub fn load(root: &Path, theme_name: &str) -> Result<Theme, Vec<Diagnostic>> {
        let mut theme = Theme::default();
        for (path, bytes) in DEFAULT_THEME {
            theme.insert(path, format!("themes/default/{path}"), compact(path, bytes));
        }
        let mut errors = Vec::new();
        let theme_dir = root.join("themes").join(theme_name);
        if theme_dir.is_dir() {
            theme.overlay(root, &theme_dir, "", &mut errors);
        } else if theme_name != "default" {
            errors.push(Diagnostic::file_error(
                Code::Config,
                "site.toml",
                format!("theme \"{theme_name}\" not found: there is no folder themes/{theme_name}"),
            ));
        }
        theme.overlay(root, &root.join("templates"), "templates/", &mut errors);
        theme.overlay(root, &root.join("static"), "static/", &mut errors);
        if errors.is_empty() {
            Ok(theme)
        } else {
            Err(errors)
        }
    }

    fn insert(&mut self, path: &str, origin: String, bytes: Vec<u8>) {
        if let Some(name) = path.strip_prefix("templates/") {
            self.templates
                .insert(name.to_string(), ThemeFile { origin, bytes });
        } else if let Some(name) = path.strip_prefix("static/") {
            self.statics
                .insert(name.to_string(), ThemeFile { origin, bytes });
        }
    }

    /// Adds every file under `dir`; `prefix` is put before each relative
    /// path (`templates/`, `static/`, or nothing for a theme folder).
    fn overlay(&mut self, root: &Path, dir: &Path, prefix: &str, errors: &mut Vec<Diagnostic>) {
        if !dir.is_dir() {
            return;
        }
        for entry in WalkDir::new(dir).follow_links(false).sort_by_file_name() {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    errors.push(Diagnostic::file_error(
                        Code::Unreadable,
                        crate::content::rel_path(root, dir),
                        format!("cannot read: {e}"),
                    ));
                    continue;
                }
            };
            if !entry.file_type().is_file() {
                continue;
            }
            let rel = crate::content::rel_path(dir, entry.path());
            if rel.split('/').any(|s| s.starts_with('.')) {
                continue;
            }
            let origin = crate::content::rel_path(root, entry.path());
            match std::fs::read(entry.path()) {
                Ok(bytes) => self.insert(&format!("{prefix}{rel}"), origin, bytes),
                Err(e) => errors.push(Diagnostic::file_error(
                    Code::Unreadable,
                    origin,
                    format!("cannot read: {e}"),
                )),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::compact;

    #[test]
    fn built_in_scripts_and_styles_lose_comments_and_indentation_only() {
        let js = "// A module.\n\nimport { x } from \"./x.js\";\n  /// Doc.\n  const u = \"https://a/\"; // why\n";
        assert_eq!(
            String::from_utf8(compact("static/assets/a.js", js.as_bytes())).unwrap(),
            "import { x } from \"./x.js\";\nconst u = \"https://a/\"; // why\n"
        );
        let css = "/* Theme. */\n.a {\n  color: red; /* why */\n}\n";
        assert_eq!(
            String::from_utf8(compact("static/assets/a.css", css.as_bytes())).unwrap(),
            ".a {\ncolor: red;\n}\n"
        );
        assert_eq!(compact("templates/a.html", b"  // x\n"), b"  // x\n");
    }

    /// What `compact` relies on: no template literal of the built-in
    /// scripts spans lines (each line has an even number of backticks).
    #[test]
    fn built_in_scripts_have_no_multi_line_template_literal() {
        for (path, bytes) in super::DEFAULT_THEME
            .iter()
            .filter(|(p, _)| p.ends_with(".js"))
        {
            for (i, line) in std::str::from_utf8(bytes).unwrap().lines().enumerate() {
                let ticks = line.matches('`').count() - line.matches("\\`").count();
                assert!(
                    ticks % 2 == 0,
                    "{path}:{}: a template literal spans lines",
                    i + 1
                );
            }
        }
    }
}
