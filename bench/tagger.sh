#!/usr/bin/env bash
# Tagger benchmark: what the built-in LAC tagger costs, in one run so that the
# ratios hold on a noisy machine.
#
#   1. tagger characters/s on ONE core (taskset -c 0): `lantai tag --raw` on the
#      406 reference lines repeated 10 times (start-up included), against Paddle
#      LAC 2.1.2 on the same lines on the same core (model load excluded), best of
#      three interleaved rounds each (bench/lac_paddle.py, when its venv exists: run
#      bench/lac_paddle_setup.sh first; otherwise the Paddle figure is left out);
#   2. ingest MB/s with the tagger on and off (--no-tagger), all cores, on the
#      generated 10 MB and 100 MB corpora (examples/gen_corpus.rs, cached under
#      bench/out/corpus/), with peak RSS (GNU time).
#
# Usage: bench/tagger.sh [--sizes 10,100] [--no-build]
# Output: bench/out/tagger.json and bench/out/tagger.md (also printed).
set -euo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)
OUT="$REPO/bench/out"
SIZES="10,100"
BUILD=1
while [ $# -gt 0 ]; do
  case "$1" in
    --sizes) SIZES="$2"; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
source "$REPO/scripts/env.sh"
BIN="$CARGO_TARGET_DIR/release"
if [ "$BUILD" = 1 ]; then
  (cd "$REPO" && cargo build --release --bin lantai --example gen_corpus)
fi
mkdir -p "$OUT/corpus" "$OUT/raw"
PIN=""
if command -v taskset >/dev/null && [ "$(nproc)" -gt 1 ]; then PIN="taskset -c 0"; fi

# 1. characters/s on one core
REF="$REPO/tests/fixtures/lac-2.1.2.jsonl"
python3 - "$REF" "$OUT/raw/ref10.txt" <<'EOF'
import json, sys
lines = [json.loads(l)["text"] for l in open(sys.argv[1], encoding="utf-8")]
open(sys.argv[2], "w", encoding="utf-8").write("\n".join(lines * 10) + "\n")
EOF
chars=$(python3 -c "import sys; print(sum(len(l.rstrip('\n')) for l in open(sys.argv[1], encoding='utf-8') if l.strip()))" "$OUT/raw/ref10.txt")
# ROUNDS rounds, each timing lantai then Paddle (about 5 s each), best round
# of each kept: on a shared machine a single run of either can lose 20% to a
# neighbour, and interleaving gives both the same chances.
ROUNDS=3
PY="${LANTAI_LAC_VENV:-$HOME/.cache/lantai/lac-py38}/bin/python"
rust_cps=0
paddle_cps=null
for _ in $(seq $ROUNDS); do
  t0=$(date +%s.%N); $PIN "$BIN/lantai" tag --raw "$OUT/raw/ref10.txt" >/dev/null; t1=$(date +%s.%N)
  rust_cps=$(python3 -c "print(max($rust_cps, round($chars / ($t1 - $t0))))")
  if [ -x "$PY" ]; then
    p=$($PIN "$PY" "$REPO/bench/lac_paddle.py" "$REF" --batch 32 --seconds 5 2>/dev/null \
      | python3 -c "import json,sys; print(round(json.loads(sys.stdin.readlines()[-1])['chars_per_sec']))" || echo null)
    if [ "$p" != null ]; then
      paddle_cps=$(python3 -c "print(max(0 if '$paddle_cps' == 'null' else $paddle_cps, $p))")
    fi
  fi
done

# 2. ingest with the tagger on and off
rows=""
for size in ${SIZES//,/ }; do
  corpus="$OUT/corpus/tagger-$size"
  if [ ! -d "$corpus/docs" ]; then
    "$BIN/examples/gen_corpus" --size-mb "$size" --out "$corpus/docs" --seed 42 >"$corpus.gen.json"
  fi
  mb=$(du -sm --apparent-size "$corpus/docs" | cut -f1)
  for mode in on off; do
    flag=""; [ "$mode" = off ] && flag="--no-tagger"
    store="$OUT/raw/store-tagger-$size-$mode"; rm -rf "$store"
    /usr/bin/time -f "%e %M" -o "$OUT/raw/time-$size-$mode" \
      "$BIN/lantai" ingest -q $flag --store "$store" --stats-json "$OUT/raw/stats-$size-$mode.json" "$corpus/docs" || true
    read -r secs kb <"$OUT/raw/time-$size-$mode"
    rows+="$size $mode $mb $secs $kb"$'\n'
    rm -rf "$store"
  done
done
python3 - "$OUT" "$chars" "$rust_cps" "$paddle_cps" <<EOF
import json, sys
out, chars, rust, paddle = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
paddle = None if paddle == "null" else int(paddle)
rows = [r.split() for r in """$rows""".strip().splitlines()]
ingest = {}
for size, mode, mb, secs, kb in rows:
    stages = json.load(open(f"{out}/raw/stats-{size}-{mode}.json"))["stages"]
    ingest.setdefault(size, {})[mode] = {"mb": int(mb), "seconds": float(secs), "mb_per_s": int(mb) / float(secs),
                                          "peak_rss_mb": int(kb) / 1024, "stages": stages}
res = {"chars": chars, "tagger_chars_per_s_1core": rust, "paddle_chars_per_s_1core": paddle,
       "ratio_vs_paddle": (rust / paddle) if paddle else None, "ingest": ingest}
json.dump(res, open(f"{out}/tagger.json", "w"), indent=1)
md = ["| measure | value |", "|---|---|",
      f"| tagger, 1 core | {rust:,} chars/s |",
      f"| Paddle LAC 2.1.2, same core, same text | {paddle:,} chars/s |" if paddle else "| Paddle LAC | not run (no venv) |"]
if paddle:
    md.append(f"| ratio | {rust / paddle:.2f}x |")
md += ["", "| corpus | tagger | MB/s | seconds | peak RSS | tag stage (s, all threads) |", "|---|---|---|---|---|---|"]
for size, m in ingest.items():
    for mode in ("on", "off"):
        x = m[mode]
        md.append(f"| {size} MB | {mode} | {x['mb_per_s']:.2f} | {x['seconds']:.1f} | {x['peak_rss_mb']:.0f} MB | {x['stages'].get('tag', 0):.1f} |")
    md.append(f"| {size} MB | kept | {m['on']['mb_per_s'] / m['off']['mb_per_s']:.0%} of the throughput without the tagger | | | |")
open(f"{out}/tagger.md", "w").write("\n".join(md) + "\n")
print("\n".join(md))
EOF
