#!/usr/bin/env bash
# Job engine benchmark: throughput of 1,000 system.sleep(0) jobs created through the API, and the latency from
# an event being recorded to its arrival on an open SSE stream. Runs a real server (temp data dir) in-process.
#   bench/jobs.sh [jobs] [client-threads] [jobs.concurrency]   (BENCH_JAVA_OPTS adds JVM options)
set -euo pipefail
export BENCH_JAVA_OPTS="${BENCH_JAVA_OPTS:-}"
cd "$(dirname "${BASH_SOURCE[0]}")/.."
./scripts/with-jdk mvn -B -q -o test-compile -pl server
./scripts/with-jdk mvn -B -q -o dependency:build-classpath -pl server -Dmdep.includeScope=test \
    -Dmdep.outputFile=target/bench.classpath >/dev/null
cp="server/target/classes:server/target/test-classes:$(cat server/target/bench.classpath)"
exec ./scripts/with-jdk bash -c 'exec "$JAVA_HOME/bin/java" -Xmx512m $BENCH_JAVA_OPTS -cp "$0" ai.braindrive.bench.JobsBench "$@"' \
    "$cp" "$@"
