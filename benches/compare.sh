#!/usr/bin/env bash
# Two builds of briefsearch side by side, in one run, on the real archives: indexing from
# scratch (hyperfine, alternating) and cold queries (a new process each, median). For checking
# that a change keeps speed within its budget.
#
#   benches/compare.sh OLD_BINARY NEW_BINARY [REAL_DIR]
#
# REAL_DIR defaults to ../shared/real. BENCH_WORK (default /tmp/briefsearch-compare) holds the
# indexes; BENCH_RUNS (default 20) the runs per query and binary (in BENCH_ROUNDS rounds, see
# below); BENCH_INDEX_RUNS (default 3) per index (0: index once, untimed); BENCH_FORMAT
# (default --json) the output of the queries (`--text` for the terminal's); BENCH_QUERIES the
# queries: `stress` (the default: nine queries that exercise synonyms, near-duplicates, both
# languages and phrases), `known-item` (every tenth query of benches/known-item, 12 English and
# 12 Chinese keyword queries typed as a journalist would), or a file with one query per line.
# The last rows pool every run of every query: p50 and p90 of them all.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
OLD=$(realpath "$1")
NEW=$(realpath "$2")
REAL=$(realpath "${3:-$ROOT/../shared/real}")
WORK=${BENCH_WORK:-/tmp/briefsearch-compare}
RUNS=${BENCH_RUNS:-20}
INDEX_RUNS=${BENCH_INDEX_RUNS:-3}
command -v hyperfine >/dev/null || apt-get install -y hyperfine >/dev/null
command -v jq >/dev/null || apt-get install -y jq >/dev/null
mkdir -p "$WORK"
SOURCES=("$REAL/mfa-zh-html" "$REAL/whitehouse-en-md")

FORMAT=${BENCH_FORMAT:---json}
if [ "$INDEX_RUNS" -gt 0 ]; then
  hyperfine --style basic --runs "$INDEX_RUNS" --export-json "$WORK/index.json" \
    --prepare "rm -rf $WORK/old $WORK/new" \
    -n old "$OLD index --index $WORK/old ${SOURCES[*]}" \
    -n new "$NEW index --index $WORK/new ${SOURCES[*]}" > /dev/null 2>&1
fi
rm -rf "$WORK/old" "$WORK/new"
"$OLD" index --index "$WORK/old" "${SOURCES[@]}" 2> /dev/null
"$NEW" index --index "$WORK/new" "${SOURCES[@]}" 2> /dev/null

median_ms() { jq -r ".results[$2].median * 1000" "$1"; }
echo "| measure | old | new | new/old |"
echo "|---|---|---|---|"
if [ "$INDEX_RUNS" -gt 0 ]; then
  o=$(median_ms "$WORK/index.json" 0); n=$(median_ms "$WORK/index.json" 1)
  printf '| index the real archives (median of %d) | %.2f s | %.2f s | %.3f |\n' \
    "$INDEX_RUNS" "$(echo "$o/1000" | bc -l)" "$(echo "$n/1000" | bc -l)" "$(echo "$n/$o" | bc -l)"
fi
case "${BENCH_QUERIES:-stress}" in
  stress)
    queries=(
      "press secretary" '"supply chain"' "Taiwan independence" "U.S. sanctions" "中美关系"
      "台湾问题" "核污染水 排海" "RCEP 关税" "export controls chips OR 芯片 出口管制"
    ) ;;
  known-item)
    mapfile -t queries < <(awk -F'\t' 'FNR > 1 && FNR % 10 == 2 {print $6}' \
      "$ROOT/benches/known-item/queries-en.tsv" "$ROOT/benches/known-item/queries-zh.tsv") ;;
  *) mapfile -t queries < "$BENCH_QUERIES" ;;
esac
# Percentile p (0-100) of a file of numbers, nearest rank.
pct() { sort -g "$1" | awk -v p="$2" '{v[NR]=$1} END {i=int((p*NR+99)/100); if (i<1) i=1; print v[i]}'; }
total_o=0; total_n=0
: > "$WORK/times.old"; : > "$WORK/times.new"
[ "$FORMAT" = "--text" ] && FORMAT=""
# Hyperfine runs one command's runs, then the other's: a burst of load on the shared machine
# would fall on one side. In each of BENCH_ROUNDS rounds (default 3) each query runs
# BENCH_RUNS / BENCH_ROUNDS times per binary, the first binary alternating; a query's median
# is that of all its runs.
ROUNDS=${BENCH_ROUNDS:-3}
PER_ROUND=$(( (RUNS + ROUNDS - 1) / ROUNDS ))
for q in "${queries[@]}"; do
  : > "$WORK/q.old"; : > "$WORK/q.new"
  for ((r = 0; r < ROUNDS; r++)); do
    cmd_old=(-n old "$OLD query --index $WORK/old $FORMAT --limit 10 '$q'")
    cmd_new=(-n new "$NEW query --index $WORK/new $FORMAT --limit 10 '$q'")
    if ((r % 2 == 0)); then first=old; cmds=("${cmd_old[@]}" "${cmd_new[@]}")
    else first=new; cmds=("${cmd_new[@]}" "${cmd_old[@]}"); fi
    hyperfine --style basic -N -i --warmup 2 --runs "$PER_ROUND" --export-json "$WORK/q.json" \
      "${cmds[@]}" > /dev/null 2>&1
    if [ "$first" = old ]; then a=q.old; b=q.new; else a=q.new; b=q.old; fi
    jq -r '.results[0].times[] * 1000' "$WORK/q.json" >> "$WORK/$a"
    jq -r '.results[1].times[] * 1000' "$WORK/q.json" >> "$WORK/$b"
  done
  cat "$WORK/q.old" >> "$WORK/times.old"; cat "$WORK/q.new" >> "$WORK/times.new"
  o=$(pct "$WORK/q.old" 50); n=$(pct "$WORK/q.new" 50)
  total_o=$(echo "$total_o+$o" | bc -l); total_n=$(echo "$total_n+$n" | bc -l)
  printf '| cold query `%s` | %.1f ms | %.1f ms | %.3f |\n' "$q" "$o" "$n" "$(echo "$n/$o" | bc -l)"
done
printf '| all queries, summed medians | %.1f ms | %.1f ms | %.3f |\n' \
  "$total_o" "$total_n" "$(echo "$total_n/$total_o" | bc -l)"
for p in 50 90; do
  o=$(pct "$WORK/times.old" $p); n=$(pct "$WORK/times.new" $p)
  printf '| all runs of all queries, p%d | %.1f ms | %.1f ms | %.3f |\n' "$p" "$o" "$n" "$(echo "$n/$o" | bc -l)"
done
