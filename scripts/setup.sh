#!/usr/bin/env bash
# Installs what Navigator needs from the system (Debian/Ubuntu), only when missing.
# Safe to run repeatedly; used by run.sh, test.sh and CI.
set -euo pipefail

missing=()
# Cluster tests run a real Redis (docs/cluster.md).
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
command -v tesseract >/dev/null 2>&1 || missing+=(tesseract-ocr)
[[ -f /usr/share/tesseract-ocr/5/tessdata/eng.traineddata ]] || missing+=(tesseract-ocr-eng)
[[ -x /usr/lib/chromium/chromium || -x /usr/bin/chromium ]] || missing+=(chromium)
command -v ffmpeg >/dev/null 2>&1 || missing+=(ffmpeg)
command -v setpriv >/dev/null 2>&1 || missing+=(util-linux)
# LiveKit: gcc/nm build the N-API stub the npm build of livekit_ffi needs; ip (iproute2) and
# unshare (util-linux) give the LiveKit tests their private network namespace.
command -v gcc >/dev/null 2>&1 || missing+=(gcc)
command -v nm >/dev/null 2>&1 || missing+=(binutils)
command -v ip >/dev/null 2>&1 || missing+=(iproute2)
command -v unshare >/dev/null 2>&1 || missing+=(util-linux)

if ((${#missing[@]})); then
    echo "setup: installing ${missing[*]}" >&2
    sudo_cmd=()
    if [[ $(id -u) -ne 0 ]]; then sudo_cmd=(sudo); fi
    export DEBIAN_FRONTEND=noninteractive
    "${sudo_cmd[@]}" apt-get update -qq
    "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if ! command -v dotnet >/dev/null 2>&1; then
    echo "setup: the .NET 10 SDK is required (https://dot.net); it is not installable from here" >&2
    exit 1
fi

# Node packages some tests drive (MCP TypeScript client, the LiveKit double) and LiveKit's native
# core (src/Navigator.LiveKit/Ffi/npm); installed from lock files when present.
for lock in "$(dirname "$0")"/../tests/*/package-lock.json "$(dirname "$0")"/../src/*/Ffi/npm/package-lock.json; do
    [[ -f $lock ]] || continue
    dir=$(dirname "$lock")
    if [[ ! -d $dir/node_modules ]]; then
        # npm ci refuses a lock whose optional platform packages the registry does not serve
        # (@livekit/rtc-node lists macOS/Windows/arm builds); npm install keeps to the lock all the same.
        if [[ $dir == */Ffi/npm ]]; then install=install; else install=ci; fi
        echo "setup: npm $install in ${dir#*/../}" >&2
        (cd "$dir" && npm "$install" --no-audit --no-fund --loglevel=error)
    fi
done
"$(dirname "$0")"/../src/Navigator.LiveKit/Ffi/build-napi-stub.sh
