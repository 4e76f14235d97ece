#!/usr/bin/env bash
# lantai benchmark: ingest throughput against the jieba `tag` floor, memory,
# store size, query / export latency, start-up, and lantai vs the Oxigraph CLI.
#
# Usage: bench/run.sh [--sizes 1,10,100] [--quick] [--seed S] [--runs R] [--no-build] [--no-oxigraph]
#
#   --sizes LIST   corpus sizes in MB of text (UTF-8), comma-separated (default 1,10,100)
#   --quick        1 MB only (a smoke test, ~1 minute)
#   --seed S       corpus seed (default 42); corpora are cached per (size, seed,
#                  generator source) under bench/out/corpus/
#   --runs R       runs per query latency / start-up figure; the median is kept (default 5)
#   --no-build     use the binaries already built
#   --no-oxigraph  skip the Oxigraph CLI comparison (no network needed)
# Environment: QTIMEOUT (default 60) kills a query run after that many seconds;
#   SLOW (default 10): a query run slower than that is not repeated;
#   LANTAI_BIN: benchmark this lantai binary instead of the one built here
#   (e.g. a patched build); the examples still come from $CARGO_TARGET_DIR.
#
# For each size: generate the corpus (examples/gen_corpus.rs), then
#   * `lantai ingest` with --threads 1 and with all cores, each into a fresh
#     store: wall time, MB/s of input text, per-stage seconds (--stats-json),
#     peak RSS (GNU time -v, or VmHWM polled from /proc), store bytes per MB.
#     `--threads 1` still runs a background bulk-load thread beside its one
#     worker, so it is pinned to one core (`taskset -c 0`, when taskset exists
#     and there is more than one core): "1 thread" means one core;
#   * the store floor: the all-cores store exported as N-Quads, written into a
#     fresh store by examples/store_floor.rs through lantai's own write path
#     (store::NewGraphs): how fast the store write alone goes on those quads;
#   * jieba `tag` alone on the same sentences, 1 thread and all cores
#     (examples/jieba_tag.rs), and ingest/tag at the same thread count.
# On the largest store: the median latency of every shipped query
# (`lantai query NAME --format csv > /dev/null`), the same query text through
# the Oxigraph CLI from PyPI (package `oxigraph`, same version as lantai's
# crate, installed into a venv under bench/out, run on a copy of the store
# with --union-default-graph), and `lantai export --format nquads -o /dev/null`.
# Start-up: `lantai --version` vs a one-row query on the smallest store.
#
# Output: bench/out/results.json and bench/out/results.md (a markdown table
# for the README), also printed. Raw per-run files stay in bench/out/raw/.
# Binaries: $CARGO_TARGET_DIR/release (default $HOME/.cache/lantai/target/release, as scripts/env.sh), built with --release.
set -euo pipefail

REPO=$(cd "$(dirname "$0")/.." && pwd)
OUT="$REPO/bench/out"
SIZES="1,10,100"
SEED=42
RUNS=5
BUILD=1
OXIGRAPH=1
while [ $# -gt 0 ]; do
  case "$1" in
    --sizes) SIZES="$2"; shift 2 ;;
    --quick) SIZES="1"; shift ;;
    --seed) SEED="$2"; shift 2 ;;
    --runs) RUNS="$2"; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    --no-oxigraph) OXIGRAPH=0; shift ;;
    -h|--help) sed -n '2,40p' "$0"; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

