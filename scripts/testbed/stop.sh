#!/usr/bin/env bash
# Stop the test bed that start.sh started in DIR and leave nothing behind on
# the host: no process, no mount, no network namespace, no cgroup.
#
#   scripts/testbed/stop.sh DIR && scripts/testbed/check-clean.sh DIR
#
# Order: kubelet first (so it restarts nothing), then the pods (removed
# through containerd, so the per-machine image store keeps no stale
# containers), kube-proxy, CoreDNS and containerd, then whatever is left in
# the pod cgroups, the node's mount namespace holder, the control plane (API
# server before etcd, which it needs to shut down cleanly) and the forwarders. A
# final sweep kills any process still carrying this test bed's marker (shims,
# forwarder children). Tearing down the mount and network namespaces takes
# every container mount, pod network namespace, veth, bridge and iptables
# rule of the node with it.
#
# Uses only DIR's pid files and marker, so it never touches other test beds on
# the machine. Safe to run repeatedly, on a partial start, and on a DIR where
# nothing runs. DIR itself (logs, certificates, etcd data) is kept; delete it
# yourself when you are done.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
# shellcheck source=scripts/testbed/lib.sh
. "$here/lib.sh"
LOG_TAG=stop

[[ $# -eq 1 && -n "$1" ]] || { echo "usage: $0 DIR" >&2; exit 2; }
[[ -d "$1" ]] || { log "$1 does not exist; nothing to stop"; exit 0; }
testbed_paths "$(cd "$1" && pwd -P)"
t0=$(now_us)

stop_pid kubelet
if pid_alive "$DIR/containerd.pid" && [[ -S "$CONTAINERD_SOCK" ]]; then
  remove_all_containers
fi
stop_pid kube-proxy
stop_pid coredns
stop_pid containerd

# Containers whose shim or containerd died before they were removed.
# A frozen process cannot act on SIGKILL.
if [[ -d "/sys/fs/cgroup/freezer/$CGROUP_ROOT" ]]; then
  find "/sys/fs/cgroup/freezer/$CGROUP_ROOT" -name freezer.state \
    -exec sh -c 'echo THAWED >"$1"' _ {} \; 2>/dev/null || true
fi
for ((i = 0; i < 50; i++)); do
  pids="$(cgroup_pids)"
  [[ -n "$pids" ]] || break
  ((i > 0)) || log "killing $(wc -w <<<"$pids") processes left in the pod cgroups"
  # shellcheck disable=SC2086 # one pid per word
  kill -KILL $pids 2>/dev/null || true
  sleep 0.1
done
# Remove the pod cgroup tree, children first (rmdir only takes empty cgroups).
for h in /sys/fs/cgroup/*/"$CGROUP_ROOT"; do
  [[ -d "$h" ]] || continue
  find "$h" -depth -type d -exec rmdir {} + 2>/dev/null || true
  [[ ! -d "$h" ]] || log "could not remove cgroup $h"
done

stop_pid node-ns 5
stop_pid scheduler
stop_pid controller-manager
stop_pid apiserver
stop_pid etcd
stop_pid forward-host 5
stop_pid forward-node 5

# Whatever still carries the marker: containerd's shims, the forwarders'
# per-connection children, a daemon whose pid file was lost.
for ((i = 0; i < 50; i++)); do
  pids="$(marked_pids "$DIR")"
  [[ -n "$pids" ]] || break
  ((i > 0)) || log "killing leftover processes: $(for p in $pids; do printf '%s(%s) ' "$(cat "/proc/$p/comm" 2>/dev/null)" "$p"; done)"
  # shellcheck disable=SC2086
  kill -KILL $pids 2>/dev/null || true
  sleep 0.1
done

# The network namespace's bind mount; the namespace itself goes with it once
# no process is left in it.
for ((i = 0; i < 5; i++)); do
  grep -qF " $NETNS " /proc/self/mountinfo || break
  umount "$NETNS" 2>/dev/null || umount -l "$NETNS" 2>/dev/null || true
done
rm -f "$NETNS" "$API_SOCK"
rm -f "$DIR"/*.pid
log "stopped in $(since "$t0")"
