//! report.json and `--json`: valid against docs/report.schema.json, and saying what the text
//! report says.

use serde_json::Value;

use super::schema::validate;
use super::{run, s1_quick};

fn schema() -> Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/report.schema.json");
    let text = std::fs::read_to_string(path).expect("docs/report.schema.json");
    serde_json::from_str(&text).expect("the schema is JSON")
}

pub(super) fn assert_valid(doc: &Value) {
    let errors = validate(&schema(), doc);
    assert!(errors.is_empty(), "report.json violates docs/report.schema.json:\n{}", errors.join("\n"));
}

#[test]
fn report_json_of_the_s1_run_matches_the_documented_schema() {
    let (out, dir) = s1_quick();
    assert_eq!(out.code, 0, "{out:?}");
    let text = std::fs::read_to_string(dir.join("report.json")).expect("report.json written");
    let doc: Value = serde_json::from_str(&text).expect("report.json is JSON");
    assert_valid(&doc);
    assert_eq!(doc["schema_version"], 1);
    assert_eq!(doc["seed"], 7);
    assert_eq!(doc["repro"], "cargo run --release -p timerlab -- run s1 --seed 7 --preset quick");
    assert_eq!(doc["outcome"], "ok");
    assert_eq!(doc["exit_code"], 0);
    let runs = doc["runs"].as_array().expect("runs");
    let order: Vec<String> = runs.iter().map(|r| format!("{}/{}", r["variant"], r["semantics"])).collect();
    assert_eq!(
        order.join(" ").replace('"', ""),
        "leaky/async leaky/async-collected leaky/sync stop/async stop/async-collected stop/sync \
         reset/async reset/async-collected reset/sync context/async context/async-collected context/sync"
    );
    // The worst run is the leaky async one: the OOM loop, profiled at the time.After site.
    assert_eq!(doc["worst_run"], 0);
    let leaky = &runs[0];
    assert_eq!(leaky["verdict"]["kind"], "oom-loop");
    assert_eq!(leaky["expected"], "oom-loop");
    assert!(leaky["restarts"].as_u64() >= Some(1));
    assert_eq!(leaky["verdict"]["restarts"], leaky["restarts"]);
    assert!(leaky["events"].as_array().unwrap().iter().any(|e| e["kind"] == "oom-kill"));
    assert_eq!(leaky["sites"][0]["kind"], "time.After");
    assert!(leaky["sites"][0]["file"].as_str().unwrap().ends_with("scenarios/s1/variants.rs"));
    // The text table prints the same peak for that run.
    let row = out.stdout.lines().find(|l| l.starts_with("leaky    async")).expect("the leaky async row");
    assert!(row.split_whitespace().nth(2) == Some(&leaky["peak_live"].to_string()), "{row} vs {leaky}");
    for r in runs {
        assert_eq!(r["as_expected"], true);
        assert_eq!(r["mismatch"], Value::Null);
        assert_eq!(r["trace_hash"].as_str().map(str::len), Some(16));
    }
}

#[test]
fn json_flag_prints_only_the_report_on_stdout_and_the_seed_first_on_stderr() {
    let out = run(&["run", "s2", "--preset", "quick", "--json"]);
    assert_eq!(out.code, 0, "{out:?}");
    assert_eq!(
        out.stderr,
        "seed=7\nrepro: cargo run --release -p timerlab -- run s2 --seed 7 --preset quick\n"
    );
    let doc: Value = serde_json::from_str(&out.stdout).expect("stdout is exactly one JSON document");
    assert_valid(&doc);
    // S2 exercises the event kinds S1 does not: phases and (spurious) timeouts.
    let kinds: Vec<&str> = doc["runs"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|r| r["events"].as_array().unwrap())
        .filter_map(|e| e["kind"].as_str())
        .collect();
    assert!(kinds.contains(&"phase") && kinds.contains(&"timeout"), "{kinds:?}");
    let hoisted_async = &doc["runs"][3];
    assert_eq!(
        (&hoisted_async["variant"], &hoisted_async["semantics"]),
        (&"hoisted".into(), &"async".into())
    );
    assert_eq!(hoisted_async["verdict"]["kind"], "spurious-timeout");
}

