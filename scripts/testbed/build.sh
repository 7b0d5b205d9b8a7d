#!/usr/bin/env bash
# Build the Kubernetes components of a single-node cluster, etcd, CoreDNS (the
# cluster DNS) and a matching kubectl from source, once per pinned version,
# into a per-machine cache outside the repository:
#
#   ${RSJ_CACHE:-$HOME/.cache/rasa-socketio-jwt}/testbed/k8s-<K8S>-etcd-<ETCD>/bin/
#     kube-apiserver  kube-controller-manager  kube-scheduler  kubelet
#     kube-proxy  etcd  kubectl  coredns
#
# Each binary is checked against its pinned version on every run, so bumping
# one version rebuilds only that binary, in place.
#
# The container runtime (containerd, runc, CNI plugins) comes from Debian
# packages instead (node-packages.sh): those are C/Go programs Debian ships,
# and building them here would add nothing.
#
# Why from source: this workplace has no Docker and reaches no release buckets,
# only package registries. The Go module proxy serves Kubernetes and etcd as Go
# modules, so we build them the way any Go program that depends on them would:
# a tiny throw-away "wrapper" module (written into the cache directory, never
# into this repo) requires the upstream module and we `go build` its main
# packages. No upstream code is vendored or copied into this repository.
#
# Re-running with the binaries present and reporting the pinned versions
# returns at once ("reusing ..."). The last line on stdout is the bin
# directory, so callers can do: BIN_DIR="$(scripts/testbed/build.sh | tail -n1)".
# Progress goes to stderr: a line per step, one every 30 seconds while it runs,
# and its time. What go says (hundreds of "go: downloading" lines, the
# compilers' output) goes to $PREFIX/build.log, shown in part when a step fails.
#
# Needs: go >= 1.26 (etcd 3.6.16's go directive; with GOTOOLCHAIN=auto an older
# go fetches a newer toolchain through the module proxy) and a reachable
# GOPROXY. Measured cold build on 2 cores: 6-10 minutes for etcd, the
# apiserver and kubectl, then 4-5 minutes more for the controller manager,
# scheduler, kubelet and kube-proxy, then 3.5-4 CPU-minutes for CoreDNS,
# about 2 minutes on two idle cores (little of it is shared with the
# Kubernetes builds; 6-9 minutes were measured on cores shared with other
# builds); it adds roughly
# 1 GB to GOMODCACHE and 3.6 GB to GOCACHE (default places, kept on the
# machine so later builds of other versions are faster).
set -euo pipefail

# --- pinned versions ---------------------------------------------------------
# Kubernetes 1.34 patch release served by proxy.golang.org. The staging modules
# (k8s.io/api, k8s.io/apiserver, ...) are published as v0.<minor>.<patch>.
# It must be a version the checksum database (sum.golang.org) already knows:
# we keep module verification on, and a version the proxy serves but the sumdb
# does not know fails with "verifying go.mod: ... 404 Not Found".
K8S_VERSION="1.34.10"
# etcd server. Kubernetes 1.34 pins the etcd 3.6 client libraries in its go.mod
# (v3.6.4) and kubeadm 1.34 deploys etcd 3.6.x; we take a recent 3.6 patch.
ETCD_VERSION="3.6.16"
# CoreDNS, the cluster DNS server kubeadm deploys, with its `kubernetes`
# plugin. Its client-go (v0.37) talks to a 1.34 API server through the stable
# APIs it uses (Services, EndpointSlices, Namespaces).
COREDNS_VERSION="1.15.0"
# The plugins linked into it: what start.sh's Corefile uses. The `kubernetes`
# plugin brings metadata, prometheus and transfer with it.
COREDNS_PLUGINS=(bind errors log template kubernetes)
# -----------------------------------------------------------------------------

CACHE_ROOT="${RSJ_CACHE:-$HOME/.cache/rasa-socketio-jwt}/testbed"
PREFIX="$CACHE_ROOT/k8s-${K8S_VERSION}-etcd-${ETCD_VERSION}"
BIN_DIR="$PREFIX/bin"
SRC_DIR="$PREFIX/src"

BUILD_LOG="$PREFIX/build.log"

