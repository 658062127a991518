package ai.braindrive.server.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import ai.braindrive.server.http.RateLimiter;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;

/**
 * The server's settings. Precedence: command-line flags, then environment variables, then
 * {@code <data-dir>/application.yaml}, then defaults. {@code config} keeps the whole tree for feature sections.
 */
public record ServerConfig(
        String host,
        int port,
        Path dataDir,
        long maxBodyBytes,
        RateLimiter.Limit apiRateLimit,
        RateLimiter.Limit authRateLimit,
        List<String> allowedHosts,
        List<String> corsOrigins,
        Duration accessTokenTtl,
        Duration refreshTokenTtl,
        int dbPoolSize,
        Config config) {

    public static final int DEFAULT_PORT = 8005;
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final List<String> DEFAULT_CORS = List.of("http://localhost:*", "http://127.0.0.1:*",
            "http://[::1]:*");

    /** Values given on the command line; null when not given. */
    public record Overrides(String host, Integer port, Path dataDir) {
        public static Overrides none() {
            return new Overrides(null, null, null);
        }
    }

    public static ServerConfig load(Overrides flags) {
        return load(flags, System.getenv());
    }

    public static ServerConfig load(Overrides flags, Map<String, String> env) {
        Path dataDir = flags.dataDir() != null ? flags.dataDir()
                : env.containsKey("BRAINDRIVE_DATA_DIR") ? Path.of(env.get("BRAINDRIVE_DATA_DIR"))
                : DataDirs.defaultDataDir();
        dataDir = dataDir.toAbsolutePath().normalize();
        Path yaml = dataDir.resolve("application.yaml");
        Config config = Files.isRegularFile(yaml)
                ? Config.builder().disableEnvironmentVariablesSource().disableSystemPropertiesSource()
                        .addSource(ConfigSources.file(yaml)).build()
                : Config.empty();

        String host = first(flags.host(), env.get("BRAINDRIVE_HOST"),
                config.get("server.host").asString().orElse(DEFAULT_HOST));
        int port = flags.port() != null ? flags.port()
                : env.containsKey("BRAINDRIVE_PORT") ? parsePort(env.get("BRAINDRIVE_PORT"))
                : config.get("server.port").asInt().orElse(DEFAULT_PORT);
        long maxBody = config.get("server.max-body-size").asLong().orElse(10L * 1024 * 1024);
        RateLimiter.Limit api = RateLimiter.Limit.parse(first(env.get("BRAINDRIVE_RATE_LIMIT_API"), null,
                config.get("rate-limit.api").asString().orElse("1200/minute")));
        RateLimiter.Limit auth = RateLimiter.Limit.parse(first(env.get("BRAINDRIVE_RATE_LIMIT_AUTH"), null,
                config.get("rate-limit.auth").asString().orElse("20/minute")));
        List<String> hosts = list(env.get("BRAINDRIVE_ALLOWED_HOSTS"),
                config.get("security.allowed-hosts").asList(String.class).orElse(List.of()));
        List<String> cors = list(env.get("BRAINDRIVE_CORS_ORIGINS"),
                config.get("security.cors-origins").asList(String.class).orElse(DEFAULT_CORS));
        Duration accessTtl = config.get("auth.access-token-ttl").as(Duration.class).orElse(Duration.ofMinutes(15));
        Duration refreshTtl = config.get("auth.refresh-token-ttl").as(Duration.class).orElse(Duration.ofDays(30));
        int pool = config.get("db.pool-size").asInt().orElse(10);
        return new ServerConfig(host, port, dataDir, maxBody, api, auth, hosts, cors, accessTtl, refreshTtl, pool,
                config);
    }

    public ServerConfig withPort(int newPort) {
        return new ServerConfig(host, newPort, dataDir, maxBodyBytes, apiRateLimit, authRateLimit, allowedHosts,
                corsOrigins, accessTokenTtl, refreshTokenTtl, dbPoolSize, config);
    }

    public ServerConfig withRateLimits(RateLimiter.Limit api, RateLimiter.Limit auth) {
        return new ServerConfig(host, port, dataDir, maxBodyBytes, api, auth, allowedHosts, corsOrigins,
                accessTokenTtl, refreshTokenTtl, dbPoolSize, config);
    }

    public ServerConfig withTokenTtls(Duration access, Duration refresh) {
        return new ServerConfig(host, port, dataDir, maxBodyBytes, apiRateLimit, authRateLimit, allowedHosts,
                corsOrigins, access, refresh, dbPoolSize, config);
    }

    public ServerConfig withConfig(Config newConfig) {
        return new ServerConfig(host, port, dataDir, maxBodyBytes, apiRateLimit, authRateLimit, allowedHosts,
                corsOrigins, accessTokenTtl, refreshTokenTtl, dbPoolSize, newConfig);
    }

    private static int parsePort(String text) {
        try {
            int port = Integer.parseInt(text.strip());
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("BRAINDRIVE_PORT must be a port number (0-65535): " + text);
        }
    }

    private static String first(String a, String b, String c) {
        return a != null && !a.isBlank() ? a : b != null && !b.isBlank() ? b : c;
    }

    private static List<String> list(String envValue, List<String> fallback) {
        if (envValue == null || envValue.isBlank()) {
            return fallback;
        }
        return Arrays.stream(envValue.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
