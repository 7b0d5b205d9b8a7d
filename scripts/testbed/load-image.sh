#!/usr/bin/env bash
# Import image archives into the running test bed's containerd, where kubelet
# finds them (namespace k8s.io, the snapshotter the node uses):
#
#   scripts/testbed/load-image.sh DIR ARCHIVE...
#
# ARCHIVE: an OCI image layout tar (scripts/images/oci-archive.py makes them)
# or a `docker save` tar; the image names come from inside the archive. An
# OCI archive whose every name already points at the same manifest digest is
# skipped, so re-running with an unchanged multi-GB image costs nothing (the
# image store outlives test beds, see start.sh). Pods must use those names
# with imagePullPolicy IfNotPresent or Never: there is no registry.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
# shellcheck source=scripts/testbed/lib.sh
. "$here/lib.sh"
LOG_TAG=load-image

[[ $# -ge 2 && -n "$1" ]] || { echo "usage: $0 DIR ARCHIVE..." >&2; exit 2; }
[[ -d "$1" ]] || die "$1 is not a test bed directory"
testbed_paths "$(cd "$1" && pwd -P)"
shift
if [[ ! -S "$CONTAINERD_SOCK" ]] || ! pid_alive "$DIR/containerd.pid"; then
  die "containerd of the test bed in $DIR is not running (start it with start.sh)"
fi
snapshotter="$(cat "$NODE/snapshotter")"

# "name digest" lines from an OCI archive's index.json, nothing for other
# archive formats. Stops reading at index.json, which oci-archive.py writes
# near the start, so a large archive is not read through.
archive_refs() {
  python3 - "$1" <<'PY'
import json, sys, tarfile
with tarfile.open(sys.argv[1], "r|*") as tar:
    for member in tar:
        if member.name.lstrip("./") == "index.json":
            for m in json.load(tar.extractfile(member)).get("manifests", []):
                name = m.get("annotations", {}).get("io.containerd.image.name")
                if name:
                    print(name, m["digest"])
            break
PY
}

for archive in "$@"; do
  [[ -f "$archive" ]] || die "no image archive $archive"
  refs="$(archive_refs "$archive")"
  if [[ -n "$refs" ]]; then
    listed="$(ctr_node images ls 2>/dev/null | awk 'NR > 1 { print $1, $3 }')"
    if ! grep -vxF -f <(printf '%s\n' "$listed") <<<"$refs" >/dev/null; then
      log "$(awk '{ print $1 }' <<<"$refs" | paste -sd' '): already imported ($(awk 'NR == 1 { print $2 }' <<<"$refs"))"
      continue
    fi
  fi
  t0=$(now_us)
  log "importing $archive ($(du -h "$archive" | cut -f1))"
  if ! out="$(ctr_node images import --snapshotter "$snapshotter" "$archive" 2>&1)"; then
    printf '%s\n' "$out" >&2
    die "ctr images import $archive failed"
  fi
  log "imported $(grep -o 'unpacking [^ ]*' <<<"$out" | cut -d' ' -f2 | paste -sd' ') in $(since "$t0")"
done
