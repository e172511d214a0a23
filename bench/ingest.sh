#!/usr/bin/env bash
# Ingest time and memory against DuckDB's bare read_csv, measured in the same run: the four ratios of issue 16.
#   bench/ingest.sh                          # 300k persons; 2M records; the cumulative year; 10M records
#   BIG_RECORDS=0 bench/ingest.sh            # without the 10M step
#   GB18030=1 …                              # also the 2M file as GB18030/CRLF
#   PERSONS=1000000 RECORDS=2000000 …        # other sizes
# Output: bench/out/ingest/ (data per size; a run-… folder with databases, /usr/bin/time logs and results.md)
# and the table on stdout. Not a test: run it by hand, as alone on the machine as you can.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
persons="${PERSONS:-300000}"
records="${RECORDS:-2000000}"
big="${BIG_RECORDS:-10000000}"
out="$root/bench/out/ingest/run-p${persons}-r${records}"
data="$root/bench/out/ingest/data-p${persons}-r${records}"
bigdata="$root/bench/out/ingest/data-p${persons}-r${big}"
mkdir -p "$out" "$data"
cd "$out"
rm -f "$out"/*.time "$out"/*.out "$out"/*.load "$out"/*.err

echo "bench: building volstats and the baseline…" >&2
"$root/volstats" --help >/dev/null
# Run a snapshot of the build, so that a source edit during the run cannot trigger a rebuild inside a timing.
cli="$root/bench/out/cli"
rm -rf "$cli" && cp -r "$root/.build/cli" "$cli"
dotnet build "$root/bench/ReadCsvBaseline" -c Release -o "$root/bench/out/baseline" --nologo -v quiet >&2

generate() { # DIR RECORDS
  if [ ! -f "$1/.done" ]; then
    echo "bench: generating $persons persons, $2 records into $1…" >&2
    mkdir -p "$1"
    dotnet "$cli/volstats.dll" generate --out "$1" --persons "$persons" --records "$2" --seed 1
    touch "$1/.done"
  fi
}
generate "$data" "$records"
[ "$big" = 0 ] || generate "$bigdata" "$big"

# run NAME CMD... : wall time and peak RSS of CMD into NAME.time, its stdout into NAME.out
run() {
  local name="$1"; shift
  echo "bench: $name" >&2
  cut -d' ' -f1 /proc/loadavg >"$out/$name.load"   # the machine is shared: note how busy it was
  /usr/bin/time -v -o "$out/$name.time" "$@" >"$out/$name.out" 2>"$out/$name.err"
}
fresh() { rm -f "$1" "$1.wal"; }
baseline() { fresh base.duckdb; run "$1" dotnet "$root/bench/out/baseline/ReadCsvBaseline.dll" base.duckdb "$2"; fresh base.duckdb; }
ingest() { local name="$1" db="$2"; shift 2; run "$name" dotnet "$cli/volstats.dll" --db "$db" ingest --format json "$@"; }

# (1) and (2): the 2M file into a database with the roster, then a file overlapping it by 90 %.
baseline baseline_hours "$data/bench_hours.csv"
fresh a.duckdb
ingest ingest_roster a.duckdb "$data/bench_roster.csv"
ingest ingest_hours a.duckdb "$data/bench_hours.csv"
ingest ingest_overlap90 a.duckdb "$data/bench_hours_overlap90.csv"
fresh a.duckdb

# (3): the cumulative exports of a year in order, against the last of them alone, each after the roster.
fresh c.duckdb
ingest cumulative_roster c.duckdb "$data/bench_roster.csv"
for m in 01 02 03 04 05 06 07 08 09 10; do ingest "cumulative_$m" c.duckdb "$data/bench_cumulative_$m.csv"; done
fresh c.duckdb
fresh o.duckdb
ingest october_roster o.duckdb "$data/bench_roster.csv"
ingest october_alone o.duckdb "$data/bench_cumulative_10.csv"
fresh o.duckdb

if [ -n "${GB18030:-}" ]; then
  fresh b.duckdb
  ingest gb18030_roster b.duckdb "$data/bench_roster.csv"
  ingest gb18030_hours b.duckdb "$data/bench_hours_gb18030.csv"
  fresh b.duckdb
fi

# (4): 10M records against read_csv of the same file.
if [ "$big" != 0 ]; then
  baseline baseline_big "$bigdata/bench_hours.csv"
  fresh d.duckdb
  ingest big_roster d.duckdb "$bigdata/bench_roster.csv"
  ingest big_hours d.duckdb "$bigdata/bench_hours.csv"
  fresh d.duckdb
  baseline baseline_big_end "$bigdata/bench_hours.csv"
fi

# The baseline again at the end: on a shared machine, the spread of the two is the noise of the run.
baseline baseline_hours_end "$data/bench_hours.csv"

/usr/bin/python3 "$root/bench/summarize_ingest.py" "$out" "$persons" "$records" "$big" | tee "$out/results.md"
