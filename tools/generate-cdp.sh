#!/usr/bin/env bash
# Regenerates src/Navigator.Cdp/Protocol/Generated/*.g.cs from the devtools-protocol
# npm package pinned in tools/Navigator.CdpGen/package.json (and package-lock.json).
# To move to a newer protocol: bump the exact version there, run `npm install` in
# tools/Navigator.CdpGen to refresh the lock file, then run this script.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
gen="$root/tools/Navigator.CdpGen"

if [ ! -f "$gen/node_modules/devtools-protocol/package.json" ]; then
    (cd "$gen" && npm ci --no-audit --no-fund)
fi

dotnet run --project "$gen" -- "$root"
