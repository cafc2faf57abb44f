//! Times the search index's phases alone, on an archive loaded once:
//! `cargo run --release --example index_phases -- ROOT [RUNS]`.
//! Prints each run's phases and the medians (bench/README.md).

use std::path::PathBuf;
use std::time::Instant;

use arkiv::site::{Related, Site, Sources, Timer};

// The allocator of the `arkiv` binary, so that memory is measured as it is there.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let mut args = std::env::args().skip(1);
    let root = PathBuf::from(args.next().unwrap_or_else(|| ".".into()));
    let runs: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(5);
    let mut timer = Timer::new(false);
    let sources = Sources::load(&root, &mut timer);
    let (site, _) = Site::assemble(
        &sources,
        Related::Reuse(&Default::default()),
        false,
        &mut timer,
    );
    let Some(site) = site else {
        eprintln!("the archive has errors: run `arkiv check`");
        std::process::exit(1);
    };
    let mut totals = Vec::new();
    for run in 0..runs {
        let t = Instant::now();
        let bundle = arkiv::search::build_index(&site.config, &site.model);
        let wall = t.elapsed().as_secs_f64();
        let p = &bundle.phases;
        let bytes: usize = bundle.files.iter().map(|(_, b)| b.len()).sum();
        println!(
            "run {run}: lexicon {:.3} analyse {:.3} merge {:.3} write {:.3} = {wall:.3} s, {} files, {bytes} bytes",
            p.lexicon, p.analyse, p.merge, p.write, bundle.files.len()
        );
        totals.push(wall);
    }
    totals.sort_by(f64::total_cmp);
    println!("median {:.3} s over {runs} runs", totals[runs / 2]);
}
