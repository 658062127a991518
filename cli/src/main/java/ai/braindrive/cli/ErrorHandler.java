package ai.braindrive.cli;

import java.io.PrintWriter;
import java.net.BindException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.util.HashSet;
import java.util.Set;

import ai.braindrive.server.db.DataDirLock;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IExitCodeExceptionMapper;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The one place where failures become output: one clear line on stderr ({@code error: ...}) and an exit code;
 * with {@code --verbose} also the stack trace. Usage errors print the problem and where to get help (exit 2).
 */
final class ErrorHandler implements IExecutionExceptionHandler, IExitCodeExceptionMapper, IParameterExceptionHandler {

    /** What the user is told, and the exit code. */
    record Failure(int exitCode, String message) {
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine commandLine, ParseResult parseResult) {
        Failure failure = describe(e);
        PrintWriter err = commandLine.getErr();
        if (commandLine.getCommand() instanceof BaseCommand command && command.verbose()) {
            e.printStackTrace(err);
        }
        err.println("error: " + failure.message());
        err.flush();
        return failure.exitCode();
    }

    @Override
    public int getExitCode(Throwable exception) {
        return describe(exception).exitCode();
    }

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine commandLine = e.getCommandLine();
        PrintWriter err = commandLine.getErr();
        err.println("error: " + e.getMessage());
        UnmatchedArgumentException.printSuggestions(e, err);
        err.println("Run '" + commandLine.getCommandSpec().qualifiedName() + " --help' for usage.");
        err.flush();
        return ExitCodes.USAGE;
    }

    /** Finds the cause that explains the failure and says it in one line. */
    static Failure describe(Throwable e) {
        Set<Throwable> seen = new HashSet<>();
        for (Throwable t = e; t != null && seen.add(t); t = t.getCause()) {
            if (t instanceof CliException cli) {
                return new Failure(cli.exitCode(), cli.getMessage());
            }
            if (t instanceof DataDirLock.DataDirInUseException inUse) {
                return new Failure(ExitCodes.FAILURE, inUse.getMessage());
            }
            if (t instanceof ParameterException usage) {
                return new Failure(ExitCodes.USAGE, usage.getMessage());
            }
            if (t instanceof BindException bind) {
                return new Failure(ExitCodes.FAILURE, "Cannot listen: " + bind.getMessage());
            }
            if (t instanceof ConnectException) {
                return new Failure(ExitCodes.FAILURE, "Cannot connect to the BrainDrive server (connection refused)");
            }
            if (t instanceof HttpTimeoutException) {
                return new Failure(ExitCodes.FAILURE, "The BrainDrive server did not answer in time");
            }
            if (t instanceof UnknownHostException unknown) {
                return new Failure(ExitCodes.FAILURE, "Unknown host: " + unknown.getMessage());
            }
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null || root.getMessage().isBlank()
                ? root.getClass().getSimpleName()
                : root.getMessage().lines().findFirst().orElse("").strip();
        return new Failure(ExitCodes.FAILURE, message + " (run with --verbose for details)");
    }
}
