#!/usr/bin/env python3
"""Paddle LAC 2.1.2's own tagging speed on ONE core, for comparison with
lantai's Rust port of the LAC model (same text, same machine).

Run under the venv made by bench/lac_paddle_setup.sh:
  ~/.cache/lantai/lac-py38/bin/python bench/lac_paddle.py [FILE.jsonl]
      [--batch 1,32] [--repeats N] [--seconds 15] [--check]

FILE is JSONL with a "text" field per line (default: tests/fixtures/lac-2.1.2.jsonl
if present, else /work/shared/corpus/lac-reference/lac-2.1.2.jsonl).
Prints one JSON object per batch size:
  {"chars_per_sec", "batch", "lines", "chars", "seconds", "repeats", "cpu_seconds"}
"chars" are Unicode code points of "text" (all lines x repeats); "seconds"
is the wall time of LAC.run() calls only (file reading and warm-up excluded).
--check instead compares LAC's words/tags with each line's "words"/"tags"
(the file was produced by this LAC), prints the agreement per batch size, and
exits 1 unless it is 100 %.
"""
import argparse
import json
import math
import os
import sys
import time

# One core: limit Paddle's / MKL's / OpenMP's thread pools *before* paddle is
# imported (they read these at load time), and pin the process to one CPU so
# any stray thread shares that core too.
for var in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "CPU_NUM"):
    os.environ[var] = "1"
CPU = min(os.sched_getaffinity(0))
os.sched_setaffinity(0, {CPU})

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULTS = [os.path.join(HERE, "..", "tests", "fixtures", "lac-2.1.2.jsonl"),
            "/work/shared/corpus/lac-reference/lac-2.1.2.jsonl"]


def batches(items, size):
    for i in range(0, len(items), size):
        # LAC.run pops empty strings out of the list it is given: pass a copy.
        yield list(items[i:i + size])


def tag_all(lac, texts, size):
    """Tag every text in batches of `size`; returns [(words, tags)] in order."""
    out = []
    for b in batches(texts, size):
        res = lac.run(b)  # a list in -> a list of [words, tags] out
        out.extend((r[0], r[1]) for r in res)
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("file", nargs="?")
    ap.add_argument("--batch", default="1,32", help="batch sizes, comma-separated")
    ap.add_argument("--repeats", type=int, help="passes over the file (default: enough for --seconds)")
    ap.add_argument("--seconds", type=float, default=15.0, help="target timed seconds per batch size")
    ap.add_argument("--check", action="store_true", help="compare with the file's words/tags")
    a = ap.parse_args()

    path = a.file or next((p for p in DEFAULTS if os.path.exists(p)), None)
    if not path or not os.path.exists(path):
        sys.exit("error: no input JSONL (give a path)")
    rows = [json.loads(l) for l in open(path, encoding="utf-8") if l.strip()]
    texts = [r["text"] for r in rows]
    nchars = sum(len(t) for t in texts)

    from LAC import LAC  # imported only now: after the thread limits above
    lac = LAC(mode="lac")
    print(f"# {path}: {len(texts)} lines, {nchars} chars; pinned to cpu {CPU}",
          file=sys.stderr)

    failed = False
    for size in [int(x) for x in a.batch.split(",")]:
        if a.check:
            got = tag_all(lac, texts, size)
            ok = bad = 0
            for r, (w, t) in zip(rows, got):
                if w == r["words"] and t == r["tags"]:
                    ok += 1
                elif (bad := bad + 1) <= 5:  # show the first few mismatches
                    print(f"# mismatch: {r['text'][:40]!r}\n#   got {list(zip(w, t))[:12]}",
                          file=sys.stderr)
            print(json.dumps({"check": True, "batch": size, "lines": len(rows),
                              "agree": ok, "agreement": round(100.0 * ok / len(rows), 2)}))
            failed |= ok != len(rows)
            continue

        # Warm-up pass (first runs allocate and fill caches); it also gives
        # the time one pass takes, from which the default repeat count comes.
        t0 = time.perf_counter()
        tag_all(lac, texts, size)
        one = time.perf_counter() - t0
        reps = a.repeats or max(1, math.ceil(a.seconds / one))

        # Wall time is the figure; CPU time of the process is printed beside it
        # because on a busy machine the pinned core may be shared (then
        # cpu_seconds < seconds, and chars / cpu_seconds is the uncontended rate).
        t0, c0 = time.perf_counter(), time.process_time()
        for _ in range(reps):
            tag_all(lac, texts, size)
        secs, cpu = time.perf_counter() - t0, time.process_time() - c0
        print(json.dumps({"chars_per_sec": round(nchars * reps / secs, 1), "batch": size,
                          "lines": len(texts) * reps, "chars": nchars * reps,
                          "seconds": round(secs, 3), "repeats": reps,
                          "cpu_seconds": round(cpu, 3)}), flush=True)
    sys.exit(1 if failed else 0)  # --check: non-zero unless every line agrees


if __name__ == "__main__":
    main()
