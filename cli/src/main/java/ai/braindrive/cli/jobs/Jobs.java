package ai.braindrive.cli.jobs;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import ai.braindrive.cli.ExitCodes;
import ai.braindrive.cli.output.Table;

import com.fasterxml.jackson.databind.JsonNode;

/** How jobs print, where they live in the API, and what their statuses mean for an exit code. */
final class Jobs {
    static final String PATH = "/api/v1/jobs";

    static final Table TABLE = Table.of(
            Table.column("ID", "id"),
            Table.column("TYPE", "job_type"),
            Table.column("STATUS", "status"),
            Table.column("PROGRESS", job -> job.path("progress_percent").asInt() + "%"),
            Table.column("STAGE", "current_stage"),
            Table.column("CREATED", "created_at"));

    static final Table DETAIL = Table.of(
            Table.column("ID", "id"),
            Table.column("TYPE", "job_type"),
            Table.column("STATUS", "status"),
            Table.column("PROGRESS", job -> job.path("progress_percent").asInt() + "%"),
            Table.column("STAGE", "current_stage"),
            Table.column("MESSAGE", "message"),
            Table.column("ATTEMPTS", job -> job.path("attempts").asInt() + "/" + job.path("max_attempts").asInt()),
            Table.column("ERROR", "error"));

    private Jobs() {
    }

    static String path(String id) {
        return PATH + "/" + URLEncoder.encode(id, StandardCharsets.UTF_8);
    }

    static boolean terminal(String status) {
        return status.equals("completed") || status.equals("failed") || status.equals("cancelled");
    }

    /** 0 for a completed job, 1 for a failed or cancelled one. */
    static int exitCode(JsonNode job) {
        return job.path("status").asText().equals("completed") ? ExitCodes.OK : ExitCodes.FAILURE;
    }
}
