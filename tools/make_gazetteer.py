#!/usr/bin/env python3
"""Build src/data/gazetteer.tsv from the adcodes table of the `cpca` package
(PyPI, MIT licence, Copyright (c) 2018 QinYuan Du; the codes are the public
GB/T 2260 administrative division codes).

Run once at development time:  pip download --no-deps cpca==0.5.5, unzip,
then  python3 tools/make_gazetteer.py path/to/adcodes.csv > src/data/gazetteer.tsv
Nothing here runs at build or run time.
"""
import csv, sys

rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8")))
by_code = {r["adcode"][:6]: r["name"] for r in rows}
print("# adcode\tlevel\tname\tprovince\tcity  (from cpca 0.5.5 adcodes.csv, MIT; GB/T 2260 codes)")
out = []
for r in rows:
    code = r["adcode"][:6]
    name = r["name"]
    if code[2:] == "0000":
        level, prov, city = "province", name, ""
    elif code[4:] == "00":
        level, prov, city = "city", by_code.get(code[:2] + "0000", ""), name
    else:
        level = "county"
        prov = by_code.get(code[:2] + "0000", "")
        city = by_code.get(code[:4] + "00", "")
        if city in ("市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"):
            # districts of the four municipalities belong to the municipality itself;
            # directly administered county-level cities have no prefecture
            city = prov if prov in ("北京市", "天津市", "上海市", "重庆市") else ""
    if name in ("市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"):
        continue
    out.append((code, level, name, prov, city))
for row in sorted(out):
    print("\t".join(row))
