#!/usr/bin/env bash
# npm start: installs what is needed, builds, and opens the samples in a real VS Code with Reward Lens loaded:
# the local `code` command when there is one, else code-server (installed on demand into .e2e-tools, offline) on
# 127.0.0.1:${PORT:-8080}, in the foreground until Ctrl+C. REWARD_LENS_CODE_SERVER=1 prefers code-server.
set -euo pipefail
cd "$(dirname "$0")/.."
export ONNXRUNTIME_NODE_INSTALL=skip ORT_DISABLE_TELEMETRY=1
bash scripts/ensure-deps.sh
node esbuild.mjs
sample="$PWD/samples/omni-rewardbench/omni-sample.jsonl"
if [ -z "${REWARD_LENS_CODE_SERVER:-}" ] && command -v code >/dev/null 2>&1; then
  echo "Opening the samples in VS Code with Reward Lens loaded from $PWD."
  echo "On the sample's tab: right-click > \"Reopen Editor With…\" > Reward Lens (or the editor-title button)."
  exec code --new-window --extensionDevelopmentPath="$PWD" "$PWD/samples" "$sample"
fi
bash test/e2e/install-tools.sh --no-browser
exec node scripts/code-server.mjs
