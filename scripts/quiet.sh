# shellcheck shell=bash
# Sourced by the set-up scripts: build tools' chatter (go's "go: downloading" lines, apt's
# progress, pip's) goes to a log file under the cache; the terminal gets what a step does, a line
# every $RSJ_QUIET_TICK seconds (30) while it runs, and one line when it ends.
#
#   quiet_run LOG LABEL COMMAND [ARGS...]
#     Appends COMMAND's stdout and stderr to LOG (after a "=== LABEL" header) and prints, on stderr:
#       [TAG] LABEL (output: LOG)
#       [TAG] LABEL: still running, 30s, 212 lines of output; last: go: downloading k8s.io/api v0.34.10
#       [TAG] LABEL: done in 74s (318 lines in LOG)
#     On failure it prints the last 40 lines of the step's output and returns COMMAND's status.
#     TAG is $QUIET_TAG (default: setup). COMMAND is best a program: a shell function would run
#     with errexit off. Nothing goes to stdout, so it can run inside $(...).
#
#   quiet_ticker_start LABEL FILE / quiet_ticker_stop
#     Only the "still running" lines, for a script that writes its step's output itself.
#
# Works under set -Eeuo pipefail; leaves no process behind.

quiet_say() { printf '[%s] %s\n' "${QUIET_TAG:-setup}" "$*" >&2; }

# Prints, every tick, how long the step has run and the end of FILE. Its sleep is killed with it.
quiet_ticker_start() {
  local label=$1 file=$2 from=${3:-0} tick=${RSJ_QUIET_TICK:-30}
  (
    t0=$SECONDS nap=
    trap 'if [[ -n $nap ]]; then kill "$nap" 2>/dev/null || true; fi; exit 0' TERM
    while :; do
      sleep "$tick" & nap=$!
      wait "$nap" || true
      lines=$(($(wc -l <"$file" 2>/dev/null || echo 0) - from))
      last=
      ((lines <= 0)) || last=$(tail -n 1 "$file" 2>/dev/null | tr -d '\r' | cut -c1-100)
      quiet_say "$label: still running, $((SECONDS - t0))s, $lines lines of output${last:+; last: $last}"
    done
  ) >&2 &
  QUIET_TICKER=$!
}

quiet_ticker_stop() {
  [[ -n ${QUIET_TICKER:-} ]] || return 0
  kill "$QUIET_TICKER" 2>/dev/null || true
  wait "$QUIET_TICKER" 2>/dev/null || true
  QUIET_TICKER=
}

quiet_run() {
  local log=$1 label=$2 t0=$SECONDS status=0 from lines
  shift 2
  mkdir -p "$(dirname "$log")"
  printf '=== %s: %s (%s)\n' "$label" "$*" "$(date -u +%Y-%m-%dT%H:%M:%SZ)" >>"$log"
  from=$(wc -l <"$log")
  quiet_say "$label (output: $log)"
  quiet_ticker_start "$label" "$log" "$from"
  "$@" >>"$log" 2>&1 </dev/null || status=$?
  quiet_ticker_stop
  lines=$(($(wc -l <"$log") - from))
  if ((status != 0)); then
    quiet_say "$label: failed after $((SECONDS - t0))s (exit $status); the last lines of its output (all in $log):"
    tail -n +"$((from + 1))" "$log" | tail -n 40 >&2
    return "$status"
  fi
  quiet_say "$label: done in $((SECONDS - t0))s ($lines lines in $log)"
}
