package ai.braindrive.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import ai.braindrive.server.http.Json;
import ai.braindrive.server.testing.ApiClient;
import ai.braindrive.server.testing.TestServer;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Core resources at 100k rows: one user, a small data set and then the full one (10,000 conversations, 100,000
 * messages), loaded through the HTTP API by concurrent clients; at each size, the median latency of listing
 * conversations and one conversation's messages (pages of 20 and 100). The cost of a page should not grow with
 * the tables: the report gives the big/small ratio of each median, and the message insert rate.
 *
 * <p>A program, not a JUnit test ({@code mvn verify} does not run it): {@code bench/core-resources.sh [--key=value]}.
 * The server is the real one ({@link TestServer}: Derby in a temp dir, loopback HTTP); clients run in the same JVM.
 */
public final class CoreResourcesBench {
    private static final String CONVERSATIONS = "/api/v1/conversations";
    private static final String USER_CONVERSATIONS = "/api/v1/users/current/conversations";
    private static final String TEXT = "Benchmark message %d. A typical chat turn is a few sentences long: it asks "
            + "a question, quotes a bit of context, or answers with a short explanation and an example. This one is "
            + "about three hundred characters, which is close to the median message of a real conversation.";

    /** Sizes and counts; every one can be overridden with {@code --name=value}. */
    record Options(int smallConversations, int smallMessages, int conversations, int messages, int hotMessages,
                   int clients, int warmup, int requests) {
        static Options parse(String[] args) {
            Map<String, Integer> values = new LinkedHashMap<>(Map.of("small-conversations", 100,
                    "small-messages", 1_000, "conversations", 10_000, "messages", 100_000, "hot-messages", 200,
                    "clients", 8, "warmup", 1_000, "requests", 200));
            for (String arg : args) {
                String[] kv = arg.replaceFirst("^--", "").split("=", 2);
                if (kv.length != 2 || !values.containsKey(kv[0])) {
                    throw new IllegalArgumentException("Unknown option " + arg + "; known: " + values.keySet());
                }
                values.put(kv[0], Integer.parseInt(kv[1]));
            }
            Options o = new Options(values.get("small-conversations"), values.get("small-messages"),
                    values.get("conversations"), values.get("messages"), values.get("hot-messages"),
                    values.get("clients"), values.get("warmup"), values.get("requests"));
            if (o.hotMessages < 100 || o.smallMessages <= o.hotMessages || o.smallConversations < 2
                    || o.conversations <= o.smallConversations || o.messages <= o.smallMessages) {
                throw new IllegalArgumentException("Need hot-messages >= 100 (a full page), small-messages > "
                        + "hot-messages, and the full size above the small one: " + o);
            }
            return o;
        }
    }

    /** One timed list: a path asking for {@code limit} items. */
    record ListCase(String name, String path, int limit) {
    }

    record Latency(double medianMs, double p90Ms) {
        static Latency of(long[] nanos) {
            long[] sorted = nanos.clone();
            Arrays.sort(sorted);
            return new Latency(percentile(sorted, 0.5) / 1e6, percentile(sorted, 0.9) / 1e6);
        }

        private static double percentile(long[] sorted, double p) {
            double rank = p * (sorted.length - 1);
            int low = (int) Math.floor(rank);
            int high = (int) Math.ceil(rank);
            return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
        }
    }

    record LoadResult(int count, double seconds, Latency latency) {
        double perSecond() {
            return count / seconds;
        }
    }

    private final String baseUrl;
    private final String bearer;
    private final Options options;

    private CoreResourcesBench(String baseUrl, String bearer, Options options) {
        this.baseUrl = baseUrl;
        this.bearer = bearer;
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        Instant started = Instant.now();
        try (TestServer server = TestServer.start(config -> config.withTokenTtls(Duration.ofHours(4),
                Duration.ofDays(1)))) {
            ApiClient user = server.newUser("bench");
            new CoreResourcesBench(server.baseUrl(), user.bearerToken(), options).run(started);
        }
    }

