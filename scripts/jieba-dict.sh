#!/usr/bin/env bash
# Regenerates data/jieba/dict.fst and src/analyze/jieba_dict.rs from the dictionary of the
# jieba-rs release in Cargo.lock. Run it after upgrading jieba-rs: a unit test
# (analyze::segmenter) fails while the committed transducer is from another release.
set -euo pipefail
cd "$(dirname "$0")/.."
manifest=$(cargo metadata --format-version 1 | python3 -c '
import json, sys
for p in json.load(sys.stdin)["packages"]:
    if p["name"] == "jieba-rs":
        print(p["version"], p["manifest_path"])
        break
')
version=${manifest%% *}
dict=$(dirname "${manifest#* }")/src/data/dict.txt
[ -f "$dict" ] || { echo "jieba's dictionary not found at $dict" >&2; exit 1; }
cargo run --release --example jieba_dict -- "$dict" "$version"
