#!/usr/bin/env python3
"""lantai serve benchmark: latency of every shipped query embedded
(`lantai query --store`, process start included, as a user runs it) and
served (`lantai serve`, one HTTP POST each, from a warm server), p50 and p99
over --runs runs, in one run so the ratios hold; then the throughput of an
anchored entity page (HTML and Turtle) under 8 concurrent clients.

Usage: bench/serve.py STORE [--runs 20] [--seconds 10] [--timeout 60]
Output: a Markdown report on standard output.
"""
import argparse, os, socket, statistics, subprocess, sys, threading, time, urllib.parse, urllib.request

ap = argparse.ArgumentParser()
ap.add_argument("store")
ap.add_argument("--runs", type=int, default=20)
ap.add_argument("--seconds", type=float, default=10)
ap.add_argument("--timeout", type=float, default=60)
ap.add_argument("--entity", help="the page to load, e.g. unit/沈阳市档案馆 (default: the unit in most documents)")
ap.add_argument("--pages-only", action="store_true", help="skip the query latencies")
args = ap.parse_args()
target = os.environ.get("CARGO_TARGET_DIR", os.path.expanduser("~/.cache/lantai/target"))
lantai = os.environ.get("LANTAI_BIN", os.path.join(target, "release", "lantai"))

def pct(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]

s = socket.socket(); s.bind(("127.0.0.1", 0)); port = s.getsockname()[1]; s.close()
base = f"http://127.0.0.1:{port}"
server = subprocess.Popen([lantai, "serve", "--store", args.store, "--bind", f"127.0.0.1:{port}",
                           "--timeout", str(args.timeout), "--max-rows", "100000000"],
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
try:
    for _ in range(300):
        try:
            urllib.request.urlopen(base + "/sparql?query=ASK%7B%7D", timeout=2).read(); break
        except Exception:
            time.sleep(0.1)
    names = [l.split()[0] for l in subprocess.run([lantai, "query", "--list"], capture_output=True, text=True).stdout.splitlines() if l.strip()]
    print(f"# lantai serve: {args.store}, {args.runs} runs per query, {os.cpu_count()} cores\n")
    if args.pages_only:
        names = []
    print("| query | rows | embedded p50 s | p99 s | served p50 s | p99 s | served/embedded (p50) |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for name in names:
        emb, srv, rows = [], [], "?"
        skipped = False
        for i in range(args.runs):
            t = time.perf_counter()
            r = subprocess.run([lantai, "query", "--store", args.store, name, "--format", "csv", "--timeout", str(args.timeout)],
                               capture_output=True)
            emb.append(time.perf_counter() - t)
            if r.returncode != 0:
                skipped = True; break
            rows = r.stdout.count(b"\n") - 1
            if emb[-1] > 5 and i >= 2:
                break  # slow queries: three runs are enough
        if skipped:
            print(f"| {name} | stopped at --timeout {args.timeout:g} s | | | | | |"); continue
        # the query text as the binary ships it
        src = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "queries", name + ".rq")
        body = urllib.parse.urlencode({"query": open(src, encoding="utf-8").read()}).encode()
        for i in range(len(emb)):
            t = time.perf_counter()
            req = urllib.request.Request(base + "/sparql", data=body, headers={"Accept": "text/csv"})
            urllib.request.urlopen(req, timeout=args.timeout + 30).read()
            srv.append(time.perf_counter() - t)
        e50, s50 = statistics.median(emb), statistics.median(srv)
        print(f"| {name} | {rows} | {e50:.3f} | {pct(emb, 99):.3f} | {s50:.3f} | {pct(srv, 99):.3f} | {s50 / e50:.2f} |")

    # throughput of an anchored entity page under 8 concurrent clients
    entity = args.entity
    if not entity:
        q = ("PREFIX lt: <https://w3id.org/lantai/ontology#> SELECT ?u WHERE { GRAPH ?g { ?u a lt:Unit } } "
             "GROUP BY ?u ORDER BY DESC(COUNT(?g)) LIMIT 1")
        req = urllib.request.Request(base + "/sparql", data=urllib.parse.urlencode({"query": q}).encode(), headers={"Accept": "text/csv"})
        iri = urllib.request.urlopen(req).read().decode().splitlines()[1].strip()
        entity = iri.split("/lantai/id/", 1)[1]
    args.entity = entity
    path = "/id/" + urllib.parse.quote(entity, safe="/%")
    print()
    for accept in ["text/html", "text/turtle"]:
        count, lat, stop = [0], [], time.time() + args.seconds
        lock = threading.Lock()
        def client():
            while time.time() < stop:
                t = time.perf_counter()
                urllib.request.urlopen(urllib.request.Request(base + path, headers={"Accept": accept}), timeout=30).read()
                d = time.perf_counter() - t
                with lock:
                    count[0] += 1; lat.append(d)
        ts = [threading.Thread(target=client) for _ in range(8)]
        for t in ts: t.start()
        for t in ts: t.join()
        print(f"entity page `{args.entity}` as {accept}, 8 concurrent clients, {args.seconds:g} s: "
              f"{count[0] / args.seconds:.0f} pages/s, latency p50 {statistics.median(lat) * 1000:.1f} ms, p99 {pct(lat, 99) * 1000:.1f} ms")
finally:
    server.terminate(); server.wait()