log() { printf '[testbed/build] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
# shellcheck source=scripts/quiet.sh
source "$(dirname "${BASH_SOURCE[0]}")/../quiet.sh"
QUIET_TAG=testbed/build

# What binary $1 prints for its version (kubectl has no --version flag).
version_of() {
  case "$1" in
    kubectl) "$BIN_DIR/kubectl" version --client 2>&1 ;;
    coredns) "$BIN_DIR/coredns" -version 2>&1 ;;
    *) "$BIN_DIR/$1" --version 2>&1 ;;
  esac
}
# The string binary $1's version output must contain.
want_version() {
  case "$1" in
    etcd) echo "Version: ${ETCD_VERSION}" ;;
    coredns) echo "CoreDNS-${COREDNS_VERSION}" ;;
    *) echo "v${K8S_VERSION}" ;;
  esac
}
# True when binary $1 exists, runs, and reports the pinned version (and, for
# coredns, has every plugin of COREDNS_PLUGINS).
binary_ok() {
  local out p
  [[ -x "$BIN_DIR/$1" ]] || return 1
  out="$(version_of "$1")" || return 1
  [[ "$out" == *"$(want_version "$1")"* ]] || return 1
  if [[ $1 == coredns ]]; then
    out="$("$BIN_DIR/coredns" -plugins)" || return 1
    for p in "${COREDNS_PLUGINS[@]}"; do grep -qx "$p" <<<"$out" || return 1; done
  fi
}
# Everything built from k8s.io/kubernetes, in build order: the API server and
# kubectl first, as the API-only callers need nothing else.
KUBE_CMDS=(kube-apiserver kubectl kube-controller-manager kube-scheduler kubelet kube-proxy)
all_ok() {
  local b
  for b in "${KUBE_CMDS[@]}" etcd coredns; do binary_ok "$b" || return 1; done
}

# --check only reports: prints the bin directory and exits 0 when everything is built, exits 1
# otherwise, and never builds (the test set-up uses it to choose between running and skipping).
check_only=false
[[ ${1:-} == --check ]] && check_only=true

# Fast path: everything is already built.
if all_ok; then
  $check_only || log "reusing $BIN_DIR (kubernetes v${K8S_VERSION}, etcd v${ETCD_VERSION}, coredns v${COREDNS_VERSION})"
  printf '%s\n' "$BIN_DIR"
  exit 0
fi
if $check_only; then
  log "not built: no kubernetes v${K8S_VERSION}, etcd v${ETCD_VERSION} and coredns v${COREDNS_VERSION} binaries in $BIN_DIR"
  exit 1
fi

command -v go >/dev/null 2>&1 || die "go is not on PATH; install Go 1.26 or newer"

mkdir -p "$BIN_DIR" "$SRC_DIR"

# Serialise concurrent builds on one machine (two CI jobs, or a developer and a
# test run) so they do not race on the same output files.
if command -v flock >/dev/null 2>&1; then
  exec 9>"$PREFIX/.build.lock"
  log "taking build lock $PREFIX/.build.lock"
  flock 9
  # Another process may have finished the build while we waited.
  if all_ok; then
    log "reusing $BIN_DIR (built by a concurrent run)"
    printf '%s\n' "$BIN_DIR"
    exit 0
  fi
fi

# Static binaries like the upstream release builds; -mod=mod lets the go
# command complete go.sum in the wrapper module as it resolves packages.
export CGO_ENABLED=0
export GOFLAGS="${GOFLAGS:+$GOFLAGS }-mod=mod"
# Respect an explicit GOTOOLCHAIN; otherwise let go fetch a newer toolchain via
# the module proxy if the local one is older than etcd/kubernetes require.
export GOTOOLCHAIN="${GOTOOLCHAIN:-auto}"

start_ts=$(date +%s)
# One log per build (taken under the lock, so a concurrent run never truncates another's).
: >"$BUILD_LOG"
log "go's output goes to $BUILD_LOG"

# Pull one string field out of `go mod download -json` output (pretty-printed,
# one key per line), without needing jq.
json_field() { sed -n "s/^[[:space:]]*\"$1\": \"\\([^\"]*\\)\".*/\\1/p" | head -n1; }

# `go get` into the wrapper module in the current directory, its output in the
# build log; says how many modules it downloaded. Arguments: what it resolves
# (for the terminal), then the packages.
go_get() {
  local what=$1 before after
  shift
  before=$(grep -c '^go: downloading ' "$BUILD_LOG" || true)
  quiet_run "$BUILD_LOG" "resolving $what (go get)" go get "$@" || die "go get $* failed (log: $BUILD_LOG)"
  after=$(grep -c '^go: downloading ' "$BUILD_LOG" || true)
  log "resolved $what: $((after - before)) modules downloaded through the proxy, the others were in the module cache"
}

