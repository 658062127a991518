package ai.braindrive.cli.jobs;

import ai.braindrive.cli.GroupCommand;

import picocli.CommandLine.Command;

/** {@code braindrive jobs <verb>}. */
@Command(name = "jobs", description = "Background jobs: list, inspect, follow, cancel, retry and delete them.",
        subcommands = {
            JobsListCommand.class,
            JobsShowCommand.class,
            JobsWatchCommand.class,
            JobsLogsCommand.class,
            JobsCancelCommand.class,
            JobsRetryCommand.class,
            JobsDeleteCommand.class,
        })
public final class JobsCommand extends GroupCommand {
}
