#!/usr/bin/env bash
# Regenerates src/script/t2s.rs, the traditional-to-simplified character table, from OpenCC's
# TSCharacters dictionary as shipped in the ferrous-opencc release in Cargo.lock (a
# dev-dependency: a unit test checks the table against its converter). Each traditional
# character maps to OpenCC's first (preferred) simplified candidate; chains are followed to
# the end, so that folding twice changes nothing.
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
python3 - "$dict" "$version" > src/script/t2s.rs <<'PY'
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
print("//! Written by `scripts/opencc-t2s.sh` from OpenCC's TSCharacters dictionary (Apache-2.0,")
print("//! as shipped in ferrous-opencc): do not edit.")
print()
print("/// The ferrous-opencc release whose dictionary the table was written from.")
print("#[cfg(test)]")
print(f'pub(super) const OPENCC_VERSION: &str = "{version}";')
print()
print("/// Traditional characters and their simplified form, sorted by the former.")
print("#[rustfmt::skip]")
print("pub(super) static T2S: &[(char, char)] = &[")
items = sorted(table.items())
for i in range(0, len(items), 8):
    print("    " + " ".join(f"('{a}', '{b}')," for a, b in items[i:i + 8]))
print("];")
PY
echo "wrote src/script/t2s.rs ($(grep -c "('" src/script/t2s.rs) lines) from ferrous-opencc $version" >&2
