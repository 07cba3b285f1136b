#!/usr/bin/env bash
# Runs every test against real Chromium (installs system parts first if missing).
# Extra arguments go to dotnet test, e.g. scripts/test.sh --filter Step=1
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
dotnet build Navigator.slnx -c Release -nologo -clp:ErrorsOnly

log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
dotnet test Navigator.slnx -c Release --no-build -nologo \
    --blame-hang --blame-hang-timeout 5m "$@" 2>&1 | tee "$log" || status=$?

# One closing line over all test assemblies.
awk '/(Passed|Failed|Skipped)! +- Failed:/ {
        gsub(",", "");
        for (i = 1; i <= NF; i++) {
            if ($i == "Failed:") f += $(i + 1);
            if ($i == "Passed:") p += $(i + 1);
            if ($i == "Skipped:") s += $(i + 1);
        }
    }
    END { printf "tests: %d passed, %d failed, %d skipped\n", p, f, s }' "$log"
exit "$status"
