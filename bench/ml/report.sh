#!/usr/bin/env bash
# Writes docs/forecast.md and docs/anomalies.md from measured runs on generated history.
#   bench/ml/report.sh forecast            # backtest table, met/missed calls, interval coverage, training time
#   bench/ml/report.sh anomalies           # precision/recall per padding kind at 0.5 % and 2 %, clean false flags
#   BENCH_SCALE=105 bench/ml/report.sh anomalies  # … plus scoring a city-year of 1.74M records (into docs/anomalies.md)
#   bench/ml/report.sh bench               # speed only (issue 15): training + backtest for a city, and scoring a
#                                          # city-year of 1.74M records (SCALE=105); Markdown on stdout for bench/README.md.
#                                          # Data is generated and ingested once into bench/out/ml and reused.
#                                          # ONLY=forecast or ONLY=anomalies for one of the two; REPEATS=N times each.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
what="${1:?forecast or anomalies}"
dotnet build bench/ml/MlReport -c Release -o bench/out/ml/bin --nologo -v quiet >&2
case "$what" in
  forecast) dotnet bench/out/ml/bin/MlReport.dll forecast docs/forecast.md --years "${YEARS:-2019-2024}" --scale "${SCALE:-1}" --seed "${SEED:-11}" ;;
  anomalies) dotnet bench/out/ml/bin/MlReport.dll anomalies docs/anomalies.md --scale "${SCALE:-2}" --seed "${SEED:-21}" --bench-scale "${BENCH_SCALE:-0}" ;;
  bench) dotnet bench/out/ml/bin/MlReport.dll bench --scale "${SCALE:-105}" --seed "${SEED:-21}" --repeats "${REPEATS:-1}" --only "${ONLY:-both}" ;;
  *) echo "usage: bench/ml/report.sh forecast|anomalies|bench" >&2; exit 64 ;;
esac
