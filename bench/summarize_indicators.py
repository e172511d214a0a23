"""Medians of the /usr/bin/time logs of bench/indicators.sh, and whether volstats and pandas agree."""
import csv, io, json, re, statistics, sys
from pathlib import Path

out, reps, levels = Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3:]

def measure(name):
    text = (out / f"{name}.time").read_text()
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", text).group(1)
    seconds = sum(float(p) * 60 ** i for i, p in enumerate(reversed(wall.split(":"))))
    return seconds, int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", text).group(1)) / 1024

def median(prefix):
    runs = [measure(f"{prefix}_{i}") for i in range(1, reps + 1)]
    return statistics.median(r[0] for r in runs), max(r[1] for r in runs)

def rows(name):
    return list(csv.reader(io.StringIO((out / f"{name}.out").read_text())))

load_s, load_rss = measure("load")
summaries = json.loads((out / "load.out").read_text())
n = sum(s["rows_read"] for s in summaries)
print(f"full load of {len(summaries)} files, {n:,} rows: {load_s:.1f} s ({n / load_s:,.0f} rows/s), peak RSS {load_rss:,.0f} MiB\n")
print(f"medians of {reps} runs; RSS is the largest of the runs\n")
print("| step | volstats s | volstats RSS MiB | pandas s | pandas RSS MiB | pandas / volstats | same numbers |")
print("|---|---:|---:|---:|---:|---:|---|")
s, rss = median("refresh")
print(f"| refresh (ingest of 10 new records) | {s:.2f} | {rss:,.0f} | | | | |")
for level in levels:
    vs, vrss = median(f"volstats_{level}")
    pd_, prss = median(f"pandas_{level}")
    a, b = rows(f"volstats_{level}_1"), rows(f"pandas_{level}_1")
    differ = sum(1 for x, y in zip(a, b) if x != y) + abs(len(a) - len(b))
    same = f"yes ({len(a) - 1} regions)" if differ == 0 else f"NO: {differ} of {len(a) - 1} rows differ"
    print(f"| indicators --level {level} | {vs:.2f} | {vrss:,.0f} | {pd_:.2f} | {prss:,.0f} | {pd_ / vs:.1f}× | {same} |")
