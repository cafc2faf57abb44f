//! The assembled site: from loaded [`Sources`] to the model, related
//! reports, the renderer, the redirect plan and the list of outputs, the
//! same way for `build`, `check` and `serve`.
//!
//! Nothing here writes: [`Site::outputs`] says what the site consists of,
//! and [`Site::produce`] makes the bytes of one output when asked.

use std::borrow::Cow;
use std::collections::HashMap;
use std::io::Write;
use std::path::PathBuf;
use std::sync::Arc;

use super::sources::Sources;
use super::Timer;
use crate::config::Config;
use crate::content::Attachment;
use crate::diag::{Code, Diagnostic};
use crate::model::{self, SiteModel};
use crate::output::data;
use crate::output::table;
use crate::output::{feeds, redirects, DataFile, Output, Outputs, Producer};
use crate::render::theme::Theme;
use crate::render::{Page, Renderer};
use crate::urls;

/// Where related reports come from.
pub enum Related<'a> {
    /// Computed for the whole archive (`build`, and serve's quiet second).
    Compute,
    /// Taken from an earlier computation, by file (serve, right after an
    /// edit: related reports are the one stage too slow to redo each time).
    Reuse(&'a HashMap<String, Vec<String>>),
}

/// A site ready to produce its outputs.
pub struct Site {
    pub root: PathBuf,
    pub config: Arc<Config>,
    pub theme: Arc<Theme>,
    pub model: Arc<SiteModel>,
    pub renderer: Renderer,
    /// The cleaned copies of the files published from `content/`.
    pub store: Arc<crate::clean::Store>,
    outputs: Outputs,
}

impl Site {
    /// Assembles a site from its sources. Returns the site when no stage
    /// found an error, and every diagnostic of every stage either way (the
    /// stages go on after errors where they can, so that one run shows all).
    pub fn assemble(
        sources: &Sources,
        related: Related,
        drafts: bool,
        timer: &mut Timer,
    ) -> (Option<Site>, Vec<Diagnostic>) {
        let mut diags = sources.diagnostics();
        let Some(config) = sources.config.clone() else {
            return (None, diags);
        };
        let (mut model, model_diags) = model::build(
            &config,
            sources.reports_for(drafts),
            &sources.failed(),
            drafts,
        );
        diags.extend(model_diags);
        timer.stage("model");
        // A site with errors is never produced: skip the costly stage.
        if !diags.iter().any(Diagnostic::is_error) {
            model.related = match related {
                Related::Compute => crate::related::related(&model.reports, &model.report_clinic),
                Related::Reuse(by_file) => remap_related(&model, by_file),
            };
        }
        timer.stage("related");
        let Some(theme) = sources.theme.clone() else {
            return (None, diags);
        };
        let model = Arc::new(model);
        let renderer =
            match Renderer::new(Arc::clone(&theme), Arc::clone(&config), Arc::clone(&model)) {
                Ok(r) => r,
                Err(d) => {
                    diags.extend(d);
                    return (None, diags);
                }
            };
        timer.stage("templates");
        let mut outputs = list_outputs(&config, &theme, &model);
        let (planned, redirect_diags) = redirects::plan(&config, &model, &outputs);
        diags.extend(redirect_diags);
        for r in planned {
            outputs.push(r.file, Producer::Redirect(r.to));
        }
        if diags.iter().any(Diagnostic::is_error) {
            return (None, diags);
        }
        let site = Site {
            root: sources.root.clone(),
            config,
            theme,
            model,
            renderer,
            store: Arc::clone(&sources.store),
            outputs,
        };
        (Some(site), diags)
    }

    /// Everything the site consists of (search files apart: they are made
    /// after the pages, see `search::build_index`).
    pub fn outputs(&self) -> &Outputs {
        &self.outputs
    }

