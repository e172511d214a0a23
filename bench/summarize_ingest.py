"""Turns the /usr/bin/time logs of bench/ingest.sh into the ratios of issue 16 and a table of every step."""
import json, re, sys
from pathlib import Path

out, persons, records, big = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])

def exists(name):
    p = out / f"{name}.time"
    return p.exists() and "Elapsed" in p.read_text()

def measure(name):
    text = (out / f"{name}.time").read_text()
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", text).group(1)
    seconds = sum(float(p) * 60 ** i for i, p in enumerate(reversed(wall.split(":"))))
    rss_kb = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", text).group(1))
    cpu = sum(float(re.search(rf"{k} time \(seconds\): (\S+)", text).group(1)) for k in ("User", "System"))
    return seconds, rss_kb / 1024, cpu

def outcome(name):
    text = (out / f"{name}.out").read_text().strip()
    try:
        s = json.loads(text)[0]
        return f"read {s['rows_read']:,}: +{s['inserted']:,} ~{s['updated']:,} ={s['unchanged']:,} ?{s['unmatched']:,} ✗{s['rejected']:,}"
    except Exception:
        return text

def load(name):
    p = out / f"{name}.load"
    return p.read_text().strip() if p.exists() else "?"

def mean(names, i=0):
    runs = [measure(n)[i] for n in names if exists(n)]
    return sum(runs) / len(runs), runs

def cpu(name):
    return measure(name)[2]

steps = ["baseline_hours", "ingest_roster", "ingest_hours", "ingest_overlap90", "cumulative_roster"] + \
    [f"cumulative_{m:02}" for m in range(1, 11)] + ["october_roster", "october_alone", "gb18030_roster", "gb18030_hours",
    "baseline_big", "big_roster", "big_hours", "baseline_big_end", "baseline_hours_end"]
peak = max(measure(n)[1] for n in steps if exists(n))

base, base_runs = mean(["baseline_hours", "baseline_hours_end"])
first = measure("ingest_hours")[0]
r1 = first / base
print(f"persons={persons:,} records={records:,} big={big:,}\n")
base_cpu, _ = mean(["baseline_hours", "baseline_hours_end"], 2)
c1 = cpu("ingest_hours") / base_cpu
print("Wall time is what the targets name; CPU seconds (user + system) beside it, since on a shared machine they")
print("show what a step costs whatever the load.\n")
print("| ratio | wall | CPU | target | met (wall)? |")
print("|---|---|---|---|---|")
print(f"| (1) {records:,} records into a DB with the roster / read_csv | {first:.2f} s / {base:.2f} s = **{r1:.2f}×** | {cpu('ingest_hours'):.1f} / {base_cpu:.1f} s = {c1:.2f}× | ≤ 2.0× | {'yes' if r1 <= 2.0 else 'no'} |")
if exists("ingest_overlap90"):
    again = measure("ingest_overlap90")[0]
    print(f"| (2) 90 %-overlap file / first ingest | {again:.2f} s / {first:.2f} s = **{again / first:.2f}×** | {cpu('ingest_overlap90'):.1f} / {cpu('ingest_hours'):.1f} s = {cpu('ingest_overlap90') / cpu('ingest_hours'):.2f}× | ≤ 0.5× | {'yes' if again / first <= 0.5 else 'no'} |")
if exists("october_alone"):
    names = [f"cumulative_{m:02}" for m in range(1, 11) if exists(f"cumulative_{m:02}")]
    months = [measure(n)[0] for n in names]
    alone = measure("october_alone")[0]
    r3 = sum(months) / alone
    c3 = sum(cpu(n) for n in names) / cpu("october_alone")
    print(f"| (3) {len(names)} cumulative exports in order / October alone | {sum(months):.2f} s / {alone:.2f} s = **{r3:.2f}×** | {sum(cpu(n) for n in names):.1f} / {cpu('october_alone'):.1f} s = {c3:.2f}× | ≤ 3.5× | {'yes' if r3 <= 3.5 else 'no'} |")
if exists("big_hours"):
    big_base, _ = mean(["baseline_big", "baseline_big_end"])
    big_cpu, _ = mean(["baseline_big", "baseline_big_end"], 2)
    r4 = measure("big_hours")[0] / big_base
    print(f"| (4) {big:,} records / read_csv | {measure('big_hours')[0]:.2f} s / {big_base:.2f} s = **{r4:.2f}×** | {cpu('big_hours'):.1f} / {big_cpu:.1f} s = {cpu('big_hours') / big_cpu:.2f}× | ≤ (1) × 1.25 = {r1 * 1.25:.2f}× | {'yes' if r4 <= r1 * 1.25 else 'no'} |")
print(f"| peak RSS of any step | {peak:,.0f} MiB | ≤ 2048 MiB | {'yes' if peak <= 2048 else 'no'} |")
print(f"\nread_csv of the {records:,}-record file: {', '.join(f'{r:.2f}' for r in base_runs)} s (first and last step of the run).\n")
print("| step | wall s | CPU s | peak RSS MiB | load avg at start | outcome |")
print("|---|---:|---:|---:|---:|---|")
for name in steps:
    if exists(name):
        s, rss, cpu = measure(name)
        print(f"| {name} | {s:.2f} | {cpu:.1f} | {rss:,.0f} | {load(name)} | {outcome(name)} |")
