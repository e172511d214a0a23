#!/usr/bin/env bash
# The monthly briefing at city scale: one briefing (.docx, .html, .pdf) end to end, then 4 at once, then the
# workbook and the charts, on a generated city of PERSONS volunteers and RECORDS service records.
#   bench/reports/run.sh                            # 300,000 persons, 2,000,000 records
#   PERSONS=300000 RECORDS=2000000 bench/reports/run.sh
# Output: bench/out/reports/ (data, database, files, /usr/bin/time logs) and a Markdown summary on stdout.
# Not a test: run it by hand, alone on the machine if the figures matter.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
persons="${PERSONS:-300000}"
records="${RECORDS:-2000000}"
base="$root/bench/out/reports"
data="$base/data-p${persons}-r${records}"
out="$base/run-p${persons}-r${records}"
db="$data/city.duckdb"
mkdir -p "$data" "$out"

echo "bench: building volstats…" >&2
"$root/volstats" --help >/dev/null
cli="$base/cli"
rm -rf "$cli" && cp -r "$root/.build/cli" "$cli"
vs=(env "VOLSTATS_SECRET_FILE=$data/site.key" dotnet "$cli/volstats.dll" --db "$db")

if [ ! -f "$data/.done" ]; then
  echo "bench: generating $persons persons, $records records, and the city's regions and population…" >&2
  rm -f "$db" "$db.wal"
  # The sample city's regions; its population (scale 1 = real ÷ 500) back at the real size for 300k volunteers.
  dotnet "$cli/volstats.dll" generate --out "$data/city" --style plain --seed 1 >/dev/null
  awk -F, -v OFS=, 'NR == 1 { print; next } { $3 = $3 * 500; print }' "$data/city/02_population.csv" >"$data/city/02_population_real.csv"
  dotnet "$cli/volstats.dll" generate --out "$data" --persons "$persons" --records "$records" --seed 1 >/dev/null
  "${vs[@]}" ingest --format json "$data/city/01_regions.csv" "$data/city/02_population_real.csv" "$data/bench_roster.csv" "$data/bench_hours.csv" >"$data/ingest.json"
  touch "$data/.done"
fi

run() { # run NAME CMD...: wall time and peak RSS into NAME.time, stdout into NAME.out
  local name="$1"; shift
  echo "bench: $name" >&2
  cut -d' ' -f1 /proc/loadavg >"$out/$name.load"
  /usr/bin/time -v -o "$out/$name.time" "$@" >"$out/$name.out" 2>"$out/$name.err"
}
wall() { awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,t,":"); s=0; for(i=1;i<=n;i++) s=s*60+t[i]; printf "%.1f", s}' "$out/$1.time"; }
rss() { awk -F': ' '/Maximum resident/ {printf "%.0f", $2/1024}' "$out/$1.time"; }

month="${MONTH:-2024-10}"
rm -rf "$out/one" "$out/four"
"${vs[@]}" indicators --year 2024 --through "$month" --level district >/dev/null   # warm the page cache, not timed
run briefing_one "${vs[@]}" briefing --month "$month" --out "$out/one"

# Four at once: four months of the same city, each its own process (and its own LibreOffice).
echo "bench: briefing_four" >&2
start=$(date +%s.%N)
pids=()
for m in 07 08 09 10; do
  ( set +e; /usr/bin/time -v -o "$out/briefing_four_$m.time" bash -c "VOLSTATS_SECRET_FILE='$data/site.key' dotnet '$cli/volstats.dll' --db '$db' briefing --month 2024-$m --out '$out/four/$m'" \
      >"$out/briefing_four_$m.out" 2>"$out/briefing_four_$m.err"; echo $? >"$out/briefing_four_$m.rc" ) &
  pids+=($!)
done
for p in "${pids[@]}"; do wait "$p"; done
four_wall=$(echo "$(date +%s.%N) - $start" | bc)

run export "${vs[@]}" export --year 2024 --through "$month" --level street --out "$out/city.xlsx"
run chart_ranking "${vs[@]}" chart ranking --year 2024 --through "$month" --level district --out "$out/ranking.png"
run chart_trend "${vs[@]}" chart trend --year 2024 --through "$month" --region 330100 --out "$out/trend.svg"

ok=0; files=0
for m in 07 08 09 10; do
  [ "$(cat "$out/briefing_four_$m.rc")" = 0 ] && ok=$((ok+1))
  files=$((files + $(wc -l <"$out/briefing_four_$m.out")))
done
rows=$(sed -n 's/.*"rows_read": \([0-9]*\).*/\1/p' "$data/ingest.json" | paste -sd+ | bc)
echo "## Reports bench: $persons persons, $records records ($(nproc) cores, load $(cat "$out/briefing_one.load") at start)"
echo
echo "| step | wall s | peak RSS MiB |"
echo "|---|---|---|"
echo "| one briefing, .docx + .html + .pdf (\`briefing --month $month\`) | $(wall briefing_one) | $(rss briefing_one) |"
for m in 07 08 09 10; do echo "| 4 at once: 2024-$m (rc $(cat "$out/briefing_four_$m.rc")) | $(wall briefing_four_$m) | $(rss briefing_four_$m) |"; done
echo "| 4 at once, all done | $(printf '%.1f' "$four_wall") | |"
echo "| \`export --level street\` (.xlsx) | $(wall export) | $(rss export) |"
echo "| \`chart ranking\` (.png) | $(wall chart_ranking) | $(rss chart_ranking) |"
echo "| \`chart trend\` (.svg) | $(wall chart_trend) | $(rss chart_trend) |"
echo
echo "4 at once: $ok of 4 succeeded, $files files listed. Rows ingested: $rows."
