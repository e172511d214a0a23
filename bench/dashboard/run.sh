#!/usr/bin/env bash
# The ranking page and its API under 50 concurrent clients on loopback (wrk), idle and while a 2M-record ingest runs,
# and the big screen's first full render (ScreenTiming: headless Chromium, median of RUNS cold and warm loads).
#   bench/dashboard/run.sh                  # generated 杭州市 at scale 20 as the served data; 2M-record bench file dropped mid-run
#   SCALE=5 RECORDS=500000 DURATION=20 RUNS=5 bench/dashboard/run.sh
# Prints one RESULT line per run (p50/p95/p99 ms, requests/s, errors) with the load average and the CPU used meanwhile
# (the server process's CPU seconds; the machine's busy share of its cores). Not a test: run it by hand, alone on the machine.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
scale="${SCALE:-20}"; records="${RECORDS:-2000000}"; persons="${PERSONS:-330000}"; duration="${DURATION:-20}"; runs="${RUNS:-5}"
out="${OUT:-$root/bench/out/dashboard}"; port="${PORT:-5397}"
command -v wrk >/dev/null || apt-get install -y wrk >&2
mkdir -p "$out"
"$root/volstats" --help >/dev/null
dotnet build "$root/bench/dashboard/ScreenTiming" -c Release -o "$out/screentiming" --nologo -v quiet >&2
cli=(dotnet "$root/.build/cli/volstats.dll")
if [ ! -f "$out/city/.done" ]; then
  "${cli[@]}" generate --out "$out/city" --scale "$scale" --style plain >&2 && touch "$out/city/.done"
fi
if [ ! -f "$out/big/.done" ]; then
  "${cli[@]}" generate --out "$out/big" --persons "$persons" --records "$records" --seed 3 >&2 && touch "$out/big/.done"
fi
# The inbox's ingest settings (Inbox:IngestThreads, Inbox:IngestNice) can be set from the environment for a comparison,
# e.g. Inbox__IngestThreads=2 Inbox__IngestNice=0 (the ingest as fast as the cores allow).
echo "== commit $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?'), cores $(nproc), Inbox__IngestThreads=${Inbox__IngestThreads:-default} Inbox__IngestNice=${Inbox__IngestNice:-default}"
rm -rf "$out/run" && mkdir -p "$out/run/data"
"${cli[@]}" --db "$out/run/db.duckdb" ingest "$out"/city/*.csv >/dev/null
"${cli[@]}" serve --urls "http://127.0.0.1:$port" --data "$out/run/data" --db "$out/run/db.duckdb" --no-sample 2>"$out/run/serve.log" &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
until curl -sf "http://127.0.0.1:$port/health" >/dev/null; do sleep 0.5; done
# Sign in as the first admin when the server has users (CONTRACT §9); the bearer token works for pages and API.
header=()
if [ -f "$out/run/data/initial-admin-password" ]; then
  token=$(curl -sf -X POST "http://127.0.0.1:$port/api/auth/token" -H 'Content-Type: application/json' \
    -d "{\"username\":\"admin\",\"password\":\"$(cat "$out/run/data/initial-admin-password")\"}" | sed -E 's/.*"token": ?"([^"]+)".*/\1/')
  header=(-H "Authorization: Bearer $token")