    private void run(Instant started) throws Exception {
        // Small data set: a "hot" conversation with two full pages of messages, the rest spread over the others.
        String hot = createConversation(HttpClient.newHttpClient(), "hot conversation");
        List<String> others = createConversations(options.smallConversations - 1).ids();
        load(List.of(hot), options.hotMessages);
        load(others, options.smallMessages - options.hotMessages);
        List<ListCase> cases = List.of(
                new ListCase("conversations, page of 20", USER_CONVERSATIONS + "?skip=0&limit=20", 20),
                new ListCase("conversations, page of 100", USER_CONVERSATIONS + "?skip=0&limit=100", 100),
                new ListCase("messages of one conversation, page of 20",
                        CONVERSATIONS + "/" + hot + "/messages?skip=0&limit=20", 20),
                new ListCase("messages of one conversation, page of 100",
                        CONVERSATIONS + "/" + hot + "/messages?skip=0&limit=100", 100));
        String smallLoad = loadAverage();
        Map<ListCase, Latency> small = measure(cases);
        log("small data set measured: " + small);

        // Full size: more conversations, and messages spread over every conversation but the hot one (whose
        // pages stay the same, so only the size of the tables changes).
        IdsAndRate createdConversations = createConversations(options.conversations - options.smallConversations);
        List<String> all = new ArrayList<>(others);
        all.addAll(createdConversations.ids());
        LoadResult messages = load(all, options.messages - options.smallMessages);
        String bigLoad = loadAverage();
        Map<ListCase, Latency> big = measure(cases);
        log("full data set measured: " + big);

        report(started, cases, small, big, createdConversations.result(), messages, smallLoad, bigLoad);
    }

    record IdsAndRate(List<String> ids, LoadResult result) {
    }

    private IdsAndRate createConversations(int count) throws Exception {
        List<String> ids = new ArrayList<>(count);
        LoadResult result = concurrently(count, (client, i) -> {
            String id = createConversation(client, "Conversation " + i);
            synchronized (ids) {
                ids.add(id);
            }
        });
        log("created " + count + " conversations: " + rate(result));
        return new IdsAndRate(ids, result);
    }

    private String createConversation(HttpClient client, String title) throws IOException, InterruptedException {
        JsonNode created = Json.MAPPER.readTree(send(client, "POST", CONVERSATIONS,
                Json.write(Map.of("title", title, "user_id", "current", "conversation_type", "chat")), 201));
        return created.path("id").asText();
    }

    /** Appends {@code count} messages round-robin to {@code conversations}, with the configured clients. */
    private LoadResult load(List<String> conversations, int count) throws Exception {
        LoadResult result = concurrently(count, (client, i) -> {
            String body = Json.write(Map.of("sender", i % 2 == 0 ? "user" : "assistant",
                    "message", String.format(Locale.ROOT, TEXT, i)));
            send(client, "POST", CONVERSATIONS + "/" + conversations.get(i % conversations.size()) + "/messages",
                    body, 201);
        });
        log("appended " + count + " messages to " + conversations.size() + " conversations: " + rate(result));
        return result;
    }

    interface Task {
        void run(HttpClient client, int index) throws Exception;
    }

