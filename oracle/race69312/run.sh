#!/usr/bin/env bash
# Runs the golang/go#69312 harness on each release for a bounded time and prints one line per run
# (oracle/README.md has the results). Built with the release's own go line, so timer channels are
# sync, the only mode with the bug.
#
#   oracle/race69312/run.sh                      # 1.23.1 1.23.2 1.23.9 1.26.6, 2 minutes each
#   DURATION=10s oracle/race69312/run.sh 1.23.1  # one release, briefly
#
# Toolchains as in ../releases/run.sh; builds use GOTOOLCHAIN=local GOPROXY=off. CI does not run this.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
installer=${TIMERLAB_GO_INSTALLER:-$here/../install-go.sh}
duration=${DURATION:-2m}
releases=("$@")
if [ ${#releases[@]} -eq 0 ]; then
  releases=(1.23.1 1.23.2 1.23.9 1.26.6)
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export GOTOOLCHAIN=local GOPROXY=off GOWORK=off GOFLAGS=-buildvcs=false

for release in "${releases[@]}"; do
  go=$("$installer" "$release")
  v=${release#1.}
  printf 'module timerlab/oracle\n\ngo 1.%s\n' "${v%%.*}" >"$work/go.mod"
  (cd "$here/.." && "$go" build -modfile="$work/go.mod" -o "$work/race" ./race69312)
  "$work/race" -duration "$duration"
done