fi
# The big screen first, on the fresh server: the first cold run also computes the server's answers.
dotnet "$out/screentiming/ScreenTiming.dll" "http://127.0.0.1:$port" "${token:-}" "$runs" | sed "s/\$/ load=$(cut -d' ' -f1 /proc/loadavg)/"
page="http://127.0.0.1:$port/ranking?year=2024&through=2024-10&level=district"
api="http://127.0.0.1:$port/api/indicators?year=2024&through=2024-10&level=district&format=csv"
# CPU meanwhile: the server's own seconds (user+system, ingest included) and the machine's busy share of all cores.
ticks() { awk '{print $14 + $15}' "/proc/$server/stat"; }
busy() { awk '/^cpu /{print $2 + $3 + $4 + $7 + $8, $2 + $3 + $4 + $5 + $6 + $7 + $8}' /proc/stat; }
bench() {
  local t0 b0 t1 b1 hz; hz=$(getconf CLK_TCK); t0=$(ticks); b0=$(busy)
  echo "== $1 (load before $(cut -d' ' -f1 /proc/loadavg))"
  wrk -t2 -c50 -d"${3:-$duration}s" --timeout 5s "${header[@]}" -s "$root/bench/dashboard/p95.lua" "$2" | grep RESULT | tr -d '\n'
  t1=$(ticks); b1=$(busy)
  echo " load_after=$(cut -d' ' -f1 /proc/loadavg) server_cpu_s=$(( (t1 - t0) / hz )) machine_busy=$(echo "$b0 $b1" | awk '{printf "%.0f%%", 100 * ($3 - $1) / ($4 - $2)}') still_loading=$(ls "$out/run/data/inbox" | tr '\n' ' ')"
}
drained() { while [ -n "$(ls "$out/run/data/inbox" 2>/dev/null)" ]; do sleep 1; done; }
# Threads of the server with a niceness above 0 (the inbox's ingest thread lowers its own: Inbox:IngestNice).
niced() { for f in /proc/$server/task/*/stat; do sed 's/^.*) //' "$f" | awk '{print $17}'; done 2>/dev/null | grep -vc '^0$' || true; }
# wrk until the inbox is empty (the file loaded, committed, its answers computed ahead and archived) and 5 s more:
# the run spans the commit, whenever it comes.
across() {
  local t0 b0 t1 b1 hz w started; hz=$(getconf CLK_TCK); t0=$(ticks); b0=$(busy); started=$(date +%s)
  echo "== $1 (load before $(cut -d' ' -f1 /proc/loadavg))"
  wrk -t2 -c50 -d900s --timeout 5s "${header[@]}" -s "$root/bench/dashboard/p95.lua" "$2" >"$out/run/wrk-across.txt" &
  w=$!
  sleep 2; local n; n=$(niced); drained; sleep 5; kill -INT "$w"; wait "$w" || true
  grep RESULT "$out/run/wrk-across.txt" | tr -d '\n'
  t1=$(ticks); b1=$(busy)
  echo " seconds=$(( $(date +%s) - started )) load_after=$(cut -d' ' -f1 /proc/loadavg) server_cpu_s=$(( (t1 - t0) / hz )) machine_busy=$(echo "$b0 $b1" | awk '{printf "%.0f%%", 100 * ($3 - $1) / ($4 - $2)}') niced_threads=$n"
}
curl -sf "${header[@]}" "$page" >/dev/null; curl -sf "${header[@]}" "$api" >/dev/null
bench "ranking page, idle" "$page"
bench "API, idle" "$api"
bench "health (reads nothing), idle" "http://127.0.0.1:$port/health" 10
# The ingest through the inbox: the roster (330k people) and then the 2M-record hours file, each measured while the
# server loads it (still_loading names the file in the inbox when a run ended).
cp "$out/big/bench_roster.csv" "$out/run/data/inbox/"
sleep 3
across "ranking page, across the roster ingest (330k people) and its commit" "$page"
cp "$out/big/bench_hours.csv" "$out/run/data/inbox/"
sleep 3
bench "ranking page, during the 2M-record hours ingest" "$page"
bench "API, during the 2M-record hours ingest" "$api"
# A request that reads nothing (/health): slow too means CPU starvation, fast means the others wait for something.
bench "health (reads nothing), during the 2M-record hours ingest" "http://127.0.0.1:$port/health" 10
across "ranking page, the rest of the 2M-record hours ingest and its commit" "$page"
grep -E "Ingested [0-9]+ rows|Computed" "$out/run/serve.log" | sed "s/^ */== /"
echo "== ingest finished: $(ls -R "$out/run/data/archive" | grep -c csv) files archived"
