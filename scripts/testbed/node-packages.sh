#!/usr/bin/env bash
# Install the Debian packages the test bed's node needs (container runtime,
# CNI plugins, packet filtering, and the forwarder that exposes the API server
# on the host) and the two that build its images (scripts/images/build.sh).
# Kubernetes' own binaries come from build.sh, not from here.
#
#   scripts/testbed/node-packages.sh           # install what is missing
#   scripts/testbed/node-packages.sh --check   # list what is missing, exit 1 if any
#
# Prints the packages it is about to install before installing them, and one
# summary line; apt's chatter goes to a log file under the cache directory.
# Returns at once when everything is present (checked with dpkg -s and
# command -v, no apt call). Needs root for the install, like apt-get itself.
set -euo pipefail

log() { printf '[testbed/node-packages] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# package:command-or-file that proves it is usable. A file is checked too, not
# only dpkg, because a binary may also come from somewhere else on PATH.
REQUIRED=(
  "containerd:containerd"                   # CRI runtime (Debian's 1.6.x; its ctr is the import tool)
  "runc:runc"                               # OCI runtime containerd's runc shim calls
  "containernetworking-plugins:/usr/lib/cni/bridge" # bridge, host-local, loopback, portmap
  "iptables:iptables"                       # kube-proxy (iptables mode) and the CNI portmap plugin
  "conntrack:conntrack"                     # kube-proxy flushes stale UDP conntrack entries with it
  "socat:socat"                             # forwards host 127.0.0.1:<port> into the node's netns
  "iproute2:ip"                             # netns, veth and addresses
  "util-linux:nsenter"                      # nsenter/unshare for the node's namespaces
  "debootstrap:debootstrap"                 # the Debian base of the Rasa test image (scripts/images/build.sh)
  "patchelf:patchelf"                       # makes pyenv's Python relocatable inside that image
)

present() {
  local pkg="${1%%:*}" probe="${1#*:}"
  dpkg -s "$pkg" >/dev/null 2>&1 || return 1
  if [[ "$probe" == /* ]]; then [[ -e "$probe" ]]; else command -v "$probe" >/dev/null 2>&1; fi
}

missing=()
for entry in "${REQUIRED[@]}"; do present "$entry" || missing+=("${entry%%:*}"); done

if ((${#missing[@]} == 0)); then
  log "all ${#REQUIRED[@]} node packages present"
  exit 0
fi
if [[ ${1:-} == --check ]]; then
  log "missing: ${missing[*]}"
  exit 1
fi

((EUID == 0)) || die "installing ${missing[*]} needs root"
command -v apt-get >/dev/null 2>&1 || die "no apt-get: install ${missing[*]} with your package manager"

LOG_DIR="${RSJ_CACHE:-$HOME/.cache/rasa-socketio-jwt}/testbed"
mkdir -p "$LOG_DIR"
apt_log="$LOG_DIR/node-packages.log"
log "installing: ${missing[*]} (log: $apt_log)"
start_ts=$SECONDS
{
  # A machine that never ran `apt-get update` has no package lists at all.
  if ! compgen -G '/var/lib/apt/lists/*_Packages' >/dev/null; then apt-get update -qq; fi
  # DEBIAN_FRONTEND: no prompts. The containerd package would enable a systemd
  # unit where systemd runs; the test bed never uses that instance, it starts
  # its own containerd with its own config and sockets.
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
} >"$apt_log" 2>&1 || { tail -n 20 "$apt_log" >&2; die "apt-get install failed (log: $apt_log)"; }

still=()
for entry in "${REQUIRED[@]}"; do present "$entry" || still+=("${entry%%:*}"); done
((${#still[@]} == 0)) || die "still missing after install: ${still[*]} (log: $apt_log)"
log "installed ${#missing[@]} packages in $((SECONDS - start_ts))s"
