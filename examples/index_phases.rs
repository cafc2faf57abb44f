//! Times the search index's phases alone, on an archive loaded once:
//! `cargo run --release --example index_phases -- ROOT [RUNS]`.
//! Prints each run's phases, its wall and CPU time (user + system: on a
//! busy machine the wall time is mostly waiting, the CPU time is the
//! index's own cost) and the medians (bench/README.md).

use std::path::PathBuf;
use std::time::Instant;

use arkiv::site::{Related, Site, Sources, Timer};

#[path = "common/cpu.rs"]
mod cpu;
use cpu::cpu_seconds;

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
    let (mut totals, mut cpus) = (Vec::new(), Vec::new());
    for run in 0..runs {
        let (t, c) = (Instant::now(), cpu_seconds());
        let bundle = arkiv::search::build_index(&site.config, &site.model);
        let (wall, cpu) = (t.elapsed().as_secs_f64(), cpu_seconds() - c);
        let p = &bundle.phases;
        let bytes: usize = bundle.files.iter().map(|(_, b)| b.len()).sum();
        println!(
            "run {run}: lexicon {:.3} analyse {:.3} merge {:.3} write {:.3} = {wall:.3} s ({cpu:.3} s CPU), {} files, {bytes} bytes",
            p.lexicon, p.analyse, p.merge, p.write, bundle.files.len()
        );
        totals.push(wall);
        cpus.push(cpu);
    }
    totals.sort_by(f64::total_cmp);
    cpus.sort_by(f64::total_cmp);
    println!(
        "median {:.3} s ({:.3} s CPU) over {runs} runs",
        totals[runs / 2],
        cpus[runs / 2]
    );
}
