# Sourced by ./braindrive and bench/startup.sh: the JVM flags BrainDrive runs with (measured in BENCHMARKS.md).
# Extra flags can be added with BRAINDRIVE_JAVA_OPTS (they come last, so they win).

# The feature release of the JDK at $JAVA_HOME, read from its release file (no JVM start), or 0.
braindrive_jdk_release() {
    sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$JAVA_HOME/release" 2>/dev/null | head -n 1 | grep . || echo 0
}

# Prints the flags. $1: the class-data-sharing archive to use (created on the first run, re-created when the jar
# changes); omit it to run without one.
#  - SerialGC and a small initial heap: one user, a small heap; the heap still grows as needed (default maximum).
#  - TieredStopAtLevel=1 (C1 only): most of start-up is class loading and first-time code, which C1 compiles fast.
#  - The CDS archive maps the application's classes pre-parsed instead of loading them from the jars each start.
#  - Compact object headers (JDK 25+): smaller objects.
braindrive_jvm_options() {
    local flags="--enable-native-access=ALL-UNNAMED -XX:+UseSerialGC -Xms16m -XX:TieredStopAtLevel=1"
    if [ -n "${1:-}" ]; then
        flags="$flags -XX:+AutoCreateSharedArchive -XX:SharedArchiveFile=$1 -Xlog:cds=off -Xlog:cds+dynamic=off"
    fi
    if [ "$(braindrive_jdk_release)" -ge 25 ]; then
        flags="$flags -XX:+UseCompactObjectHeaders"
    fi
    echo "$flags"
}
