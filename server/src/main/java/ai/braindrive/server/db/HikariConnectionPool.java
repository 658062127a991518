package ai.braindrive.server.db;

import java.sql.Connection;
import java.sql.SQLException;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.helidon.dbclient.DbClientException;
import io.helidon.dbclient.jdbc.CloseableJdbcConnectionPool;

/** A Helidon DbClient connection pool backed by HikariCP (helidon-dbclient-hikari is not available here). */
public final class HikariConnectionPool implements CloseableJdbcConnectionPool {
    private final HikariDataSource dataSource;
    private final String dbType;

    public HikariConnectionPool(String url, String username, String password, int maximumPoolSize) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        if (username != null) {
            config.setUsername(username);
        }
        if (password != null) {
            config.setPassword(password);
        }
        config.setMaximumPoolSize(maximumPoolSize);
        config.setMinimumIdle(1);
        config.setPoolName("braindrive");
        config.setInitializationFailTimeout(-1);
        this.dataSource = new HikariDataSource(config);
        this.dbType = dbTypeOf(url);
    }

    static String dbTypeOf(String url) {
        String[] parts = url.split(":");
        return parts.length > 1 ? parts[1] : "jdbc";
    }

    @Override
    public Connection connection() {
        try {
            return NullTypeFix.wrap(dataSource.getConnection());
        } catch (SQLException e) {
            throw new DbClientException("Failed to get a connection from the pool", e);
        }
    }

    @Override
    public String dbType() {
        return dbType;
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
