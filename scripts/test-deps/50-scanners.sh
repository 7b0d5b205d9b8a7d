# shellcheck shell=bash
# Sourced by with-env.sh --for-tests: the manifest scanners that users' security teams run on the
# chart (test/scan/scanners.test.ts), pinned, and cached under $RSJ_CACHE by version:
#   RSJ_CHECKOV     checkov from PyPI, in a virtualenv of its own: $RSJ_CACHE/venvs/checkov-<version>
#   RSJ_KUBE_SCORE  kube-score, built by `go install` through the Go module proxy:
#                   $RSJ_CACHE/tools/kube-score-<version>/kube-score
# An install prints a line per step (and one every 30 seconds while it runs); what venv, pip and go
# say goes to <install folder>.log. A warm run only looks at the files (checkov takes seconds to
# start, so it is not run here).
# RSJ_BASE_PYTHON picks the interpreter the venv is made from (default python3, >= 3.9).

# shellcheck source=scripts/quiet.sh
source "$repo/scripts/quiet.sh"

CHECKOV_VERSION=3.3.30
KUBE_SCORE_VERSION=v1.20.0

checkov_dir="$RSJ_CACHE/venvs/checkov-$CHECKOV_VERSION"
kube_score_dir="$RSJ_CACHE/tools/kube-score-$KUBE_SCORE_VERSION"

# The stamp is written last: an install cut short is made again from nothing.
checkov_ready() { [[ -f $checkov_dir/.complete && -x $checkov_dir/bin/checkov ]] && "$checkov_dir/bin/python" -c '' 2>/dev/null; }
kube_score_ready() { [[ -f $kube_score_dir/.complete && -x $kube_score_dir/kube-score ]]; }

install_checkov() {
  local log="$checkov_dir.log"
  mkdir -p "$RSJ_CACHE/venvs" && rm -rf "$checkov_dir" "$log" &&
    QUIET_TAG=scanners quiet_run "$log" "checkov: python -m venv" "${RSJ_BASE_PYTHON:-python3}" -m venv "$checkov_dir" &&
    QUIET_TAG=scanners quiet_run "$log" "checkov: pip install checkov==$CHECKOV_VERSION" \
      "$checkov_dir/bin/python" -m pip install --no-input --disable-pip-version-check --progress-bar off "checkov==$CHECKOV_VERSION" &&
    "$checkov_dir/bin/checkov" --version >>"$log" 2>&1 &&
    touch "$checkov_dir/.complete" ||
    { echo "installing checkov $CHECKOV_VERSION failed: see $log" >&2; return 1; }
}

install_kube_score() {
  local log="$kube_score_dir.log"
  command -v go >/dev/null 2>&1 || { echo "kube-score is built with go, which is not on PATH (Go 1.23 or newer)" >&2; return 1; }
  rm -rf "$kube_score_dir" "$log" && mkdir -p "$kube_score_dir" &&
    QUIET_TAG=scanners quiet_run "$log" "kube-score: go install kube-score@$KUBE_SCORE_VERSION" \
      env GOBIN="$kube_score_dir" CGO_ENABLED=0 go install "github.com/zegl/kube-score/cmd/kube-score@$KUBE_SCORE_VERSION" &&
    "$kube_score_dir/kube-score" version >>"$log" 2>&1 &&
    touch "$kube_score_dir/.complete" ||
    { echo "building kube-score $KUBE_SCORE_VERSION failed: see $log" >&2; return 1; }
}

if ! checkov_ready || ! kube_score_ready; then
  echo "installing the scanners for test/scan (checkov $CHECKOV_VERSION from PyPI, kube-score $KUBE_SCORE_VERSION with go install) into $RSJ_CACHE; logs beside them" >&2
  checkov_ready || install_checkov || return 1
  kube_score_ready || install_kube_score || return 1
fi
export RSJ_CHECKOV="$checkov_dir/bin/checkov" RSJ_KUBE_SCORE="$kube_score_dir/kube-score"
