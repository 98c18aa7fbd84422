#!/usr/bin/env bash
# Behaviour snapshot: runs every command of a briefsearch binary on a fixed list of invocations
# (queries in every format, facets, trend with SVG, show, speakers, stats, evaluate, completions,
# man, inspect, index summaries, error messages) over corpus/ and, when present, the real
# archives, and keeps stdout, stderr and the exit status of each in a folder. Two snapshots are
# compared with `diff -r`: a refactor that changes no behaviour leaves no difference.
#
#   benches/snapshot.sh BINARY OUT_DIR           # take a snapshot
#   benches/snapshot.sh --compare OLD_BIN NEW_BIN   # both, then diff (exit 1 on a difference)
#
# REAL=../shared/real (the default) adds the real archives when the folder exists; REAL= skips
# them. Timings and sizes on disk, which vary from run to run, are masked.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
REAL=${REAL-$ROOT/../shared/real}

if [ "${1:-}" = "--compare" ]; then
  old=$2 new=$3 work=${SNAPSHOT_WORK:-$(mktemp -d)}
  "$0" "$old" "$work/old" && "$0" "$new" "$work/new"
  if diff -r "$work/old" "$work/new" > "$work/diff.txt"; then
    echo "no difference ($(find "$work/old" -type f | wc -l) outputs compared)"
  else
    echo "differences: $work/diff.txt ($(grep -c '^diff ' "$work/diff.txt" || true) files)"
    head -n 60 "$work/diff.txt"
    exit 1
  fi
  exit 0
fi

OUT=$2
rm -rf "$OUT" && mkdir -p "$OUT"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
# Under one name, whatever the file is called: clap prints the name it was started by.
mkdir -p "$WORK/bin"
ln -s "$(cd "$(dirname "$1")" && pwd)/$(basename "$1")" "$WORK/bin/briefsearch"
BIN=$WORK/bin/briefsearch
cd "$ROOT"
export NO_COLOR= COLUMNS=100
# Relative dates (`last 30 days`) count from this day, whatever the clock says.
export BRIEFSEARCH_TODAY=2025-06-01
unset BRIEFSEARCH_INDEX

# Masks what legitimately differs between two runs of the same program.
mask() {
  sed -E -e 's/\([0-9]+(\.[0-9]+)?m?s\)/(TIME)/g' \
    -e 's/[0-9]+(\.[0-9]+)? (KB|MB|GB|bytes) on disk/SIZE on disk/g' \
    -e 's/"(index_bytes|size_bytes)":[0-9]+/"\1":SIZE/g' \
    -e 's/^(size|index size)( +).*/\1\2SIZE/' \
    -e "s#$WORK#WORK#g" -e "s#${REAL:-//}#REAL#g"
}

n=0
# run NAME ARGS...: one invocation, its three outputs kept under NAME.
run() {
  local name=$1; shift
  n=$((n + 1))
  local code=0
  "$BIN" "$@" > "$WORK/out" 2> "$WORK/err" < /dev/null || code=$?
  mask < "$WORK/out" > "$OUT/$name.out"
  mask < "$WORK/err" > "$OUT/$name.err"
  echo "$code" > "$OUT/$name.code"
}

# queries NAME-PREFIX INDEX QUERY...: each query in every format and mode of `query`.
queries() {
  local prefix=$1 idx=$2; shift 2
  local i=0
  for q in "$@"; do
    i=$((i + 1))
    local p="$prefix-q$(printf %02d $i)"
    run "$p-text" query --index "$idx" --color never "$q"
    run "$p-color" query --index "$idx" --color always --limit 3 "$q"
    run "$p-json" query --index "$idx" --json --limit 5 "$q"
    run "$p-tsv" query --index "$idx" --tsv --limit 5 "$q"
    run "$p-count" query --index "$idx" --count "$q"
    run "$p-files" query --index "$idx" -l "$q"
    run "$p-group" query --index "$idx" --group briefing --limit 3 --json "$q"
    run "$p-strict" query --index "$idx" --strict --limit 5 --fields id,score,partial --json "$q"
    run "$p-facets" query --index "$idx" --facets --limit 2 --color never "$q"
    run "$p-date" query --index "$idx" --sort -date --limit 4 --tsv --fields date,id "$q"
  done
}