    /// The bytes of one output.
    pub fn produce<'a>(&'a self, output: &'a Output) -> Result<Cow<'a, [u8]>, Diagnostic> {
        let (config, model) = (&*self.config, &*self.model);
        let owned = |s: String| Ok(Cow::Owned(s.into_bytes()));
        match &output.producer {
            Producer::Page(page) => owned(self.renderer.render(*page)?),
            Producer::Redirect(to) => owned(redirects::html(config, to)),
            Producer::Static => match self.theme.statics.get(&output.path) {
                Some(f) => Ok(Cow::Borrowed(&f.bytes)),
                None => Err(Diagnostic::file_error(
                    Code::Output,
                    &output.path,
                    "no such theme file",
                )),
            },
            Producer::Attachment(source) => self.cleaned(source).map(|b| Cow::Owned(b.to_vec())),
            Producer::Resized(source) => {
                // Made from the cleaned copy, like every file from content/.
                let bytes = self.cleaned(source)?;
                super::resize::smaller(&bytes, crate::content::RESIZED)
                    .map(Cow::Owned)
                    .map_err(|e| {
                        Diagnostic::file_error(
                            Code::Output,
                            source.display().to_string(),
                            format!("cannot make the smaller copy of the picture: {e}"),
                        )
                    })
            }
            Producer::Data(file) => {
                let mut bytes = Vec::new();
                self.stream(*file, &mut bytes)?;
                Ok(Cow::Owned(bytes))
            }
            Producer::Feed(None) => {
                let all: Vec<usize> = (0..model.reports.len()).collect();
                owned(feeds::atom(
                    config,
                    model,
                    &all,
                    &config.title,
                    urls::ATOM,
                    urls::HOME,
                ))
            }
            Producer::Feed(Some(g)) => {
                let group = &model.topics[*g];
                let t = &config.topics[group.topic];
                let slug = t.slug.get_ref();
                let title = format!("{} – {}", t.name, config.title);
                owned(feeds::atom(
                    config,
                    model,
                    &group.reports,
                    &title,
                    &urls::topic_feed(slug),
                    &urls::topic(slug),
                ))
            }
            Producer::Sitemap => {
                // Drafts (listed in a preview) are never in the sitemap.
                let pages: Vec<String> = self
                    .outputs
                    .pages()
                    .filter(|(_, p)| !matches!(p, Page::Report(i) if model.reports[*i].draft))
                    .map(|(p, _)| p.to_string())
                    .collect();
                owned(feeds::sitemap(config, &pages))
            }
            Producer::Robots => owned(feeds::robots(config)),
            Producer::Bytes(bytes) => Ok(Cow::Borrowed(bytes.as_slice())),
        }
    }

    /// The cleaned copy of a file from `content/`: every file the site
    /// publishes from there comes through here (`crate::clean::Store`).
    pub fn cleaned(&self, source: &std::path::Path) -> Result<Arc<Vec<u8>>, Diagnostic> {
        self.store.bytes(source).map_err(|e| {
            let code = match &e {
                crate::clean::StoreError::Clean(c) => c.code(),
                crate::clean::StoreError::Kind(_) => Code::FileType,
                _ => Code::Unreadable,
            };
            let file = crate::content::rel_path(&self.root, source);
            Diagnostic::file_error(code, file, format!("cannot be published: {e}"))
        })
    }

    /// Writes one of the open-data files to `out` as it is made: at a
    /// national archive they are close to a gigabyte, and the workbook's
    /// cells twice that, too much to make in memory beside the pages.
    pub fn stream(&self, file: DataFile, out: &mut (dyn Write + Send)) -> Result<(), Diagnostic> {
        let (config, model) = (&*self.config, &*self.model);
        let rows = || table::indicator_rows(config, model);
        let written = match file {
            DataFile::ReportsJson => data::reports_json(config, model, out),
            DataFile::IndicatorsCsv => table::indicators_csv(rows(), out),
            DataFile::IndicatorsExcelCsv => table::indicators_excel_csv(rows(), out),
            DataFile::IndicatorsXlsx => {
                let newest_year = model.reports.first().map_or(2000, |r| r.year);
                return table::indicators_xlsx(rows(), newest_year, out).map_err(|e| {
                    Diagnostic::file_error(
                        Code::DataFile,
                        file.path(),
                        format!("cannot write the workbook: {e}"),
                    )
                });
            }
        };
        written.map_err(|e| {
            Diagnostic::file_error(Code::Output, file.path(), format!("cannot write: {e}"))
        })
    }

