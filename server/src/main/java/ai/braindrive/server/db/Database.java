package ai.braindrive.server.db;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.function.Consumer;
import java.util.function.Function;

import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbTransaction;
import io.helidon.dbclient.jdbc.JdbcClientBuilder;

/** The embedded Derby database: a HikariCP pool under Helidon DbClient, migrated at open, shut down at close. */
public final class Database implements Sql, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Database.class.getName());

    private final String url;
    private final HikariConnectionPool pool;
    private final DbClient client;
    private boolean closed;

    private Database(String url, HikariConnectionPool pool) {
        this.url = url;
        this.pool = pool;
        this.client = JdbcClientBuilder.create().connectionPool(pool).build();
    }

    /** Opens (creating if needed) the Derby database in {@code dir} and applies pending migrations. */
    public static Database openDerby(Path dir, int poolSize) {
        return openDerby(dir, poolSize, Migrations.DEFAULT_LOCATION);
    }

    static Database openDerby(Path dir, int poolSize, String migrationLocation) {
        String url = "jdbc:derby:" + dir.toAbsolutePath();
        try {
            // Boot (and create) once outside the pool, so a boot failure is reported plainly.
            DriverManager.getConnection(url + ";create=true").close();
        } catch (SQLException e) {
            throw new DatabaseException("Cannot open the database in " + dir + ": " + rootMessage(e), e);
        }
        Database db = new Database(url, new HikariConnectionPool(url, null, null, poolSize));
        try {
            new Migrations(db, migrationLocation).migrate();
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
        return db;
    }

    public DbClient client() {
        return client;
    }

    @Override
    public DbExecute execute() {
        return client.execute();
    }

    /** Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. */
    public <T> T inTransaction(Function<Sql, T> work) {
        DbTransaction tx = client.transaction();
        try {
            T result = work.apply(() -> tx);
            tx.commit();
            return result;
        } catch (RuntimeException | Error e) {
            try {
                tx.rollback();
            } catch (RuntimeException rollbackFailure) {
                e.addSuppressed(rollbackFailure);
            }
            throw e;
        }
    }

    public void runInTransaction(Consumer<Sql> work) {
        inTransaction(tx -> {
            work.accept(tx);
            return null;
        });
    }

    /** A raw JDBC connection from the pool, for migrations (DDL scripts); the caller closes it. */
    Connection connection() {
        return pool.connection();
    }

    /** Throws when the database cannot answer a trivial query. */
    public void ping() {
        one("VALUES 1", row -> 1);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            client.close();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "Closing DbClient", e);
        }
        pool.close();
        try {
            DriverManager.getConnection(url + ";shutdown=true").close();
        } catch (SQLException expected) {
            // Derby reports a clean database shutdown as SQLState 08006.
            if (!"08006".equals(expected.getSQLState())) {
                LOG.log(System.Logger.Level.WARNING, "Derby shutdown: " + expected.getMessage());
            }
        }
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage();
    }
}
