package ai.braindrive.cli.auth;

import ai.braindrive.cli.GroupCommand;

import picocli.CommandLine.Command;

/** {@code braindrive users <verb>}. */
@Command(name = "users", description = "Manage users.", subcommands = {
    UsersCreateCommand.class,
})
public final class UsersCommand extends GroupCommand {
}
