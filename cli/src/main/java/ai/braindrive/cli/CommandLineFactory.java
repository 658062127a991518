package ai.braindrive.cli;

import java.io.PrintWriter;

import picocli.CommandLine;

/**
 * Builds the configured {@code braindrive} command line: exit codes, the one error handler, out and err.
 * {@code main} and the tests both use it, so tests run commands in-process and see exactly what a user sees.
 */
public final class CommandLineFactory {
    private CommandLineFactory() {
    }

    public static CommandLine create(CliContext context) {
        return create(context, null, null);
    }

    /** With {@code out}/{@code err} null, the process's stdout/stderr are used. */
    public static CommandLine create(CliContext context, PrintWriter out, PrintWriter err) {
        ErrorHandler errors = new ErrorHandler();
        CommandLine commandLine = new CommandLine(new BrainDrive(context))
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExitCodeExceptionMapper(errors)
                .setExecutionExceptionHandler(errors)
                .setParameterExceptionHandler(errors);
        if (out != null) {
            commandLine.setOut(out);
        }
        if (err != null) {
            commandLine.setErr(err);
        }
        return commandLine;
    }
}
