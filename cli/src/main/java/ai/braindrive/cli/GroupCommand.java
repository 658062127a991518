package ai.braindrive.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** A noun ({@code braindrive users}): it only lists its verbs; run without one it is a usage error. */
@Command(mixinStandardHelpOptions = true, versionProvider = VersionProvider.class)
public abstract class GroupCommand implements Runnable {
    @Spec
    protected CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing subcommand: one of "
                + String.join(", ", spec.subcommands().keySet()));
    }
}
