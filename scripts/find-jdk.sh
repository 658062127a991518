# Sourced by ./braindrive, scripts/with-jdk and .ci/run: sets JAVA_HOME to a JDK >= 21.
# Order: $JAVA_HOME, `java` on the PATH, then the JDKs installed in the system's JVM folders (newest first).

braindrive_java_major() {
    # Prints the major version of the java binary $1, or nothing.
    "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}

braindrive_find_jdk() {
    local candidate major
    local candidates=()
    [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
    if command -v javac >/dev/null 2>&1; then
        candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")")
    fi
    for dir in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* /Library/Java/JavaVirtualMachines/*/Contents/Home \
               "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/*; do
        [ -d "$dir" ] && candidates+=("$dir")
    done
    local best="" best_major=0
    for candidate in "${candidates[@]}"; do
        [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
        major=$(braindrive_java_major "$candidate/bin/java")
        [ -n "$major" ] || continue
        if [ "$major" -ge 21 ]; then
            # The first acceptable one wins when it was chosen explicitly (JAVA_HOME); otherwise the newest.
            if [ "$candidate" = "${JAVA_HOME:-}" ]; then best="$candidate"; break; fi
            if [ "$major" -gt "$best_major" ]; then best="$candidate"; best_major="$major"; fi
        fi
    done
    if [ -z "$best" ]; then
        echo "braindrive: no JDK 21 or newer found (looked at JAVA_HOME, PATH and /usr/lib/jvm)." >&2
        echo "braindrive: install one (e.g. Temurin 21+) or set JAVA_HOME to it." >&2
        return 1
    fi
    export JAVA_HOME="$best"
    export PATH="$JAVA_HOME/bin:$PATH"
}
