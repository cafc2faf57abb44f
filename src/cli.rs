//! The command line (clap derive). Options every command shares are one
//! struct each (`SiteRoot`, `CheckOptions`), flattened into the commands.
//! Command functions stay thin: they turn arguments into `site::Options` or
//! an authoring call, and outcomes into printed lines and an exit code.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use crate::authoring;
use crate::authoring::new::NewError;
use crate::config::Config;
use crate::diag;
use crate::site::{self, Options};
use crate::text::count;

/// arkiv: a static-site generator for an archive of quality-improvement reports.
#[derive(Debug, Parser)]
#[command(name = "arkiv", version, about, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site into <root>/public (or --output).
    Build(BuildArgs),
    /// Validate everything, write nothing.
    Check(CheckArgs),
    /// Start a new archive in DIR: site.toml, an example report, a README.
    Init {
        /// A new or empty folder (hidden entries such as .git are allowed).
        dir: PathBuf,
    },
    /// Start a new report from the template: content/<year>/<clinic>-<topic>.md.
    New(NewArgs),
    /// Turn an old page of links to reports into link-only entries.
    ImportLinks(ImportLinksArgs),
    /// Print the Swedish explanation of a diagnostic code (E012, W004).
    Explain(ExplainArgs),
    /// Serve the site from memory, rebuild on change, reload open tabs.
    Serve(ServeArgs),
    /// Turn Word and PDF reports into entries, or update the entry they belong to.
    Import(ImportArgs),
    /// What is left to do: errors, drafts, TODOs, warnings, pending updates.
    Status {
        #[command(flatten)]
        site: SiteRoot,
        /// text (Swedish, for people) or json (docs/status.schema.json).
        #[arg(long, value_enum, default_value_t = crate::status::Format::Text)]
        format: crate::status::Format,
    },
    /// Put pending updates of `import` in place.
    Accept {
        /// Entries (content/<year>/<stem>.md) or their pending updates.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        #[command(flatten)]
        site: SiteRoot,
    },
    /// Write cleaned copies of files (what a build publishes) into a folder.
    Clean(CleanArgs),
}

#[derive(Debug, Args)]
pub struct CleanArgs {
    /// Word, Excel, PDF, picture or text files.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// The folder for the copies (not the folder of an input).
    #[arg(long, required = true)]
    pub out: PathBuf,
}

/// `--root`, which every command but `init` takes.
#[derive(Debug, Args)]
pub struct SiteRoot {
    /// The site's root folder (with site.toml and content/).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
}

