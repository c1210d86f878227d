#!/usr/bin/env bash
# The one test command (README, .ci/run): installs what is needed, typechecks, lints, builds, runs unit and e2e tests.
set -euo pipefail
cd "$(dirname "$0")/.."
export ONNXRUNTIME_NODE_INSTALL=skip ORT_DISABLE_TELEMETRY=1
step() { echo; echo "==> $*"; }
step "dependencies";   bash scripts/ensure-deps.sh
step "typecheck";      bash scripts/typecheck.sh
step "lint";           bash scripts/lint.sh
step "build";          node esbuild.mjs
step "unit tests";     bash scripts/unit.sh
if [ -f test/e2e/run.mjs ]; then
  step "e2e tools";    bash test/e2e/install-tools.sh
  step "e2e tests";    node test/e2e/run.mjs
fi
