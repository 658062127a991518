package ai.braindrive.cli.jobs;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import ai.braindrive.cli.ApiCommand;
import ai.braindrive.cli.http.RestClient;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code braindrive jobs list [--status S] [--type T] [--limit N]}: the newest jobs first. */
@Command(name = "list", description = "List your jobs, newest first.")
final class JobsListCommand extends ApiCommand {
    @Option(names = "--status", paramLabel = "STATUS",
            description = "Only jobs in this status: pending, running, completed, failed or cancelled.")
    String status;

    @Option(names = "--type", paramLabel = "TYPE", description = "Only jobs of this type.")
    String type;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "50", description = "At most N jobs (1-100).")
    int limit;

    @Override
    protected int run(RestClient client) {
        StringBuilder query = new StringBuilder("?limit=").append(limit);
        if (status != null) {
            query.append("&status=").append(URLEncoder.encode(status, StandardCharsets.UTF_8));
        }
        if (type != null) {
            query.append("&job_type=").append(URLEncoder.encode(type, StandardCharsets.UTF_8));
        }
        print(client.get(Jobs.PATH + query).path("jobs"), Jobs.TABLE);
        return OK;
    }
}
