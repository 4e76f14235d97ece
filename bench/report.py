#!/usr/bin/env python3
"""Assemble bench/out/raw/* (written by bench/run.sh) into results.json and a
markdown report (results.md), and print the markdown. Standard library only.

Usage: python3 bench/report.py RAW_DIR OUT_DIR
"""
import json
import os
import statistics
import sys

RAW, OUT = sys.argv[1], sys.argv[2]
STAGES = ["decode_normalise", "segment", "tag", "extract", "link", "rdf", "store_write", "links_across"]
# not worker stages: the bulk-load thread, and the once-per-batch close-match pass at the end
APART = ("store_write", "links_across")
GIB = 1024 ** 3


def read(name, default=None):
    p = os.path.join(RAW, name)
    if not os.path.exists(p):
        return default
    with open(p, encoding="utf-8") as f:
        return f.read().strip()


def num(name):
    v = read(name)
    try:
        return float(v)
    except (TypeError, ValueError):
        return None


def js(name):
    v = read(name)
    return json.loads(v) if v else None


machine = dict(line.split("=", 1) for line in (read("machine", "") or "").splitlines() if "=" in line)
nproc = int(machine.get("nproc", "1"))
pin1 = machine.get("pin1", "none")  # absent in runs made before the pinning
sizes = [s for s in machine.get("sizes", "").split(",") if s and read(f"gen_{s}.json")]

res = {"machine": {
    "nproc": nproc,
    "threads_1_pinned": None if pin1 == "none" else pin1,
    "cpu": machine.get("model"),
    "memory_gib": round(int(machine.get("mem_kb", "0")) / 1024 / 1024, 1),
    "date": machine.get("date"),
    "lantai": machine.get("lantai"),
    "commit": machine.get("commit"),
    "lantai_bin": machine.get("lantai_bin"),
    "seed": int(machine.get("seed", "0")),
    "bench_seconds": int(machine.get("bench_seconds", "0")),
}, "sizes": {}}

for s in sizes:
    gen = js(f"gen_{s}.json")
    tag = js(f"tag_{s}.json") or {"runs": []}
    mb = gen["text_bytes_utf8"] / 1e6
    entry = {"corpus": gen, "text_mb": mb, "tag": {}, "ingest": {}}
    for r in tag["runs"]:
        entry["tag"][str(r["threads"])] = {"seconds": r["seconds"], "mb_per_s": r["mb_per_s"]}
    entry["jieba_build_seconds"] = tag.get("jieba_build_seconds")
    # store floor: the same quads bulk-loaded alone (examples/store_floor.rs)
    fl = js(f"floor_{s}.json")
    floor_rate = None
    if fl and fl.get("load_seconds"):
        floor_rate = mb / fl["load_seconds"]
        entry["store_floor"] = {"quads": fl["quads"], "graphs": fl.get("graphs"), "load_seconds": fl["load_seconds"],
                                "wall_seconds": fl.get("wall_seconds"), "quads_per_s": fl["quads_per_s"], "mb_per_s": floor_rate}
    else:
        entry["store_floor"] = None
    for th in sorted({1, nproc}):
        wall = num(f"ingest_{s}_{th}.wall")
        if wall is None:
            continue
        stats = js(f"ingest_{s}_{th}.stats.json") or {}
        rss_kb = num(f"ingest_{s}_{th}.rss") or 0
        store_bytes = num(f"ingest_{s}_{th}.store_bytes") or 0
        stages = stats.get("stages", {})
        tag_rate = entry["tag"].get(str(th), {}).get("mb_per_s")
        ing = {
            "wall_seconds": wall,
            "library_seconds": stats.get("seconds"),
            "mb_per_s": mb / wall,
            "exit_code": int(num(f"ingest_{s}_{th}.rc") or 0),
            "documents": stats.get("documents"),
            "skipped": len(stats.get("skipped", [])),
            "quads": stats.get("quads"),
            "quads_per_s": (stats.get("quads") or 0) / wall,
            "peak_rss_mib": rss_kb / 1024,
            "store_bytes": store_bytes,
            "store_mib_per_text_mb": store_bytes / 2 ** 20 / mb,
            "stages_seconds": stages,
            "entities": stats.get("entities"),
            "relations": stats.get("relations"),
            "ingest_over_tag": (mb / wall) / tag_rate if tag_rate else None,
            "ingest_over_store_floor": (mb / wall) / floor_rate if floor_rate else None,
            "pinned": pin1 if th == 1 and pin1 != "none" else None,
        }
        entry["ingest"][str(th)] = ing
    res["sizes"][s] = entry

