package ai.braindrive.cli.jobs;

import ai.braindrive.cli.ApiCommand;
import ai.braindrive.cli.http.RestClient;
import ai.braindrive.cli.output.OutputFormat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code braindrive jobs watch <id>}: follows a job's events live (a progress bar on a terminal, a line per change
 * otherwise) until it finishes. Exit 0 when it completes, 1 when it fails or is cancelled. A dropped stream is
 * resumed where it stopped.
 */
@Command(name = "watch", description = "Follow a job until it finishes. Exit 0 when it completes, 1 when it "
        + "fails or is cancelled.")
final class JobsWatchCommand extends ApiCommand {
    private static final int MAX_RECONNECTS = 5;

    @Parameters(paramLabel = "ID", description = "The job's id.")
    String id;

    @Override
    protected int run(RestClient client) throws InterruptedException {
        ObjectNode job = (ObjectNode) client.get(Jobs.path(id));
        try (ProgressView view = output == OutputFormat.json ? ProgressView.silent()
                : ProgressView.create(context(), out())) {
            Long resumeAfter = null;
            int reconnects = 0;
            while (!Jobs.terminal(job.path("status").asText())) {
                try (JobEventStream stream = JobEventStream.open(client, id, resumeAfter)) {
                    for (JobEventStream.Event event : stream) {
                        apply(job, event, view);
                        if (event.seq() >= 0) {
                            resumeAfter = event.seq();
                        }
                    }
                }
                if (!Jobs.terminal(job.path("status").asText())) {
                    if (++reconnects > MAX_RECONNECTS) {
                        error("Lost the event stream of job " + id);
                        return FAILURE;
                    }
                    Thread.sleep(1000L * reconnects);
                    client.get(Jobs.path(id)); // refreshes the login if it expired meanwhile
                }
            }
            JsonNode last = client.get(Jobs.path(id));
            view.finish(last);
            if (output == OutputFormat.json) {
                print(last, Jobs.DETAIL);
            }
            return Jobs.exitCode(last);
        }
    }

    private static void apply(ObjectNode job, JobEventStream.Event event, ProgressView view) {
        JsonNode data = event.data().path("data");
        switch (event.name()) {
            case "snapshot" -> job.setAll((ObjectNode) event.data());
            case "progress" -> {
                job.put("progress_percent", data.path("progress_percent").asInt());
                job.set("current_stage", data.path("stage"));
                job.set("message", data.path("message"));
            }
            case "status" -> {
                job.put("status", data.path("status").asText());
                if (data.has("error")) {
                    job.set("error", data.get("error"));
                }
            }
            case "log" -> view.log(data.path("level").asText(), data.path("message").asText());
            default -> { }
        }
        view.show(job);
    }
}
