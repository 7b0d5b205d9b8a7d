#!/usr/bin/env bash
# Verify that no test bed left anything on the host after stop.sh; exit 1 and
# list the leftovers otherwise.
#
#   scripts/testbed/check-clean.sh [DIR]
#
# Looks for, on the whole machine (any test bed) or for DIR only:
#   - processes carrying the test bed marker (RSJ_TESTBED_DIR in their
#     environment: daemons, containerd shims, forwarders);
#   - mounts in this (the host's) mount namespace whose source or mount point
#     names a test bed (the netns bind mount, anything under DIR);
#   - network namespaces: nsfs mounts of test beds, and processes in another
#     network namespace that carry the marker;
#   - pod cgroups (rsj-testbed-*) in any cgroup hierarchy, and the container
#     processes still in them;
#   - iptables rules or chains of Kubernetes or CNI in the host's namespace;
#   - veth or bridge interfaces, or node/pod/Service addresses, on the host.
# Read-only; needs root to read other processes' environments and the
# firewall rules.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
# shellcheck source=scripts/testbed/lib.sh
. "$here/lib.sh"
LOG_TAG=check-clean

dir=""
if [[ -n "${1:-}" ]]; then
  dir="$1"
  [[ ! -d "$dir" ]] || dir="$(cd "$dir" && pwd -P)"
fi
leftovers=()
found() { leftovers+=("$1: $2"); }

for pid in $(marked_pids "$dir"); do
  [[ -r "/proc/$pid/cmdline" ]] || continue
  found process "$pid $(tr '\0' ' ' <"/proc/$pid/cmdline" | cut -c1-120)"
done

mount_pattern='rsj-testbed'
[[ -z "$dir" ]] || mount_pattern="[ ]${dir}(/| )"
while IFS= read -r line; do
  found mount "$line"
done < <(grep -E -- "$mount_pattern" /proc/self/mountinfo || true)

cgroup_name='rsj-testbed-*'
if [[ -n "$dir" ]]; then testbed_paths "$dir"; cgroup_name="$CGROUP_ROOT"; fi
cgroups="$(find /sys/fs/cgroup -mindepth 2 -maxdepth 2 -type d -name "$cgroup_name" 2>/dev/null || true)"
for cg in $cgroups; do found cgroup "$cg"; done
# Containers do not carry the marker; their cgroups are how they are found.
for pid in $(for cg in $cgroups; do find "$cg" -name cgroup.procs -exec cat {} +; done 2>/dev/null | sort -un); do
  found "process in a pod cgroup" "$pid $(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | cut -c1-100)"
done

node_net='10\.200\.0\.|10\.244\.0\.|10\.0\.0\.'
for tool in iptables ip6tables; do
  command -v "$tool-save" >/dev/null 2>&1 || continue
  while IFS= read -r rule; do
    found "$tool" "$rule"
  done < <("$tool-save" 2>/dev/null | grep -E -- "KUBE-|CNI-|$node_net" || true)
done

while IFS= read -r link; do
  found interface "$link"
done < <(ip -o link show 2>/dev/null | grep -E ': (veth[^:]*|cni0)[@:]' || true)
while IFS= read -r addr; do
  found address "$addr"
done < <(ip -o addr show 2>/dev/null | grep -E "inet ($node_net)" || true)

if ((${#leftovers[@]})); then
  log "FAILED: ${#leftovers[@]} leftovers${dir:+ of $dir}:"
  printf '  %s\n' "${leftovers[@]}" >&2
  exit 1
fi
log "clean: no test bed process, mount, network namespace, cgroup, firewall rule or interface${dir:+ of $dir} on the host"
