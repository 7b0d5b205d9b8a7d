# shellcheck shell=bash disable=SC2034 # the variables are for the scripts that source this
# Names, paths and process helpers shared by the test bed scripts (start.sh,
# stop.sh, load-image.sh, check-clean.sh). Sourced, never run; set LOG_TAG
# after sourcing to name the script in log lines.

# The node's addresses exist only inside its own network namespace, so they
# cannot clash with anything on the host; they only must not overlap each
# other or the Service range (10.0.0.0/24, kube-apiserver's flag).
NODE_IP=10.200.0.1
NODE_NAME=testbed-node
POD_CIDR=10.244.0.0/24
# The cluster DNS: the kube-dns Service's ClusterIP (in the low band of the
# Service range, which automatic allocation uses last), which kubelet writes
# into the pods' resolv.conf, and the domain it serves.
DNS_IP=10.0.0.10
CLUSTER_DOMAIN=cluster.local
PAUSE_REF=registry.k8s.io/pause:3.10
CACHE_ROOT="${RSJ_CACHE:-$HOME/.cache/rasa-socketio-jwt}/testbed"
# Every daemon start.sh runs, by its pid file name (DIR/<name>.pid).
DAEMONS=(node-ns etcd apiserver forward-node forward-host containerd coredns controller-manager scheduler kubelet kube-proxy)
# Every process of a test bed carries RSJ_TESTBED_DIR=<DIR> in its
# environment (set by start.sh, inherited by containerd's shims).
MARKER_VAR=RSJ_TESTBED_DIR

LOG_TAG=testbed
log() { printf '[testbed/%s] %s\n' "$LOG_TAG" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# testbed_paths DIR: the per-test-bed names, all derived from DIR.
testbed_paths() {
  DIR="$1"
  NETNS="$DIR/rsj-testbed.netns"
  NODE="$DIR/node"
  API_SOCK="$DIR/apiserver.sock"
  CONTAINERD_SOCK="$NODE/containerd/containerd.sock"
  # Unique per DIR, so two test beds never share a pod cgroup tree.
  CGROUP_ROOT="rsj-testbed-$(printf '%s' "$DIR" | sha256sum | cut -c1-12)"
}

# running PID: the process exists and is not a zombie. Daemons are orphans
# reaped by the init process, which may take a while, and kill -0 succeeds on
# a zombie.
running() {
  local stat
  stat="$(cat "/proc/$1/stat" 2>/dev/null)" || return 1
  stat="${stat##*) }"
  [[ "${stat:0:1}" != Z ]]
}
pid_alive() { [[ -s "$1" ]] && running "$(cat "$1")"; }
all_daemons_alive() {
  local d
  for d in "${DAEMONS[@]}"; do pid_alive "$DIR/$d.pid" || return 1; done
}

in_netns() { nsenter --net="$NETNS" -- "$@"; }
ctr_node() { ctr --address "$CONTAINERD_SOCK" --namespace k8s.io "$@"; }

# Microseconds since the epoch, and "N.Ns" since such a time.
now_us() { echo "${EPOCHREALTIME/./}"; }
since() {
  local d=$(($(now_us) - $1))
  printf '%d.%ds' $((d / 1000000)) $((d / 100000 % 10))
}

# A free TCP port on the host's loopback (the kernel picks it). Another process
# could take it before our forwarder binds it; the window is tiny, and a failed
# bind shows up as the forwarder exiting, reported with its log.
free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# marked_pids [DIR]: processes carrying the test bed marker (for DIR, or for
# any DIR), never this shell.
marked_pids() {
  local pattern="^$MARKER_VAR=" files
  [[ -z "${1:-}" ]] || pattern="^$MARKER_VAR=$1\$"
  files="$(grep -lsz -- "$pattern" /proc/[0-9]*/environ 2>/dev/null || true)"
  [[ -z "$files" ]] || cut -d/ -f3 <<<"$files" | grep -vx -e "$$" -e "$BASHPID" || true
}

# Processes in the pod cgroups of this test bed (containers, pause).
cgroup_pids() {
  find /sys/fs/cgroup/*/"$CGROUP_ROOT" -name cgroup.procs -exec cat {} + 2>/dev/null | sort -u || true
}

# Remove every container and pod sandbox from containerd, killing what runs:
# kubelet does not do it when stopped, and leftover containers would sit in
# the per-machine image store's metadata for the next test bed.
remove_all_containers() {
  local ctr=(timeout 30 ctr --address "$CONTAINERD_SOCK" --namespace k8s.io) ids
  ids="$("${ctr[@]}" tasks ls -q 2>/dev/null || true)"
  # shellcheck disable=SC2086 # one id per word
  [[ -z "$ids" ]] || "${ctr[@]}" tasks delete --force $ids >/dev/null 2>&1 || true
  ids="$("${ctr[@]}" containers ls -q 2>/dev/null || true)"
  # shellcheck disable=SC2086
  [[ -z "$ids" ]] || "${ctr[@]}" containers delete $ids >/dev/null 2>&1 || true
}

# stop_pid NAME [SECONDS]: TERM the daemon in DIR/NAME.pid, wait (15 s by
# default), then KILL. Only signals a process that still carries this test
# bed's marker, so a recycled pid is left alone.
stop_pid() {
  local name="$1" grace="${2:-15}" pidfile="$DIR/$1.pid" pid i
  [[ -s "$pidfile" ]] || { rm -f "$pidfile"; return 0; }
  pid="$(cat "$pidfile")"
  if ! [[ "$pid" =~ ^[0-9]+$ ]] || ! running "$pid"; then
    rm -f "$pidfile"
    return 0
  fi
  if ! grep -qsz -- "^$MARKER_VAR=$DIR\$" "/proc/$pid/environ"; then
    log "$name: pid $pid is not part of this test bed any more; removing stale pid file"
    rm -f "$pidfile"
    return 0
  fi
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < grace * 20; i++)); do
    running "$pid" || break
    sleep 0.05
  done
  if running "$pid"; then
    log "$name: pid $pid ignored SIGTERM for ${grace}s; sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    for ((i = 0; i < 100; i++)); do running "$pid" || break; sleep 0.05; done
  fi
  rm -f "$pidfile"
  log "$name: stopped (pid $pid)"
}

# "total N MiB (name M, ...)" for the test bed's processes, containers included.
rss_summary() {
  local pid name kb total=0 parts=()
  declare -A by_name=()
  for pid in $(marked_pids "$DIR") $(cgroup_pids); do
    [[ -r "/proc/$pid/status" ]] || continue
    name="$(sed -n 's/^Name:[[:space:]]*//p' "/proc/$pid/status")"
    kb="$(sed -n 's/^VmRSS:[[:space:]]*\([0-9]*\).*/\1/p' "/proc/$pid/status")"
    [[ -n "$kb" ]] || continue
    by_name[$name]=$((${by_name[$name]:-0} + kb))
    total=$((total + kb))
  done
  for name in "${!by_name[@]}"; do parts+=("$((by_name[$name] / 1024)) $name"); done
  printf 'total %d MiB (' $((total / 1024))
  printf '%s\n' "${parts[@]}" | sort -nr | awk '{printf "%s%s %s", (NR > 1 ? ", " : ""), $2, $1}'
  echo ')'
}