TARGET="${CARGO_TARGET_DIR:-$HOME/.cache/lantai/target}"  # the same build as scripts/env.sh
BIN="$TARGET/release"
LANTAI="${LANTAI_BIN:-$BIN/lantai}"
NPROC=$(nproc)
RAW="$OUT/raw"
mkdir -p "$OUT" "$RAW" "$OUT/corpus" "$OUT/stores"
rm -f "$RAW"/*
STARTED=$(date +%s)
log() { echo "[bench $(( $(date +%s) - STARTED ))s] $*" >&2; }

if [ "$BUILD" = 1 ]; then
  log "building (release) into $TARGET"
  (cd "$REPO" && CARGO_TARGET_DIR="$TARGET" cargo build --release --bin lantai --example gen_corpus --example jieba_tag --example store_floor)
fi
"$LANTAI" ingest --help | grep -q -- --stats-json || { echo "lantai ingest has no --stats-json" >&2; exit 2; }
"$LANTAI" ingest --help | grep -q -- --threads || { echo "lantai ingest has no --threads" >&2; exit 2; }

# Peak memory: GNU time if present (Debian package `time`), else poll VmHWM.
if [ ! -x /usr/bin/time ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  log "installing GNU time"
  apt-get install -y -qq time >/dev/null 2>&1 || { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq time >/dev/null 2>&1; } || true
fi

# --threads 1 on one core: the ingest's bulk-load thread runs beside its worker,
# so unpinned "1 thread" would use 2 cores
PIN1=()
if [ "$NPROC" -gt 1 ] && command -v taskset >/dev/null && taskset -c 0 true 2>/dev/null; then
  PIN1=(taskset -c 0)
fi

now() { date +%s.%N; }
# run_measured OUTPREFIX CMD...: wall seconds in OUTPREFIX.wall, peak KB in OUTPREFIX.rss
run_measured() {
  local pfx="$1"; shift
  local t0 t1 rc=0
  t0=$(now)
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -v -o "$pfx.time" "$@" 2>"$pfx.stderr" || rc=$?
    t1=$(now)
    awk -F': ' '/Maximum resident set size/ {print $2}' "$pfx.time" >"$pfx.rss"
  else
    "$@" 2>"$pfx.stderr" &
    local pid=$! peak=0 v
    while kill -0 "$pid" 2>/dev/null; do
      v=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)
      [ -n "$v" ] && [ "$v" -gt "$peak" ] && peak=$v
      sleep 0.05
    done
    wait "$pid" || rc=$?
    t1=$(now)
    echo "$peak" >"$pfx.rss"
  fi
  echo "$t1 - $t0" | bc -l >"$pfx.wall"
  echo "$rc" >"$pfx.rc"
}

# median_time N CMD...: median wall seconds of up to N runs (stdout to $MT_OUT,
# default /dev/null). A run slower than $SLOW s is not repeated; a run over
# $QTIMEOUT s is killed and reported as "timeout". Prints "SECONDS RUNS".
SLOW=${SLOW:-10}
QTIMEOUT=${QTIMEOUT:-60}
median_time() {
  local n="$1"; shift
  local i t0 t1 t ts=() rc=0 out="${MT_OUT:-/dev/null}"
  for ((i = 0; i < n; i++)); do
    t0=$(now)
    timeout "$QTIMEOUT" "$@" >"$out" 2>>"$RAW/median.stderr" || rc=$?
    t1=$(now)
    out=/dev/null
    [ "$rc" = 124 ] && { echo "timeout 0"; return; }
    [ "$rc" = 0 ] || { echo "fail 0"; return; }
    t=$(echo "$t1 - $t0" | bc -l)
    ts+=("$t")
    [ "$(echo "$t > $SLOW" | bc -l)" = 1 ] && break
  done
  printf '%s\n' "${ts[@]}" | sort -g | awk '{a[NR]=$1} END {m = (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2; print m, NR}'
}

GEN_HASH=$(sha1sum "$REPO/examples/gen_corpus.rs" | cut -c1-8)
IFS=',' read -r -a SIZE_LIST <<<"$SIZES"
LARGEST=""
SMALLEST=""
for size in "${SIZE_LIST[@]}"; do
  corpus="$OUT/corpus/${size}mb_seed${SEED}_$GEN_HASH"
  if [ ! -f "$corpus/.done" ]; then
    log "generating ${size} MB corpus (seed $SEED)"
    rm -rf "$corpus"
    "$BIN/examples/gen_corpus" --size-mb "$size" --out "$corpus/docs" --seed "$SEED" >"$corpus.gen.json"
    mv "$corpus.gen.json" "$corpus/.done"
  fi
  cp "$corpus/.done" "$RAW/gen_$size.json"

  log "${size} MB: jieba tag floor"
  "$BIN/examples/jieba_tag" "$corpus/docs" --threads "$NPROC" >"$RAW/tag_$size.json"

  for th in 1 "$NPROC"; do
    [ "$th" = 1 ] && [ "$NPROC" = 1 ] && [ -f "$RAW/ingest_${size}_1.wall" ] && continue
    store="$OUT/stores/${size}mb_t$th"
    rm -rf "$store"
    pin=()
    [ "$th" = 1 ] && pin=(${PIN1[@]+"${PIN1[@]}"})
    log "${size} MB: ingest --threads $th${pin[*]:+ (${pin[*]})}"
    run_measured "$RAW/ingest_${size}_$th" ${pin[@]+"${pin[@]}"} "$LANTAI" ingest --store "$store" --threads "$th" -q \
      --stats-json "$RAW/ingest_${size}_$th.stats.json" "$corpus/docs"
    du -sb "$store" | cut -f1 >"$RAW/ingest_${size}_$th.store_bytes"
    log "${size} MB, $th thread(s): $(cat "$RAW/ingest_${size}_$th.wall") s, peak $(cat "$RAW/ingest_${size}_$th.rss") KB, exit $(cat "$RAW/ingest_${size}_$th.rc")"
    # keep only the all-cores store (queries run on it)
    [ "$th" = "$NPROC" ] || rm -rf "$store"
  done

  # store floor: the same quads, store write alone (lantai's NewGraphs path)
  store="$OUT/stores/${size}mb_t$NPROC"
  nq="$OUT/floor_$size.nq"
  fresh="$OUT/stores/${size}mb_floor"
  rm -rf "$nq" "$fresh"
  log "${size} MB: store floor (export nquads, bulk-load into a fresh store)"
  if "$LANTAI" export --store "$store" --format nquads -o "$nq" 2>"$RAW/floor_$size.export.stderr" &&
    "$BIN/examples/store_floor" "$nq" "$fresh" >"$RAW/floor_$size.json" 2>"$RAW/floor_$size.stderr"; then
    log "${size} MB store floor: $(tr -d ' \n' <"$RAW/floor_$size.json")"
  else
    log "${size} MB store floor failed: $(tail -c 300 "$RAW/floor_$size.stderr" 2>/dev/null)"
    rm -f "$RAW/floor_$size.json"
  fi
  rm -rf "$nq" "$fresh"
  [ -z "$SMALLEST" ] && SMALLEST="$size"
  LARGEST="$size"
done

# the stores kept are the all-cores ones
BIG="$OUT/stores/${LARGEST}mb_t$NPROC"
SMALL="$OUT/stores/${SMALLEST}mb_t$NPROC"

log "start-up: lantai --version vs a one-row query on the ${SMALLEST} MB store"
TINY="$RAW/tiny.rq"
echo 'SELECT ?s WHERE { ?s ?p ?o } LIMIT 1' >"$TINY"
median_time "$RUNS" "$LANTAI" --version | cut -d' ' -f1 >"$RAW/startup_version"
median_time "$RUNS" "$LANTAI" query --store "$SMALL" "$TINY" --format csv | cut -d' ' -f1 >"$RAW/startup_query"
median_time "$RUNS" "$LANTAI" query --store "$BIG" "$TINY" --format csv | cut -d' ' -f1 >"$RAW/startup_query_big"

OXI=""
if [ "$OXIGRAPH" = 1 ]; then
  OXVER=$(awk '/^name = "oxigraph"$/ {getline; gsub(/"/, "", $3); print $3; exit}' "$REPO/Cargo.lock")
  VENV="$OUT/venv"
  if [ ! -x "$VENV/bin/oxigraph" ]; then
    log "installing the Oxigraph CLI $OXVER from PyPI into $VENV"
    python3 -m venv "$VENV"
    # the PyPI package `oxigraph` is the CLI/server (`pyoxigraph` is the Python binding)
    if "$VENV/bin/pip" download -q --no-deps -d "$OUT/wheels" "oxigraph==$OXVER" >/dev/null 2>&1; then
      "$VENV/bin/pip" install -q --no-index --find-links "$OUT/wheels" "oxigraph==$OXVER" || true
    else
      log "no oxigraph==$OXVER on PyPI; trying the latest"
      "$VENV/bin/pip" install -q oxigraph || true
    fi
  fi
  if [ -x "$VENV/bin/oxigraph" ]; then
    OXI="$VENV/bin/oxigraph"
    "$OXI" --version >"$RAW/oxigraph_version" 2>&1 || echo "oxigraph (unknown version)" >"$RAW/oxigraph_version"
    rm -rf "$BIG.oxcopy"
    cp -a "$BIG" "$BIG.oxcopy"
    if ! "$OXI" query --location "$BIG.oxcopy" --union-default-graph --query-file "$TINY" --results-format csv >/dev/null 2>"$RAW/oxigraph_open.stderr"; then
      log "the Oxigraph CLI cannot open lantai's store: $(head -c 300 "$RAW/oxigraph_open.stderr")"
      OXI=""
    fi
    [ -n "$OXI" ] && median_time "$RUNS" "$OXI" query --location "$BIG.oxcopy" --union-default-graph --query-file "$TINY" --results-format csv | cut -d' ' -f1 >"$RAW/startup_oxigraph_big" || true
  else
    echo "could not install the oxigraph CLI from PyPI" >"$RAW/oxigraph_open.stderr"
  fi
fi

log "queries on the ${LARGEST} MB store ($RUNS runs each)"
"$LANTAI" query --list | awk '{print $1}' >"$RAW/query_names"
: >"$RAW/queries.tsv"
while read -r q; do
  [ -n "$q" ] || continue
  lt=$(MT_OUT="$RAW/q_$q.csv" median_time "$RUNS" "$LANTAI" query --store "$BIG" "$q" --format csv)
  rows=$(tail -n +2 "$RAW/q_$q.csv" | wc -l)
  rm -f "$RAW/q_$q.csv"
  ox="- 0"
  if [ -n "$OXI" ] && [ -f "$REPO/queries/$q.rq" ]; then
    ox=$(median_time "$RUNS" "$OXI" query --location "$BIG.oxcopy" --union-default-graph --query-file "$REPO/queries/$q.rq" --results-format csv)
  fi
  printf '%s\t%s\t%s\t%s\n' "$q" "$lt" "$ox" "$rows" >>"$RAW/queries.tsv"
  log "query $q: lantai $lt (s runs), oxigraph $ox (s runs), $rows rows"
done <"$RAW/query_names"

log "export nquads of the ${LARGEST} MB store"
run_measured "$RAW/export" "$LANTAI" export --store "$BIG" --format nquads -o /dev/null
rm -rf "$BIG.oxcopy"

# machine
{
  echo "nproc=$NPROC"
  echo "pin1=${PIN1[*]:-none}"
  echo "model=$(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)"
  echo "mem_kb=$(awk '/MemTotal/ {print $2}' /proc/meminfo)"
  echo "date=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "lantai=$("$LANTAI" --version)"
  echo "lantai_bin=$LANTAI"
  echo "commit=$(cd "$REPO" && git rev-parse --short HEAD)$(cd "$REPO" && git diff --quiet HEAD -- src Cargo.toml || echo '+dirty')"
  echo "seed=$SEED"
  echo "runs=$RUNS"
  echo "qtimeout=$QTIMEOUT"
  echo "slow=$SLOW"
  echo "sizes=$SIZES"
  echo "bench_seconds=$(( $(date +%s) - STARTED ))"
} >"$RAW/machine"

python3 "$REPO/bench/report.py" "$RAW" "$OUT"
log "done in $(( $(date +%s) - STARTED )) s: $OUT/results.json, $OUT/results.md"
