#!/usr/bin/env bash
# Build the one-folder bundle dist/conference-app/ with the project's venv, then start it once
# (offscreen, on a throwaway database and data folders) and fail unless it exits cleanly.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${VENV:-$ROOT/.venv}"
cd "$ROOT"

"$VENV/bin/pyinstaller" --noconfirm --clean \
    --distpath "$ROOT/dist" --workpath "$ROOT/build/pyinstaller" \
    packaging/conference-app.spec

check_dir="$(mktemp -d)"
trap 'rm -rf "$check_dir"' EXIT

status=0
env QT_QPA_PLATFORM=offscreen \
    XDG_CONFIG_HOME="$check_dir/config" XDG_DATA_HOME="$check_dir/data" XDG_CACHE_HOME="$check_dir/cache" \
    CONFERENCE_APP_DATA_DIR="$check_dir/app-data" \
    timeout 180 "$ROOT/dist/conference-app/conference-app" --db "$check_dir/t.sqlite" --exit-after-startup \
    || status=$?
if [ "$status" -ne 0 ]; then
    echo "build.sh: the bundle did not start cleanly (exit status $status)" >&2
    exit 1
fi
echo "build.sh: dist/conference-app/ built and started cleanly"
