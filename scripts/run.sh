#!/usr/bin/env bash
# Runs the Navigator service (installs system parts first if missing).
# Publishes the ReadyToRun build we benchmark (incremental after the first time) to artifacts/navigator.
# Arguments go to the navigator CLI; default: serve on http://127.0.0.1:8000
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
dotnet publish src/Navigator.Server -c Release -r linux-x64 --self-contained false \
    -o artifacts/navigator -nologo -clp:ErrorsOnly >&2
if (($# == 0)); then set -- serve --urls http://127.0.0.1:8000; fi
exec artifacts/navigator/navigator "$@"
