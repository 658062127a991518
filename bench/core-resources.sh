#!/usr/bin/env bash
# Core resources at 100k rows (see BENCHMARKS.md): loads one user with 10,000 conversations and 100,000 messages
# through the HTTP API of a real server (Derby in a temp dir), and times the list endpoints at a small and at the
# full size, plus the message insert rate with 8 concurrent clients. Takes a few minutes.
#
#   bench/core-resources.sh                      # the full run
#   bench/core-resources.sh --conversations=1000 --messages=10000   # a quick one; see CoreResourcesBench.Options
#
# MVN_FLAGS defaults to -o (offline: dependencies already in ~/.m2); set MVN_FLAGS= to let Maven download them.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
# shellcheck source=../scripts/find-jdk.sh
. scripts/find-jdk.sh
braindrive_find_jdk
mvn_flags="${MVN_FLAGS--o}"

# shellcheck disable=SC2086
mvn -B -q $mvn_flags test-compile -pl server
classpath_file="server/target/bench-classpath.txt"
# shellcheck disable=SC2086
mvn -B -q $mvn_flags dependency:build-classpath -pl server -Dmdep.includeScope=test \
    -Dmdep.outputFile="$root/$classpath_file" >/dev/null

log="server/target/bench-core-resources.log"
echo "JDK: $JAVA_HOME; server log: $log"
if ! "$JAVA_HOME/bin/java" -Xms512m -Xmx1g \
        -cp "server/target/test-classes:server/target/classes:$(cat "$classpath_file")" \
        ai.braindrive.bench.CoreResourcesBench "$@" 2>"$log"; then
    echo "Benchmark failed; the end of the server log:" >&2
    tail -n 40 "$log" >&2
    exit 1
fi