# queries
queries = []
for line in (read("queries.tsv", "") or "").splitlines():
    name, lt, ox, rows = line.split("\t")
    lt, lt_runs = (lt.split() + ["0"])[:2]
    ox, ox_runs = (ox.split() + ["0"])[:2]
    q = {"name": name, "rows": int(rows or 0), "lantai_runs": int(lt_runs), "oxigraph_runs": int(ox_runs),
         "lantai_status": lt if lt in ("timeout", "fail") else "ok", "oxigraph_status": ox if ox in ("timeout", "fail", "-") else "ok"}
    q["lantai_seconds"] = float(lt) if q["lantai_status"] == "ok" else None
    q["oxigraph_seconds"] = float(ox) if q["oxigraph_status"] == "ok" else None
    q["ratio"] = q["lantai_seconds"] / q["oxigraph_seconds"] if q["lantai_seconds"] and q["oxigraph_seconds"] else None
    queries.append(q)
largest = sizes[-1] if sizes else None
res["queries"] = {"store": f"{largest} MB" if largest else None, "runs": int(machine.get("runs", "5")), "timeout_seconds": int(machine.get("qtimeout", "60")), "items": queries,
                  "oxigraph": read("oxigraph_version"),
                  "oxigraph_problem": None if any(q["oxigraph_seconds"] for q in queries) else (read("oxigraph_open.stderr") or "not run")[:500]}
exp_err = read("export.stderr", "") or ""
exp_n = next((int(w) for line in exp_err.splitlines() if line.startswith("wrote") for w in line.split()[1:2]), None)
exp_wall = num("export.wall")
res["export"] = {"seconds": exp_wall, "statements": exp_n, "statements_per_s": exp_n / exp_wall if exp_n and exp_wall else None,
                 "peak_rss_mib": (num("export.rss") or 0) / 1024}
res["startup"] = {
    "version_seconds": num("startup_version"),
    "tiny_query_small_store_seconds": num("startup_query"),
    "tiny_query_largest_store_seconds": num("startup_query_big"),
    "oxigraph_tiny_query_largest_store_seconds": num("startup_oxigraph_big"),
    "jieba_build_seconds": res["sizes"][largest]["jieba_build_seconds"] if largest else None,
}

# ratios vs targets
targets = []


def target(name, value, goal, ok, note=""):
    """ok=None: an informational line, no pass/miss."""
    targets.append({"ratio": name, "value": value, "target": goal, "pass": (ok(value) if value is not None and ok else None), "note": note})


