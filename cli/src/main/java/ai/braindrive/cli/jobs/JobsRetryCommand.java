package ai.braindrive.cli.jobs;

import ai.braindrive.cli.ApiCommand;
import ai.braindrive.cli.http.RestClient;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code braindrive jobs retry <id>}: puts a failed or cancelled job back in the queue. */
@Command(name = "retry", description = "Run a failed or cancelled job again.")
final class JobsRetryCommand extends ApiCommand {
    @Parameters(paramLabel = "ID", description = "The job's id.")
    String id;

    @Override
    protected int run(RestClient client) {
        print(client.post(Jobs.path(id) + "/retry", null), Jobs.DETAIL);
        return OK;
    }
}
