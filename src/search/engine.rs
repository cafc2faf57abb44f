//! The search engine: Pagefind's Rust library, fed the records from memory
//! on a current-thread Tokio runtime. Nothing outside this file knows
//! Pagefind's API, so another engine can replace it.

use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;
use tokio::runtime::Runtime;

use super::Record;
use crate::diag::{Code, Diagnostic};

/// Files of the bundle the search page does not use: Pagefind's own UIs,
/// its highlighter and the WebAssembly for other languages.
fn unused(name: &str) -> bool {
    name.starts_with("pagefind-ui.")
        || name.starts_with("pagefind-modular-ui.")
        || name.starts_with("pagefind-component-ui.")
        || name.starts_with("pagefind-highlight.")
        || name.starts_with("playground/")
        || (name.starts_with("wasm.")
            && name != "wasm.sv.pagefind"
            && name != "wasm.unknown.pagefind")
}

/// One Pagefind index and the runtime it needs.
pub struct Engine {
    runtime: Runtime,
    index: PagefindIndex,
}

impl Engine {
    pub fn new() -> Result<Engine, Diagnostic> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .map_err(|e| fail("cannot start the runtime", e))?;
        let options = PagefindServiceConfig::builder()
            .force_language("sv".to_string())
            .keep_index_url(false)
            .build();
        let index = PagefindIndex::new(Some(options)).map_err(|e| fail("setup", e))?;
        Ok(Engine { runtime, index })
    }

    /// Adds the records (Pagefind splits, stems and stores each at once).
    pub fn add(&mut self, records: Vec<Record>) -> Result<(), Diagnostic> {
        let index = &mut self.index;
        self.runtime.block_on(async {
            for r in records {
                index
                    .add_custom_record(
                        r.url,
                        r.content,
                        "sv".to_string(),
                        Some(r.meta),
                        Some(r.filters),
                        None,
                    )
                    .await
                    .map_err(|e| fail("adding a report", e))?;
            }
            Ok(())
        })
    }

    /// Builds the index; returns the bundle's files as `pagefind/<name>`.
    pub fn build(mut self) -> Result<Vec<(String, Vec<u8>)>, Diagnostic> {
        let files = self
            .runtime
            .block_on(self.index.get_files())
            .map_err(|e| fail("building", e))?;
        Ok(files
            .into_iter()
            .filter_map(|f| {
                let name = f.filename.to_string_lossy().replace('\\', "/");
                (!unused(&name)).then(|| (format!("pagefind/{name}"), f.contents))
            })
            .collect())
    }
}

fn fail(what: &str, e: impl std::fmt::Display) -> Diagnostic {
    Diagnostic::file_error(
        Code::Search,
        "pagefind/",
        format!("search index: {what}: {e:#}"),
    )
}
