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
