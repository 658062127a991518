package ai.braindrive.server.jobs;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import io.helidon.config.Config;

/**
 * The engine's settings, from the {@code jobs} section of the configuration:
 * <pre>
 * jobs:
 *   concurrency: 2            # concurrent jobs per job type
 *   types:                    # per-type overrides
 *     - type: model_download
 *       concurrency: 1
 *   shutdown-grace: PT10S     # how long running jobs may finish at shutdown before they are interrupted
 *   retention: P30D           # finished jobs older than this are deleted with their events and logs
 *   prune-interval: PT1H
 *   poll-interval: PT5S       # safety-net wake-up of the dispatcher (new jobs wake it at once)
 *   heartbeat: PT15S          # SSE heartbeat comment interval
 *   cancel-wait: PT5S         # how long a cancel request waits for a running job to stop
 * </pre>
 */
public record JobsConfig(int defaultConcurrency, Map<String, Integer> typeConcurrency, Duration shutdownGrace,
                         Duration retention, Duration pruneInterval, Duration pollInterval, Duration heartbeat,
                         Duration cancelWait) {

    public JobsConfig {
        if (defaultConcurrency < 1) {
            throw new IllegalArgumentException("jobs.concurrency must be at least 1");
        }
        typeConcurrency = Map.copyOf(typeConcurrency);
    }

    public static JobsConfig defaults() {
        return from(Config.empty());
    }

    public static JobsConfig from(Config root) {
        Config jobs = root.get("jobs");
        Map<String, Integer> perType = new HashMap<>();
        for (Config node : jobs.get("types").asNodeList().orElse(java.util.List.of())) {
            String type = node.get("type").asString().orElseThrow(
                    () -> new IllegalArgumentException("jobs.types entries need a type"));
            int concurrency = node.get("concurrency").asInt().orElseThrow(
                    () -> new IllegalArgumentException("jobs.types entry " + type + " needs a concurrency"));
            if (concurrency < 1) {
                throw new IllegalArgumentException("jobs.types " + type + ": concurrency must be at least 1");
            }
            perType.put(type, concurrency);
        }
        return new JobsConfig(
                jobs.get("concurrency").asInt().orElse(2),
                perType,
                duration(jobs, "shutdown-grace", Duration.ofSeconds(10)),
                duration(jobs, "retention", Duration.ofDays(30)),
                duration(jobs, "prune-interval", Duration.ofHours(1)),
                duration(jobs, "poll-interval", Duration.ofSeconds(5)),
                duration(jobs, "heartbeat", Duration.ofSeconds(15)),
                duration(jobs, "cancel-wait", Duration.ofSeconds(5)));
    }

    public int concurrency(String jobType) {
        return typeConcurrency.getOrDefault(jobType, defaultConcurrency);
    }

    private static Duration duration(Config jobs, String key, Duration fallback) {
        return jobs.get(key).as(Duration.class).orElse(fallback);
    }
}
