#!/usr/bin/env bash
# Ingest throughput and memory against DuckDB's bare read_csv, measured in the same run.
#   bench/ingest.sh                         # 1,000,000 persons, 2,000,000 service records
#   PERSONS=1000000 RECORDS=10000000 bench/ingest.sh   # the issue's full size
#   ONLY_UTF8=1 …                           # skip the 90 %-overlap and GB18030 steps
# Output: bench/out/ingest/ (data; per size a run-… folder with databases and /usr/bin/time logs) and a
# Markdown table on stdout (run-…/results.md). Not a test: run it by hand, alone on the machine.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
persons="${PERSONS:-1000000}"
records="${RECORDS:-2000000}"
out="$root/bench/out/ingest/run-p${persons}-r${records}"
data="$root/bench/out/ingest/data-p${persons}-r${records}"
mkdir -p "$out" "$data"
cd "$out"
rm -f "$out"/*.time "$out"/*.out "$out"/*.load

echo "bench: building volstats and the baseline…" >&2
"$root/volstats" --help >/dev/null
# Run a snapshot of the build, so that a source edit during the run cannot trigger a rebuild inside a timing.
cli="$root/bench/out/cli"
rm -rf "$cli" && cp -r "$root/.build/cli" "$cli"
dotnet build "$root/bench/ReadCsvBaseline" -c Release -o "$root/bench/out/baseline" --nologo -v quiet >&2

if [ ! -f "$data/.done" ]; then
  echo "bench: generating $persons persons, $records records…" >&2
  dotnet "$cli/volstats.dll" generate --out "$data" --persons "$persons" --records "$records" --seed 1
  touch "$data/.done"
fi

# run NAME CMD... : wall time and peak RSS of CMD into NAME.time, its stdout into NAME.out
run() {
  local name="$1"; shift
  echo "bench: $name" >&2
  cut -d' ' -f1 /proc/loadavg >"$out/$name.load"   # the machine is shared: note how busy it was
  /usr/bin/time -v -o "$out/$name.time" "$@" >"$out/$name.out"
}
fresh() { rm -f "$1" "$1.wal"; }

fresh base.duckdb
run baseline_roster dotnet "$root/bench/out/baseline/ReadCsvBaseline.dll" base.duckdb "$data/bench_roster.csv"
fresh base.duckdb
run baseline_hours dotnet "$root/bench/out/baseline/ReadCsvBaseline.dll" base.duckdb "$data/bench_hours.csv"
fresh base.duckdb

fresh a.duckdb
run ingest_roster dotnet "$cli/volstats.dll" --db a.duckdb ingest --format json "$data/bench_roster.csv"
run ingest_hours_utf8 dotnet "$cli/volstats.dll" --db a.duckdb ingest --format json "$data/bench_hours.csv"
[ -n "${ONLY_UTF8:-}" ] || run ingest_hours_overlap90 dotnet "$cli/volstats.dll" --db a.duckdb ingest --format json "$data/bench_hours_overlap90.csv"
du -b a.duckdb >"$out/a.size"
fresh a.duckdb

if [ -z "${ONLY_UTF8:-}" ]; then
  fresh b.duckdb
  run ingest_roster_again dotnet "$cli/volstats.dll" --db b.duckdb ingest --format json "$data/bench_roster.csv"
  run ingest_hours_gb18030 dotnet "$cli/volstats.dll" --db b.duckdb ingest --format json "$data/bench_hours_gb18030.csv"
  fresh b.duckdb
fi

# The baseline again at the end: on a shared machine, the spread of the two is the noise of the run.
fresh base.duckdb
run baseline_hours_end dotnet "$root/bench/out/baseline/ReadCsvBaseline.dll" base.duckdb "$data/bench_hours.csv"
fresh base.duckdb

/usr/bin/python3 "$root/bench/summarize_ingest.py" "$out" "$persons" "$records" | tee "$out/results.md"
