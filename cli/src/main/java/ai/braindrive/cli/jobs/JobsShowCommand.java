package ai.braindrive.cli.jobs;

import ai.braindrive.cli.ApiCommand;
import ai.braindrive.cli.http.RestClient;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code braindrive jobs show <id>}. */
@Command(name = "show", description = "Show one job.")
final class JobsShowCommand extends ApiCommand {
    @Parameters(paramLabel = "ID", description = "The job's id.")
    String id;

    @Override
    protected int run(RestClient client) {
        print(client.get(Jobs.path(id)), Jobs.DETAIL);
        return OK;
    }
}
