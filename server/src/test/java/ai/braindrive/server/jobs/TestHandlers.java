package ai.braindrive.server.jobs;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import ai.braindrive.server.http.Json;
import ai.braindrive.server.http.ValidationException;

import com.fasterxml.jackson.databind.JsonNode;

/** Job types the tests register next to the real ones. */
final class TestHandlers {
    private TestHandlers() {
    }

    /** {@code test.gate}: records its start, then waits for its named gate to open (honouring cancel). */
    static final class Gate implements JobHandler {
        static final String TYPE = "test.gate";
        static final Map<String, CountDownLatch> GATES = new ConcurrentHashMap<>();
        static final List<String> STARTED = new CopyOnWriteArrayList<>();

        static CountDownLatch close(String name) {
            return GATES.computeIfAbsent(name, n -> new CountDownLatch(1));
        }

        @Override
        public String type() {
            return TYPE;
        }

        @Override
        public JsonNode validate(JsonNode payload) {
            if (!payload.path("name").isTextual()) {
                throw ValidationException.field("payload", "name is required");
            }
            return payload;
        }

        @Override
        public JsonNode run(JobContext context) throws InterruptedException {
            String name = context.payload().get("name").asText();
            STARTED.add(name);
            context.log("started " + name);
            CountDownLatch gate = GATES.get(name);
            if (gate != null) {
                while (!gate.await(20, TimeUnit.MILLISECONDS)) {
                    context.checkCancelled();
                }
                context.log("passed " + name);
            }
            return Json.MAPPER.createObjectNode().put("name", name);
        }
    }

    /**
     * {@code test.upstream}: blocks like a call to an upstream server that ignores interrupts, until the resource it
     * registered with {@link JobContext#closeOnCancel} is closed.
     */
    static final class Upstream implements JobHandler {
        @Override
        public String type() {
            return "test.upstream";
        }

        @Override
        public JsonNode validate(JsonNode payload) {
            return payload;
        }

        @Override
        public JsonNode run(JobContext context) throws java.io.IOException {
            CountDownLatch connection = new CountDownLatch(1);
            context.closeOnCancel(connection::countDown);
            context.progress(10, "downloading", "Waiting for the upstream server");
            while (connection.getCount() > 0) {
                try {
                    connection.await();
                } catch (InterruptedException ignored) {
                    // Like a blocking read that does not notice interrupts.
                }
            }
            throw new java.io.IOException("connection closed");
        }
    }

    /** Fails every attempt up to {@code payload.fail_until_attempt}, then succeeds. */
    static class Flaky implements JobHandler {
        private final String type;
        private final RetryPolicy retry;

        Flaky(String type, RetryPolicy retry) {
            this.type = type;
            this.retry = retry;
        }

        static Flaky manual() {
            return new Flaky("test.flaky", RetryPolicy.none());
        }

        static Flaky automatic() {
            return new Flaky("test.autoretry",
                    RetryPolicy.exponential(3, Duration.ofMillis(50), Duration.ofMillis(200)));
        }

        @Override
        public String type() {
            return type;
        }

        @Override
        public JsonNode validate(JsonNode payload) {
            return payload;
        }

        @Override
        public RetryPolicy retry() {
            return retry;
        }

        @Override
        public JsonNode run(JobContext context) {
            context.log("attempt " + context.attempt());
            if (context.attempt() <= context.payload().path("fail_until_attempt").asInt()) {
                throw new IllegalStateException("boom on attempt " + context.attempt());
            }
            return Json.MAPPER.createObjectNode().put("attempt", context.attempt());
        }
    }
}
