package ai.braindrive.server.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.Map;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    @Test
    void backoffDoublesFromTheInitialWaitUpToTheCap() {
        RetryPolicy policy = RetryPolicy.exponential(6, Duration.ofSeconds(1), Duration.ofSeconds(5));
        assertEquals(Duration.ofSeconds(1), policy.backoffAfter(1));
        assertEquals(Duration.ofSeconds(2), policy.backoffAfter(2));
        assertEquals(Duration.ofSeconds(4), policy.backoffAfter(3));
        assertEquals(Duration.ofSeconds(5), policy.backoffAfter(4));
        assertEquals(Duration.ofSeconds(5), policy.backoffAfter(60));
        assertEquals(Duration.ZERO, RetryPolicy.none().backoffAfter(1));
        assertThrows(IllegalArgumentException.class, () -> RetryPolicy.exponential(0, Duration.ZERO, Duration.ZERO));
    }

    @Test
    void jobsConfigReadsDefaultsAndPerTypeConcurrency() {
        JobsConfig defaults = JobsConfig.defaults();
        assertEquals(2, defaults.concurrency("system.sleep"));
        assertEquals(Duration.ofSeconds(10), defaults.shutdownGrace());
        assertEquals(Duration.ofDays(30), defaults.retention());
        assertEquals(Duration.ofHours(1), defaults.pruneInterval());
        assertEquals(Duration.ofSeconds(15), defaults.heartbeat());

        JobsConfig custom = JobsConfig.from(Config.just(ConfigSources.create(Map.of(
                "jobs.concurrency", "3",
                "jobs.types.0.type", "model_download",
                "jobs.types.0.concurrency", "1",
                "jobs.retention", "P7D"))));
        assertEquals(1, custom.concurrency("model_download"));
        assertEquals(3, custom.concurrency("plugin_install"));
        assertEquals(Duration.ofDays(7), custom.retention());
        assertThrows(IllegalArgumentException.class, () -> JobsConfig.from(Config.just(ConfigSources.create(
                Map.of("jobs.concurrency", "0")))));
    }
}
