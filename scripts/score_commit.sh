#!/bin/bash
# Score one commit's extractor on a corpus, from a pristine copy of that commit.
#   scripts/score_commit.sh COMMIT CORPUS_DIR GOLD_DIR OUT_DIR
# OUT_DIR gets details.txt (scripts/score.py --details) and store/export.json.
#
# Why a copy: the virtualenv's editable install maps ecograph.ingest / queries / visualizations to this
# checkout whatever PYTHONPATH says, so a worktree or an older commit run through it silently runs the
# working tree's ingest/. Here `git archive` writes the commit to a temporary folder, and a package folder
# of links (ecograph/* plus ingest, queries, visualizations) put first on the path with `python -P` makes
# `import ecograph` load that copy only.
set -euo pipefail
[ $# -eq 4 ] || { echo "usage: $0 COMMIT CORPUS_DIR GOLD_DIR OUT_DIR" >&2; exit 2; }
commit=$1; corpus=$(realpath "$2"); gold=$(realpath "$3"); out=$4
repo=$(git -C "$(dirname "$0")/.." rev-parse --show-toplevel)
py=${PYTHON:-$repo/.venv/bin/python}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/src" "$tmp/pkg/ecograph" "$out"
git -C "$repo" archive "$commit" | tar -x -C "$tmp/src"
for f in "$tmp"/src/ecograph/*; do ln -s "$f" "$tmp/pkg/ecograph/"; done
for d in ingest queries visualizations; do ln -s "$tmp/src/$d" "$tmp/pkg/ecograph/$d"; done
[ -e "$repo/../shared" ] && ln -s "$(realpath "$repo/../shared")" "$tmp/shared"
out=$(realpath "$out"); rm -rf "$out/store"
(cd "$tmp/src" && PYTHONPATH="$tmp/pkg" "$py" -P scripts/score.py --corpus "$corpus" --gold "$gold" --details \
    --keep "$out/store" > "$out/details.txt")
grep TOTAL "$out/details.txt" >&2
