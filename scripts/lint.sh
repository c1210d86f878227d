#!/usr/bin/env bash
# Lint (ESLint with type information, eslint.config.mjs) and format (Prettier, .prettierrc.json): checks only, fixes
# nothing. `npx eslint . --fix` and `npx prettier --write .` fix.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "eslint"
npx --no-install eslint --max-warnings 0 .
echo "prettier --check"
npx --no-install prettier --check --log-level warn .
