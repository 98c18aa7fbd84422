#!/usr/bin/env bash
# Whole-program benchmarks of briefsearch against ripgrep and tantivy-cli, with hyperfine and
# /usr/bin/time -v. Builds a generated archive (examples/gen_corpus.rs), indexes it, times cold
# queries (one process per query), re-indexing, memory, and writes benches/latest.md.
#
#   benches/run.sh                       # 45,000 briefings, about 1.5 million passages, 1 GB
#   BENCH_BRIEFINGS=2000 benches/run.sh  # a quick run
#   BENCH_REAL=../shared/real benches/run.sh   # also the real archives
#
# Needs: cargo, hyperfine, ripgrep, jq, GNU time; installs what is missing (apt-get or cargo
# install), including tantivy-cli (`cargo install tantivy-cli`).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=${BENCH_WORK:-/tmp/briefsearch-bench}
BRIEFINGS=${BENCH_BRIEFINGS:-45000}
SEED=${BENCH_SEED:-7}
RUNS=${BENCH_RUNS:-20}
OUT=$ROOT/benches/latest.md
mkdir -p "$WORK"

need() { command -v "$1" >/dev/null 2>&1; }
need hyperfine || apt-get install -y hyperfine >/dev/null
need rg || apt-get install -y ripgrep >/dev/null || cargo install ripgrep
need jq || apt-get install -y jq >/dev/null
[ -x /usr/bin/time ] || apt-get install -y time >/dev/null
need tantivy || cargo install tantivy-cli

cargo build --release --manifest-path "$ROOT/Cargo.toml" --bins --examples
BS=$ROOT/target/release/briefsearch
GEN=$ROOT/target/release/examples/gen_corpus
ARCHIVE=$WORK/archive-$BRIEFINGS-$SEED
IDX=$WORK/index-$BRIEFINGS-$SEED
TIDX=$WORK/tantivy-cli-$BRIEFINGS-$SEED

if [ ! -d "$ARCHIVE" ]; then
  "$GEN" --briefings "$BRIEFINGS" --seed "$SEED" --out "$ARCHIVE"
fi
archive_bytes=$(du -sb "$ARCHIVE" | cut -f1)

# Peak RSS (KB) and wall seconds of a command, from GNU time.
measure() {
  /usr/bin/time -v "$@" 2> "$WORK/time.txt" > /dev/null || true
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$WORK/time.txt")
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$WORK/time.txt")
}

median() { jq -r '.results[0].median' "$1"; }

# 1. Indexing from scratch, then unchanged.
rm -rf "$IDX"
measure "$BS" index --index "$IDX" "$ARCHIVE"
index_rss=$rss; index_wall=$wall
cp "$WORK/time.txt" "$WORK/time-index.txt"
passages=$("$BS" stats --index "$IDX" --json | jq .passages)
index_bytes=$(du -sb "$IDX" | cut -f1)
hyperfine --style basic --warmup 1 --runs 5 --export-json "$WORK/reindex.json" \
  "$BS index --index $IDX $ARCHIVE" > /dev/null
reindex=$(median "$WORK/reindex.json")

# 2. tantivy-cli on the same passages, default tokenizer, positions, one text field.
"$BS" query '*' --index "$IDX" --json --fields text --limit 100000000 > "$WORK/passages.json"
rm -rf "$TIDX" && mkdir -p "$TIDX"
cat > "$TIDX/meta.json" <<'META'
{"index_settings":{"docstore_compression":"lz4","docstore_blocksize":16384},"segments":[],"schema":[{"name":"text","type":"text","options":{"indexing":{"record":"position","fieldnorms":true,"tokenizer":"default"},"stored":true,"fast":false}}],"opstamp":0}
META
hyperfine --style basic --runs 1 --export-json "$WORK/tantivy-index.json" \
  --prepare "rm -rf $TIDX.tmp && cp -r $TIDX $TIDX.tmp" \
  "tantivy index -i $TIDX.tmp -t 2 < $WORK/passages.json" > /dev/null
tantivy_index=$(median "$WORK/tantivy-index.json")
hyperfine --style basic --runs 1 --export-json "$WORK/bs-index.json" \
  --prepare "rm -rf $IDX.tmp" "$BS index --index $IDX.tmp $ARCHIVE" > /dev/null
bs_index=$(median "$WORK/bs-index.json")

