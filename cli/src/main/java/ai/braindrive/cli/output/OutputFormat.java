package ai.braindrive.cli.output;

/** {@code --output}: a table for people, JSON for scripts. */
public enum OutputFormat {
    table,
    json
}
