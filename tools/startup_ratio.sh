#!/usr/bin/env bash
# Times pyroadmap against a bare eframe window (examples/bare_window.rs: same
# size and eframe features, one heading and one highlighted block), side by
# side under Xvfb on this machine: launch to visible window, seen from
# outside the process, and resident memory 5 s later. Runs alternate; each
# figure is the median of RUNS (7). Two cases: a fresh data folder, and a
# returning learner's (a lesson open, notes on every topic, a month of
# review). Prints each ratio against the target (1.15).
#   tools/startup_ratio.sh
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-7}
target_ratio=1.15
cargo build --release --bin pyroadmap --example bare_window --example simulate_month >/dev/null 2>&1
dir=$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')/release
app=$dir/pyroadmap
bare=$dir/examples/bare_window
returning=$(mktemp -d)
"$dir/examples/simulate_month" "$returning" >/dev/null

display=:91
Xvfb "$display" -screen 0 1280x800x24 >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null || true; rm -rf "$returning"' EXIT
sleep 1.5
export DISPLAY=$display XDG_RUNTIME_DIR=${XDG_RUNTIME_DIR:-$(mktemp -d)}

# One launch: milliseconds to a visible window, then KiB resident after 5 s.
measure() {
  local name=$1; shift
  local start now pid rss
  start=$(date +%s%N)
  "$@" >/dev/null 2>&1 &
  pid=$!
  until xdotool search --onlyvisible --name "$name" >/dev/null 2>&1; do sleep 0.005; done
  now=$(date +%s%N)
  sleep 5
  rss=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
  kill "$pid"; wait "$pid" 2>/dev/null || true
  sleep 0.5
  echo "$(( (now - start) / 1000000 )) $rss"
}

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

for case in fresh returning; do
  : > /tmp/startup-app.txt; : > /tmp/startup-bare.txt
  for _ in $(seq 1 "$runs"); do
    if [ "$case" = fresh ]; then data=$(mktemp -d); else data=$returning; fi
    measure '^pyroadmap' "$app" --data-dir "$data" >> /tmp/startup-app.txt
    measure '^bare window' "$bare" >> /tmp/startup-bare.txt
    if [ "$case" = fresh ]; then rm -rf "$data"; fi
  done
  app_ms=$(cut -d' ' -f1 /tmp/startup-app.txt | median)
  bare_ms=$(cut -d' ' -f1 /tmp/startup-bare.txt | median)
  app_kb=$(cut -d' ' -f2 /tmp/startup-app.txt | median)
  bare_kb=$(cut -d' ' -f2 /tmp/startup-bare.txt | median)
  for what in time memory; do
    if [ $what = time ]; then a=$app_ms; b=$bare_ms; unit=ms; else a=$((app_kb / 1024)); b=$((bare_kb / 1024)); unit=MB; fi
    ratio=$(python3 -c "print(f'{$a/$b:.2f}')")
    verdict=$(python3 -c "print('ok' if $a/$b <= $target_ratio else 'OVER TARGET')")
    printf '%-10s %-7s pyroadmap %6s %s, bare window %6s %s, ratio %s (target <= %s) %s\n' \
      "$case" "$what" "$a" "$unit" "$b" "$unit" "$ratio" "$target_ratio" "$verdict"
  done
done
