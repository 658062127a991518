package ai.braindrive.server.jobs;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

import ai.braindrive.server.http.ApiException;
import ai.braindrive.server.http.ApiRoutes;
import ai.braindrive.server.http.Checks;
import ai.braindrive.server.http.CurrentUser;
import ai.braindrive.server.http.FieldError;
import ai.braindrive.server.http.Json;
import ai.braindrive.server.http.Params;
import ai.braindrive.server.http.ValidationException;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** {@code /api/v1/jobs}: create, list, inspect, cancel, retry and delete a user's jobs; their events and logs. */
public final class JobService {
    static final int MAX_PRIORITY = 1000;

    private final JobEngine engine;
    private final JobRepository repository;
    private final JobStream stream;

    public JobService(JobEngine engine, JobRepository repository) {
        this.engine = engine;
        this.repository = repository;
        this.stream = new JobStream(engine, repository, engine.config().heartbeat());
    }

    public void routes(ApiRoutes routes) {
        routes.under("/api/v1/jobs")
                .get("", this::list)
                .post("", this::create)
                .get("/{id}/events/stream", stream::stream)
                .get("/{id}/events", this::events)
                .get("/{id}/logs", this::logs)
                .post("/{id}/cancel", this::cancel)
                .post("/{id}/retry", this::retry)
                .get("/{id}", this::get)
                .delete("/{id}", this::delete);
    }

    /** Ends every open event stream (the server is stopping); clients reconnect with Last-Event-ID. */
    public void closeStreams() {
        stream.closeAll();
    }

    record CreateJobBody(String jobType, JsonNode payload, Integer priority, String scheduledFor,
                         String idempotencyKey) {
    }

    record JobList(List<Job> jobs, long total, int skip, int limit) {
    }

    record EventList(String jobId, List<JobEvent> events) {
    }

    record LogList(String jobId, List<JobLogLine> logs) {
    }

    private void create(ServerRequest req, ServerResponse res) {
        CurrentUser user = CurrentUser.of(req);
        CreateJobBody body = Json.read(req, CreateJobBody.class);
        new Checks()
                .required("job_type", body.jobType())
                .length("job_type", body.jobType(), 1, 100)
                .range("priority", body.priority(), -MAX_PRIORITY, MAX_PRIORITY)
                .length("idempotency_key", body.idempotencyKey(), 1, 255)
                .check(body.payload() == null || body.payload().isNull() || body.payload().isObject(), "payload",
                        "Input should be a valid dictionary")
                .validate();
        JsonNode payload = body.payload() == null || body.payload().isNull() ? null : body.payload();
        JobRequest request = new JobRequest(body.jobType(), payload, body.priority() == null ? 0 : body.priority(),
                parseTime(body.scheduledFor()), body.idempotencyKey());
        JobEngine.Submission submission = engine.submit(user.id(), request);
        Json.send(res, submission.created() ? Status.CREATED_201 : Status.OK_200, submission.job());
    }

    /** ISO-8601 with an offset ({@code Z}, {@code +02:00}); without one the time is taken as UTC. */
    static Instant parseTime(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text.strip()).toInstant();
        } catch (DateTimeParseException withoutOffset) {
            try {
                return LocalDateTime.parse(text.strip()).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                throw ValidationException.of(FieldError.body("scheduled_for",
                        "Input should be a valid ISO-8601 datetime", "datetime_parsing"));
            }
        }
    }

    private void list(ServerRequest req, ServerResponse res) {
        CurrentUser user = CurrentUser.of(req);
        Params.PageRequest page = Params.paging(req, 50, 100);
        JobStatus status = Params.query(req, "status").map(value -> JobStatus.parse(value).orElseThrow(
                () -> ValidationException.of(FieldError.query("status", "Input should be "
                        + String.join(", ", JobStatus.WIRE_VALUES), "enum")))).orElse(null);
        String jobType = Params.query(req, "job_type").orElse(null);
        Json.send(res, new JobList(repository.list(user.id(), status, jobType, page.skip(), page.limit()),
                repository.count(user.id(), status, jobType), page.skip(), page.limit()));
    }

    private void get(ServerRequest req, ServerResponse res) {
        Json.send(res, owned(req));
    }

    private void cancel(ServerRequest req, ServerResponse res) {
        Json.send(res, engine.cancel(CurrentUser.of(req).id(), Params.path(req, "id")));
    }

    private void retry(ServerRequest req, ServerResponse res) {
        Json.send(res, engine.retry(CurrentUser.of(req).id(), Params.path(req, "id")));
    }

    private void delete(ServerRequest req, ServerResponse res) {
        engine.delete(CurrentUser.of(req).id(), Params.path(req, "id"));
        Json.send(res, Map.of("message", "Job deleted"));
    }

    private void events(ServerRequest req, ServerResponse res) {
        Job job = owned(req);
        int after = Params.intQuery(req, "after", 0, 0, Integer.MAX_VALUE);
        int limit = Params.intQuery(req, "limit", 100, 1, 1000);
        Json.send(res, new EventList(job.id(), repository.events(job.id(), after, limit)));
    }

    private void logs(ServerRequest req, ServerResponse res) {
        Job job = owned(req);
        int after = Params.intQuery(req, "after", 0, 0, Integer.MAX_VALUE);
        int limit = Params.intQuery(req, "limit", 500, 1, 5000);
        Json.send(res, new LogList(job.id(), repository.logs(job.id(), after, limit)));
    }

    private Job owned(ServerRequest req) {
        return repository.findOwned(CurrentUser.of(req).id(), Params.path(req, "id"))
                .orElseThrow(() -> ApiException.notFound("Job not found"));
    }
}
