package ai.braindrive.server.health;

import java.util.Map;

import ai.braindrive.server.db.Database;
import ai.braindrive.server.http.Json;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** {@code GET /health}: 200 when the database answers, 503 when it does not. */
public final class HealthService {
    private static final System.Logger LOG = System.getLogger(HealthService.class.getName());

    private final Database db;

    public HealthService(Database db) {
        this.db = db;
    }

    public void routes(HttpRouting.Builder routing) {
        routing.get("/health", this::health);
    }

    private void health(ServerRequest req, ServerResponse res) {
        try {
            db.ping();
            Json.send(res, Map.of("status", "healthy"));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Health check failed: " + e.getMessage());
            Json.send(res, Status.SERVICE_UNAVAILABLE_503, Map.of("status", "unhealthy",
                    "detail", "Database unavailable"));
        }
    }
}
