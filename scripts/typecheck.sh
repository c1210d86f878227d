#!/usr/bin/env bash
# Typechecks every room with its own config, so the compiler enforces the rooms (core: no DOM, no VS Code;
# webview: DOM, no Node; host: VS Code), then everything with the tests, benchmarks and scripts.
set -euo pipefail
cd "$(dirname "$0")/.."
for project in src/core src/cli src/host webview .; do
  echo "tsc -p $project"
  npx --no-install tsc --noEmit -p "$project"
done
