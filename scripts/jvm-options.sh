# Sourced by ./braindrive and bench/startup.sh: the JVM flags BrainDrive runs with (measured in BENCHMARKS.md).
# Extra flags can be added with BRAINDRIVE_JAVA_OPTS.

braindrive_jvm_options() {
    echo "--enable-native-access=ALL-UNNAMED"
}
