#!/usr/bin/env bash
# Ranking benchmark with a Lucene anchor: briefsearch and Lucene BM25 (Anserini 0.25, the
# engine inside pyserini 0.25.0) search the very same passages with the same queries, and one
# metrics script scores both engines' top 10. Not part of `cargo test`: it downloads a wheel.
#
#   benches/lucene/run.sh                     # everything; table on stdout and in benches/lucene/latest.md
#   benches/lucene/run.sh --per-query         # also print the per-query ranks (TSV)
#   BS=path/to/briefsearch benches/lucene/run.sh
#
# Sets: the known-item queries of benches/known-item/ (English and Chinese, full and hard, and
# across languages, judged by the counterpart passage), searched among the parallel briefings
# rendered as transcripts plus the whole real archive as distractors; and the judged set of
# tests/relevance/ over corpus/ and tests/relevance/briefings/, in an index of its own.
#
# Environment (defaults in brackets):
#   BS            the briefsearch binary [target/release/briefsearch of this repository]
#   BENCH_REAL    the real archives [../shared/real, from the repository root]
#   BENCH_WORK    work folder for indexes, runs and per-query files [/tmp/briefsearch-lucene]
#   LUCENE_CACHE  where the wheel and the Anserini jar are kept [$BENCH_WORK/lucene]
# Needs: python3, pip, Java 17 (java on PATH), unzip.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
HERE=$ROOT/benches/lucene
KNOWN=$ROOT/benches/known-item
BS=${BS:-$ROOT/target/release/briefsearch}
REAL=${BENCH_REAL:-$ROOT/../shared/real}
WORK=${BENCH_WORK:-/tmp/briefsearch-lucene}
CACHE=${LUCENE_CACHE:-$WORK/lucene}
OUT=$HERE/latest.md
PER_QUERY=0
for arg in "$@"; do
  case $arg in
    --per-query) PER_QUERY=1 ;;
    *) echo "usage: $0 [--per-query]" >&2; exit 2 ;;
  esac