/// `--strict` and `--verbose`, which `build` and `check` share.
#[derive(Debug, Args)]
pub struct CheckOptions {
    /// Treat warnings as errors.
    #[arg(long)]
    pub strict: bool,
    /// Print each pipeline stage with its time.
    #[arg(long)]
    pub verbose: bool,
    /// Print every warning (by default: one line per report with warnings).
    #[arg(long)]
    pub all_warnings: bool,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The Word (.docx) and PDF files, or folders of them.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    #[command(flatten)]
    pub site: SiteRoot,
    /// Where the drafts go [default: <root>/content].
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Write a list of the files and how each went (JSON, or CSV for a
    /// name ending in .csv).
    #[arg(long)]
    pub report: Option<PathBuf>,
    /// Print what would change, and write nothing.
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub site: SiteRoot,
    /// The port to listen on.
    #[arg(long, default_value_t = 1111)]
    pub port: u16,
    /// The address to listen on.
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: String,
    /// Show drafts, pending updates and /_redaktion/ to every client, not only this one.
    #[arg(long)]
    pub drafts: bool,
}

#[derive(Debug, Args)]
pub struct ImportLinksArgs {
    /// The old link-list page (HTML, any encoding).
    pub page: PathBuf,
    /// The year the page lists.
    #[arg(long)]
    pub year: i32,
    /// The address the page had, for its relative links
    /// ("https://www.example.se/kvalitet/lankar-2021.html").
    #[arg(long)]
    pub base_url: Option<String>,
    #[command(flatten)]
    pub site: SiteRoot,
}

#[derive(Debug, Args)]
pub struct NewArgs {
    /// The clinic's name, as it should be shown ("Boo vårdcentral").
    #[arg(long, value_name = "NAME", value_parser = authoring::new::clinic_name)]
    pub clinic: String,
    /// The year of the work.
    #[arg(long, value_name = "N", value_parser = authoring::new::programme_year)]
    pub year: i32,
    /// A topic slug or alias from site.toml.
    #[arg(long, value_name = "SLUG")]
    pub topic: String,
    /// The report's title [default: "Förbättringsarbete <year>: <topic name>"].
    #[arg(long)]
    pub title: Option<String>,
    /// The clinic's region ("Region Stockholm").
    #[arg(long)]
    pub region: Option<String>,
    #[command(flatten)]
    pub site: SiteRoot,
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    #[command(flatten)]
    pub site: SiteRoot,
    /// Output folder, relative to the current directory [default: <root>/public].
    #[arg(long)]
    pub output: Option<PathBuf>,
    /// Skip the search index (faster previews).
    #[arg(long)]
    pub no_search: bool,
    /// A preview that includes drafts, marked "Utkast" (never in feeds,
    /// sitemap or open data).
    #[arg(long)]
    pub drafts: bool,
    #[command(flatten)]
    pub checks: CheckOptions,
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// A diagnostic's code, as printed at the end of its line (E012, W004).
    pub code: String,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub site: SiteRoot,
    #[command(flatten)]
    pub checks: CheckOptions,
}

/// Parses the command line and runs it. Usage errors exit with 2 (clap).
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let github = github();
    match cli.command {
        Command::Build(a) => {
            let root = a.site.root;
            let output = a.output.unwrap_or_else(|| root.join("public"));
            let opts = Options {
                root,
                output: Some(output.clone()),
                strict: a.checks.strict,
                verbose: a.checks.verbose,
                search: !a.no_search,
                drafts: a.drafts,
            };
            finish(&opts, github, a.checks.all_warnings, |o| {
                let drafts = if opts.drafts {
                    format!("drafts included: {}", o.drafts)
                } else {
                    format!("not published: {}", count(o.drafts, "draft", "drafts"))
                };
                println!(
                    "built {} and {} from {} ({drafts}) into {}",
                    count(o.pages, "page", "pages"),
                    count(o.files, "file", "files"),
                    count(o.reports, "report", "reports"),
                    output.display()
                )
            })
        }
        Command::Explain(a) => explain(&a.code),
        Command::New(a) => new_report(a, github),
        Command::ImportLinks(a) => import_links(a, github),
        Command::Import(a) => import_docx(a, github),
        Command::Clean(a) => exit_code(!crate::clean::command::run(&a.files, &a.out)),
        Command::Init { dir } => init(&dir, github),
        Command::Serve(a) => crate::serve::run(crate::serve::Options {
            root: a.site.root,
            bind: a.bind,
            port: a.port,
            drafts: a.drafts,
        }),
        Command::Status { site, format } => crate::status::run(&site.root, format),
        Command::Accept { files, site } => accept(&site.root, &files, github),
        Command::Check(a) => {
            let opts = Options {
                root: a.site.root,
                output: None,
                strict: a.checks.strict,
                verbose: a.checks.verbose,
                search: false,
                drafts: false,
            };
            finish(&opts, github, a.checks.all_warnings, |o| {
                println!(
                    "checked {} ({}): no errors",
                    count(o.reports + o.drafts, "report", "reports"),
                    count(o.drafts, "draft", "drafts")
                )
            })
        }
    }
}

/// Whether diagnostics go to GitHub Actions as annotations too.
fn github() -> bool {
    std::env::var("GITHUB_ACTIONS").is_ok_and(|v| v == "true")
}

/// `site.toml`, or its diagnostics printed and exit code 1.
fn load_config(root: &Path, github: bool) -> Result<Config, ExitCode> {
    Config::load(root).map_err(|diags| failed(&diags, github))
}

