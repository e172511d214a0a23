#!/usr/bin/env bash
# Runs every test of VolunteerStats. Installs what the tests need when it is missing (as root: Debian
# packages; NuGet packages through the normal restore), then prints "N passed, N failed".
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# System packages the tests use: PostgreSQL (shared job store), Chromium (dashboard pages), CJK fonts (charts,
# briefings), LibreOffice Writer (briefing .docx -> .pdf), poppler-utils (PDF text and fonts in tests).
need=()
[ -x /usr/lib/postgresql/15/bin/initdb ] || need+=(postgresql-15)
command -v runuser >/dev/null || need+=(util-linux)
command -v chromium >/dev/null || need+=(chromium)
[ -d /usr/share/fonts/opentype/noto ] || need+=(fonts-noto-cjk)
[ -f /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ] || need+=(fonts-wqy-microhei)
[ -f /usr/share/fonts/truetype/arphic/ukai.ttc ] || need+=(fonts-arphic-ukai)
command -v soffice >/dev/null || need+=(libreoffice-writer-nogui)
command -v pdftotext >/dev/null || need+=(poppler-utils)
command -v fc-match >/dev/null || need+=(fontconfig)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "test.sh: installing ${need[*]}" >&2
    apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >&2
  else
    echo "test.sh: missing ${need[*]} (run as root to install); the tests that need them will fail" >&2
  fi
fi

dotnet restore VolunteerStats.sln >&2
dotnet build VolunteerStats.sln --no-restore -c Debug >&2
log="$(mktemp)"
set +e
dotnet test VolunteerStats.sln --no-build -c Debug --logger "console;verbosity=normal" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
# dotnet test prints a block per test assembly ("Total tests: N", "Passed: N", "Failed: N", "Skipped: N").
count() { { grep -E "^ +$1: +[0-9]+\$" "$log" || true; } | awk '{s+=$2} END {print s+0}'; }
passed=$(count Passed)
failed=$(count Failed)
skipped=$(count Skipped)
rm -f "$log"
echo "tests: $passed passed, $failed failed, $skipped skipped"
exit "$status"
