package ai.braindrive.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import ai.braindrive.server.http.Json;
import ai.braindrive.server.testing.ApiClient;
import ai.braindrive.server.testing.TestServer;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;

/**
 * Benchmark of the job engine (a main, not a test; run with {@code bench/jobs.sh}).
 * Arguments: [jobs=1000] [client-threads=8] [jobs.concurrency=2].
 * <ol>
 *   <li>Throughput: N {@code system.sleep} jobs of 0 s created through the API by a few client threads; jobs/s
 *   from the first create to the last completion.</li>
 *   <li>Push latency: N more jobs, each watched by its own SSE stream opened right after creating it (the job is
 *   due 300 ms later, so its run's events arrive live); for every live event, arrival time minus the
 *   {@code recorded_at} the server put in its data (same machine, same clock).</li>
 * </ol>
 */
public final class JobsBench {
    private static final String JOBS = "/api/v1/jobs";

    private JobsBench() {
    }

    public static void main(String[] args) throws Exception {
        int jobs = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        // The access log would dominate the run.
        java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
        root.setLevel(java.util.logging.Level.WARNING);
        for (java.util.logging.Handler handler : root.getHandlers()) {
            handler.setLevel(java.util.logging.Level.WARNING);
        }
        int concurrency = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        System.out.println("JDK " + Runtime.version() + ", " + Runtime.getRuntime().availableProcessors()
                + " CPUs, " + jobs + " jobs, " + threads + " client threads, jobs.concurrency " + concurrency);
        Config config = Config.builder().disableEnvironmentVariablesSource().disableSystemPropertiesSource()
                .addSource(ConfigSources.create(Map.of("jobs.concurrency", Integer.toString(concurrency)))).build();
        try (TestServer server = TestServer.start(c -> c.withConfig(config))) {
            ApiClient user = server.newUser("bench");
            runThroughput(user, 100, threads); // warm-up
            double perSecond = runThroughput(user, jobs, threads);
            System.out.printf("throughput: %d jobs created and completed in %.2f s = %.0f jobs/s%n", jobs,
                    jobs / perSecond, perSecond);
            List<Double> warm = runLatency(server, user, 100, threads);
            List<Double> latencies = runLatency(server, user, jobs, threads);
            Collections.sort(latencies);
            System.out.printf("SSE push latency over %d live events: median %.2f ms, p90 %.2f ms, p99 %.2f ms, "
                            + "max %.2f ms (warm-up %d events)%n", latencies.size(), percentile(latencies, 50),
                    percentile(latencies, 90), percentile(latencies, 99), latencies.getLast(), warm.size());
        }
    }

    private static double runThroughput(ApiClient user, int jobs, int threads) throws Exception {
        long before = completed(user);
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < jobs; i++) {
                futures.add(pool.submit(() -> user.post(JOBS, Map.of("job_type", "system.sleep",
                        "payload", Map.of("seconds", 0))).expect(201)));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        }
        double createSeconds = (System.nanoTime() - start) / 1e9;
        while (completed(user) < before + jobs) {
            Thread.sleep(50);
        }
        double totalSeconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("  %d creates took %.2f s (%.0f/s); all completed after %.2f s%n", jobs, createSeconds,
                jobs / createSeconds, totalSeconds);
        return jobs / totalSeconds;
    }

    private static long completed(ApiClient user) {
        return user.get(JOBS + "?status=completed&limit=1").expect(200).json().path("total").asLong();
    }

    private static List<Double> runLatency(TestServer server, ApiClient user, int jobs, int threads)
            throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < jobs; i++) {
                futures.add(pool.submit(() -> {
                    String id = user.post(JOBS, Map.of("job_type", "system.sleep", "payload", Map.of("seconds", 0),
                            "scheduled_for", Instant.now().plusMillis(300).toString())).expect(201).json()
                            .path("id").asText();
                    latencies.addAll(watch(http, server.baseUrl() + JOBS + "/" + id + "/events/stream",
                            user.bearerToken()));
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        }
        return new ArrayList<>(latencies);
    }

    /** Reads one job's stream to its end; the latency (ms) of each event that arrived after the snapshot. */
    private static List<Double> watch(HttpClient http, String url, String token)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .header("Accept", "text/event-stream").GET().build();
        HttpResponse<Stream<String>> response = http.send(request, HttpResponse.BodyHandlers.ofLines());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("stream answered " + response.statusCode());
        }
        List<Double> result = new ArrayList<>();
        long snapshotSeq = -1;
        String id = null;
        String name = null;
        String data = null;
        try (Stream<String> lines = response.body()) {
            for (String line : (Iterable<String>) lines::iterator) {
                if (line.startsWith("id:")) {
                    id = line.substring(3).strip();
                } else if (line.startsWith("event:")) {
                    name = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    data = line.substring(5).strip();
                } else if (line.isEmpty() && data != null) {
                    Instant arrived = Instant.now();
                    if ("snapshot".equals(name)) {
                        snapshotSeq = Long.parseLong(id);
                    } else {
                        JsonNode event = Json.MAPPER.readTree(data);
                        if (event.path("seq").asLong() > snapshotSeq) {
                            Instant recorded = Instant.parse(event.path("data").path("recorded_at").asText());
                            result.add(Duration.between(recorded, arrived).toNanos() / 1e6);
                        }
                    }
                    id = null;
                    name = null;
                    data = null;
                }
            }
        }
        return result;
    }

    private static double percentile(List<Double> sorted, double p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p / 100 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
