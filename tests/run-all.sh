#!/usr/bin/env bash
# Builds everything and runs every test project of the solution, then prints one summary line
# "N passed, N failed, N skipped" summed from the test results (TRX), so a run that executed no test shows.
# Everything the tests need (packages, the native fix-up, data sets) is installed by the build and the
# tests themselves, into this run's own folder (below). Afterwards tests/machine-guard.sh checks that the
# directories on PATH are as they were before the tests; a change fails the run.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
# One folder for this run, removed at the end: the test results, the temporary folder (TMPDIR) of the build and the
# tests, and every cache a test writes (data sets, npm's own cache, XDG caches). A run then leaves nothing in the
# machine's temporary folder (MSBuild and the test host make a private, empty six-letter folder there per process and
# never remove it) or in the user's caches.
run=$(mktemp -d "${TMPDIR:-/tmp}/datamux-tests.XXXXXX")
trap 'rm -rf "$run"' EXIT
results=$run/results
mkdir -p "$run/tmp" "$run/cache/datamux" "$run/npm"
export TMPDIR=$run/tmp XDG_CACHE_HOME=$run/cache DATAMUX_CACHE=$run/cache/datamux npm_config_cache=$run/npm

dotnet build DataMux.Generators.sln -c Release -nologo -clp:ErrorsOnly -nodeReuse:false --disable-build-servers || { echo "0 passed, 1 failed, 0 skipped"; exit 1; }
# After the build (whose fix-up may install patchelf, as the README says), nothing may change the directories on PATH.
guard=$run/path-before.tsv
bash tests/machine-guard.sh snapshot "$guard"
dotnet test DataMux.Generators.sln -c Release --no-build -nologo \
  --logger "trx" --logger "console;verbosity=normal" --results-directory "$results"
status=$?

passed=0 failed=0 skipped=0
for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx")
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  t=$(sed -n 's/.* total="\([0-9]*\)".*/\1/p' <<<"$counters")
  e=$(sed -n 's/.* executed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0})); skipped=$((skipped + ${t:-0} - ${e:-0}))
  # Name the failed tests and the first lines of their messages just above the summary, where a long log's tail
  # shows them.
  awk '
    /<UnitTestResult / { name = ""; if ($0 ~ /outcome="Failed"/) { name = $0; sub(/.* testName="/, "", name); sub(/".*/, "", name); print "failed: " name } }
    name != "" && /<Message>/ { inMessage = 1; shown = 0; sub(/.*<Message>/, "") }
    inMessage { done = sub(/<\/Message>.*/, ""); if (shown < 4) print "  " $0; shown++; if (done) { inMessage = 0; name = "" } }
  ' "$trx"
done
# One result file per test project, or a project's results went missing (a crash, or a name clash).
projects=$(grep -l '<IsTestProject>true</IsTestProject>' tests/*/*.csproj | wc -l)
files=$(ls "$results"/*.trx 2>/dev/null | wc -l)
if [ "$files" -ne "$projects" ]; then
  echo "expected results from $projects test projects, found $files" >&2
  status=1
fi
bash tests/machine-guard.sh compare "$guard" || { status=1; failed=$((failed + 1)); }
[ "$status" -eq 0 ] || [ "$failed" -gt 0 ] || failed=1
echo "$passed passed, $failed failed, $skipped skipped"
[ "$status" -eq 0 ] && [ "$passed" -gt 0 ]
