#!/usr/bin/env bash
# Stop the test bed that start.sh started in DIR: kube-apiserver first (it
# needs etcd to shut down cleanly), then etcd. Uses only DIR's pid files, so it
# never touches other test beds on the machine. Safe to run repeatedly and on a
# DIR where nothing runs. DIR itself (logs, certificates, etcd data) is kept;
# delete it yourself when you are done.
set -euo pipefail

log() { printf '[testbed/stop] %s\n' "$*" >&2; }

[[ $# -eq 1 && -n "$1" ]] || { echo "usage: $0 DIR" >&2; exit 2; }
DIR="$1"
[[ -d "$DIR" ]] || { log "$DIR does not exist; nothing to stop"; exit 0; }

# stop_one NAME BINARY: TERM the pid in DIR/NAME.pid, wait, then KILL.
stop_one() {
  local name="$1" binary="$2" pidfile="$DIR/$1.pid" pid i
  [[ -s "$pidfile" ]] || { log "$name: not running (no pid file)"; rm -f "$pidfile"; return 0; }
  pid="$(cat "$pidfile")"
  if ! [[ "$pid" =~ ^[0-9]+$ ]] || ! kill -0 "$pid" 2>/dev/null; then
    log "$name: not running (stale pid file)"
    rm -f "$pidfile"
    return 0
  fi
  # Guard against a recycled pid: only signal the process if it is the binary
  # we started (where /proc lets us check).
  if [[ -r "/proc/$pid/cmdline" ]] && ! tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q "$binary"; then
    log "$name: pid $pid is not $binary any more; removing stale pid file"
    rm -f "$pidfile"
    return 0
  fi
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < 150; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$pid" 2>/dev/null; then
    log "$name: pid $pid ignored SIGTERM for 15s; sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    for ((i = 0; i < 50; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  fi
  rm -f "$pidfile"
  log "$name: stopped (pid $pid)"
}

stop_one apiserver kube-apiserver
stop_one etcd etcd
