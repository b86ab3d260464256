# Mirrors the README's commands; cargo alone is enough to run all of them.

# The main job.
run *ARGS:
    cargo run --release -p timerlab -- {{ARGS}}

# Every test, loom models included (the CI command).
test:
    cargo xtask test

# The workspace tests N times; every test that ever failed.
flakes RUNS="20":
    cargo xtask flakes --runs {{RUNS}}

# A hang injected on purpose is killed at its limit and named.
hang-check:
    cargo xtask hang-check

# Only the loom models.
loom FILTER="":
    cargo xtask loom {{FILTER}}

# fmt + clippy + rustdoc, warnings as errors.
lint:
    cargo xtask lint
