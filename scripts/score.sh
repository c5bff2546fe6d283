#!/usr/bin/env bash
# Extraction quality on the development corpus (see scripts/score.py).
set -euo pipefail
cd "$(dirname "$0")/.."
exec .venv/bin/python scripts/score.py "$@"