/// 1 when something failed, else 0.
fn exit_code(failed: bool) -> ExitCode {
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn import_docx(a: ImportArgs, github: bool) -> ExitCode {
    let config = match load_config(&a.site.root, github) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let out = a.out.unwrap_or_else(|| a.site.root.join("content"));
    let (root, report) = (&a.site.root, a.report.as_deref());
    let ok = authoring::import::folder::run(&config, root, &a.files, &out, report, a.dry_run);
    exit_code(!ok)
}

fn accept(root: &Path, files: &[PathBuf], github: bool) -> ExitCode {
    match load_config(root, github) {
        Ok(config) => exit_code(!authoring::import::accept::run(&config, root, files)),
        Err(code) => code,
    }
}

fn import_links(a: ImportLinksArgs, github: bool) -> ExitCode {
    let config = match load_config(&a.site.root, github) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let result = authoring::links::run(
        &a.site.root,
        &config,
        &a.page,
        a.year,
        a.base_url.as_deref(),
    );
    let (lines, ignored) = match result {
        Ok(r) => r,
        Err(d) => {
            return failed(&[d], github);
        }
    };
    exit_code(!authoring::links::print(&lines, ignored))
}

fn init(dir: &Path, github: bool) -> ExitCode {
    match authoring::init::create(dir) {
        Ok(files) => {
            println!("created a new archive in {}:", dir.display());
            for f in files {
                println!("  {f}");
            }
            println!(
                "next: set title, base_url and the topics in site.toml, then preview with \
                 `arkiv serve --root {}`",
                dir.display()
            );
            ExitCode::SUCCESS
        }
        Err(d) => failed(&[d], github),
    }
}

fn new_report(a: NewArgs, github: bool) -> ExitCode {
    let config = match load_config(&a.site.root, github) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let new = authoring::new::NewReport {
        clinic: &a.clinic,
        year: a.year,
        topic: &a.topic,
        title: a.title.as_deref(),
        region: a.region.as_deref(),
    };
    match authoring::new::create(&a.site.root, &config, &new) {
        Ok(rel) => {
            println!("wrote {rel} (a draft: fill it in, then remove `draft: true`)");
            ExitCode::SUCCESS
        }
        Err(NewError::Usage { arg, value, reason }) => invalid_value("new", arg, &value, reason),
        Err(NewError::Write(d)) => failed(&[d], github),
    }
}

/// A usage error (exit code 2) for a value only the command itself can
/// judge (a topic needs the site.toml of `--root`), printed as clap prints
/// a value its parser refused:
/// `error: invalid value 'x' for '--topic <SLUG>': why`. Clap builds that
/// message only from a value parser's refusal, so one refuses it here.
fn invalid_value(subcommand: &str, arg: &str, value: &str, reason: String) -> ExitCode {
    use clap::builder::TypedValueParser;
    use clap::CommandFactory;
    let mut cli = Cli::command();
    cli.build();
    let cmd = cli
        .find_subcommand(subcommand)
        .expect("a subcommand of Cli");
    let arg = cmd.get_arguments().find(|a| a.get_id() == arg);
    let refuse = move |_: &str| Err::<(), String>(reason.clone());
    let err = refuse
        .parse_ref(cmd, arg, std::ffi::OsStr::new(value))
        .expect_err("the parser refuses every value");
    let _ = err.print();
    ExitCode::from(u8::try_from(err.exit_code()).unwrap_or(2))
}

fn finish(
    opts: &Options,
    github: bool,
    all_warnings: bool,
    on_success: impl FnOnce(&site::Outcome),
) -> ExitCode {
    let outcome = site::run(opts);
    diag::print(
        &outcome.diagnostics,
        diag::Printed {
            github,
            all_warnings,
            silenced: outcome.silenced,
        },
    );
    if outcome.failed() {
        ExitCode::from(1)
    } else {
        on_success(&outcome);
        ExitCode::SUCCESS
    }
}

/// Prints the diagnostics of a command that failed; exit code 1.
fn failed(diags: &[diag::Diagnostic], github: bool) -> ExitCode {
    let how = diag::Printed {
        github,
        ..Default::default()
    };
    diag::print(diags, how);
    ExitCode::from(1)
}

/// `arkiv explain CODE`: the Swedish explanation from the editors' guide.
fn explain(code: &str) -> ExitCode {
    match diag::Code::parse(code).and_then(|c| c.explanation()) {
        Some(text) => {
            println!("{text}");
            ExitCode::SUCCESS
        }
        None => {
            let known: Vec<&str> = diag::Code::ALL.iter().map(|c| c.as_str()).collect();
            eprintln!(
                "error: unknown code '{code}'; the codes are {}",
                known.join(", ")
            );
            ExitCode::from(2)
        }
    }
}
