package ai.braindrive.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import ai.braindrive.server.http.Json;
import ai.braindrive.server.testing.ApiClient;
import ai.braindrive.server.testing.TestServer;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code braindrive jobs ...} against a real server, run in-process like a user would. */
@Timeout(120)
class JobsCommandsTest {
    private static final String PASSWORD = "correct horse battery";
    private static final String JOBS = "/api/v1/jobs";
    private static TestServer server;
    private java.nio.file.Path home;
    private CliRunner cli;
    private ApiClient api;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        server.newUser("admin_" + UUID.randomUUID().toString().substring(0, 6));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void loggedIn() {
        home = CliRunner.tempDir("braindrive-cli-jobs-");
        cli = new CliRunner(home);
        api = server.newUser();
        String email = api.get("/api/v1/auth/me").expect(200).json().path("email").asText();
        CliRunner.Result login = cli.runWithStdin(PASSWORD + "\n", "login", "--email", email, "--password-stdin",
                "--server", server.baseUrl());
        assertEquals(0, login.exitCode(), login::toString);
    }

    @AfterEach
    void deleteHome() {
        TestServer.deleteRecursively(home);
    }

    @Test
    void listAndShowPrintTablesAndJson() {
        String done = create(0, null);
        awaitStatus(done, "completed");
        String later = create(0, Instant.now().plusSeconds(3600));

        CliRunner.Result list = jobs("list");
        assertEquals(0, list.exitCode(), list::toString);
        List<String> lines = list.out().lines().toList();
        assertEquals(3, lines.size(), list::toString);
        assertTrue(lines.get(0).matches("ID +TYPE +STATUS +PROGRESS +STAGE +CREATED"), lines.get(0));
        assertTrue(lines.get(1).startsWith(later + "  system.sleep  pending  "), lines.get(1));
        assertTrue(lines.get(2).matches(done + "  system.sleep  completed +100% +done +\\S+"), lines.get(2));

        JsonNode pending = Json.parseStored(jobs("list", "--status", "pending", "-o", "json").out());
        assertEquals(1, pending.size());
        assertEquals(later, pending.get(0).path("id").asText());
        assertEquals(new CliRunner.Result(1, "", "error: query.status: Input should be pending, running, completed, "
                + "failed, cancelled\n"), jobs("list", "--status", "finished"));

        CliRunner.Result show = jobs("show", done);
        assertEquals(0, show.exitCode(), show::toString);
        assertTrue(show.out().lines().toList().get(1)
                .matches(done + "  system.sleep  completed +100% +done +Slept 0 s +1/1 +-"), show.out());
        assertEquals(new CliRunner.Result(4, "", "error: Job not found\n"), jobs("show", UUID.randomUUID().toString()));
        api.post(JOBS + "/" + later + "/cancel", null).expect(200);
    }

    @Test
    void watchFollowsAJobToCompletionAndExitsZero() {
        // Due shortly, so the whole run is watched live.
        String id = create(1, Instant.now().plusMillis(700));
        CliRunner.Result watch = jobs("watch", id);
        assertEquals(0, watch.exitCode(), watch::toString);
        List<String> lines = watch.out().lines().toList();
        assertEquals("  0%  pending", lines.getFirst(), watch::toString);
        assertTrue(lines.contains("[info] Sleeping 1 s"), watch::toString);
        assertTrue(lines.stream().anyMatch(line -> line.matches(" *100%  running  done: Slept 1 s")), watch::toString);
        assertEquals("Job " + id + " completed", lines.getLast());
        assertEquals("", watch.err());
    }

    @Test
    void watchExitsNonZeroWhenTheJobIsCancelled() throws Exception {
        String id = create(600, null);
        CompletableFuture<CliRunner.Result> watch = CompletableFuture.supplyAsync(() -> jobs("watch", id));
        awaitStatus(id, "running");
        Thread.sleep(300);
        CliRunner.Result cancel = jobs("cancel", id);
        assertEquals(0, cancel.exitCode(), cancel::toString);
        assertTrue(cancel.out().contains("cancelled"), cancel::toString);
        CliRunner.Result result = watch.get();
        assertEquals(1, result.exitCode(), result::toString);
        assertEquals("Job " + id + " cancelled: Cancelled by user", result.out().lines().toList().getLast());
    }

    @Test
    void logsPrintsLinesAndFollowsUntilTheJobFinishes() {
        String id = create(1, null);
        CliRunner.Result follow = jobs("logs", id, "--follow");
        assertEquals(0, follow.exitCode(), follow::toString);
        List<String> lines = follow.out().lines().toList();
        assertEquals(1, lines.size(), follow::toString);
        assertTrue(lines.get(0).matches("\\S+Z  info   Sleeping 1 s"), lines.get(0));
        assertEquals(follow.out(), jobs("logs", id).out());
        JsonNode line = Json.parseStored(jobs("logs", id, "-o", "json").out());
        assertEquals("Sleeping 1 s", line.path("message").asText());
    }

    @Test
    void cancelRetryAndDelete() {
        String id = create(0, Instant.now().plusSeconds(3600));
        assertTrue(jobs("cancel", id).out().contains("cancelled"));
        CliRunner.Result again = jobs("cancel", id);
        assertEquals(new CliRunner.Result(1, "", "error: Job is already cancelled and cannot be cancelled\n"), again);
        CliRunner.Result retry = jobs("retry", id, "-o", "json");
        assertEquals(0, retry.exitCode(), retry::toString);
        assertEquals(id, Json.parseStored(retry.out()).path("id").asText());
        awaitStatus(id, "completed");
        assertEquals(new CliRunner.Result(0, "", "Deleted job " + id + "\n"), jobs("delete", id));
        api.get(JOBS + "/" + id).expect(404);
    }

    private CliRunner.Result jobs(String... args) {
        String[] full = new String[args.length + 3];
        full[0] = "jobs";
        System.arraycopy(args, 0, full, 1, args.length);
        full[args.length + 1] = "--server";
        full[args.length + 2] = server.baseUrl();
        return cli.run(full);
    }

    private String create(int seconds, Instant scheduledFor) {
        Map<String, Object> body = scheduledFor == null
                ? Map.of("job_type", "system.sleep", "payload", Map.of("seconds", seconds))
                : Map.of("job_type", "system.sleep", "payload", Map.of("seconds", seconds),
                        "scheduled_for", scheduledFor.toString());
        return api.post(JOBS, body).expect(201).json().path("id").asText();
    }

    private void awaitStatus(String id, String status) {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!api.get(JOBS + "/" + id).expect(200).json().path("status").asText().equals(status)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Job " + id + " never became " + status);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
