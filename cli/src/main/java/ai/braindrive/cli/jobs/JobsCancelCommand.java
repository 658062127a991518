package ai.braindrive.cli.jobs;

import ai.braindrive.cli.ApiCommand;
import ai.braindrive.cli.http.RestClient;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code braindrive jobs cancel <id>}: a pending job stops at once, a running one within seconds. */
@Command(name = "cancel", description = "Cancel a pending or running job.")
final class JobsCancelCommand extends ApiCommand {
    @Parameters(paramLabel = "ID", description = "The job's id.")
    String id;

    @Override
    protected int run(RestClient client) {
        print(client.post(Jobs.path(id) + "/cancel", null), Jobs.DETAIL);
        return OK;
    }
}