# 1. The project's corpus.
C=$WORK/corpus-idx
run index-corpus index --index "$C" corpus/
run index-corpus-again index --index "$C" corpus/
queries corpus "$C" \
  'RCEP' 'RCEP 关税' '"bonded logistics park"' '产权' '稳外贸' '跨境电商出口' 'customs tariff' \
  'customs OR 海关' 'RCEP NOT tariff' '+RCEP tariff' '(RCEP OR CPTPP) 关税' 'title:海关' \
  'title:"press briefing"' 'speaker:"Lin Qiao" RCEP' 'speaker:林桥' '*' 'intellectual property' \
  'stabilize foreign trade' '知识产权 保护' 'Qiu Shanhe' '59.8' 'ＲＣＥＰ' 'floods exporters relief' \
  'Air Force One' '海外仓' 'counterfeit goods online' 'port logistics' 'ecological environment'
run corpus-filter-speaker query --index "$C" '*' --speaker 林桥 --color never
run corpus-filter-kind query --index "$C" 稳外贸 --lang zh --kind answer --json
run corpus-filter-since query --index "$C" RCEP --since 2023-03 --until 2024 --tsv
run corpus-filter-outlet query --index "$C" '*' --outlet Bloomberg --json
run corpus-filter-empty query --index "$C" RCEP --since 2030
run corpus-unknown-speaker query --index "$C" RCEP --speaker 'Lin Qio'
run corpus-bad-query query --index "$C" 'RCEP "bonded'
run corpus-fields query --index "$C" RCEP --json --fields id,speaker,kind,lang,date,partial,question_id
run corpus-offset query --index "$C" RCEP --offset 3 --limit 3 --color never
run corpus-null query --index "$C" RCEP -l -0
run corpus-snippet query --index "$C" 'foreign trade' --snippet-chars 60 --color never
printf 'q1\tRCEP\nq2\t稳外贸\nq3\tnothingmatchesthis\n' > "$WORK/batch.tsv"
n=$((n + 1))
"$BIN" query --index "$C" --batch --limit 3 < "$WORK/batch.tsv" > "$OUT/corpus-batch.out" 2> "$OUT/corpus-batch.err" || true
"$BIN" query --index "$C" --batch --tsv --limit 2 < "$WORK/batch.tsv" > "$OUT/corpus-batch-tsv.out" 2> "$OUT/corpus-batch-tsv.err" || true
run corpus-dates query --index "$C" RCEP --since 'April 2023' --until 2024年3月 --tsv --fields date,id
run corpus-dates-relative query --index "$C" '*' --since 'last 30 days' --count
run corpus-dates-bad query --index "$C" RCEP --since 'next week'
run corpus-facets-json query --index "$C" RCEP --facets --json --limit 2
run corpus-query-dash query --index "$C" -tariff
mkdir -p "$WORK/empty"
run index-empty index --index "$WORK/z" "$WORK/empty"
for by in speaker outlet kind lang year month briefing; do
  run "corpus-facets-$by" facets --index "$C" --by "$by" --color never
  run "corpus-facets-$by-json" facets --index "$C" RCEP --by "$by" --json
  run "corpus-facets-$by-tsv" facets --index "$C" '知识产权 OR "intellectual property"' --by "$by" --tsv
done
for by in year month week; do
  run "corpus-trend-$by" trend --index "$C" RCEP --by "$by" --color never
  run "corpus-trend-$by-json" trend --index "$C" 稳外贸 --by "$by" --json
  run "corpus-trend-$by-tsv" trend --index "$C" customs --by "$by" --tsv
