//! The corpus is embedded with `include_dir!`, which names each file it reads but not the
//! directories: without this, a script added to `scripts/` would not rebuild the crate.
//! A directory given to `rerun-if-changed` is scanned whole, so new files count too.

fn main() {
    for dir in ["corpus/scripts", "corpus/oracle/golden/go1.23.5"] {
        // The links resolved, in the repository; in a packaged crate, the copies.
        let path = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.into());
        println!("cargo:rerun-if-changed={}", path.display());
    }
    println!("cargo:rerun-if-changed=build.rs");
}
