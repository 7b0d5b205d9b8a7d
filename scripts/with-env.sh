#!/usr/bin/env bash
# Prepares a machine that has nothing but bash, an old Node and npm, then runs the command given.
#   scripts/with-env.sh npm run synth              Node 24 + dependencies
#   scripts/with-env.sh --for-tests npm test       and the test bed (kube-apiserver, etcd, helm)
# Everything slow to fetch or build is cached under $RSJ_CACHE, never in the repository.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export RSJ_CACHE=${RSJ_CACHE:-$HOME/.cache/rasa-socketio-jwt}

for_tests=false
if [[ ${1:-} == --for-tests ]]; then for_tests=true; shift; fi
if [[ $# -eq 0 ]]; then
  echo "usage: scripts/with-env.sh [--for-tests] COMMAND [ARGS...]" >&2
  exit 2
fi

# shellcheck source=scripts/node.sh
source "$repo/scripts/node.sh"
ensure_node

# Install only when package.json or the lock file changed since the last install: a warm run should
# not pay for it.
stamp="$repo/node_modules/.installed-sha"
inputs_sha() { cat "$repo/package.json" "$repo/package-lock.json" | sha256sum | cut -d' ' -f1; }
if [[ ! -f $stamp || $(cat "$stamp") != "$(inputs_sha)" ]]; then
  # cdk8s-plus-27 pulls in `backport` (a release tool it never uses, ~170 packages) as an optional
  # dependency, so optional dependencies are left out. `npm install` rather than `npm ci`: the
  # registry serves only this platform's builds of some optional packages, which npm then leaves
  # out of the lock file, and `npm ci` refuses such a lock.
  # No dependency runs an install script: package.json's allowScripts denies the one that has one,
  # @parcel/watcher's native build (jest's file watcher for --watch, which no test run uses), so
  # npm neither builds it nor warns about it.
  (cd "$repo" && npm install --omit=optional --no-audit --no-fund)
  # Leaving out optional dependencies also drops the native binding of jest's resolver
  # (unrs-resolver); add back the one for this platform, at the version the lock file pins.
  binding=$(cd "$repo" && node -e '
    const lock = require("./package-lock.json");
    const wanted = lock.packages["node_modules/unrs-resolver"].optionalDependencies;
    const libc = process.platform !== "linux" ? "" : process.report.getReport().header.glibcVersionRuntime ? "-gnu" : "-musl";
    const name = `@unrs/resolver-binding-${process.platform}-${process.arch}${libc}`;
    if (!wanted[name]) { console.error(`no ${name} for this platform`); process.exit(1); }
    console.log(`${name}@${wanted[name]}`);')
  (cd "$repo" && npm install --no-save --omit=optional --no-audit --no-fund "$binding")
  inputs_sha >"$stamp"
fi

if $for_tests; then
  for step in "$repo"/scripts/test-deps/*.sh; do
    [[ -e $step ]] || continue
    # shellcheck source=/dev/null
    source "$step"
  done
fi

cd "$repo"
exec "$@"
