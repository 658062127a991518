package ai.braindrive.cli;

import ai.braindrive.cli.auth.LoginCommand;
import ai.braindrive.cli.auth.LogoutCommand;
import ai.braindrive.cli.auth.UsersCommand;
import ai.braindrive.cli.auth.WhoamiCommand;
import ai.braindrive.cli.jobs.JobsCommand;
import ai.braindrive.cli.serve.ServeCommand;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code braindrive}: the root command. A command group is registered by adding its class to {@code subcommands}.
 */
@Command(name = "braindrive", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "BrainDrive, your private AI workspace: run the server and manage it from the command line.",
        subcommands = {
            ServeCommand.class,
            LoginCommand.class,
            LogoutCommand.class,
            WhoamiCommand.class,
            UsersCommand.class,
            JobsCommand.class,
        },
        footerHeading = "%nExit codes:%n",
        footer = {
            "  0  ok",
            "  1  failure",
            "  2  usage error",
            "  3  not authenticated (run 'braindrive login')",
            "  4  not found",
        })
public final class BrainDrive implements Runnable {
    private final CliContext context;

    @Spec
    private CommandSpec spec;

    public BrainDrive(CliContext context) {
        this.context = context;
    }

    public CliContext context() {
        return context;
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing command");
    }

    public static void main(String[] args) {
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tF %1$tT %4$s %3$s: %5$s%6$s%n");
        }
        int exitCode = CommandLineFactory.create(CliContext.system()).execute(args);
        System.exit(exitCode);
    }
}
