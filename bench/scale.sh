#!/usr/bin/env bash
# Archive-scale benchmark (issue "when one machine is not enough"): load time
# and quads/s per method and server, the shipped queries on each (rows, same
# answers as the embedded store, seconds), and `lantai extract` throughput on
# one core and on all, at each corpus size, in one run so the ratios hold.
#
# Usage: bench/scale.sh [--sizes 1,20] [--no-build]
# Needs: Oxigraph server and Virtuoso (scripts/servers.sh installs them),
#   python3 (the answer comparison), curl, isql-vt.
# Output: bench/out/scale.md (also printed) and bench/out/scale/ (logs, data).
# Environment: QTIMEOUT (default 300): a served query is stopped after that many seconds.
#
# Methods, each into a fresh store or server:
#   embedded            lantai ingest --store
#   oxigraph gsp        lantai ingest --endpoint (one PUT per document, 4 at once)
#   oxigraph bulk       lantai extract --with-ontology | POST /store (one N-Quads body),
#                       then lantai link --endpoint (the close matches, a SPARQL Update)
#   virtuoso gsp        lantai ingest --endpoint, Digest auth (/sparql-graph-crud-auth)
#   virtuoso bulk       lantai extract -o DIR --with-ontology; ld_dir + rdf_loader_run;
#                       then lantai link --endpoint
# Load times include extraction (the tagger on), as a user would run them;
# `extract` alone is measured separately.
set -euo pipefail
REPO="$(cd "$(dirname "$0")/.." && pwd)"
SIZES=1,20
BUILD=1
while [ $# -gt 0 ]; do
  case "$1" in
    --sizes) SIZES=$2; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done
cd "$REPO"
source scripts/env.sh
source scripts/servers.sh
set +e
TARGET="${CARGO_TARGET_DIR:-$HOME/.cache/lantai/target}"
BIN="$TARGET/release"
L="$BIN/lantai"
OUT="$REPO/bench/out/scale"
mkdir -p "$OUT"
STARTED=$(date +%s)
log() { echo "[scale $(( $(date +%s) - STARTED ))s] $*" >&2; }
if [ "$BUILD" = 1 ]; then
  log "building (release)"
  cargo build --release --bin lantai --example gen_corpus >&2 || exit 2
fi
NPROC=$(nproc)
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
now() { date +%s.%N; }
secs() { echo "$(now) - $1" | bc -l | xargs printf '%.2f'; }
nocr() { tr -d '"\r'; }

OX_PID=
VT_PID=
cleanup() {
  [ -n "$OX_PID" ] && kill "$OX_PID" 2>/dev/null
  [ -n "$VT_PID" ] && kill "$VT_PID" 2>/dev/null
  wait 2>/dev/null
}
trap cleanup EXIT

wait_http() { # URL: until it answers 200 (120 s)
  for _ in $(seq 1 1200); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$1")" = 200 ] && return 0
    sleep 0.1
  done
  echo "no answer from $1" >&2; return 1
}

start_oxigraph() { # DIR
  OX_PORT=$(free_port)
  oxigraph serve --location "$1" --bind "127.0.0.1:$OX_PORT" --union-default-graph >"$1.log" 2>&1 &
  OX_PID=$!
  wait_http "http://127.0.0.1:$OX_PORT/query?query=ASK%7B%7D"
  OX="http://127.0.0.1:$OX_PORT"
  OX_ARGS=(--endpoint "$OX/query" --update-endpoint "$OX/update" --graph-store "$OX/store")
}
stop_oxigraph() { kill "$OX_PID"; wait "$OX_PID" 2>/dev/null; OX_PID=; }

start_virtuoso() { # DIR
  local d=$1
  mkdir -p "$d"
  VT_ISQL=$(free_port); VT_PORT=$(free_port)
  python3 - "$d" "$VT_ISQL" "$VT_PORT" <<'PY'
import re, sys
d, isql, http = sys.argv[1], "127.0.0.1:" + sys.argv[2], "127.0.0.1:" + sys.argv[3]
changes = {
  'Database': {'DatabaseFile': f'{d}/virtuoso.db', 'ErrorLogFile': f'{d}/virtuoso.log', 'LockFile': f'{d}/virtuoso.lck',
               'TransactionFile': f'{d}/virtuoso.trx', 'xa_persistent_file': f'{d}/virtuoso.pxa'},
  'TempDatabase': {'DatabaseFile': f'{d}/virtuoso-temp.db', 'TransactionFile': f'{d}/virtuoso-temp.trx'},
  'Parameters': {'ServerPort': isql, 'DirsAllowed': f'., {d}, /usr/share/virtuoso-opensource-7/vad'},
  'HTTPServer': {'ServerPort': http}, 'URIQA': {'DefaultHost': http},
  'SPARQL': {'ResultSetMaxRows': '1000000', 'MaxQueryExecutionTime': '600', 'MaxQueryCostEstimationTime': '100000'},
}
sec, out = None, []
for line in open('/etc/virtuoso-opensource-7/virtuoso.ini'):
    m = re.match(r'\s*\[(.+)\]', line)
    if m: sec = m.group(1)
    m = re.match(r'(\s*)([A-Za-z_0-9]+)(\s*=\s*)', line)
    if m and sec in changes and m.group(2) in changes[sec]:
        line = f'{m.group(1)}{m.group(2)}{m.group(3)}{changes[sec][m.group(2)]}\n'
    out.append(line)
open(f'{d}/virtuoso.ini', 'w').write(''.join(out))
PY
  (cd "$d" && exec virtuoso-t +foreground +configfile "$d/virtuoso.ini" >"$d/stdout.log" 2>&1 </dev/null) &
  VT_PID=$!
  wait_http "http://127.0.0.1:$VT_PORT/sparql?query=ASK%7B%7D"
  VT="http://127.0.0.1:$VT_PORT"
  VT_ARGS=(--endpoint "$VT/sparql" --update-endpoint "$VT/sparql-auth" --graph-store "$VT/sparql-graph-crud-auth" --user dba --password dba)
}
stop_virtuoso() { isql-vt "127.0.0.1:$VT_ISQL" dba dba exec="shutdown;" >/dev/null 2>&1; wait "$VT_PID" 2>/dev/null; VT_PID=; }

