package ai.braindrive.server.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.Predicate;

import ai.braindrive.server.db.Database;
import ai.braindrive.server.db.Ids;
import ai.braindrive.server.http.Json;
import ai.braindrive.server.testing.ApiClient;
import ai.braindrive.server.testing.TestServer;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class JobsTest {
    private static final String JOBS = "/api/v1/jobs";
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(config -> config.withConfig(jobsConfig(Map.of())));
        server.server().application().jobs()
                .register(new TestHandlers.Gate())
                .register(TestHandlers.Flaky.manual())
                .register(TestHandlers.Flaky.automatic())
                .register(new TestHandlers.Upstream());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** One job at a time for {@code test.gate} (so claim order is observable), fast SSE heartbeats. */
    static Config jobsConfig(Map<String, String> extra) {
        Map<String, String> values = new HashMap<>(Map.of(
                "jobs.types.0.type", TestHandlers.Gate.TYPE,
                "jobs.types.0.concurrency", "1",
                "jobs.heartbeat", "PT0.3S",
                "jobs.shutdown-grace", "PT0.2S"));
        values.putAll(extra);
        return Config.builder().disableEnvironmentVariablesSource().disableSystemPropertiesSource()
                .addSource(ConfigSources.create(values)).build();
    }

    // Creating and validating.

    @Test
    void creatingASleepJobRunsItToCompletionWithProgressAndResult() {
        ApiClient alice = server.newUser();
        JsonNode created = alice.post(JOBS, Map.of("job_type", "system.sleep", "payload", Map.of("seconds", 0),
                "priority", 1)).expect(201).json();
        assertEquals("system.sleep", created.path("job_type").asText());
        assertEquals("pending", created.path("status").asText());
        assertEquals(1, created.path("priority").asInt());
        assertEquals(0, created.path("payload").path("seconds").asInt());
        assertEquals(0, created.path("attempts").asInt());
        assertTrue(created.path("scheduled_for").isTextual());

        JsonNode done = await(alice, created.path("id").asText(), job -> status(job).equals("completed"));
        assertEquals(100, done.path("progress_percent").asInt());
        assertEquals("done", done.path("current_stage").asText());
        assertEquals(0.0, done.path("result").path("slept_seconds").asDouble());
        assertTrue(done.path("error").isNull());
        assertEquals(1, done.path("attempts").asInt());
        assertTrue(done.path("started_at").isTextual());
        assertTrue(done.path("completed_at").isTextual());
        assertEquals(done, alice.get(JOBS + "/" + done.path("id").asText()).expect(200).json());
    }

    @Test
    void unknownJobTypesAndBadPayloadsAreRefusedWith422() {
        ApiClient alice = server.newUser();
        ApiClient.Response unknown = alice.post(JOBS, Map.of("job_type", "no.such.type", "payload", Map.of()))
                .expect(422);
        assertEquals(List.of("body", "job_type"), locOf(unknown));
        assertEquals(List.of("body", "payload", "seconds"),
                locOf(alice.post(JOBS, Map.of("job_type", "system.sleep", "payload", Map.of())).expect(422)));
        alice.post(JOBS, Map.of("job_type", "system.sleep", "payload", Map.of("seconds", -1))).expect(422);
        alice.post(JOBS, Map.of("job_type", "system.sleep", "payload", Map.of("seconds", 3601))).expect(422);
        alice.post(JOBS, Map.of("job_type", "system.sleep", "payload", Map.of("seconds", "ten"))).expect(422);
        alice.post(JOBS, Map.of("job_type", "system.sleep", "payload", List.of(1))).expect(422);
        assertEquals(List.of("body", "job_type"), locOf(alice.post(JOBS, Map.of("payload", Map.of())).expect(422)));
        alice.post(JOBS, Map.of("job_type", "system.sleep", "payload", Map.of("seconds", 0), "priority", "high"))
                .expect(422);
        assertEquals(List.of("body", "scheduled_for"), locOf(alice.post(JOBS, Map.of("job_type", "system.sleep",
                "payload", Map.of("seconds", 0), "scheduled_for", "tomorrow")).expect(422)));
        alice.post(JOBS, Map.of("job_type", "system.sleep", "payload", Map.of("seconds", 0),
                "idempotency_key", "k".repeat(256))).expect(422);
        alice.post(JOBS, "{not json").expect(422);
        assertEquals(0, alice.get(JOBS).expect(200).json().path("total").asInt());
    }

    // Scheduling and ordering.

    @Test
    void higherPriorityRunsFirstThenEarlierDueTimeThenAge() throws Exception {
        ApiClient alice = server.newUser();
        CountDownLatch blocker = TestHandlers.Gate.close("prio-blocker");
        String blockerId = create(alice, gate("prio-blocker", 0)).path("id").asText();
        await(alice, blockerId, job -> status(job).equals("running"));

        Instant past = Instant.now().minusSeconds(60);
        List<String> ids = new ArrayList<>();
        ids.add(create(alice, gate("prio-low", -5)).path("id").asText());
        ids.add(create(alice, gate("prio-normal-new", 0)).path("id").asText());
        ids.add(create(alice, gate("prio-high-1", 5)).path("id").asText());
        ids.add(create(alice, gate("prio-high-2", 5)).path("id").asText());
        Map<String, Object> olderDue = new HashMap<>(gate("prio-normal-due-earlier", 0));
        olderDue.put("scheduled_for", past.toString());
        ids.add(create(alice, olderDue).path("id").asText());
        for (String id : ids) {
            assertEquals("pending", status(alice.get(JOBS + "/" + id).expect(200).json()));
        }
        TestHandlers.Gate.STARTED.clear();
        blocker.countDown();
        for (String id : ids) {
            await(alice, id, job -> status(job).equals("completed"));
        }
        assertEquals(List.of("prio-high-1", "prio-high-2", "prio-normal-due-earlier", "prio-normal-new", "prio-low"),
                TestHandlers.Gate.STARTED.stream().filter(name -> name.startsWith("prio-")).toList());
    }

    @Test
    void aJobScheduledForTheFutureDoesNotStartBeforeItsTime() {
        ApiClient alice = server.newUser();
        Instant due = Ids.now().plusMillis(1500);
        JsonNode created = create(alice, Map.of("job_type", "system.sleep", "payload", Map.of("seconds", 0),
                "scheduled_for", due.toString()));
        assertEquals(due.toString(), created.path("scheduled_for").asText());
        assertEquals("pending", status(alice.get(JOBS + "/" + created.path("id").asText()).expect(200).json()));
        JsonNode done = await(alice, created.path("id").asText(), job -> status(job).equals("completed"));
        assertFalse(Instant.parse(done.path("started_at").asText()).isBefore(due),
                "started " + done.path("started_at").asText() + " before " + due);
    }

    // Cancel.

    @Test
    void cancellingAPendingJobEndsItAtOnce() {
        ApiClient alice = server.newUser();
        String id = create(alice, Map.of("job_type", "system.sleep", "payload", Map.of("seconds", 0),
                "scheduled_for", Instant.now().plusSeconds(3600).toString())).path("id").asText();
        JsonNode cancelled = alice.post(JOBS + "/" + id + "/cancel", null).expect(200).json();
        assertEquals("cancelled", status(cancelled));
        assertEquals("Cancelled by user", cancelled.path("error").asText());
        assertTrue(cancelled.path("completed_at").isTextual());
        assertTrue(cancelled.path("started_at").isNull());
        assertEquals("Job is already cancelled and cannot be cancelled",
                alice.post(JOBS + "/" + id + "/cancel", null).expect(409).detail());
    }

    @Test
    void cancellingARunningSleepStopsItWithinSeconds() {
        ApiClient alice = server.newUser();
        String id = create(alice, sleep(600)).path("id").asText();
        await(alice, id, job -> status(job).equals("running"));
        JsonNode cancelled = alice.post(JOBS + "/" + id + "/cancel", null).expect(200).json();
        assertEquals("cancelled", status(cancelled), cancelled.toString());
        assertTrue(cancelled.path("result").isNull());
        List<String> statuses = eventStatuses(alice, id);
        assertEquals(List.of("pending", "running", "cancelled"), statuses);
    }

    @Test
    void cancellingClosesTheResourcesARunningHandlerRegistered() {
        ApiClient alice = server.newUser();
        String id = create(alice, Map.of("job_type", "test.upstream", "payload", Map.of())).path("id").asText();
        await(alice, id, job -> job.path("current_stage").asText().equals("downloading"));
        JsonNode cancelled = alice.post(JOBS + "/" + id + "/cancel", null).expect(200).json();
        assertEquals("cancelled", status(cancelled), cancelled.toString());
        assertEquals(10, cancelled.path("progress_percent").asInt());
    }

    @Test
    void cancellingAFinishedJobIsAConflict() {
        ApiClient alice = server.newUser();
        String id = create(alice, sleep(0)).path("id").asText();
        await(alice, id, job -> status(job).equals("completed"));
        assertEquals("Job is already completed and cannot be cancelled",
                alice.post(JOBS + "/" + id + "/cancel", null).expect(409).detail());
    }

    // Retry.

    @Test
    void aFailedJobCanBeRetriedAndThenCompletes() {
        ApiClient alice = server.newUser();
        String id = create(alice, Map.of("job_type", "test.flaky", "payload", Map.of("fail_until_attempt", 1)))
                .path("id").asText();
        JsonNode failed = await(alice, id, job -> status(job).equals("failed"));
        assertEquals("boom on attempt 1", failed.path("error").asText());
        assertEquals(1, failed.path("attempts").asInt());
        assertEquals(1, failed.path("max_attempts").asInt());

        JsonNode retried = alice.post(JOBS + "/" + id + "/retry", null).expect(200).json();
        assertEquals(id, retried.path("id").asText());
        assertTrue(List.of("pending", "running", "completed").contains(status(retried)), retried.toString());
        JsonNode done = await(alice, id, job -> status(job).equals("completed"));
        assertEquals(2, done.path("attempts").asInt());
        assertEquals(2, done.path("result").path("attempt").asInt());
        assertTrue(done.path("error").isNull());

        List<String> logs = new ArrayList<>();
        alice.get(JOBS + "/" + id + "/logs").expect(200).json().path("logs")
                .forEach(line -> logs.add(line.path("level").asText() + ":" + line.path("message").asText()));
        assertEquals(List.of("info:attempt 1", "error:boom on attempt 1", "info:attempt 2"), logs);
        JsonNode after = alice.get(JOBS + "/" + id + "/logs?after="
                + alice.get(JOBS + "/" + id + "/logs").json().path("logs").get(1).path("seq").asLong())
                .expect(200).json().path("logs");
        assertEquals(1, after.size());
        assertEquals("attempt 2", after.get(0).path("message").asText());
        assertTrue(after.get(0).path("created_at").isTextual());
    }

    @Test
    void aCancelledJobCanBeRetried() {
        ApiClient alice = server.newUser();
        String id = create(alice, Map.of("job_type", "system.sleep", "payload", Map.of("seconds", 0),
                "scheduled_for", Instant.now().plusSeconds(3600).toString())).path("id").asText();
        alice.post(JOBS + "/" + id + "/cancel", null).expect(200);
        alice.post(JOBS + "/" + id + "/retry", null).expect(200);
        JsonNode done = await(alice, id, job -> status(job).equals("completed"));
        assertEquals(1, done.path("attempts").asInt());
    }

    @Test
    void retryingARunningOrCompletedJobIsAConflict() {
        ApiClient alice = server.newUser();
        String running = create(alice, sleep(600)).path("id").asText();
        await(alice, running, job -> status(job).equals("running"));
        assertEquals("Only failed or cancelled jobs can be retried (job is running)",
                alice.post(JOBS + "/" + running + "/retry", null).expect(409).detail());
        alice.post(JOBS + "/" + running + "/cancel", null).expect(200);

        String completed = create(alice, sleep(0)).path("id").asText();
        await(alice, completed, job -> status(job).equals("completed"));
        alice.post(JOBS + "/" + completed + "/retry", null).expect(409);
    }

    @Test
    void handlersWithARetryPolicyAreRetriedAutomaticallyWithBackoff() {
        ApiClient alice = server.newUser();
        String id = create(alice, Map.of("job_type", "test.autoretry", "payload", Map.of("fail_until_attempt", 2)))
                .path("id").asText();
        JsonNode done = await(alice, id, job -> status(job).equals("completed"));
        assertEquals(3, done.path("attempts").asInt());
        assertEquals(3, done.path("max_attempts").asInt());
        assertEquals(List.of("pending", "running", "pending", "running", "pending", "running", "completed"),
                eventStatuses(alice, id));

        String hopeless = create(alice, Map.of("job_type", "test.autoretry",
                "payload", Map.of("fail_until_attempt", 10))).path("id").asText();
        JsonNode failed = await(alice, hopeless, job -> status(job).equals("failed"));
        assertEquals(3, failed.path("attempts").asInt());
        assertEquals("boom on attempt 3", failed.path("error").asText());
    }

    // Idempotency.

    @Test
    void anIdempotencyKeyReturnsTheExistingJobUntilItFailsOrIsCancelled() {
        ApiClient alice = server.newUser();
        Map<String, Object> body = Map.of("job_type", "system.sleep", "payload", Map.of("seconds", 0),
                "scheduled_for", Instant.now().plusSeconds(3600).toString(), "idempotency_key", "install-42");
        String first = alice.post(JOBS, body).expect(201).json().path("id").asText();
        JsonNode again = alice.post(JOBS, body).expect(200).json();
        assertEquals(first, again.path("id").asText());
        assertEquals("install-42", again.path("idempotency_key").asText());

        // Another user's key space is separate.
        ApiClient bob = server.newUser();
        assertNotEquals(first, bob.post(JOBS, body).expect(201).json().path("id").asText());

        alice.post(JOBS + "/" + first + "/cancel", null).expect(200);
        String second = alice.post(JOBS, body).expect(201).json().path("id").asText();
        assertNotEquals(first, second);
        assertEquals(second, alice.post(JOBS, body).expect(200).json().path("id").asText());
        alice.post(JOBS + "/" + second + "/cancel", null).expect(200);
        bob.get(JOBS + "?status=pending").json().path("jobs")
                .forEach(job -> bob.post(JOBS + "/" + job.path("id").asText() + "/cancel", null).expect(200));
    }

    // Listing, events, logs, delete, isolation.

    @Test
    void listingFiltersByStatusAndTypeWithPaging() {
        ApiClient alice = server.newUser();
        String a = create(alice, sleep(0)).path("id").asText();
        String b = create(alice, sleep(0)).path("id").asText();
        String later = create(alice, Map.of("job_type", "system.sleep", "payload", Map.of("seconds", 0),
                "scheduled_for", Instant.now().plusSeconds(3600).toString())).path("id").asText();
        await(alice, a, job -> status(job).equals("completed"));
        await(alice, b, job -> status(job).equals("completed"));

        JsonNode all = alice.get(JOBS).expect(200).json();
        assertEquals(3, all.path("total").asInt());
        assertEquals(0, all.path("skip").asInt());
        assertEquals(50, all.path("limit").asInt());
        assertEquals(later, all.path("jobs").get(0).path("id").asText());

        JsonNode completed = alice.get(JOBS + "?status=completed&job_type=system.sleep").expect(200).json();
        assertEquals(2, completed.path("total").asInt());
        JsonNode page = alice.get(JOBS + "?status=completed&skip=1&limit=1").expect(200).json();
        assertEquals(2, page.path("total").asInt());
        assertEquals(1, page.path("jobs").size());
        assertEquals(a, page.path("jobs").get(0).path("id").asText());
        assertEquals(1, alice.get(JOBS + "/?status=pending").expect(200).json().path("total").asInt());
        assertEquals(0, alice.get(JOBS + "?job_type=test.flaky").expect(200).json().path("total").asInt());
        assertEquals(List.of("query", "status"), locOf(alice.get(JOBS + "?status=finished").expect(422)));
        alice.get(JOBS + "?limit=101").expect(422);
        alice.post(JOBS + "/" + later + "/cancel", null).expect(200);
    }

    @Test
    void eventsAreNumberedInOrderAndCanBeReadAfterASequence() {
        ApiClient alice = server.newUser();
        String id = create(alice, sleep(0)).path("id").asText();
        await(alice, id, job -> status(job).equals("completed"));
        JsonNode events = alice.get(JOBS + "/" + id + "/events").expect(200).json().path("events");
        List<String> types = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            assertEquals(i + 1, events.get(i).path("seq").asInt());
            assertEquals(id, events.get(i).path("job_id").asText());
            assertTrue(events.get(i).path("data").path("recorded_at").isTextual());
            types.add(events.get(i).path("event_type").asText());
        }
        assertEquals(List.of("status", "status", "log", "progress", "result", "status"), types);
        assertEquals("Sleeping 0 s", events.get(2).path("data").path("message").asText());
        assertEquals(100, events.get(3).path("data").path("progress_percent").asInt());

        JsonNode after = alice.get(JOBS + "/" + id + "/events?after=4&limit=1").expect(200).json().path("events");
        assertEquals(1, after.size());
        assertEquals(5, after.get(0).path("seq").asInt());
        assertEquals("result", after.get(0).path("event_type").asText());
        alice.get(JOBS + "/" + id + "/events?after=-1").expect(422);
    }

    @Test
    void onlyFinishedJobsCanBeDeletedAndTheirEventsGoWithThem() {
        ApiClient alice = server.newUser();
        String pending = create(alice, Map.of("job_type", "system.sleep", "payload", Map.of("seconds", 0),
                "scheduled_for", Instant.now().plusSeconds(3600).toString())).path("id").asText();
        assertEquals("Only completed, failed or cancelled jobs can be deleted (job is pending)",
                alice.delete(JOBS + "/" + pending).expect(409).detail());
        String running = create(alice, sleep(600)).path("id").asText();
        await(alice, running, job -> status(job).equals("running"));
        alice.delete(JOBS + "/" + running).expect(409);
        alice.post(JOBS + "/" + running + "/cancel", null).expect(200);
        assertEquals("Job deleted", alice.delete(JOBS + "/" + running).expect(200).json().path("message").asText());
        alice.get(JOBS + "/" + running).expect(404);
        alice.get(JOBS + "/" + running + "/events").expect(404);
        alice.get(JOBS + "/" + running + "/logs").expect(404);
        alice.delete(JOBS + "/" + running).expect(404);
        alice.post(JOBS + "/" + pending + "/cancel", null).expect(200);
        alice.delete(JOBS + "/" + pending).expect(200);
        assertEquals(0, alice.get(JOBS).json().path("total").asInt());
        alice.get(JOBS + "/not-a-uuid").expect(404);
    }

    @Test
    void anotherUsersJobIsNotFound() {
        ApiClient alice = server.newUser();
        ApiClient bob = server.newUser();
        String id = create(alice, sleep(0)).path("id").asText();
        await(alice, id, job -> status(job).equals("completed"));
        String base = JOBS + "/" + id;
        assertEquals("Job not found", bob.get(base).expect(404).detail());
        bob.get(base + "/events").expect(404);
        bob.get(base + "/events/stream").expect(404);
        bob.get(base + "/logs").expect(404);
        bob.post(base + "/cancel", null).expect(404);
        bob.post(base + "/retry", null).expect(404);
        bob.delete(base).expect(404);
        assertEquals(0, bob.get(JOBS).json().path("total").asInt());
        alice.get(base).expect(200);
        server.anonymous().get(JOBS).expect(401);
    }

    // Server-Sent Events.

    @Test
    void theStreamSendsASnapshotThenEveryEventLiveAndEndsWhenTheJobFinishes() throws Exception {
        ApiClient alice = server.newUser();
        CountDownLatch gate = TestHandlers.Gate.close("sse-live");
        String id = create(alice, Map.of("job_type", TestHandlers.Gate.TYPE, "payload", Map.of("name", "sse-live")))
                .path("id").asText();
        try (SseReader stream = SseReader.open(server.baseUrl() + JOBS + "/" + id + "/events/stream", null,
                "Authorization", "Bearer " + alice.bearerToken())) {
            assertEquals(200, stream.response().statusCode());
            assertEquals("text/event-stream", stream.response().headers().firstValue("content-type").orElseThrow()
                    .split(";")[0]);
            assertEquals("no-cache", stream.response().headers().firstValue("cache-control").orElseThrow());
            assertEquals("no", stream.response().headers().firstValue("x-accel-buffering").orElseThrow());

            SseReader.Sse snapshot = stream.nextEvent(10);
            assertEquals("snapshot", snapshot.name());
            assertEquals(id, snapshot.json().path("id").asText());
            long snapshotSeq = Long.parseLong(snapshot.id());

            // The handler now waits at its gate: the stream stays open and sends heartbeats.
            await(alice, id, job -> status(job).equals("running"));
            SseReader.Sse comment;
            do {
                comment = stream.next(10);
            } while (comment.name() != null);
            assertEquals("heartbeat", comment.comment());

            gate.countDown();
            List<SseReader.Sse> events = stream.awaitEnd(20).stream()
                    .filter(sse -> sse.name() != null && !sse.name().equals("snapshot")).toList();
            SseReader.Sse last = events.getLast();
            assertEquals("status", last.name());
            assertEquals("completed", last.json().path("data").path("status").asText());
            assertEquals(contiguousFrom(snapshotSeq + 1, events.size()), ids(events));
            assertEquals(storedSeqsAfter(alice, id, snapshotSeq), ids(events));
            assertTrue(events.stream().anyMatch(sse -> sse.name().equals("log")
                    && sse.json().path("data").path("message").asText().equals("passed sse-live")));
        }
    }

    @Test
    void aReconnectingStreamResumesAfterLastEventIdWithoutGapsOrDuplicates() throws Exception {
        ApiClient alice = server.newUser();
        String id = create(alice, sleep(0)).path("id").asText();
        await(alice, id, job -> status(job).equals("completed"));
        String url = server.baseUrl() + JOBS + "/" + id + "/events/stream";

        try (SseReader fresh = SseReader.open(url, null, "Authorization", "Bearer " + alice.bearerToken())) {
            List<SseReader.Sse> all = fresh.awaitEnd(10);
            assertEquals(1, all.size(), "a finished job streams its snapshot and ends: " + all);
            assertEquals("completed", all.getFirst().json().path("status").asText());
            assertEquals("6", all.getFirst().id());
        }
        try (SseReader resumed = SseReader.open(url, null, "Authorization", "Bearer " + alice.bearerToken(),
                "Last-Event-ID", "2")) {
            List<SseReader.Sse> all = resumed.awaitEnd(10);
            assertEquals("snapshot", all.getFirst().name());
            assertNull(all.getFirst().id(), "a resumed stream's snapshot must not move the client's cursor");
            List<SseReader.Sse> events = all.subList(1, all.size());
            assertEquals(List.of(3L, 4L, 5L, 6L), ids(events));
            assertEquals(List.of("log", "progress", "result", "status"),
                    events.stream().map(SseReader.Sse::name).toList());
            assertEquals(6, events.getLast().json().path("seq").asInt());
        }
        try (SseReader junk = SseReader.open(url, null, "Authorization", "Bearer " + alice.bearerToken(),
                "Last-Event-ID", "abc")) {
            assertEquals(422, junk.response().statusCode());
        }
    }

    @Test
    void aBrowserCanStreamWithItsSessionCookie() throws Exception {
        ApiClient alice = server.newUser("cookie_" + Ids.newId().substring(0, 8));
        String email = alice.get("/api/v1/auth/me").json().path("email").asText();
        ApiClient browser = server.anonymous().loginWithCookies(email, "correct horse battery");
        String id = create(browser, sleep(0)).path("id").asText();
        try (SseReader stream = SseReader.open(server.baseUrl() + JOBS + "/" + id + "/events/stream",
                browser.cookies())) {
            assertEquals(200, stream.response().statusCode());
            List<SseReader.Sse> events = stream.awaitEnd(20);
            assertEquals("snapshot", events.getFirst().name());
            assertEquals("completed", events.getLast().name().equals("snapshot")
                    ? events.getLast().json().path("status").asText()
                    : events.getLast().json().path("data").path("status").asText());
        }
        try (SseReader anonymous = SseReader.open(server.baseUrl() + JOBS + "/" + id + "/events/stream", null)) {
            assertEquals(401, anonymous.response().statusCode());
        }
    }

    // Shutdown and crash recovery.

    @Test
    void stoppingTheServerEndsOpenStreamsWithoutWaitingForTheGracePeriod() throws Exception {
        try (TestServer other = TestServer.start()) {
            ApiClient erin = other.newUser();
            String id = create(erin, Map.of("job_type", "system.sleep", "payload", Map.of("seconds", 0),
                    "scheduled_for", Instant.now().plusSeconds(3600).toString())).path("id").asText();
            try (SseReader stream = SseReader.open(other.baseUrl() + JOBS + "/" + id + "/events/stream", null,
                    "Authorization", "Bearer " + erin.bearerToken())) {
                assertEquals("snapshot", stream.nextEvent(10).name());
                other.stop();
                // The web server's graceful stop waits 10 s for open requests: the stream must end well before.
                assertEquals(1, stream.awaitEnd(5).size());
            }
        }
    }

    @Test
    void shutdownLetsShortJobsFinishAndFailsTheRestLikeACrashedProcessLeftThem() throws Exception {
        Path dir = TestServer.newDataDir();
        try {
            String userId;
            String interrupted;
            String finishedInGrace;
            String recent;
            try (TestServer first = TestServer.startOn(dir,
                    config -> config.withConfig(jobsConfig(Map.of("jobs.shutdown-grace", "PT3S"))))) {
                ApiClient carol = first.newUser("carol");
                userId = carol.userId();
                interrupted = create(carol, sleep(600)).path("id").asText();
                finishedInGrace = create(carol, Map.of("job_type", "system.sleep",
                        "payload", Map.of("seconds", 1))).path("id").asText();
                await(carol, interrupted, job -> status(job).equals("running"));
                await(carol, finishedInGrace, job -> status(job).equals("running"));
                recent = create(carol, sleep(0)).path("id").asText();
                await(carol, recent, job -> status(job).equals("completed"));
            }
            // Rows a killed process left behind: a running job, and a job finished long ago.
            String crashed = Ids.newId();
            String old = Ids.newId();
            try (Database db = Database.openDerby(dir.resolve("db"), 2)) {
                JobRepository repository = new JobRepository(db);
                Instant now = Ids.now();
                repository.insert(db, sleepRow(crashed, userId, now));
                db.update("UPDATE jobs SET status = 'running', attempts = 1, started_at = ? WHERE id = ?", now,
                        crashed);
                Instant longAgo = now.minus(java.time.Duration.ofDays(40));
                repository.insert(db, sleepRow(old, userId, longAgo));
                db.update("UPDATE jobs SET status = 'completed', started_at = ?, completed_at = ? WHERE id = ?",
                        longAgo, longAgo, old);
            }
            try (TestServer second = TestServer.startOn(dir, config -> config.withConfig(jobsConfig(Map.of())))) {
                ApiClient carol = second.anonymous().loginWithBearer("carol@example.com", "correct horse battery");
                for (String id : List.of(interrupted, crashed)) {
                    JsonNode job = carol.get(JOBS + "/" + id).expect(200).json();
                    assertEquals("failed", status(job), job.toString());
                    assertEquals("interrupted by shutdown", job.path("error").asText());
                    assertTrue(job.path("completed_at").isTextual());
                }
                JsonNode graceful = carol.get(JOBS + "/" + finishedInGrace).expect(200).json();
                assertEquals("completed", status(graceful), graceful.toString());
                // Retention: finished jobs older than 30 days are pruned at start (beside it), recent ones kept.
                long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
                while (carol.get(JOBS + "/" + old).status() != 404 && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                carol.get(JOBS + "/" + old).expect(404);
                carol.get(JOBS + "/" + recent).expect(200);

                carol.post(JOBS + "/" + crashed + "/retry", null).expect(200);
                assertEquals(2, await(carol, crashed, job -> status(job).equals("completed")).path("attempts").asInt());
            }
        } finally {
            TestServer.deleteRecursively(dir);
        }
    }

    @Test
    void aJobSafeToRepeatIsRequeuedAfterACrashAndRunsAgain() throws Exception {
        Path dir = TestServer.newDataDir();
        String userId;
        try (TestServer first = TestServer.startOn(dir, config -> config)) {
            userId = first.newUser("dave").userId();
        }
        try (Database db = Database.openDerby(dir.resolve("db"), 2)) {
            JobRepository repository = new JobRepository(db);
            String id = Ids.newId();
            Instant now = Ids.now();
            repository.insert(db, new Job(id, userId, "test.repeatable", JobStatus.PENDING, 0, 0, null, null,
                    Json.MAPPER.createObjectNode(), null, null, 0, 1, null, now, now, null, null, now));
            db.update("UPDATE jobs SET status = 'running', attempts = 1, started_at = ? WHERE id = ?", now, id);

            JobHandler repeatable = new TestHandlers.Flaky("test.repeatable", RetryPolicy.none()) {
                @Override
                public boolean safeToRepeat() {
                    return true;
                }
            };
            try (JobEngine engine = new JobEngine(repository, JobsConfig.defaults()).register(repeatable)) {
                engine.start();
                long deadline = System.nanoTime() + 20_000_000_000L;
                Job job;
                do {
                    Thread.sleep(20);
                    job = repository.findOwned(userId, id).orElseThrow();
                } while (job.status() != JobStatus.COMPLETED && System.nanoTime() < deadline);
                assertEquals(JobStatus.COMPLETED, job.status());
                assertEquals(2, job.attempts());
                assertEquals(2, job.result().path("attempt").asInt());
                List<String> statuses = repository.events(id, 0, 100).stream()
                        .filter(event -> event.eventType().equals(JobEvent.STATUS))
                        .map(event -> event.data().path("status").asText() + event.data().path("error").asText(""))
                        .toList();
                assertEquals(List.of("pendinginterrupted by shutdown", "running", "completed"), statuses);
                assertTrue(repository.nextDueAfter(Instant.now()).isEmpty(), "no pending job is due later");
            }
        } finally {
            TestServer.deleteRecursively(dir);
        }
    }

    private static Job sleepRow(String id, String userId, Instant at) {
        return new Job(id, userId, "system.sleep", JobStatus.PENDING, 0, 0, null, null,
                Json.MAPPER.createObjectNode().put("seconds", 0), null, null, 0, 1, null, at, at, null, null, at);
    }

    // Helpers.

    private static Map<String, Object> sleep(int seconds) {
        return Map.of("job_type", "system.sleep", "payload", Map.of("seconds", seconds));
    }

    private static Map<String, Object> gate(String name, int priority) {
        return Map.of("job_type", TestHandlers.Gate.TYPE, "payload", Map.of("name", name), "priority", priority);
    }

    private static JsonNode create(ApiClient client, Map<String, Object> body) {
        return client.post(JOBS, body).expect(201).json();
    }

    private static String status(JsonNode job) {
        return job.path("status").asText();
    }

    private static JsonNode await(ApiClient client, String id, Predicate<JsonNode> condition) {
        long deadline = System.nanoTime() + 30_000_000_000L;
        JsonNode job;
        do {
            job = client.get(JOBS + "/" + id).expect(200).json();
            if (condition.test(job)) {
                return job;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        } while (System.nanoTime() < deadline);
        throw new AssertionError("Job never reached the expected state: " + job);
    }

    private static List<String> eventStatuses(ApiClient client, String id) {
        List<String> statuses = new ArrayList<>();
        client.get(JOBS + "/" + id + "/events").expect(200).json().path("events").forEach(event -> {
            if (event.path("event_type").asText().equals("status")) {
                statuses.add(event.path("data").path("status").asText());
            }
        });
        return statuses;
    }

    private static List<Object> locOf(ApiClient.Response response) {
        List<Object> loc = new ArrayList<>();
        response.json().path("detail").get(0).path("loc").forEach(part -> loc.add(part.asText()));
        return loc;
    }

    private static List<Long> ids(List<SseReader.Sse> events) {
        return events.stream().map(sse -> Long.parseLong(sse.id())).toList();
    }

    private static List<Long> contiguousFrom(long first, int count) {
        List<Long> seqs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            seqs.add(first + i);
        }
        return seqs;
    }

    private static List<Long> storedSeqsAfter(ApiClient client, String id, long after) {
        List<Long> seqs = new ArrayList<>();
        client.get(JOBS + "/" + id + "/events?after=" + after).expect(200).json().path("events")
                .forEach(event -> seqs.add(event.path("seq").asLong()));
        return seqs;
    }
}