    /// Related reports by file, for [`Related::Reuse`] in a later assembly.
    pub fn related_by_file(&self) -> HashMap<String, Vec<String>> {
        let model = &self.model;
        model
            .reports
            .iter()
            .zip(&model.related)
            .map(|(r, rel)| {
                let files = rel.iter().map(|&j| model.reports[j].file.clone()).collect();
                (r.file.clone(), files)
            })
            .collect()
    }
}

/// The outputs of a site, redirects apart (they are planned against this
/// list). Pages come first, in [`Page::all`]'s order (the sitemap's order).
fn list_outputs(config: &Config, theme: &Theme, model: &SiteModel) -> Outputs {
    let mut list = Outputs::new();
    for page in Page::all(model) {
        list.push(
            urls::file_of(&urls::page(page, config, model)),
            Producer::Page(page),
        );
    }
    for file in DataFile::ALL {
        list.push(file.path().into(), Producer::Data(file));
    }
    // The schema `/data/` links to, as the repository keeps it.
    let schema = include_str!("../../docs/open-data.schema.json");
    list.push(
        urls::DATA_SCHEMA.into(),
        Producer::Bytes(Arc::new(schema.as_bytes().to_vec())),
    );
    list.push(urls::ATOM.into(), Producer::Feed(None));
    for (g, group) in model.topics.iter().enumerate() {
        let slug = config.topics[group.topic].slug.get_ref();
        list.push(urls::topic_feed(slug), Producer::Feed(Some(g)));
    }
    list.push(urls::SITEMAP.into(), Producer::Sitemap);
    list.push(urls::ROBOTS.into(), Producer::Robots);
    for path in theme.statics.keys() {
        list.push(path.clone(), Producer::Static);
    }
    for r in &model.reports {
        let mut names: Vec<&str> = Vec::new();
        for a in &r.attachments {
            if let Attachment::File { name, source, .. } = a {
                names.push(name);
                list.push(
                    urls::report_file(r.year, &r.stem, name),
                    Producer::Attachment(source.clone()),
                );
            }
        }
        // The body's pictures: published through the same path as
        // attachments (once, if also listed as one), and a smaller copy.
        for p in &r.pictures {
            if !names.contains(&p.name.as_str()) {
                list.push(
                    urls::report_file(r.year, &r.stem, &p.name),
                    Producer::Attachment(p.source.clone()),
                );
            }
            let ext = p.name.rsplit('.').next().map(str::to_ascii_lowercase);
            if p.width > crate::content::RESIZED
                && matches!(ext.as_deref(), Some("png" | "jpg" | "jpeg"))
            {
                list.push(
                    urls::report_file(r.year, &r.stem, &crate::content::resized_name(&p.name)),
                    Producer::Resized(p.source.clone()),
                );
            }
        }
    }
    list
}

/// Related reports from an earlier computation, by file, for a new model.
fn remap_related(model: &SiteModel, by_file: &HashMap<String, Vec<String>>) -> Vec<Vec<usize>> {
    let index: HashMap<&str, usize> = model
        .reports
        .iter()
        .enumerate()
        .map(|(i, r)| (r.file.as_str(), i))
        .collect();
    model
        .reports
        .iter()
        .map(|r| {
            by_file
                .get(&r.file)
                .map(|files| {
                    files
                        .iter()
                        .filter_map(|f| index.get(f.as_str()).copied())
                        .collect()
                })
                .unwrap_or_default()
        })
        .collect()
}