done
run corpus-trend-per trend --index "$C" RCEP --by year --per 1000 --color never
run corpus-trend-per-json trend --index "$C" RCEP --by year --per 1000 --json
run corpus-trend-svg trend --index "$C" RCEP --by month --svg "$WORK/chart.svg"
cp "$WORK/chart.svg" "$OUT/corpus-trend.svg"
P='corpus/en/2023-04-18-scio-customs-foreign-trade.txt'
run corpus-show-passage show --index "$C" "$P#9" --context 1 --color never
run corpus-show-passage-json show --index "$C" "$P#9" --json
run corpus-show-passage-md show --index "$C" "$P#8" --format md
run corpus-show-briefing show --index "$C" "$P" --color never
run corpus-show-briefing-json show --index "$C" "$P" --json
run corpus-show-zh show --index "$C" 'corpus/zh/2023-04-18-国新办-海关稳外贸.txt#5' -C 2 --color never
run corpus-show-source show --index "$C" "./$P" --json
run corpus-show-missing show --index "$C" 'nothing#3'
M='corpus/en/2024-03-12-mfa-regular-press-conference.txt'
run corpus-show-parallel show --index "$C" "$M" --parallel --color never
COLUMNS=60 run corpus-show-parallel-narrow show --index "$C" "$M#6" --parallel --color never
run corpus-show-parallel-json show --index "$C" "$M#6" --parallel --json
run corpus-show-parallel-md show --index "$C" 'corpus/zh/2024-03-12-外交部例行记者会.txt#4' --parallel --format md
run corpus-query-parallel query --index "$C" 'coast guard' --parallel --limit 3 --color never
run corpus-speaker-pinyin query --index "$C" '*' --speaker 'Zhou Lan' --lang zh --limit 3 --color never
run corpus-speaker-field-pinyin query --index "$C" 'speaker:"Lin Qiao"' --lang zh --json --fields id,speaker
run corpus-speakers speakers --index "$C" --color never
run corpus-speakers-json speakers --index "$C" --json
run corpus-speakers-tsv speakers --index "$C" RCEP --tsv
run corpus-stats stats --index "$C" --color never
run corpus-stats-json stats --index "$C" --json
R=tests/relevance
run evaluate-missing-index evaluate --index "$WORK/rel-idx" "$R/queries-en.tsv" "$R/judgments-en.tsv"
"$BIN" index --index "$WORK/rel-idx" corpus/ "$R/briefings" > /dev/null 2>&1
run evaluate-text evaluate --index "$WORK/rel-idx" "$R/queries-en.tsv" "$R/judgments-en.tsv" "$R/queries-zh.tsv" "$R/judgments-zh.tsv" --color never
run evaluate-json evaluate --index "$WORK/rel-idx" "$R/queries-en.tsv" "$R/judgments-en.tsv" --json
run evaluate-per-query evaluate --index "$WORK/rel-idx" --per-query "$R/queries-zh.tsv" "$R/judgments-zh.tsv" --color never
for sh in bash zsh fish; do run "completions-$sh" completions "$sh"; done
run man man
run man-query man query
run man-missing man nothing
run help --help
run help-query query --help
for f in corpus/en/*.txt corpus/zh/*.txt; do
  b=$(basename "$f" | tr -c 'A-Za-z0-9.\n-' '_')
  run "inspect-$b" inspect "$f"
  run "inspect-json-$b" inspect --json "$f"
done
run index-missing-path index --index "$WORK/x" corpus/ /nonexistent/path
run index-bad-commit index --index "$WORK/y" --commit-every 0 corpus/

# 2. The real archives.
if [ -n "$REAL" ] && [ -d "$REAL" ]; then
  I=$WORK/real-idx
  run index-real index --index "$I" "$REAL/mfa-zh-html" "$REAL/whitehouse-en-md"
  queries real "$I" \
    'nuclear-contaminated water' '核污染水' 'Taiwan independence' '台独' 'TikTok' 'U.S. sanctions' \
    'export controls chips OR 芯片 出口管制' '中美元首 巴厘岛 会晤' '美元' 'inflation reduction act' \
    '"supply chain"' 'speaker:毛宁 南海' 'Ukraine Russia ceasefire' '一带一路' 'student loans' \
    'Fukushima' 'ROK' 'title:例行记者会 新冠' 'COVID vaccine mandate' '人权 新疆' '*' 'Psaki CFIUS' \
    'semiconductor' '菲律宾 仁爱礁'
  run real-facets-speaker facets --index "$I" --by speaker --limit 40 --color never
  run real-facets-outlet facets --index "$I" --by outlet --limit 40 --json
  run real-facets-month facets --index "$I" 疫苗 --by month --tsv
  run real-trend trend --index "$I" Taiwan --by year --color never
  run real-trend-svg trend --index "$I" 台湾 --by month --svg "$WORK/real.svg"
  cp "$WORK/real.svg" "$OUT/real-trend.svg"
  run real-speakers speakers --index "$I" --limit 60 --color never
  run real-speakers-json speakers --index "$I" --json
  run real-stats stats --index "$I" --json
  run real-show show --index "$I" 'mfa-zh-html/1000#5' -C 2 --json
  run real-show-md show --index "$I" 'mfa-zh-html/1000' --format md
  run real-filter query --index "$I" 'Taiwan' --speaker Jean-Pierre --kind answer --since 2023 --tsv
  run real-filter-outlet query --index "$I" '*' --outlet 路透社 --limit 5 --json
  run real-unknown-speaker query --index "$I" x --speaker 'Jean Pierre'
  run index-real-raw-list index --index "$WORK/raw-idx" "$REAL/mfa-parallel/mfa_articles.json"
fi
echo "$n invocations of $1 written to $OUT" >&2
