//! The command line (clap derive). Command modules stay thin: they turn
//! arguments into `site::Options` and diagnostics into an exit code.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use crate::diag;
use crate::site::{self, Options};

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
    /// Start a new report from the template: content/<year>/<clinic>-<topic>.md.
    New(NewArgs),
    /// Turn an old page of links to reports into link-only entries.
    ImportLinks(ImportLinksArgs),
    /// Serve the site from memory, rebuild on change, reload open tabs.
    Serve(ServeArgs),
    /// Turn Word reports of the template into draft entries.
    Import(ImportArgs),
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The Word files (.docx).
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// The site's root folder (with site.toml and content/).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Where the drafts go [default: <root>/content].
    #[arg(long)]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The site's root folder (with site.toml and content/).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// The port to listen on.
    #[arg(long, default_value_t = 1111)]
    pub port: u16,
    /// The address to listen on.
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: String,
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
    /// The site's root folder (with site.toml and content/).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
}

#[derive(Debug, Args)]
pub struct NewArgs {
    /// The clinic's name, as it should be shown ("Boo vårdcentral").
    #[arg(long)]
    pub clinic: String,
    /// The year of the work.
    #[arg(long)]
    pub year: i32,
    /// A topic slug or alias from site.toml.
    #[arg(long)]
    pub topic: String,
    /// The report's title [default: "Förbättringsarbete <year>: <topic name>"].
    #[arg(long)]
    pub title: Option<String>,
    /// The clinic's region ("Region Stockholm").
    #[arg(long)]
    pub region: Option<String>,
    /// The site's root folder (with site.toml and content/).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    /// The site's root folder (with site.toml and content/).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Output folder, relative to the current directory [default: <root>/public].
    #[arg(long)]
    pub output: Option<PathBuf>,
    /// Skip the search index (faster previews).
    #[arg(long)]
    pub no_search: bool,
    /// Treat warnings as errors.
    #[arg(long)]
    pub strict: bool,
    /// Print each pipeline stage with its time.
    #[arg(long)]
    pub verbose: bool,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The site's root folder (with site.toml and content/).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Treat warnings as errors.
    #[arg(long)]
    pub strict: bool,
    /// Print each pipeline stage with its time.
    #[arg(long)]
    pub verbose: bool,
}

/// Parses the command line and runs it. Usage errors exit with 2 (clap).
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build(a) => {
            let output = a.output.unwrap_or_else(|| a.root.join("public"));
            let opts = Options {
                root: a.root,
                output: Some(output.clone()),
                strict: a.strict,
                verbose: a.verbose,
                search: !a.no_search,
            };
            finish(&opts, |o| {
                println!(
                    "built {} pages and {} files from {} reports (not published: {} drafts) into {}",
                    o.pages,
                    o.files,
                    o.reports,
                    o.drafts,
                    output.display()
                )
            })
        }
        Command::New(a) => new_report(a),
        Command::ImportLinks(a) => import_links(a),
        Command::Import(a) => import_docx(a),
        Command::Serve(a) => crate::serve::run(crate::serve::Options {
            root: a.root,
            bind: a.bind,
            port: a.port,
        }),
        Command::Check(a) => {
            let opts = Options {
                root: a.root,
                output: None,
                strict: a.strict,
                verbose: a.verbose,
                search: false,
            };
            finish(&opts, |o| {
                println!(
                    "checked {} reports ({} drafts): no errors",
                    o.reports + o.drafts,
                    o.drafts
                )
            })
        }
    }
}

fn github() -> bool {
    std::env::var("GITHUB_ACTIONS").is_ok_and(|v| v == "true")
}

/// `site.toml`, or its diagnostics printed and exit code 1.
fn load_config(root: &std::path::Path, github: bool) -> Result<crate::config::Config, ExitCode> {
    crate::config::Config::load(root).map_err(|diags| {
        diag::print(&diags, github);
        ExitCode::from(1)
    })
}

fn import_docx(a: ImportArgs) -> ExitCode {
    let config = match load_config(&a.root, github()) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let out = a.out.unwrap_or_else(|| a.root.join("content"));
    let mut failed = 0;
    for file in &a.files {
        match crate::authoring::import::import_file(&config, file, &out) {
            Ok(d) if d.todo.is_empty() => println!("ok     {} → {}", file.display(), d.file),
            Ok(d) => println!(
                "draft  {} → {}: TODO {}",
                file.display(),
                d.file,
                d.todo.join("; ")
            ),
            Err(why) => {
                failed += 1;
                println!("failed {}: {why}", file.display());
            }
        }
    }
    if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn import_links(a: ImportLinksArgs) -> ExitCode {
    use crate::authoring::links::Line;
    let github = github();
    let config = match load_config(&a.root, github) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let result =
        crate::authoring::links::run(&a.root, &config, &a.page, a.year, a.base_url.as_deref());
    let (lines, ignored) = match result {
        Ok(r) => r,
        Err(d) => {
            diag::print(&[d], github);
            return ExitCode::from(1);
        }
    };
    let (mut ok, mut drafts, mut failed) = (0, 0, 0);
    for line in &lines {
        match line {
            Line::Written { file, text } => {
                ok += 1;
                println!("ok     {file}  ({text})");
            }
            Line::Draft { file, text, todo } => {
                drafts += 1;
                println!("draft  {file}  ({text}): TODO {}", todo.join("; "));
            }
            Line::Failed { text, why } => {
                failed += 1;
                println!("failed {text}: {why}");
            }
        }
    }
    println!(
        "{ok} entries, {drafts} drafts with TODOs, {failed} failed; {ignored} other links ignored"
    );
    if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn new_report(a: NewArgs) -> ExitCode {
    let github = github();
    let config = match load_config(&a.root, github) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let new = crate::authoring::new::NewReport {
        clinic: &a.clinic,
        year: a.year,
        topic: &a.topic,
        title: a.title.as_deref(),
        region: a.region.as_deref(),
    };
    match crate::authoring::new::create(&a.root, &config, &new) {
        Ok(rel) => {
            println!("wrote {rel} (a draft: fill it in, then remove `draft: true`)");
            ExitCode::SUCCESS
        }
        Err(d) => {
            diag::print(&[d], github);
            ExitCode::from(1)
        }
    }
}

fn finish(opts: &Options, on_success: impl FnOnce(&site::Outcome)) -> ExitCode {
    let outcome = site::run(opts);
    let github = std::env::var("GITHUB_ACTIONS").is_ok_and(|v| v == "true");
    diag::print(&outcome.diagnostics, github);
    if outcome.failed() {
        ExitCode::from(1)
    } else {
        on_success(&outcome);
        ExitCode::SUCCESS
    }
}