# --- Kubernetes components ------------------------------------------------------
# All from one wrapper module: they share most packages, so each one after the
# first costs little. kubectl, unlike whatever kubectl a machine happens to
# have, is sure to be within the supported client/server version skew.
# Arguments: the commands (from KUBE_CMDS) to build.
build_kubernetes() {
  local dir="$SRC_DIR/kubernetes" meta info gomod commit build_date minor tmp
  rm -rf "$dir"
  mkdir -p "$dir"
  cd "$dir"

  log "downloading k8s.io/kubernetes@v${K8S_VERSION} metadata"
  # On failure the reason is in the JSON "Error" field on stdout, not stderr.
  if ! meta="$(go mod download -json "k8s.io/kubernetes@v${K8S_VERSION}" 2>>"$BUILD_LOG")"; then
    die "go mod download k8s.io/kubernetes@v${K8S_VERSION} failed: $(json_field Error <<<"$meta")"
  fi
  gomod="$(json_field GoMod <<<"$meta")"
  [[ -f "$gomod" ]] || die "go mod download reported no go.mod for k8s.io/kubernetes@v${K8S_VERSION}"
  # Tag time (and commit, when the proxy recorded the VCS origin) for the
  # version stamp, from the proxy's .info record; its JSON layout varies.
  info="$(tr -d '\n' <"$(json_field Info <<<"$meta")")"
  commit="$(sed -n 's/.*"Hash" *: *"\([0-9a-f]*\)".*/\1/p' <<<"$info")"
  build_date="$(sed -n 's/.*"Time" *: *"\([^"]*\)".*/\1/p' <<<"$info")"
  [[ -n "$build_date" ]] || build_date="1970-01-01T00:00:00Z"

  # k8s.io/kubernetes requires its staging modules at v0.0.0 and points them at
  # ./staging/src/... with replace directives, which only apply when it is the
  # main module. Map each one to its published v0.<minor>.<patch> instead; the
  # list is read from kubernetes' own go.mod so it follows upstream changes.
  local staging_ver="v0.${K8S_VERSION#*.}" staging m
  staging="$(sed -n 's#^[[:space:]]*\(k8s\.io/[A-Za-z0-9._-]*\) => \./staging/src/.*#\1#p' "$gomod")"
  [[ -n "$staging" ]] || die "no staging replace directives found in $gomod"

  {
    printf 'module rsj.local/testbed/kubernetes\n\n'
    # Same language version and GODEBUG defaults as upstream's own go.mod, so
    # runtime behaviour matches an official build.
    sed -n 's/^go \(.*\)/go \1/p; s/^godebug \(.*\)/godebug \1/p' "$gomod"
    printf '\nrequire k8s.io/kubernetes v%s\n\nreplace (\n' "$K8S_VERSION"
    while IFS= read -r m; do printf '\t%s => %s %s\n' "$m" "$m" "$staging_ver"; done <<<"$staging"
    printf ')\n'
  } >go.mod
  log "wrapper module $dir/go.mod: $(wc -l <<<"$staging") staging modules -> $staging_ver"

  local cmd pkgs=()
  for cmd in "$@"; do pkgs+=("k8s.io/kubernetes/cmd/$cmd@v${K8S_VERSION}"); done
  go_get "kubernetes v${K8S_VERSION}'s dependencies" "${pkgs[@]}"

  # The version variables hack/lib/version.sh stamps into release builds;
  # /version (discovery), `kubectl version` and helm's kubeVersion checks read
  # them. Without them the binary reports v0.0.0-master.
  minor="${K8S_VERSION#*.}"; minor="${minor%%.*}"
  local ld="-s -w" pkg
  for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
    ld+=" -X ${pkg}.gitVersion=v${K8S_VERSION}"
    ld+=" -X ${pkg}.gitMajor=${K8S_VERSION%%.*}"
    ld+=" -X ${pkg}.gitMinor=${minor}"
    [[ -z "$commit" ]] || ld+=" -X ${pkg}.gitCommit=${commit}"
    ld+=" -X ${pkg}.gitTreeState=clean"
    ld+=" -X ${pkg}.buildDate=${build_date}"
  done

  for cmd in "$@"; do
    # Build under a temporary name and rename, so an interrupted build never
    # leaves a half-written binary that the fast path would pick up.
    tmp="$BIN_DIR/.$cmd.tmp.$$"
    quiet_run "$BUILD_LOG" "go build $cmd" go build -trimpath -ldflags "$ld" -o "$tmp" "k8s.io/kubernetes/cmd/$cmd" ||
      die "go build of $cmd v${K8S_VERSION} failed (log: $BUILD_LOG)"
    mv -f "$tmp" "$BIN_DIR/$cmd"
  done
}

# --- etcd ----------------------------------------------------------------------
build_etcd() {
  local dir="$SRC_DIR/etcd" tmp
  rm -rf "$dir"
  mkdir -p "$dir"
  cd "$dir"
  # go.etcd.io/etcd/server/v3's module root is itself the etcd main package
  # (main.go calls etcdmain.Main), so the wrapper only needs the requirement.
  # The etcd version string is a constant in go.etcd.io/etcd/api/v3/version.
  printf 'module rsj.local/testbed/etcd\n\ngo 1.26.0\n' >go.mod
  go_get "etcd v${ETCD_VERSION}'s dependencies" "go.etcd.io/etcd/server/v3@v${ETCD_VERSION}"
  tmp="$BIN_DIR/.etcd.tmp.$$"
  quiet_run "$BUILD_LOG" "go build etcd v${ETCD_VERSION}" go build -trimpath -ldflags "-s -w" -o "$tmp" go.etcd.io/etcd/server/v3 ||
    die "go build of etcd v${ETCD_VERSION} failed (log: $BUILD_LOG)"
  mv -f "$tmp" "$BIN_DIR/etcd"
}

# --- CoreDNS --------------------------------------------------------------------
# CoreDNS's own main package links every plugin it ships (cloud DNS providers
# with their SDKs, etcd, geoip, ...). The wrapper's main does what upstream's
# does, coremain.Run(), with only COREDNS_PLUGINS linked in, as CoreDNS
# documents for builds with a chosen plugin set. The full set would add the
# cloud SDKs to both the download and the compile.
build_coredns() {
  local dir="$SRC_DIR/coredns" tmp p info commit="" ld="-s -w" pkgs=()
  rm -rf "$dir"
  mkdir -p "$dir"
  cd "$dir"
  {
    printf 'package main\n\nimport (\n'
    printf '\t"github.com/coredns/coredns/coremain"\n'
    for p in "${COREDNS_PLUGINS[@]}"; do printf '\t_ "github.com/coredns/coredns/plugin/%s"\n' "$p"; done
    printf ')\n\nfunc main() { coremain.Run() }\n'
  } >main.go
  printf 'module rsj.local/testbed/coredns\n\ngo 1.26.0\n' >go.mod
  pkgs=("github.com/coredns/coredns/coremain@v${COREDNS_VERSION}")
  for p in "${COREDNS_PLUGINS[@]}"; do pkgs+=("github.com/coredns/coredns/plugin/$p@v${COREDNS_VERSION}"); done
  go_get "coredns v${COREDNS_VERSION}'s dependencies" "${pkgs[@]}"
  # `coredns -version` prints the commit when the proxy recorded it.
  info="$(go mod download -json "github.com/coredns/coredns@v${COREDNS_VERSION}" 2>>"$BUILD_LOG" | json_field Info)" || true
  [[ ! -f "$info" ]] || commit="$(tr -d '\n' <"$info" | sed -n 's/.*"Hash" *: *"\([0-9a-f]*\)".*/\1/p')"
  [[ -z "$commit" ]] || ld+=" -X github.com/coredns/coredns/coremain.GitCommit=${commit:0:8}"
  tmp="$BIN_DIR/.coredns.tmp.$$"
  quiet_run "$BUILD_LOG" "go build coredns v${COREDNS_VERSION} (plugins: ${COREDNS_PLUGINS[*]})" go build -trimpath -ldflags "$ld" -o "$tmp" . ||
    die "go build of coredns v${COREDNS_VERSION} failed (log: $BUILD_LOG)"
  mv -f "$tmp" "$BIN_DIR/coredns"
}

trap 'rm -f "$BIN_DIR"/.*.tmp.$$' EXIT

# Subshells, because the build functions cd into their wrapper modules.
if binary_ok etcd; then log "reusing $BIN_DIR/etcd"; else (build_etcd); fi
missing=()
for b in "${KUBE_CMDS[@]}"; do binary_ok "$b" || missing+=("$b"); done
if ((${#missing[@]} == 0)); then
  log "reusing $BIN_DIR/{${KUBE_CMDS[*]}}"
else
  (build_kubernetes "${missing[@]}")
fi
if binary_ok coredns; then log "reusing $BIN_DIR/coredns"; else (build_coredns); fi

for b in "${KUBE_CMDS[@]}" etcd coredns; do
  binary_ok "$b" || die "built $b does not report $(want_version "$b"): $(version_of "$b" || true)"
done

log "done in $(($(date +%s) - start_ts))s: $(version_of kube-apiserver); $(version_of etcd | head -n1); $(version_of coredns | head -n1)"
printf '%s\n' "$BIN_DIR"
