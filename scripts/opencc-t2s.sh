#!/usr/bin/env bash
# Regenerates data/script/t2s.tsv, the traditional-to-simplified character table, from OpenCC's
# TSCharacters dictionary as shipped in the ferrous-opencc release in Cargo.lock (a
# dev-dependency: a unit test checks the table against its converter). Each traditional
# character maps to OpenCC's first (preferred) simplified candidate; chains are followed to
# the end, so that folding twice changes nothing. build.rs compiles the file into the binary
# (build/t2s.rs).
set -euo pipefail
cd "$(dirname "$0")/.."
manifest=$(cargo metadata --format-version 1 | python3 -c '
import json, sys
for p in json.load(sys.stdin)["packages"]:
    if p["name"] == "ferrous-opencc":
        print(p["version"], p["manifest_path"])
        break
')
version=${manifest%% *}
dict=$(dirname "${manifest#* }")/assets/dictionaries/TSCharacters.txt
[ -f "$dict" ] || { echo "OpenCC's TSCharacters not found at $dict" >&2; exit 1; }
python3 - "$dict" "$version" > data/script/t2s.tsv <<'PY'
import sys
path, version = sys.argv[1], sys.argv[2]
table = {}
for line in open(path, encoding="utf-8"):
    line = line.rstrip("\r\n")
    if not line or line.startswith("#"):
        continue
    source, candidates = line.split("\t")
    first = candidates.split(" ")[0]
    if len(source) == 1 and len(first) == 1 and first != source:
        table[source] = first
for source in list(table):
    target = table[source]
    while target in table and table[target] != target:
        target = table[target]
    table[source] = target
print("# OpenCC's traditional-to-simplified character table (TSCharacters, Apache-2.0), as shipped")
print("# in ferrous-opencc: a traditional character, TAB, its simplified form, sorted by the former.")
print("# Written by scripts/opencc-t2s.sh: do not edit. build.rs compiles it into the binary.")
print(f"# ferrous-opencc {version}")
for source, target in sorted(table.items()):
    print(f"{source}\t{target}")
PY
echo "wrote data/script/t2s.tsv ($(grep -vc '^#' data/script/t2s.tsv) pairs) from ferrous-opencc $version" >&2
