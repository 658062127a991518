package ai.braindrive.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The base of every leaf command: {@code --help}, {@code --verbose}, the exit codes, and helpers that keep data on
 * stdout ({@link #out()}) and diagnostics on stderr ({@link #info}, {@link #warn}, {@link #error}).
 */
@Command(mixinStandardHelpOptions = true, versionProvider = VersionProvider.class)
public abstract class BaseCommand implements Callable<Integer> {
    protected static final int OK = ExitCodes.OK;
    protected static final int FAILURE = ExitCodes.FAILURE;
    protected static final int USAGE = ExitCodes.USAGE;
    protected static final int NOT_AUTHENTICATED = ExitCodes.NOT_AUTHENTICATED;
    protected static final int NOT_FOUND = ExitCodes.NOT_FOUND;

    @Spec
    protected CommandSpec spec;

    @Option(names = "--verbose", description = "Show details and the stack trace of errors.")
    protected boolean verbose;

    public boolean verbose() {
        return verbose;
    }

    /** The outside world of this run (environment, stdin, terminal, config dir). */
    protected CliContext context() {
        return ((BrainDrive) spec.root().userObject()).context();
    }

    /** Data goes here. */
    protected PrintWriter out() {
        return spec.commandLine().getOut();
    }

    protected PrintWriter err() {
        return spec.commandLine().getErr();
    }

    protected void info(String message) {
        err().println(message);
        err().flush();
    }

    protected void warn(String message) {
        err().println("warning: " + message);
        err().flush();
    }

    protected void error(String message) {
        err().println("error: " + message);
        err().flush();
    }

    /** Shown only with {@code --verbose}. */
    protected void debug(String message) {
        if (verbose) {
            info(message);
        }
    }
}
