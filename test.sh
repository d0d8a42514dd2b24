#!/usr/bin/env bash
# Haven's test command (README: ./test.sh; CI: .ci/run).
#
#  1. installs what the tests need and is missing (Debian packages: postgresql, redis-server,
#     chromium, fonts, nodejs and npm) when run as root; otherwise it only says what is missing;
#  2. builds Haven.slnx once (Debug);
#  3. runs every tests/*/*.Tests.csproj, one after another, with a TRX log each;
#  4. stops whatever the tests left running (the fixtures start their own PostgreSQL and Redis
#     under a run directory and stop them; anything left there is killed here);
#  5. ends with one line "N passed, N failed"; exits non-zero when anything failed.
#
# Environment: HAVEN_TEST_FILTER (dotnet test --filter expression, optional),
# HAVEN_TEST_PROJECT_TIMEOUT (seconds per test project, default 1800),
# HAVEN_TEST_RESULTS (TRX folder, default TestResults/test.sh).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"
repo_root=$(pwd)

export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export DOTNET_GENERATE_ASPNET_CERTIFICATE=false
export MSBUILDDISABLENODEREUSE=1
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

configuration=Debug
results_dir=${HAVEN_TEST_RESULTS:-$repo_root/TestResults/test.sh}
project_timeout=${HAVEN_TEST_PROJECT_TIMEOUT:-1800}
started_at=$(date +%s)
run_dir=""
cleaned_up=0

log() { printf '[test.sh] %s\n' "$*"; }

# ---------------------------------------------------------------- clean-up

pid_alive() { [[ -n "$1" && -d "/proc/$1" ]]; }

