package ai.braindrive.cli.jobs;

import ai.braindrive.cli.ApiCommand;
import ai.braindrive.cli.http.RestClient;
import ai.braindrive.cli.output.OutputFormat;
import ai.braindrive.server.http.Json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code braindrive jobs logs <id> [--follow]}: the job's log lines ({@code time level message}); with
 * {@code --follow}, new lines as they are written until the job finishes. With {@code -o json}, one JSON object
 * per line.
 */
@Command(name = "logs", description = "Print a job's log; --follow keeps printing new lines until it finishes.")
final class JobsLogsCommand extends ApiCommand {
    @Parameters(paramLabel = "ID", description = "The job's id.")
    String id;

    @Option(names = {"-f", "--follow"}, description = "Keep printing new lines until the job finishes.")
    boolean follow;

    @Override
    protected int run(RestClient client) {
        JsonNode job = client.get(Jobs.path(id));
        long last = 0;
        for (JsonNode line : client.get(Jobs.path(id) + "/logs?limit=5000").path("logs")) {
            print(line);
            last = line.path("seq").asLong();
        }
        if (!follow || Jobs.terminal(job.path("status").asText())) {
            return OK;
        }
        // Resume after the last line printed: the stream replays every later event, then continues live.
        try (JobEventStream stream = JobEventStream.open(client, id, last)) {
            for (JobEventStream.Event event : stream) {
                if (event.name().equals("log")) {
                    JsonNode data = event.data().path("data");
                    ObjectNode line = Json.MAPPER.createObjectNode();
                    line.put("seq", event.data().path("seq").asLong());
                    line.set("level", data.path("level"));
                    line.set("message", data.path("message"));
                    line.set("created_at", event.data().path("created_at"));
                    print(line);
                }
            }
        }
        return OK;
    }

    private void print(JsonNode line) {
        if (output == OutputFormat.json) {
            out().println(Json.write(line));
        } else {
            out().println(line.path("created_at").asText() + "  " + String.format("%-5s", line.path("level").asText())
                    + "  " + line.path("message").asText());
        }
        out().flush();
    }
}
