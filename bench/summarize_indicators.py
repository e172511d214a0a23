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
def refreshed(name):
    """The monthly indicators' share of one ingest, from its VOLSTATS_LOG=debug phase line."""
    return float(re.search(r"refreshed ([0-9.]+)s", (out / f"{name}.err").read_text()).group(1))

def counts(name):
    """region_code -> (registered, active, total_hours) from a CSV with those columns."""
    table = rows(name)
    header = table[0]
    cols = [header.index(c) for c in ("registered", "active", "total_hours")]
    return {r[0]: (int(r[cols[0]]), int(r[cols[1]]), round(float(r[cols[2]]), 2)) for r in table[1:]}

refresh = sorted(refreshed(f"refresh_{i}") for i in range(1, reps + 1))
s, rss = median("refresh")
print(f"refresh of the monthly indicator table inside the ingest of 10 new records: median {statistics.median(refresh):.3f} s "
      f"(runs: {', '.join(f'{r:.3f}' for r in refresh)}); the whole ingest process {s:.2f} s, peak RSS {rss:,.0f} MiB\n")
print("| indicators, one month | volstats s | volstats RSS MiB | raw SQL s | raw SQL RSS MiB | pandas s | pandas RSS MiB | raw SQL / volstats | pandas / volstats | same numbers |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|")
for level in levels:
    vs, vrss = median(f"volstats_{level}")
    raw, rrss = median(f"raw_{level}")
    pd_, prss = median(f"pandas_{level}")
    a, b = rows(f"volstats_{level}_1"), rows(f"pandas_{level}_1")
    differ = sum(1 for x, y in zip(a, b) if x != y) + abs(len(a) - len(b))
    ours, theirs = counts(f"volstats_{level}_1"), counts(f"raw_{level}_1")
    raw_differ = sum(1 for k in ours.keys() | theirs.keys() if ours.get(k) != theirs.get(k))
    same = (f"pandas: yes ({len(a) - 1} regions)" if differ == 0 else f"pandas: NO, {differ} of {len(a) - 1} rows differ") + \
           ("; raw SQL: yes" if raw_differ == 0 else f"; raw SQL: NO, {raw_differ} regions differ")
    print(f"| --level {level} | {vs:.2f} | {vrss:,.0f} | {raw:.2f} | {rrss:,.0f} | {pd_:.2f} | {prss:,.0f} | {raw / vs:.1f}× | {pd_ / vs:.1f}× | {same} |")
