//! `--shard K/N` and `--merge`: the documented rule (block K of N of the runs in plan order),
//! shards merged back into the unsharded sweep byte for byte, and the merges refused.

use super::{read, run_in, scratch, with, NEVER_KILLED, SMALL};

#[test]
fn a_shard_is_the_kth_block_of_the_runs_in_plan_order() {
    // 36 runs, 12 per seed: shard 2/3 is runs [(2-1)·36/3, 2·36/3) = 12..24, seed 1 alone.
    let dir = scratch("block");
    let out = run_in(&dir, &with(SMALL, &["--shard", "2/3", "--json", "2.json"]));
    assert_eq!(out.code, 0, "{out:?}");
    assert!(out.stdout.contains("\nshard 2/3: runs 12..24 of 36 "), "{}", out.stdout);
    assert!(
        out.stdout.contains(" --set engine=events --shard 2/3\n"),
        "the repro names the shard: {}",
        out.stdout
    );
    let json: serde_json::Value = serde_json::from_str(&read(&dir, "2.json")).expect("JSON");
    let runs = json["runs"].as_array().expect("runs");
    assert_eq!(runs.len(), 12);
    assert!(runs.iter().all(|r| r["seed"] == 1), "{runs:?}");
    assert_eq!((&runs[0]["index"], &runs[11]["index"]), (&12.into(), &23.into()));
}

#[test]
fn shards_merged_in_any_order_print_and_write_what_the_unsharded_sweep_does_byte_for_byte() {
    let dir = scratch("merge");
    let whole = run_in(&dir, &with(SMALL, &["--json", "whole.json"]));
    assert_eq!(whole.code, 0, "{whole:?}");
    for (k, jobs) in [("1", "1"), ("2", "3"), ("3", "2"), ("4", "1")] {
        let shard = format!("{k}/4");
        let file = format!("{k}.json");
        let out = run_in(&dir, &with(SMALL, &["--shard", &shard, "--jobs", jobs, "--json", &file]));
        assert_eq!(out.code, 0, "{out:?}");
    }
    let merged =
        run_in(&dir, &["sweep", "--merge", "3.json", "1.json", "4.json", "2.json", "--json", "merged.json"]);
    assert_eq!(merged.code, 0, "{merged:?}");
    assert_eq!(merged.stdout, whole.stdout);
    assert_eq!(read(&dir, "merged.json"), read(&dir, "whole.json"));
}

#[test]
fn a_merged_sweep_exits_1_when_a_shard_held_a_failed_run() {
    let dir = scratch("merge_failed");
    let failing = NEVER_KILLED;
    let whole = run_in(&dir, failing);
    for k in ["1", "2"] {
        let out =
            run_in(&dir, &with(failing, &["--shard", &format!("{k}/2"), "--json", &format!("{k}.json")]));
        assert_eq!(out.code, 1, "each shard holds one of the failed runs: {out:?}");
    }
    let merged = run_in(&dir, &["sweep", "--merge", "1.json", "2.json"]);
    assert_eq!((whole.code, merged.code), (1, 1));
    assert_eq!(merged.stdout, whole.stdout);
}

/// Writes shards 1/3 and 3/3 of SMALL (seeds 0..3), and 2/3 of the same sweep over seeds 0..4,
/// into a new directory as `K.json`.
fn shard_files(name: &str) -> std::path::PathBuf {
    let dir = scratch(name);
    for (k, seeds) in [("1", "0..3"), ("3", "0..3"), ("2", "0..4")] {
        let (shard, file) = (format!("{k}/3"), format!("{k}.json"));
        let args = ["sweep", "s1", "--seeds", seeds, "--preset", "quick", "--set", "engine=events"];
        let out = run_in(&dir, &with(&args, &["--shard", &shard, "--json", &file]));
        assert_eq!(out.code, 0, "{out:?}");
    }
    dir
}

#[test]
fn result_files_that_are_not_one_sweeps_shards_are_refused_in_one_line() {
    let dir = shard_files("refused");
    let refused = |files: &[&str]| {
        let out = run_in(&dir, &with(&["sweep", "--merge"], files));
        assert_eq!(out.code, 2, "{out:?}");
        assert_eq!(out.stdout, "");
        assert_eq!(out.stderr.lines().count(), 1, "{}", out.stderr);
        out.stderr.trim_end().to_owned()
    };
    assert_eq!(
        refused(&["1.json", "2.json", "3.json"]),
        "error: 1.json and 2.json are not shards of one sweep: seeds 0..3 in 1.json, 0..4 in 2.json"
    );
    assert_eq!(
        refused(&["1.json", "3.json"]),
        "error: missing runs 12..24 of 36: no file holds them (shard 2/3 not given)"
    );
    assert_eq!(
        refused(&["1.json", "1.json", "3.json"]),
        "error: 1.json and 1.json are both shard 1/3: give each shard once"
    );

    let other_version = read(&dir, "3.json").replacen(
        &format!("\"timerlab_version\": \"{}\"", env!("CARGO_PKG_VERSION")),
        "\"timerlab_version\": \"0.0.0-other\"",
        1,
    );
    std::fs::write(dir.join("other.json"), other_version).expect("write");
    assert_eq!(
        refused(&["1.json", "other.json"]),
        format!(
            "error: other.json was written by timerlab 0.0.0-other, 1.json by {}: the shards of a sweep come from one build",
            env!("CARGO_PKG_VERSION")
        )
    );
    std::fs::write(dir.join("report.json"), "{\"schema_version\": 1}").expect("write");
    assert_eq!(
        refused(&["report.json"]),
        "error: report.json: not a sweep result file (no \"schema\": \"timerlab-sweep\")"
    );
    let missing = refused(&["absent.json"]);
    assert!(missing.starts_with("error: cannot read absent.json: "), "{missing}");
}
