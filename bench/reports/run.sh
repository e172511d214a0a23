#!/usr/bin/env bash
# The monthly briefing at city scale: one briefing (.docx, .html, .pdf) end to end, then 4 at once, then the
# workbook and the charts, on a generated city of PERSONS volunteers and RECORDS service records.
#   bench/reports/run.sh                            # 300,000 persons, 2,000,000 records
#   PERSONS=300000 RECORDS=2000000 bench/reports/run.sh
#   BASELINE=6623823 bench/reports/run.sh           # also time the briefing of another commit's build, in the same run
#   REPS=3 bench/reports/run.sh                     # the one-briefing step 3 times (interleaved with the baseline)
# CPU seconds (user + system of the process and the children it waited for, LibreOffice included) stand beside the
# wall times: on a shared machine they move much less with the load than the wall times do.
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
reps="${REPS:-1}"
baseline="${BASELINE:-}"
if [ -n "$baseline" ]; then
  # The CLI of another commit, built once into bench/out/reports/baseline-COMMIT (its files from git archive).
  commit=$(git -C "$root" rev-parse --short "$baseline")
  bsrc="$base/baseline-$commit"
  if [ ! -f "$bsrc/.build/cli/volstats.dll" ]; then
    echo "bench: building the baseline $commit…" >&2
    mkdir -p "$bsrc" && git -C "$root" archive "$commit" | tar -x -C "$bsrc"
    "$bsrc/volstats" --help >/dev/null
  fi
  bcli="$base/baseline-cli-$commit"
  rm -rf "$bcli" && cp -r "$bsrc/.build/cli" "$bcli"
fi
cpu() { awk -F': ' '/User time/ {u=$2} /System time/ {s=$2} END {printf "%.1f", u+s}' "$out/$1.time"; }
load() { cat "$out/$1.load"; }

rm -rf "$out/one" "$out/one_baseline" "$out/four"
"${vs[@]}" indicators --year 2024 --through "$month" --level district >/dev/null   # warm the page cache, not timed
for i in $(seq 1 "$reps"); do
  if [ -n "$baseline" ]; then
    run "briefing_baseline_$i" env "VOLSTATS_SECRET_FILE=$data/site.key" dotnet "$bcli/volstats.dll" --db "$db" briefing --month "$month" --out "$out/one_baseline"
  fi
  run "briefing_one_$i" env VOLSTATS_LOG=debug "VOLSTATS_SECRET_FILE=$data/site.key" dotnet "$cli/volstats.dll" --db "$db" briefing --month "$month" --out "$out/one"
done
cp "$out/briefing_one_1.time" "$out/briefing_one.time"; cp "$out/briefing_one_1.load" "$out/briefing_one.load"

# Four at once: four months of the same city, each its own process (and its own LibreOffice).
echo "bench: briefing_four" >&2
cut -d' ' -f1 /proc/loadavg >"$out/briefing_four.load"
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
echo "## Reports bench: $persons persons, $records records ($(nproc) cores, $(date -u '+%Y-%m-%d %H:%M') UTC, $(git -C "$root" rev-parse --short HEAD))"
echo
echo "| step | wall s | CPU s | peak RSS MiB | load at start |"
echo "|---|---:|---:|---:|---:|"
for i in $(seq 1 "$reps"); do
  [ -n "$baseline" ] && echo "| one briefing, baseline $commit (run $i) | $(wall briefing_baseline_$i) | $(cpu briefing_baseline_$i) | $(rss briefing_baseline_$i) | $(load briefing_baseline_$i) |"
  echo "| one briefing, .docx + .html + .pdf (\`briefing --month $month\`, run $i) | $(wall briefing_one_$i) | $(cpu briefing_one_$i) | $(rss briefing_one_$i) | $(load briefing_one_$i) |"
done
for m in 07 08 09 10; do echo "| 4 at once: 2024-$m (rc $(cat "$out/briefing_four_$m.rc")) | $(wall briefing_four_$m) | $(cpu briefing_four_$m) | $(rss briefing_four_$m) | |"; done
echo "| 4 at once, all done | $(printf '%.1f' "$four_wall") | | | $(cat "$out/briefing_four.load") |"
echo "| \`export --level street\` (.xlsx) | $(wall export) | $(cpu export) | $(rss export) | $(load export) |"
echo "| \`chart ranking\` (.png) | $(wall chart_ranking) | $(cpu chart_ranking) | $(rss chart_ranking) | $(load chart_ranking) |"
echo "| \`chart trend\` (.svg) | $(wall chart_trend) | $(cpu chart_trend) | $(rss chart_trend) | $(load chart_trend) |"
echo
echo "4 at once: $ok of 4 succeeded, $files files listed. Rows ingested: $rows."
echo
echo "Phases of the first timed briefing (\`VOLSTATS_LOG=debug\`; CPU of this process only, LibreOffice's is not in it):"
echo
echo "| phase | from s | wall s | CPU s |"
echo "|---|---:|---:|---:|"
sed -n 's/.* phase \(.*\): from \([0-9.]*\)s, wall \([0-9.]*\)s, cpu \([0-9.]*\)s.*/| \1 | \2 | \3 | \4 |/p' "$out/briefing_one_1.err"
sed -n 's/.* total: wall \([0-9.]*\)s, cpu \([0-9.]*\)s.*/| total (this process) | | \1 | \2 |/p' "$out/briefing_one_1.err"