# 3. Cold queries: a new process each time, page cache warm.
queries=(
  "en|customs tariff"
  "en|\"foreign trade\""
  "zh|稳外贸"
  "zh|跨境电商出口"
  "mixed|customs OR 海关"
)
# Table rows for cold queries on index $1: "kind|text" arguments, median time and peak RSS.
query_table() {
  local index=$1 q kind text m rows=""
  shift
  for q in "$@"; do
    kind=${q%%|*}; text=${q#*|}
    hyperfine --style basic -N --warmup 3 --runs "$RUNS" --export-json "$WORK/q.json" \
      "$BS query --index $index --json --limit 10 '$text'" > /dev/null
    m=$(median "$WORK/q.json")
    measure "$BS" query --index "$index" --json --limit 10 "$text"
    rows+="| $kind | \`$text\` | $(printf '%.1f' "$(echo "$m*1000" | bc -l)") ms | $((rss / 1024)) MB |"$'\n'
  done
  printf '%s' "$rows"
}
query_rows=$(query_table "$IDX" "${queries[@]}")$'\n'

# 4. Against ripgrep over the raw files: the same two-word phrase.
hyperfine --style basic -N -i --warmup 1 --runs 5 --export-json "$WORK/rg.json" \
  "rg -c -F 'foreign trade' $ARCHIVE" \
  "$BS query --index $IDX --count '\"foreign trade\"'" > /dev/null
rg_time=$(jq -r '.results[0].median' "$WORK/rg.json")
bs_time=$(jq -r '.results[1].median' "$WORK/rg.json")

{
  echo "## Generated archive: $BRIEFINGS briefings (seed $SEED), $passages passages, $((archive_bytes / 1000000)) MB"
  echo
  echo "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2/1e6}' /proc/meminfo), $(uname -sr); $(date -u +%Y-%m-%d)."
  echo
  echo "| measure | result |"
  echo "|---|---|"
  echo "| index from scratch (\`briefsearch index\`) | $(printf '%.1f' "$bs_index") s, peak RSS $((index_rss / 1024)) MB |"
  echo "| tantivy-cli index, same passages, default tokenizer | $(printf '%.1f' "$tantivy_index") s |"
  echo "| re-index unchanged (median of 5) | $(printf '%.2f' "$reindex") s ($(printf '%.1f' "$(echo "100*$reindex/$bs_index" | bc -l)")% of a first run) |"
  echo "| index size on disk | $((index_bytes / 1000000)) MB ($(printf '%.2f' "$(echo "$index_bytes/$archive_bytes" | bc -l)") × the raw text) |"
  echo "| \`rg -c -F 'foreign trade'\` over the raw files | $(printf '%.0f' "$(echo "$rg_time*1000" | bc -l)") ms |"
  echo "| \`briefsearch query --count '\"foreign trade\"'\` | $(printf '%.1f' "$(echo "$bs_time*1000" | bc -l)") ms ($(printf '%.0f' "$(echo "$rg_time/$bs_time" | bc -l)")× faster) |"
  echo
  echo "Cold queries, one process each (\`hyperfine --warmup 3 --runs $RUNS\`, median), 10 hits as JSON:"
  echo
  echo "| query | text | median | peak RSS |"
  echo "|---|---|---|---|"
  printf '%s' "$query_rows"
} > "$OUT"

# 5. The real archives (BENCH_REAL=../shared/real): the same measures on real pages.
if [ -n "${BENCH_REAL:-}" ] && [ -d "$BENCH_REAL" ]; then
  RIDX=$WORK/index-real
  rm -rf "$RIDX"
  measure "$BS" index --index "$RIDX" "$BENCH_REAL"
  real_rss=$rss
  real_files=$(find "$BENCH_REAL" -type f | wc -l)
  real_bytes=$(du -sb "$BENCH_REAL" | cut -f1)
  hyperfine --style basic --runs 1 --export-json "$WORK/real-index.json" \
    --prepare "rm -rf $RIDX.tmp" "$BS index --index $RIDX.tmp $BENCH_REAL" > /dev/null
  hyperfine --style basic --warmup 1 --runs 5 --export-json "$WORK/real-reindex.json" \
    "$BS index --index $RIDX $BENCH_REAL" > /dev/null
  real_index=$(median "$WORK/real-index.json")
  real_reindex=$(median "$WORK/real-reindex.json")
  real_passages=$("$BS" stats --index "$RIDX" --json | jq .passages)
  real_rows=$(query_table "$RIDX" "en|press secretary" "en|\"supply chain\"" "zh|中美关系" \
    "zh|台湾问题" "mixed|RCEP 关税")$'\n'
  hyperfine --style basic -N -i --warmup 1 --runs 5 --export-json "$WORK/real-rg.json" \
    "rg -c -F '中美关系' $BENCH_REAL" \
    "$BS query --index $RIDX --count '\"中美关系\"'" > /dev/null
  real_rg=$(jq -r '.results[0].median' "$WORK/real-rg.json")
  real_bs=$(jq -r '.results[1].median' "$WORK/real-rg.json")
  {
    echo
    echo "## Real archives: $real_files files, $((real_bytes / 1000000)) MB, $real_passages passages"
    echo
    echo "| measure | result |"
    echo "|---|---|"
    echo "| index from scratch | $(printf '%.1f' "$real_index") s, peak RSS $((real_rss / 1024)) MB |"
    echo "| re-index unchanged (median of 5) | $(printf '%.2f' "$real_reindex") s ($(printf '%.1f' "$(echo "100*$real_reindex/$real_index" | bc -l)")% of a first run) |"
    echo "| \`rg -c -F '中美关系'\` over the raw files | $(printf '%.0f' "$(echo "$real_rg*1000" | bc -l)") ms |"
    echo "| \`briefsearch query --count '\"中美关系\"'\` | $(printf '%.1f' "$(echo "$real_bs*1000" | bc -l)") ms ($(printf '%.0f' "$(echo "$real_rg/$real_bs" | bc -l)")× faster) |"
    echo
    echo "| query | text | median | peak RSS |"
    echo "|---|---|---|---|"
    printf '%s' "$real_rows"
  } >> "$OUT"
fi
cat "$OUT"