# Kills what the tests left behind: servers recorded in pid files under the run directory
# (PostgreSQL's postmaster.pid, redis.pid), then every process whose working directory or
# command line names the run directory (e.g. Chromium's profile, created in TMPDIR there) or
# whose environment carries this run's HAVEN_TEST_TMPDIR (everything the tests started).
kill_leftovers() {
  [[ -n "$run_dir" && -d "$run_dir" ]] || return 0
  local pid_file pid proc cwd signalled=0
  while IFS= read -r pid_file; do
    pid=$(head -n 1 "$pid_file" 2>/dev/null | tr -dc '0-9') || true
    if pid_alive "$pid"; then
      kill -QUIT "$pid" 2>/dev/null || true # PostgreSQL: immediate shutdown; Redis: exits
      signalled=1
    fi
  done < <(find "$run_dir" -maxdepth 4 \( -name postmaster.pid -o -name redis.pid \) 2>/dev/null)
  [[ $signalled == 1 ]] && sleep 1
  for proc in /proc/[0-9]*; do
    pid=${proc#/proc/}
    [[ "$pid" == "$$" ]] && continue
    cwd=$(readlink "$proc/cwd" 2>/dev/null) || cwd=""
    if [[ "$cwd" == "$run_dir"* ]] ||
      tr '\0' '\n' 2>/dev/null <"$proc/cmdline" | grep -qF -- "$run_dir" ||
      tr '\0' '\n' 2>/dev/null <"$proc/environ" | grep -qxF -- "HAVEN_TEST_TMPDIR=$run_dir"; then
      kill -KILL "$pid" 2>/dev/null || true
    fi
  done
  return 0
}

cleanup() {
  [[ $cleaned_up == 1 ]] && return 0
  cleaned_up=1
  kill_leftovers
  if [[ -n "$run_dir" ]]; then
    rm -rf "$run_dir" 2>/dev/null || true
  fi
  if [[ -n "${CI:-}" ]]; then
    # Build servers would outlive this script and keep CI's output pipe open.
    dotnet build-server shutdown >/dev/null 2>&1 || true
  fi
}
trap cleanup EXIT
trap 'cleanup; echo "0 passed, 1 failed"; exit 130' INT TERM

finish() { # finish PASSED FAILED
  cleanup
  log "took $(($(date +%s) - started_at)) s; TRX files in $results_dir"
  echo "$1 passed, $2 failed"
  if [[ "$2" == 0 ]]; then exit 0; else exit 1; fi
}

# ---------------------------------------------------------------- prerequisites

have_postgres() { compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null && compgen -G '/usr/lib/postgresql/*/bin/pg_ctl' >/dev/null; }
have_redis() { command -v redis-server >/dev/null 2>&1; }
have_chromium() { command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1; }
have_fonts() { command -v fc-list >/dev/null 2>&1 && [[ -n "$(fc-list 2>/dev/null | head -n 1)" ]]; }
have_node() { command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1; } # the load benchmark's socket.io relay

missing=()
have_postgres || missing+=(postgresql)
have_redis || missing+=(redis-server)
have_chromium || missing+=(chromium fonts-liberation)
have_fonts || missing+=(fonts-noto-core fonts-liberation fontconfig)
have_node || missing+=(nodejs npm)

if ((${#missing[@]} > 0)); then
  if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null 2>&1; then
    log "installing: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt_opts=(-o DPkg::Lock::Timeout=900 -o Acquire::Retries=3)
    # Another apt may hold the lists lock: retry the update a few times.
    for attempt in 1 2 3 4 5; do
      if apt-get "${apt_opts[@]}" update -q >/dev/null; then break; fi
      [[ $attempt == 5 ]] && { log "apt-get update failed"; finish 0 1; }
      sleep 20
    done
    if ! apt-get "${apt_opts[@]}" install -y -q --no-install-recommends "${missing[@]}" >/dev/null; then
      log "apt-get install failed: ${missing[*]}"
      finish 0 1
    fi
  else
    log "missing (not installed because this is not root): ${missing[*]}"
    log "install them with: sudo apt-get install -y ${missing[*]}"
  fi
fi

if ! command -v dotnet >/dev/null 2>&1; then
  log "the .NET SDK (dotnet) is not on PATH; install the .NET 10 SDK first"
  finish 0 1
fi

# The fixtures create their servers' directories here; whatever is left is removed at the end.
if [[ $(id -u) == 0 ]]; then tmp_base=/tmp; else tmp_base=${TMPDIR:-/tmp}; fi
run_dir=$(mktemp -d "$tmp_base/haven-test-run-XXXXXX")
chmod 755 "$run_dir" # the postgres user must reach its data directory inside
mkdir -p "$run_dir/tmp"
chmod 1777 "$run_dir/tmp"
export HAVEN_TEST_TMPDIR="$run_dir"

# ---------------------------------------------------------------- build

log "building Haven.slnx ($configuration)"
if ! dotnet build Haven.slnx -c "$configuration" -nologo -v minimal; then
  log "build failed"
  finish 0 1
fi

# ---------------------------------------------------------------- test

rm -rf "$results_dir"
mkdir -p "$results_dir"

shopt -s nullglob
projects=(tests/*/*.Tests.csproj)
shopt -u nullglob
if ((${#projects[@]} == 0)); then
  log "no test projects found under tests/"
  finish 0 1
fi

# counter '<Counters ... passed="3" .../>' passed  ->  3 (0 when absent)
counter() {
  local value
  value=$(sed -n "s/.* $2=\"\([0-9]*\)\".*/\1/p" <<<"$1")
  echo "${value:-0}"
}

filter_args=()
if [[ -n "${HAVEN_TEST_FILTER:-}" ]]; then
  filter_args=(--filter "$HAVEN_TEST_FILTER")
fi

total_passed=0
total_failed=0
summary=()
for project in "${projects[@]}"; do
  name=$(basename "$project" .csproj)
  trx="$results_dir/$name.trx"
  log "testing $name"
  project_started=$(date +%s)
  set +e
  TMPDIR="$run_dir/tmp" timeout --kill-after=30 "$project_timeout" \
    dotnet test "$project" --no-build -c "$configuration" --nologo \
    --logger "trx;LogFileName=$name.trx" --results-directory "$results_dir" \
    --blame-hang-timeout 15m --blame-hang-dump-type none "${filter_args[@]}"
  exit_code=$?
  set -e
  kill_leftovers

  passed=0
  failed=0
  if [[ -f "$trx" ]]; then
    counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1) || counters=""
    passed=$(counter "$counters" passed)
    failed=$(($(counter "$counters" failed) + $(counter "$counters" error) + $(counter "$counters" timeout) + $(counter "$counters" aborted)))
  fi
  if [[ $exit_code != 0 && $failed == 0 ]]; then
    # The run crashed, hung or left no TRX: count it as one failure.
    log "$name: dotnet test exited with $exit_code without a failed test in its TRX"
    failed=1
  fi
  total_passed=$((total_passed + passed))
  total_failed=$((total_failed + failed))
  summary+=("$(printf '%-28s %5d passed %5d failed %5d s' "$name" "$passed" "$failed" $(($(date +%s) - project_started)))")
done

log "summary:"
for line in "${summary[@]}"; do
  log "  $line"
done
finish "$total_passed" "$total_failed"
