#!/usr/bin/env bash
# Unit tests: Node's built-in runner over test/unit, TypeScript loaded through tsx.
set -euo pipefail
cd "$(dirname "$0")/.."
export ORT_DISABLE_TELEMETRY=1
mapfile -t files < <(find test/unit -name '*.test.ts' | sort)
exec node --import tsx --test --test-reporter=spec "${files[@]}"
