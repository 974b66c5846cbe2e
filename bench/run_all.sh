#!/usr/bin/env bash
# Run the three benchmarks one after the other (about 15 minutes on 2 cores) and print their
# tables with the machine's figures. Needs the project installed: .venv/bin/pip install .
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-.venv/bin/python}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$PY" bench/make_corpus.py database "sqlite:///$tmp/claims-100k.db"
echo "== ingest speed (1,000 synthetic articles) =="
"$PY" bench/ingest_speed.py --count 1000 --rounds "${ROUNDS:-2}"
echo; echo "== listing speed (100,000 claims) =="
"$PY" bench/listing_speed.py --db "sqlite:///$tmp/claims-100k.db"
echo; echo "== matching cost against database size =="
"$PY" bench/match_scale.py --big-db "$tmp/claims-100k.db"
