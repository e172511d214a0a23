"""Turns the /usr/bin/time logs of bench/ingest.sh into a Markdown table (ratios against the read_csv baseline)."""
import json, re, sys
from pathlib import Path

out, persons, records = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])

def measure(name):
    text = (out / f"{name}.time").read_text()
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", text).group(1)
    seconds = sum(float(p) * 60 ** i for i, p in enumerate(reversed(wall.split(":"))))
    rss_kb = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", text).group(1))
    return seconds, rss_kb / 1024

def counts(name):
    try:
        s = json.loads((out / f"{name}.out").read_text())[0]
        return f"read {s['rows_read']:,}: +{s['inserted']:,} ~{s['updated']:,} ={s['unchanged']:,} ?{s['unmatched']:,} ✗{s['rejected']:,}"
    except Exception:
        return (out / f"{name}.out").read_text().strip()

def load(name):
    try:
        return (out / f"{name}.load").read_text().strip()
    except FileNotFoundError:
        return "?"

base_roster, _ = measure("baseline_roster")
hours_runs = [measure(n)[0] for n in ("baseline_hours", "baseline_hours_end") if (out / f"{n}.time").exists()]
base_hours = sum(hours_runs) / len(hours_runs)
rows = [
    ("baseline_roster", "read_csv → table, roster (UTF-8)", persons, base_roster),
    ("baseline_hours", "read_csv → table, hours (UTF-8), first", records, base_hours),
    ("ingest_roster", "volstats ingest roster (UTF-8)", persons, base_roster),
    ("ingest_hours_utf8", "volstats ingest hours (UTF-8)", records, base_hours),
    ("ingest_hours_overlap90", "volstats ingest hours, 90 % overlap with previous", records, base_hours),
    ("ingest_roster_again", "volstats ingest roster (fresh DB, for GB18030 run)", persons, base_roster),
    ("ingest_hours_gb18030", "volstats ingest hours (GB18030, CRLF)", records, base_hours),
]
if (out / "baseline_hours_end.time").exists():
    rows.append(("baseline_hours_end", "read_csv → table, hours (UTF-8), again at the end", records, base_hours))
print(f"persons={persons:,} records={records:,}\n")
print(f"read_csv baseline for the hours file: mean of {len(hours_runs)} runs = {base_hours:.2f} s ({', '.join(f'{h:.2f}' for h in hours_runs)})\n")
print("| step | rows | wall s | rows/s | peak RSS MiB | × read_csv time | load avg at start | outcome |")
print("|---|---:|---:|---:|---:|---:|---:|---|")
for name, label, n, base in rows:
    if not (out / f"{name}.time").exists():
        continue
    s, rss = measure(name)
    outcome = counts(name) if name.startswith("ingest") else (out / f"{name}.out").read_text().strip()
    print(f"| {label} | {n:,} | {s:.2f} | {n / s:,.0f} | {rss:,.0f} | {s / base:.2f} | {load(name)} | {outcome} |")
if (out / "ingest_hours_overlap90.time").exists():
    first, _ = measure("ingest_hours_utf8")
    again, _ = measure("ingest_hours_overlap90")
    print(f"\n90 %-overlap re-ingest / first ingest of the same size: {again / first:.2f}×")
