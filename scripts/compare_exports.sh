#!/usr/bin/env bash
# Every export identical before and after a change, on both stores.
#
#   bash scripts/compare_exports.sh [OLD_COMMIT] [CORPUS]     (defaults: main, ../shared/corpus)
#
# With the code of OLD_COMMIT (unpacked into a temporary folder, run with this worktree's .venv)
# and with the working tree, into the embedded store and, when NEO4J_URI is set
# (`source .neo4j/env`), into Neo4j:
#  1. ingest CORPUS and export it as JSON (the ingest time stamps `ingested_at` blanked: two
#     runs cannot share them);
#  2. import one and the same exchange file (what step 1 gave on the old code, embedded store,
#     time stamps kept: the GraphML/GEXF/CSV exports order documents by them) and export every
#     format (json, graphml, gexf, csv for Kumu; json --since/--until) and a few query answers
#     (CSV);
# then diff old against new, store by store, and embedded against Neo4j.
# Exit code 0: all identical.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
OLD="${1:-main}"
CORPUS="$(cd "${2:-$ROOT/../shared/corpus}" && pwd)"
PY="$ROOT/.venv/bin/python"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

# the old code, importable as `ecograph` (the folders pyproject.toml maps into the package)
mkdir -p "$TMP/old" "$TMP/oldpkg"
git -C "$ROOT" archive "$OLD" | tar -x -C "$TMP/old"
cp -r "$TMP/old/ecograph" "$TMP/oldpkg/ecograph"
for d in ingest queries visualizations; do ln -s "$TMP/old/$d" "$TMP/oldpkg/ecograph/$d"; done

# run the CLI of one side, from $TMP so that no `ecograph` folder in the current one shadows it
cli() {  # side, args...
  local side="$1"; shift
  if [ "$side" = old ]; then
    (cd "$TMP" && PYTHONPATH="$TMP/oldpkg" "$PY" -c 'import sys; from ecograph.cli import main; sys.argv[0] = "ecograph"; main()' "$@")
  else
    (cd "$TMP" && PYTHONPATH= "$ROOT/.venv/bin/ecograph" "$@")
  fi
}

clear_neo4j() {  # side
  local pp=""; [ "$1" = old ] && pp="$TMP/oldpkg"
  (cd "$TMP" && PYTHONPATH="$pp" "$PY" -c 'import os; from ecograph.store.neo4j import Neo4jStore
s = Neo4jStore(os.environ["NEO4J_URI"]); s.clear(); s.close()')
}

which_code() {  # side: the file `ecograph.store` comes from, to be sure which code ran
  local pp=""; [ "$1" = old ] && pp="$TMP/oldpkg"
  (cd "$TMP" && PYTHONPATH="$pp" "$PY" -c 'import ecograph.store as s; print(s.__file__)')
}

export_all() {  # side, store URL, output folder
  local side="$1" url="$2" out="$3"
  mkdir -p "$out"
  for fmt in json graphml gexf; do cli "$side" --store "$url" export --format "$fmt" -o "$out/graph.$fmt"; done
  cli "$side" --store "$url" export --format csv -o "$out/kumu.csv"
  cli "$side" --store "$url" export --format json --since 2015 --until 2022 -o "$out/window.json"
  cli "$side" --store "$url" stats --csv > "$out/stats.csv"
  cli "$side" --store "$url" cross-border --csv > "$out/cross-border.csv"
  cli "$side" --store "$url" search --country Morocco --csv > "$out/search-morocco.csv"
  cli "$side" --store "$url" central --csv > "$out/central.csv"
  cli "$side" --store "$url" communities --csv > "$out/communities.csv"
  # (the same file was imported everywhere: nothing to blank, but harmless)
  sed -i -E 's/20[0-9]{2}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\+00:00|Z)?/<ingested_at>/g' "$out"/*
}

stores="embedded"
[ -n "${NEO4J_URI:-}" ] && stores="embedded neo4j"
for side in old new; do
  echo "== $side code: $(which_code "$side")" >&2
  for st in $stores; do
    export ECOGRAPH_HOME="$TMP/home-$side-$st"
    if [ "$st" = embedded ]; then url="$TMP/store-$side"; else url="$NEO4J_URI"; clear_neo4j "$side"; fi
    cli "$side" --store "$url" ingest --quiet "$CORPUS"
    mkdir -p "$TMP/out/ingest-$side-$st"
    cli "$side" --store "$url" export --format json -o "$TMP/raw-$side-$st.json"
    sed -E 's/20[0-9]{2}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\+00:00|Z)?/<ingested_at>/g' \
      "$TMP/raw-$side-$st.json" > "$TMP/out/ingest-$side-$st/graph.json"
    # import fills an empty store only: a new folder, or the cleared graph
    if [ "$st" = embedded ]; then url="$TMP/store-$side-imported"; else clear_neo4j "$side"; fi
    cli "$side" --store "$url" import "$TMP/raw-old-embedded.json"
    export_all "$side" "$url" "$TMP/out/$side-$st"
    [ "$st" = neo4j ] && clear_neo4j "$side"
  done
done

status=0
compare() {
  if diff -r "$TMP/out/$1" "$TMP/out/$2" > "$TMP/diff.txt"; then
    echo "identical: $1 vs $2 ($(ls "$TMP/out/$1" | wc -l) files, $(cat "$TMP/out/$1"/* | wc -c) bytes)"
  else
    echo "DIFFERENT: $1 vs $2"; head -40 "$TMP/diff.txt"; status=1
  fi
}
for st in $stores; do compare "ingest-old-$st" "ingest-new-$st"; compare "old-$st" "new-$st"; done
if [ -n "${NEO4J_URI:-}" ]; then
  compare ingest-old-embedded ingest-old-neo4j; compare ingest-new-embedded ingest-new-neo4j
  compare old-embedded old-neo4j; compare new-embedded new-neo4j
fi
exit $status
