package ai.braindrive.cli.jobs;

import ai.braindrive.cli.ApiCommand;
import ai.braindrive.cli.http.RestClient;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code braindrive jobs delete <id>}: removes a finished job with its events and logs. */
@Command(name = "delete", description = "Delete a finished job with its events and logs.")
final class JobsDeleteCommand extends ApiCommand {
    @Parameters(paramLabel = "ID", description = "The job's id.")
    String id;

    @Override
    protected int run(RestClient client) {
        client.delete(Jobs.path(id));
        info("Deleted job " + id);
        return OK;
    }
}
