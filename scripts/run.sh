#!/usr/bin/env bash
# Runs the Navigator service (installs system parts first if missing).
# Arguments go to the navigator CLI; default: serve on http://127.0.0.1:8000
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
if (($# == 0)); then set -- serve --urls http://127.0.0.1:8000; fi
exec dotnet run -c Release --project src/Navigator.Server -- "$@"
