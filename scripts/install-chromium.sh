#!/usr/bin/env bash
# Installs what the browser tests need: the Debian `chromium` package and the
# Python `playwright` driver in the project venv. Idempotent: does nothing that
# is already done. Never runs `playwright install` (it downloads its own browser
# builds, which this environment cannot fetch); the tests point playwright at
# the system Chromium with executable_path instead.
set -euo pipefail

cd "$(dirname "$0")/.."
VENV_PY="${VENV_PY:-.venv/bin/python}"

if ! command -v chromium >/dev/null 2>&1 && ! command -v chromium-browser >/dev/null 2>&1; then
    SUDO=""
    if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get update
    $SUDO apt-get install -y --no-install-recommends chromium fonts-dejavu-core
fi
chromium --version 2>/dev/null || chromium-browser --version

if [ -x "$VENV_PY" ]; then
    if ! "$VENV_PY" -c "import playwright.sync_api" >/dev/null 2>&1; then
        "$VENV_PY" -m pip install -q "playwright>=1.40"
    fi
    "$VENV_PY" -m pip show playwright 2>/dev/null | sed -n "s/^Version: /playwright /p"
fi
