package ai.braindrive.server.db;

import io.helidon.config.Config;
import io.helidon.dbclient.jdbc.JdbcConnectionPool;
import io.helidon.dbclient.jdbc.spi.JdbcConnectionPoolProvider;

/**
 * Lets {@code DbClient.create(config)} build a HikariCP pool from a {@code connection} config node
 * ({@code url}, {@code username}, {@code password}, {@code maximum-pool-size}).
 */
public final class HikariPoolProvider implements JdbcConnectionPoolProvider {
    @Override
    public String configKey() {
        return "hikari";
    }

    @Override
    public JdbcConnectionPool create(Config config, String name) {
        return new HikariConnectionPool(
                config.get("url").asString().get(),
                config.get("username").asString().orElse(null),
                config.get("password").asString().orElse(null),
                config.get("maximum-pool-size").asInt().orElse(10));
    }
}