# quads in the document graphs, the links and the ontology, on a server
count_quads() { # QUERY_URL
  curl -s --max-time 600 -H 'Accept: text/csv' --data-urlencode \
    'query=SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER (STRSTARTS(STR(?g), "https://w3id.org/lantai/")) }' \
    "$1" | tail -1 | tr -d '"\r'
}

cat >"$OUT/count.rq" <<'Q'
SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER (STRSTARTS(STR(?g), "https://w3id.org/lantai/")) }
Q
GEN_HASH=$(sha1sum "$REPO/examples/gen_corpus.rs" | cut -c1-8)
QUERIES=$("$L" query --list | awk '{print $1}')
MD="$REPO/bench/out/scale.md"
{
  echo "# bench/scale.sh — $(date -u +%Y-%m-%d), $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs))"
  echo
  echo "oxigraph $(oxigraph --version | awk '{print $2}'), Virtuoso $(virtuoso-t -? 2>&1 | grep -m1 -o 'Version [0-9.]*' | cut -d' ' -f2)"
} >"$MD"

IFS=',' read -r -a SIZE_LIST <<<"$SIZES"
for size in "${SIZE_LIST[@]}"; do
  corpus="$REPO/bench/out/corpus/${size}mb_seed42_$GEN_HASH"
  if [ ! -f "$corpus/.done" ]; then
    log "generating ${size} MB corpus"
    rm -rf "$corpus"
    "$BIN/examples/gen_corpus" --size-mb "$size" --out "$corpus/docs" --seed 42 >"$corpus.gen.json" && mv "$corpus.gen.json" "$corpus/.done"
  fi
  docs="$corpus/docs"
  ndocs=$(find "$docs" -type f | wc -l)
  mb=$(du -sm --apparent-size "$docs" | cut -f1)
  W="$OUT/$size"
  rm -rf "$W"; mkdir -p "$W"
  declare -A LOAD=() QUADS=()

  log "$size MB: extract, one core and all"
  pin=""; command -v taskset >/dev/null && [ "$NPROC" -gt 1 ] && pin="taskset -c 0"
  t=$(now); $pin "$L" extract --threads 1 "$docs" >"$W/one.nq"; X1=$(secs "$t")
  t=$(now); "$L" extract "$docs" >"$W/all.nq"; XN=$(secs "$t")
  cmp -s "$W/one.nq" "$W/all.nq" && XSAME=yes || XSAME=NO
  XQ=$(wc -l <"$W/all.nq")
  rm -f "$W/one.nq"

  log "$size MB: embedded"
  t=$(now); "$L" ingest -q --store "$W/store" "$docs"; LOAD[embedded]=$(secs "$t")
  QUADS[embedded]=$("$L" query --store "$W/store" --format csv "$OUT/count.rq" 2>/dev/null | tail -1 | nocr)

  log "$size MB: oxigraph gsp"
  start_oxigraph "$W/ox-gsp"
  t=$(now); "$L" ingest -q "${OX_ARGS[@]}" "$docs"; LOAD[oxigraph_gsp]=$(secs "$t")
  QUADS[oxigraph_gsp]=$(count_quads "$OX/query")
  OXQ="$OX/query"
  # the queries run on this server (kept up), then on Virtuoso's gsp load
  for q in $QUERIES; do
    t=$(now); timeout "${QTIMEOUT:-300}" "$L" query --store "$W/store" "$q" --format json >"$W/e.$q.json" 2>"$W/e.$q.err"; echo "$? $(secs "$t")" >"$W/e.$q.t"
    t=$(now); timeout "${QTIMEOUT:-300}" "$L" query "${OX_ARGS[@]}" "$q" --format json >"$W/o.$q.json" 2>"$W/o.$q.err"; echo "$? $(secs "$t")" >"$W/o.$q.t"
  done
  stop_oxigraph

  log "$size MB: oxigraph bulk"
  start_oxigraph "$W/ox-bulk"
  t=$(now)
  "$L" extract --with-ontology "$docs" | curl -s -f -X POST -H 'Content-Type: application/n-quads' --data-binary @- "$OX/store" &&
    "$L" link "${OX_ARGS[@]}"
  LOAD[oxigraph_bulk]=$(secs "$t")
  QUADS[oxigraph_bulk]=$(count_quads "$OX/query")
  stop_oxigraph

  log "$size MB: virtuoso gsp"
  start_virtuoso "$W/vt-gsp"
  t=$(now); "$L" ingest -q "${VT_ARGS[@]}" "$docs"; LOAD[virtuoso_gsp]=$(secs "$t")
  QUADS[virtuoso_gsp]=$(count_quads "$VT/sparql")
  for q in $QUERIES; do
    t=$(now); timeout "${QTIMEOUT:-300}" "$L" query "${VT_ARGS[@]}" "$q" --format json >"$W/v.$q.json" 2>"$W/v.$q.err"; echo "$? $(secs "$t")" >"$W/v.$q.t"
  done
  stop_virtuoso

  log "$size MB: virtuoso bulk"
  mkdir -p "$W/vt-bulk"
  start_virtuoso "$W/vt-bulk"
  t=$(now)
  "$L" extract --with-ontology -o "$W/vt-bulk/nq" "$docs" 2>/dev/null &&
    isql-vt "127.0.0.1:$VT_ISQL" dba dba exec="ld_dir_all('$W/vt-bulk/nq', '*.nq', 'https://w3id.org/lantai/unused'); rdf_loader_run(); checkpoint;" >"$W/vt-bulk.isql.log" 2>&1 &&
    "$L" link "${VT_ARGS[@]}"
  LOAD[virtuoso_bulk]=$(secs "$t")
  QUADS[virtuoso_bulk]=$(count_quads "$VT/sparql")
  stop_virtuoso

  {
    echo
    echo "## $size MB ($mb MB of text, $ndocs documents)"
    echo
    echo "\`lantai extract\`: $XQ quads; one core $X1 s ($(echo "$mb / $X1" | bc -l | xargs printf '%.2f') MB/s), $NPROC cores $XN s ($(echo "$mb / $XN" | bc -l | xargs printf '%.2f') MB/s); byte-identical output: $XSAME"
    echo
    echo "| method | seconds | quads on the server | quads/s |"
    echo "| --- | ---: | ---: | ---: |"
    for m in embedded oxigraph_gsp oxigraph_bulk virtuoso_gsp virtuoso_bulk; do
      q=${QUADS[$m]:-?}
      rate=$( [[ "$q" =~ ^[0-9]+$ ]] && echo "$q / ${LOAD[$m]}" | bc -l | xargs printf '%.0f' || echo "?")
      echo "| ${m/_/ } | ${LOAD[$m]} | $q | $rate |"
    done
    echo
    echo "| query | embedded rows | s | Oxigraph server rows | same | s | Virtuoso rows | same | s |"
    echo "| --- | ---: | ---: | ---: | --- | ---: | ---: | --- | ---: |"
    for q in $QUERIES; do
      python3 - "$W" "$q" <<'PY'
import json, sys
w, q = sys.argv[1], sys.argv[2]
def rows(path):
    try:
        v = json.load(open(path))
    except Exception:
        return None
    out = []
    for b in v["results"]["bindings"]:
        cells = []
        for var in v["head"]["vars"]:
            items = sorted(b.get(var, {}).get("value", "").split("; "))
            cells.append(var + "=" + "; ".join(items))
        out.append(" | ".join(cells))
    return sorted(out)
def t(path):
    try:
        parts = open(path).read().split()
    except Exception:
        return "?", "?"
    return (parts[0], parts[1]) if len(parts) == 2 else ("0", parts[0])
def failed(k, rc):
    if rc == "124":
        return "stopped at QTIMEOUT"
    err = open(f"{w}/{k}.{q}.err").read().strip().replace("|", "/")[:120]
    return f"error (exit {rc}): {err}"
e = rows(f"{w}/e.{q}.json")
rc, s = t(f"{w}/e.{q}.t")
if e is None or rc != "0":
    e = None
    cols = [q, failed("e", rc), s]
else:
    cols = [q, str(len(e)), s]
for k in "ov":
    r = rows(f"{w}/{k}.{q}.json")
    rc, s = t(f"{w}/{k}.{q}.t")
    if r is None or rc != "0":
        cols += [failed(k, rc), "—", s]
    else:
        cols += [str(len(r)), "?" if e is None else ("yes" if r == e else "**no**"), s]
print("| " + " | ".join(cols) + " |")
PY
    done
  } >>"$MD"
  rm -f "$W/all.nq"
done
cat "$MD"