#[test]
fn a_faulted_run_reports_its_fault_events_in_the_json_and_its_repro_replays_the_schedule() {
    let args = [
        "run",
        "s1",
        "reset",
        "--semantics",
        "sync",
        "--preset",
        "quick",
        "--set",
        "faults=hold:5s@20s,crash@40s",
    ];
    let out = run(&[&args[..], &["--json"]].concat());
    assert_eq!(out.code, 0, "{out:?}");
    assert!(
        out.stderr.contains("--set faults=hold:5s@20s,crash@40s"),
        "the repro line carries the schedule: {:?}",
        out.stderr
    );
    let doc: Value = serde_json::from_str(&out.stdout).expect("stdout is exactly one JSON document");
    assert_valid(&doc);
    let faults: Vec<(i64, &str, &str)> = doc["runs"][0]["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["kind"].as_str().is_some_and(|k| k.starts_with("fault-")))
        .map(|e| (e["at_ns"].as_i64().unwrap(), e["kind"].as_str().unwrap(), e["name"].as_str().unwrap()))
        .collect();
    let s = 1_000_000_000;
    assert_eq!(
        faults,
        [
            (20 * s, "fault-begins", "hold:5s"),
            (25 * s, "fault-ends", "hold:5s"),
            (40 * s, "fault-begins", "crash")
        ]
    );
}

#[test]
fn a_failing_run_records_its_mismatch_and_exit_code_in_the_json() {
    let out = run(&[
        "run",
        "s1",
        "leaky",
        "--semantics",
        "async",
        "--preset",
        "quick",
        "--users",
        "20",
        "--duration",
        "20s",
        "--json",
    ]);
    assert_eq!(out.code, 6, "{out:?}");
    let doc: Value = serde_json::from_str(&out.stdout).expect("JSON");
    assert_valid(&doc);
    assert_eq!(doc["outcome"], "not-reproduced");
    assert_eq!(doc["exit_code"], 6);
    assert_eq!(doc["runs"][0]["mismatch"], "not-reproduced");
    assert_eq!(doc["runs"][0]["verdict"]["kind"], "leak");
}

#[test]
fn a_hang_is_reported_with_its_task_receive_and_timer_in_the_json() {
    // S3 on Go 1.23.1 (golang/go#69312): blocking-drain hangs, as the registry expects there.
    let out = run(&["run", "s3", "--go", "1.23.1", "--preset", "quick", "--json"]);
    assert_eq!(out.code, 0, "{out:?}");
    let doc: Value = serde_json::from_str(&out.stdout).expect("JSON");
    assert_valid(&doc);
    let runs = doc["runs"].as_array().expect("runs");
    let hung = runs.iter().find(|r| r["variant"] == "blocking-drain").expect("blocking-drain");
    let verdict = &hung["verdict"];
    assert_eq!((&verdict["kind"], &hung["expected"]), (&"hang".into(), &"hang".into()), "{verdict}");
    assert_eq!(verdict["task"], "batcher");
    assert!(verdict["receive"].as_str().unwrap().contains("scenarios/s3/variants.rs:"), "{verdict}");
    assert!(verdict["timer"].as_str().unwrap().contains("scenarios/s3/variants.rs:"), "{verdict}");
    let events = hung["events"].as_array().unwrap();
    let hang = events.iter().find(|e| e["kind"] == "hang").expect("a hang event");
    assert_eq!(
        (&hang["task"], &hang["receive"], &hang["timer"]),
        (&verdict["task"], &verdict["receive"], &verdict["timer"])
    );
    assert!(events.iter().any(|e| e["kind"] == "firing-window" && e["at_ns"] == hang["at_ns"]), "{events:?}");
}