done
case $BS in */*) ;; *) BS=$(command -v "$BS" || echo "$BS") ;; esac
[ -x "$BS" ] || { echo "no briefsearch binary at $BS (cargo build --release, or set BS)" >&2; exit 2; }
BS=$(cd "$(dirname "$BS")" && pwd)/$(basename "$BS")  # the indexing steps run in other folders
[ -d "$REAL/mfa-parallel" ] || { echo "no real archives at $REAL (set BENCH_REAL)" >&2; exit 2; }
mkdir -p "$WORK" "$CACHE"
REAL=$(cd "$REAL" && pwd)
log() { echo "== $*" >&2; }

# (a) The Anserini fat jar, from the pyserini 0.25.0 wheel.
JAR=$CACHE/anserini-0.25.0-fatjar.jar
if [ ! -f "$JAR" ]; then
  log "downloading pyserini==0.25.0 for its Anserini jar"
  python3 -m pip download --quiet --no-deps --only-binary=:all: pyserini==0.25.0 -d "$CACHE"
  unzip -o -j -q "$CACHE"/pyserini-0.25.0-*.whl 'pyserini/resources/jars/anserini-*-fatjar.jar' -d "$CACHE"
fi
anserini() { java -cp "$JAR" "$@" >> "$WORK/anserini.log" 2>&1 || { tail -20 "$WORK/anserini.log" >&2; exit 1; }; }

# Lucene indexes of an export: English with Anserini's default English analyzer (Porter),
# Chinese with CJK bigrams; BM25 k1 0.9, b 0.4 are given at search time.
lucene_index() { # EXPORT_DIR LANG...
  local dir=$1; shift
  for lang in "$@"; do
    local opts=()
    [ "$lang" = en ] || opts=(-language zh)
    rm -rf "$dir/index-$lang"
    anserini io.anserini.index.IndexCollection -collection JsonCollection -input "$dir/$lang" \
      -index "$dir/index-$lang" -generator DefaultLuceneDocumentGenerator -threads 2 "${opts[@]}"
  done
}
lucene_search() { # INDEX LANG TOPICS HITS OUT_TREC
  local opts=()
  [ "$2" = en ] || opts=(-language zh)
  anserini io.anserini.search.SearchCollection -index "$1" -topics "$3" -topicReader TsvString \
    -output "$5" -bm25 -bm25.k1 0.9 -bm25.b 0.4 -hits "$4" -threads 2 "${opts[@]}"
}
bs_search() { # INDEX TOPICS OUT_JSONL BRIEFSEARCH_OPTIONS...
  local index=$1 topics=$2 out=$3; shift 3
  "$BS" query --batch --json --limit 10 --index "$index" "$@" < "$topics" > "$out" || [ $? -eq 1 ]
}

# (b) Render the parallel set; index it with the whole real archive.
KI=$WORK/known-item
mkdir -p "$KI"
log "rendering the parallel set"
rm -rf "$KI/parallel"
python3 "$ROOT/benches/parallel/render.py" "$REAL/mfa-parallel/mfa_articles.json" "$KI/parallel"
log "briefsearch index: rendered set + real archive"
rm -rf "$KI/idx"
# The two language folders, not the render folder itself: truth.jsonl is not a briefing.
(cd "$KI/parallel" && "$BS" index --index "$KI/idx" en zh "$REAL/mfa-zh-html" "$REAL/whitehouse-en-md" 2> "$KI/index.log")
tail -1 "$KI/index.log" >&2

# (c) Export exactly the indexed passages; one Lucene index per language.
log "exporting passages, building Lucene indexes"
"$BS" query '*' --json --limit 100000000 --fields id,lang,text --index "$KI/idx" > "$KI/passages.jsonl"
python3 "$HERE/export.py" "$KI/passages.jsonl" "$KI/lucene"
lucene_index "$KI/lucene" en zh

# (d) Targets to passage ids.
python3 "$KNOWN/resolve.py" --truth "$KI/parallel/truth.jsonl" --alignment "$KNOWN/alignment.tsv" \
  --passages "$KI/passages.jsonl" --out "$KI/sets" "$KNOWN/queries-en.tsv" "$KNOWN/queries-zh.tsv"

# (e) Every set through both engines; one metrics script for both.
RESULTS=$WORK/results.tsv
printf 'set\tengine\tqueries\tmrr\tndcg\trecall\n' > "$RESULTS"
PQ=$WORK/per-query
rm -rf "$PQ"; mkdir -p "$PQ"
score() { # SET ENGINE QRELS RUN
  python3 "$HERE/metrics.py" "$3" "$4" --per-query "$PQ/$1.$2.tsv" --row "$1" "$2" >> "$RESULTS"
}
# Across languages, a build with cross-lingual search (`query --cross`) uses it.
cross=()
"$BS" query --help | grep -q -- '--cross' && cross=(--cross)
tail -n +2 "$KI/sets/sets.tsv" | while IFS=$'\t' read -r set topics qrels lang; do
  log "known-item $set"
  case $set in
    *2*) bs_search "$KI/idx" "$KI/sets/$topics" "$KI/$set.bs.jsonl" --lang "$lang" "${cross[@]}" ;;
    *) bs_search "$KI/idx" "$KI/sets/$topics" "$KI/$set.bs.jsonl" --lang "$lang" ;;
  esac
  python3 "$HERE/runs.py" briefsearch "$KI/$set.bs.jsonl" > "$KI/$set.bs.run"
  engines=(bs)
  case $set in
    en-*|zh-*)
      lucene_search "$KI/lucene/index-$lang" "$lang" "$KI/sets/$topics" 10 "$KI/$set.trec"
      python3 "$HERE/runs.py" anserini "$KI/$set.trec" "$KI/lucene/docids.tsv" > "$KI/$set.lucene.run"
      engines+=(lucene) ;;
  esac
  for e in "${engines[@]}"; do
    engine=$e; [ "$e" = bs ] && engine=briefsearch
    score "$set" "$engine" "$KI/sets/$qrels" "$KI/$set.$e.run"
    # The same top 10, split by the kind of target: an answer found through its question's
    # words is where the engines differ most.
    for kind in answer question; do
      score "$set.$kind" "$engine" "$KI/sets/${qrels%.qrels.tsv}.$kind.qrels.tsv" "$KI/$set.$e.run"
    done
  done
done

# The judged set of tests/relevance/: its own index, each query with its filters, English and
# Chinese queries in their language, mixed-script queries over both (Lucene: one CJK-analyzed
# index of both languages, as Lucene has no analyzer for the two at once).
REL=$WORK/relevance
rm -rf "$REL"; mkdir -p "$REL"
log "relevance set: indexes"
(cd "$ROOT" && "$BS" index --index "$REL/idx" corpus tests/relevance/briefings 2> "$REL/index.log")
"$BS" query '*' --json --limit 100000000 --fields id,lang,text,date,speaker --index "$REL/idx" > "$REL/passages.jsonl"
python3 "$HERE/export.py" "$REL/passages.jsonl" "$REL/lucene" --all
lucene_index "$REL/lucene" en zh all
python3 "$HERE/relevance.py" "$ROOT/tests/relevance" "$REL"
log "relevance set: searches"
: > "$REL/bs.jsonl"
while IFS='|' read -r group lang speaker since until; do
  opts=()
  [ "$lang" = mixed ] || opts+=(--lang "$lang")
  if [ -n "$speaker" ]; then IFS=';' read -ra names <<< "$speaker"; for s in "${names[@]}"; do opts+=(--speaker "$(echo "$s" | xargs)"); done; fi
  [ -z "$since" ] || opts+=(--since "$since")
  [ -z "$until" ] || opts+=(--until "$until")
  bs_search "$REL/idx" "$REL/$group.topics.tsv" "$REL/$group.bs.jsonl" "${opts[@]}"
  cat "$REL/$group.bs.jsonl" >> "$REL/bs.jsonl"
done < "$REL/groups.tsv"
python3 "$HERE/runs.py" briefsearch "$REL/bs.jsonl" > "$REL/bs.run"
: > "$REL/lucene.run"
for lang in en zh mixed; do
  index=$lang; [ "$lang" = mixed ] && index=all
  lucene_search "$REL/lucene/index-$index" "$( [ "$lang" = en ] && echo en || echo zh )" "$REL/lucene-$lang.topics.tsv" 1000 "$REL/$lang.trec"
  python3 "$HERE/runs.py" anserini "$REL/$lang.trec" "$REL/lucene/docids.tsv" --filters "$REL/queries.tsv" >> "$REL/lucene.run"
done
for part in all en zh mixed; do
  score "relevance-$part" briefsearch "$REL/qrels-$part.tsv" "$REL/bs.run"
  score "relevance-$part" lucene "$REL/qrels-$part.tsv" "$REL/lucene.run"
done

# The table, and the per-query ranks.
python3 "$HERE/table.py" "$RESULTS" "$PQ" "$WORK/per-query.tsv" \
  "$("$BS" --version 2>/dev/null | head -1)" "$(date -u +%Y-%m-%d)" > "$OUT"
cat "$OUT"
echo "per-query ranks: $WORK/per-query.tsv; runs and indexes: $WORK" >&2
if [ "$PER_QUERY" = 1 ]; then cat "$WORK/per-query.tsv"; fi
