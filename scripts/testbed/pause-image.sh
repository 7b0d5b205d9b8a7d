#!/usr/bin/env bash
# Build the pod sandbox ("pause") image the test bed's containerd uses, once
# per machine, as an OCI archive that `ctr -n k8s.io images import` accepts:
#
#   ${RSJ_CACHE:-$HOME/.cache/rasa-socketio-jwt}/testbed/images/pause-3.10.tar
#
# Why build it: there is no registry to pull registry.k8s.io/pause from. The
# pause container only has to hold the pod's namespaces open, reap zombies and
# exit on SIGINT/SIGTERM; a few lines of C compiled statically do that. It is
# tagged with the upstream name so containerd's sandbox_image and kubelet's
# defaults line up without any extra configuration.
#
# stdout: the archive path (last line). Progress to stderr. Needs gcc with a
# static libc (Debian: gcc + libc6-dev) and python3.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
# shellcheck source=scripts/testbed/lib.sh
. "$here/lib.sh"
LOG_TAG=pause-image

OUT_DIR="$CACHE_ROOT/images"
ARCHIVE="$OUT_DIR/pause-3.10.tar"

if [[ -s "$ARCHIVE" ]]; then
  printf '%s\n' "$ARCHIVE"
  exit 0
fi
command -v gcc >/dev/null 2>&1 || die "gcc is required (apt-get install -y gcc libc6-dev)"

mkdir -p "$OUT_DIR"
work="$(mktemp -d "$OUT_DIR/.pause.XXXXXX")"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/rootfs"

cat >"$work/pause.c" <<'EOF'
/* Pod sandbox process: sleeps until told to stop, reaping any zombie it inherits as the pod's
 * PID 1 (when the pod shares its PID namespace). */
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

static void stop(int sig) { (void)sig; _exit(0); }

static void reap(int sig) {
  (void)sig;
  while (waitpid(-1, 0, WNOHANG) > 0) {}
}

int main(void) {
  struct sigaction quit = {.sa_handler = stop};
  struct sigaction child = {.sa_handler = reap, .sa_flags = SA_NOCLDSTOP};
  sigaction(SIGINT, &quit, 0);
  sigaction(SIGTERM, &quit, 0);
  sigaction(SIGCHLD, &child, 0);
  for (;;) pause();
}
EOF
gcc -static -Os -s -o "$work/rootfs/pause" "$work/pause.c"

# 65535 is the user upstream's pause image runs as; root-owned files like theirs.
python3 "$here/../images/oci-archive.py" "$work/rootfs" "$work/pause.tar" \
  --ref "$PAUSE_REF" --entrypoint /pause --user 65535:65535 --owner 0:0 >/dev/null
mv -f "$work/pause.tar" "$ARCHIVE"
log "built $ARCHIVE ($PAUSE_REF, $(stat -c %s "$ARCHIVE") bytes)"
printf '%s\n' "$ARCHIVE"
