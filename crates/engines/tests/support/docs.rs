//! Keeps the generated blocks of docs/ENGINES.md equal to what the tests compute. A block is the
//! text between `<!-- generated: NAME -->` and `<!-- end: NAME -->`; with `TIMERLAB_BLESS=1`
//! a stale block is rewritten instead of failing the test (read the diff before committing it).

use std::path::Path;
use std::sync::Mutex;

/// Serializes the read-modify-write of the file between the tests of one binary.
static DOC: Mutex<()> = Mutex::new(());

/// Fails (or, blessing, rewrites the block) when block `name` of docs/ENGINES.md is not `content`.
pub fn check_block(name: &str, content: &str) {
    let _lock = DOC.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/ENGINES.md");
    let text = std::fs::read_to_string(&path).expect("docs/ENGINES.md is readable");
    let begin = format!("<!-- generated: {name} -->\n");
    let end = format!("<!-- end: {name} -->");
    let start =
        text.find(&begin).unwrap_or_else(|| panic!("docs/ENGINES.md has no {begin:?} marker")) + begin.len();
    let stop =
        start + text[start..].find(&end).unwrap_or_else(|| panic!("docs/ENGINES.md has no {end:?} marker"));
    if text[start..stop] == *content {
        return;
    }
    if std::env::var_os("TIMERLAB_BLESS").is_some_and(|v| v == "1") {
        let updated = format!("{}{content}{}", &text[..start], &text[stop..]);
        std::fs::write(&path, updated).expect("docs/ENGINES.md is writable");
        return;
    }
    panic!(
        "docs/ENGINES.md, block {name}, is not what the harness computes now:\n--- docs\n{}\n+++ computed\n{content}\n\
         rewrite it with `TIMERLAB_BLESS=1 cargo test -p timerlab-engines` and read the diff",
        &text[start..stop]
    );
}
