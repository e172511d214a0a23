#!/usr/bin/env bash
# Indicator refresh and query times against pandas computing the same numbers from the same CSVs.
#   bench/indicators.sh                  # scale 100: ~330k registrations, ~2M service records
#   SCALE=10 REPS=5 bench/indicators.sh
# Output: bench/out/indicators/ and a Markdown table on stdout (bench/out/indicators/results.md).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
scale="${SCALE:-100}"
reps="${REPS:-3}"
out="$root/bench/out/indicators"
data="$out/city-s$scale"
db="$out/city.duckdb"
mkdir -p "$out"
cd "$out"
levels=(city district street community)

echo "bench: building volstats…" >&2
"$root/volstats" --help >/dev/null
cli="$root/bench/out/cli-indicators"
rm -rf "$cli" && cp -r "$root/.build/cli" "$cli"
vs=(dotnet "$cli/volstats.dll")
query="$root/bench/out/query"
dotnet build "$root/bench/IndicatorQuery" -c Release -o "$query" --nologo -v quiet >&2

if [ ! -f "$data/.done" ]; then
  echo "bench: generating the plain city at scale $scale…" >&2
  rm -rf "$data"
  "${vs[@]}" generate --out "$data" --scale "$scale" --seed 1 --style plain
  touch "$data/.done"
fi
rm -f "$data"/9*_hours_extra.csv

run() {
  local name="$1"; shift
  echo "bench: $name" >&2
  /usr/bin/time -v -o "$out/$name.time" "$@" >"$out/$name.out" 2>"$out/$name.err"
}

rm -f "$db" "$db.wal"
run load "${vs[@]}" --db "$db" ingest --format json "$data"/*.csv

# (1) Refresh: each ingest of a small new file (10 service records) refreshes the monthly indicator table.
for i in $(seq 1 "$reps"); do
  f="$data/9${i}_hours_extra.csv"
  {
    echo "记录编号,志愿者编号,证件号码,项目编号,项目名称,发布组织,服务日期,服务时长（小时）,服务类别"
    for j in $(seq 1 10); do echo "FWX${i}0${j},ZJ1000000${j},,XM330102001,临时加班服务,上城区青年志愿者协会,2024-10-1${j: -1},1.5,社区服务"; done
  } >"$f"
  # VOLSTATS_LOG=debug: the ingest logs its phases, "refreshed" being the monthly indicators' share.
  VOLSTATS_LOG=debug run "refresh_$i" "${vs[@]}" --db "$db" ingest --format json "$f"
done

# (2) Queries, and the same numbers from one hand-written DuckDB query on the raw tables and from pandas.
for level in "${levels[@]}"; do
  for i in $(seq 1 "$reps"); do
    run "volstats_${level}_$i" "${vs[@]}" --db "$db" indicators --year 2024 --through 2024-10 --level "$level" --format csv
    run "raw_${level}_$i" dotnet "$query/IndicatorQuery.dll" "$db" 2024 10 --raw "$root/bench/indicators_raw.sql" "$level"
    run "pandas_${level}_$i" /usr/bin/python3 "$root/bench/indicators_pandas.py" "$data" 2024 10 "$level"
  done
done

/usr/bin/python3 "$root/bench/summarize_indicators.py" "$out" "$reps" "${levels[@]}" | tee "$out/results.md"