if largest:
    big = res["sizes"][largest]
    for th in sorted({1, nproc}):
        i = big["ingest"].get(str(th))
        if i:
            target(f"ingest / tag, {th} thread{'s' if th > 1 else ''} ({largest} MB)", i["ingest_over_tag"], "≥ 0.5", lambda v: v >= 0.5)
    tag1 = big["tag"].get("1", {}).get("mb_per_s")
    if big["store_floor"] and tag1:
        target(f"store floor / tag, 1 thread ({largest} MB) (upper bound of ingest / tag while the store write is in the pipeline)",
               big["store_floor"]["mb_per_s"] / tag1, "–", None,
               f"floor {big['store_floor']['mb_per_s']:.2f} MB/s, tag {tag1:.2f} MB/s")
    if nproc > 1 and "1" in big["ingest"] and str(nproc) in big["ingest"]:
        target(f"speed-up 1 → {nproc} threads ({largest} MB)", big["ingest"]["1"]["wall_seconds"] / big["ingest"][str(nproc)]["wall_seconds"], "≥ 1.6", lambda v: v >= 1.6)
    tenth = next((s for s in sizes if float(s) * 10 == float(largest)), None)
    if tenth:
        for th in sorted({1, nproc}):
            a, b = big["ingest"].get(str(th)), res["sizes"][tenth]["ingest"].get(str(th))
            if a and b:
                target(f"time({largest} MB) / time({tenth} MB), {th} thread{'s' if th > 1 else ''}", a["wall_seconds"] / b["wall_seconds"], "≤ 11", lambda v: v <= 11)
    peak = max((i["peak_rss_mib"] for i in big["ingest"].values()), default=None)
    target(f"peak memory at {largest} MB (MiB)", peak, "≤ 1024", lambda v: v <= 1024)
    ratios = [q["ratio"] for q in queries if q["ratio"]]
    if ratios:
        target("query / oxigraph, worst query", max(ratios), "≤ 1.2", lambda v: v <= 1.2,
               f"median over queries {statistics.median(ratios):.2f}; {sum(r <= 1.2 for r in ratios)}/{len(ratios)} queries within")
    else:
        target("query / oxigraph", None, "≤ 1.2", lambda v: v <= 1.2, (res["queries"]["oxigraph_problem"] or "")[:200])
res["targets"] = targets

with open(os.path.join(OUT, "results.json"), "w", encoding="utf-8") as f:
    json.dump(res, f, indent=2, ensure_ascii=False)


def f(v, d=2):
    if v is None:
        return "–"
    if isinstance(v, float):
        return f"{v:.{d}f}"
    return str(v)


m = res["machine"]
md = []
md.append(f"Measured {m['date']} on {m['nproc']} × {m['cpu']}, {m['memory_gib']} GiB RAM; {m['lantai']} ({m['commit']}); "
          f"corpus seed {m['seed']}; whole benchmark {m['bench_seconds'] // 60} min {m['bench_seconds'] % 60} s. "
          "MB = 10⁶ bytes of input text (UTF-8).")
md.append("")
pinned = f"threads 1 = pinned to one core (`{pin1}`): its worker and the background bulk-load thread share that core" if pin1 != "none" \
    else "threads 1 = not pinned: its worker and the background bulk-load thread may use two cores"
md.append(f"### Ingest ({pinned})")
md.append("")
md.append("Store floor: the all-cores store exported as N-Quads and bulk-loaded alone into a fresh store through lantai's write path "
          "(`store::NewGraphs`, one bulk-load thread): MB of input text per second of loading. It is the same for both thread counts.")
md.append("")
md.append("| corpus | docs | threads | wall s | MB/s | jieba tag MB/s | ingest / tag | store floor MB/s | ingest / store floor | quads | peak RSS MiB | store MiB per MB | skipped |")
md.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
for s in sizes:
    e = res["sizes"][s]
    fl = e["store_floor"] or {}
    for th, i in e["ingest"].items():
        tg = e["tag"].get(th, {}).get("mb_per_s")
        md.append(f"| {s} MB | {e['corpus']['documents']} | {th} | {f(i['wall_seconds'], 1)} | {f(i['mb_per_s'])} | {f(tg, 1)} | "
                  f"{f(i['ingest_over_tag'], 3)} | {f(fl.get('mb_per_s'))} | {f(i['ingest_over_store_floor'], 3)} | {i['quads']} | "
                  f"{f(i['peak_rss_mib'], 0)} | {f(i['store_mib_per_text_mb'], 1)} | {i['skipped']} |")
md.append("")
md.append("| corpus | store floor: quads | load s | quads/s | MB/s of text | whole run s (parsing included) |")
md.append("|---|---|---|---|---|---|")
for s in sizes:
    fl = res["sizes"][s]["store_floor"]
    if fl:
        md.append(f"| {s} MB | {fl['quads']} | {f(fl['load_seconds'])} | {f(fl['quads_per_s'], 0)} | {f(fl['mb_per_s'])} | {f(fl['wall_seconds'])} |")
    else:
        md.append(f"| {s} MB | – | – | – | – | – (not measured, see raw/floor_{s}.stderr) |")