    /** Runs {@code count} tasks over {@code clients} threads, each with its own HTTP client (connection). */
    private LoadResult concurrently(int count, Task task) throws Exception {
        AtomicInteger next = new AtomicInteger();
        long[] latencies = new long[count];
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(options.clients)) {
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < options.clients; w++) {
                workers.add(pool.submit(() -> {
                    HttpClient client = newClient();
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        long t0 = System.nanoTime();
                        task.run(client, i);
                        latencies[i] = System.nanoTime() - t0;
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new LoadResult(count, seconds, count == 0 ? new Latency(0, 0) : Latency.of(latencies));
    }

    /** Per case: warm-up requests, then timed sequential requests; each response is checked for a full page. */
    private Map<ListCase, Latency> measure(List<ListCase> cases) throws Exception {
        HttpClient client = newClient();
        Map<ListCase, long[]> samples = new LinkedHashMap<>();
        for (ListCase c : cases) {
            samples.put(c, new long[options.requests]);
            for (int i = 0; i < options.warmup; i++) {
                check(c, send(client, c.path()));
            }
        }
        // Interleaved, so a burst of load from elsewhere on the machine hits every case alike.
        for (int i = 0; i < options.requests; i++) {
            for (ListCase c : cases) {
                long t0 = System.nanoTime();
                HttpResponse<String> response = send(client, c.path());
                samples.get(c)[i] = System.nanoTime() - t0;
                check(c, response);
            }
        }
        Map<ListCase, Latency> result = new LinkedHashMap<>();
        samples.forEach((c, nanos) -> result.put(c, Latency.of(nanos)));
        return result;
    }

    /** A page must be an array as full as the total ({@code X-Total-Count}) allows. */
    private static void check(ListCase c, HttpResponse<String> response) throws IOException {
        long total = Long.parseLong(response.headers().firstValue("X-Total-Count").orElse("-1"));
        JsonNode page = Json.MAPPER.readTree(response.body());
        long expected = Math.min(c.limit(), total);
        if (!page.isArray() || total <= 0 || page.size() != expected) {
            throw new IllegalStateException(c.name() + ": expected " + expected + " items (total " + total
                    + "), got " + (page.isArray() ? page.size() + " items" : response.body()));
        }
    }

    private HttpResponse<String> send(HttpClient client, String path) throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(request("GET", path, null).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + ": expected 200, got " + response.statusCode() + ": "
                    + response.body());
        }
        return response;
    }

    private HttpClient newClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    private HttpRequest.Builder request(String method, String path, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + bearer)
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return request;
    }

    private String send(HttpClient client, String method, String path, String json, int expected)
            throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(request(method, path, json).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(method + " " + path + ": expected " + expected + ", got "
                    + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private void report(Instant started, List<ListCase> cases, Map<ListCase, Latency> small,
                        Map<ListCase, Latency> big, LoadResult conversations, LoadResult messages, String smallLoad,
                        String bigLoad) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%nCore resources: %,d conversations / %,d messages vs %,d / %,d"
                        + " (one user; hot conversation with %d messages)%n", options.smallConversations,
                options.smallMessages, options.conversations, options.messages, options.hotMessages));
        out.append(String.format(Locale.ROOT, "JDK %s (%s), %d cores visible, %s; %d warm-up + %d timed sequential "
                        + "requests per list%n", Runtime.version(), System.getProperty("java.vm.name"),
                Runtime.getRuntime().availableProcessors(), System.getProperty("os.name") + " "
                        + System.getProperty("os.arch"), options.warmup, options.requests));
        out.append("Load average before measuring: small ").append(smallLoad).append(", full ").append(bigLoad)
                .append("\n\n");
        out.append("| List | small: median (p90) | full: median (p90) | ratio full/small (median) |\n");
        out.append("|---|---|---|---|\n");
        for (ListCase c : cases) {
            Latency s = small.get(c);
            Latency b = big.get(c);
            out.append(String.format(Locale.ROOT, "| %s | %.2f ms (%.2f) | %.2f ms (%.2f) | %.2f |%n", c.name(),
                    s.medianMs(), s.p90Ms(), b.medianMs(), b.p90Ms(), b.medianMs() / s.medianMs()));
        }
        out.append(String.format(Locale.ROOT, "%nInserts with %d concurrent clients over HTTP (full-size load):%n",
                options.clients));
        out.append(String.format(Locale.ROOT, "- messages: %,d in %.1f s = %.0f messages/s (per request: median "
                        + "%.2f ms, p90 %.2f ms)%n", messages.count(), messages.seconds(), messages.perSecond(),
                messages.latency().medianMs(), messages.latency().p90Ms()));
        out.append(String.format(Locale.ROOT, "- conversations: %,d in %.1f s = %.0f conversations/s%n",
                conversations.count(), conversations.seconds(), conversations.perSecond()));
        out.append(String.format(Locale.ROOT, "Total run time: %.0f s%n",
                Duration.between(started, Instant.now()).toMillis() / 1000.0));
        System.out.print(out);
    }

    private static String rate(LoadResult r) {
        return String.format(Locale.ROOT, "%.1f s, %.0f/s, median %.2f ms", r.seconds(), r.perSecond(),
                r.latency().medianMs());
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
    }

    private static void log(String line) {
        System.out.println("[bench] " + line);
    }
}