md.append("")
WORKER_STAGES = [k for k in STAGES if k not in APART]
md.append("### Where ingest time goes (seconds summed over documents; the worker stages run in parallel on the worker threads, "
          "% of their sum; `store_write` is the background bulk-load thread, which runs alongside the workers: not a share of wall time; "
          "`links_across` is the cross-document close-match pass after all documents, on the main thread)")
md.append("")
md.append("| corpus | threads | wall s | " + " | ".join(STAGES) + " |")
md.append("|---|---|---|" + "---|" * len(STAGES))
for s in sizes:
    e = res["sizes"][s]
    for th, i in e["ingest"].items():
        st = i["stages_seconds"]
        tot = sum(st.get(k, 0) for k in WORKER_STAGES) or 1
        cells = [f"{st.get(k, 0):.1f}" if k in APART else f"{st.get(k, 0):.1f} ({100 * st.get(k, 0) / tot:.0f}%)" for k in STAGES]
        md.append(f"| {s} MB | {th} | {f(i['wall_seconds'], 1)} | " + " | ".join(cells) + " |")
md.append("")
md.append("### Targets")
md.append("")
md.append("| ratio | measured | target | |")
md.append("|---|---|---|---|")
for t in targets:
    mark = "–" if t["pass"] is None else ("pass" if t["pass"] else "**miss**")
    note = f" ({t['note']})" if t["note"] else ""
    md.append(f"| {t['ratio']} | {f(t['value'], 3 if (t['value'] or 0) < 10 else 0)}{note} | {t['target']} | {mark} |")
md.append("")
md.append(f"### Queries on the {largest} MB store (median of {res['queries']['runs']} runs, or 1 run when slower than {machine.get('slow', '10')} s; whole process, CSV to /dev/null; runs killed after {res['queries']['timeout_seconds']} s)")
md.append("")
ox = res["queries"]["oxigraph"] or "Oxigraph CLI"
md.append(f"| query | rows | lantai s | {ox} s | lantai / oxigraph |")
md.append("|---|---|---|---|---|")
for q in queries:
    lt = f(q['lantai_seconds'], 3) if q['lantai_status'] == 'ok' else f"> {res['queries']['timeout_seconds']} ({q['lantai_status']})"
    oxs = f(q['oxigraph_seconds'], 3) if q['oxigraph_status'] == 'ok' else (f"> {res['queries']['timeout_seconds']} (timeout)" if q['oxigraph_status'] == 'timeout' else q['oxigraph_status'])
    md.append(f"| {q['name']} | {q['rows'] if q['lantai_status'] == 'ok' else '–'} | {lt} | {oxs} | {f(q['ratio'])} |")
if res["queries"]["oxigraph_problem"]:
    md.append("")
    md.append(f"Oxigraph CLI comparison not available: {res['queries']['oxigraph_problem']}")
md.append("")
e = res["export"]
md.append(f"Export (`lantai export --format nquads -o /dev/null`, {largest} MB store): {f(e['seconds'], 1)} s, "
          f"{e['statements']} statements, {f(e['statements_per_s'], 0)} statements/s, peak {f(e['peak_rss_mib'], 0)} MiB.")
md.append("")
st = res["startup"]
md.append(f"Start-up: `lantai --version` {f(st['version_seconds'], 3)} s; a one-row query {f(st['tiny_query_small_store_seconds'], 3)} s "
          f"on the {sizes[0] if sizes else '?'} MB store, {f(st['tiny_query_largest_store_seconds'], 3)} s on the {largest} MB store"
          + (f" (Oxigraph CLI: {f(st['oxigraph_tiny_query_largest_store_seconds'], 3)} s)" if st['oxigraph_tiny_query_largest_store_seconds'] else "")
          + f"; building the jieba dictionary (not done by queries) takes {f(st['jieba_build_seconds'], 3)} s.")
text = "\n".join(md) + "\n"
with open(os.path.join(OUT, "results.md"), "w", encoding="utf-8") as fh:
    fh.write(text)
print(text)
