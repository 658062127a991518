package ai.braindrive.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.TimeZone;

import ai.braindrive.server.config.ServerConfig;
import ai.braindrive.server.db.DataDirLock;
import ai.braindrive.server.db.Database;

import io.helidon.webserver.WebServer;

/**
 * One running server: the data-dir lock, the database, the application and the web server, started in that order
 * and stopped in reverse. In-flight requests finish before the database shuts down.
 */
public final class BrainDriveServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(BrainDriveServer.class.getName());

    private final ServerConfig config;
    private final DataDirLock lock;
    private final Database db;
    private final Application app;
    private final WebServer webServer;
    private volatile boolean stopped;

    private BrainDriveServer(ServerConfig config, DataDirLock lock, Database db, Application app,
                             WebServer webServer) {
        this.config = config;
        this.lock = lock;
        this.db = db;
        this.app = app;
        this.webServer = webServer;
    }

    public static BrainDriveServer start(ServerConfig config) {
        DataDirLock lock = DataDirLock.acquire(config.dataDir());
        Database db = null;
        Application app = null;
        try {
            prepareDerby(config.dataDir());
            db = Database.openDerby(config.dataDir().resolve("db"), config.dbPoolSize());
            app = new Application(config, db);
            Application routes = app;
            WebServer webServer = WebServer.builder()
                    .host(config.host())
                    .port(config.port())
                    .maxPayloadSize(config.maxBodyBytes())
                    // Without TCP_NODELAY a response larger than one write (e.g. a 100-row list, ~40 KB) waits for
                    // the client's delayed ACK: measured 54 ms -> 6 ms for GET .../conversations?limit=100.
                    .connectionOptions(options -> options.tcpNoDelay(true))
                    .shutdownHook(false)
                    .shutdownGracePeriod(Duration.ofSeconds(10))
                    .directHandlers(ai.braindrive.server.http.ErrorHandling.directHandlers())
                    .routing(routes::routing)
                    .build()
                    .start();
            if (!webServer.isRunning()) {
                // Helidon logs the cause (usually the port is taken) and returns a stopped server instead of throwing.
                throw new java.io.UncheckedIOException(new java.net.BindException("Cannot listen on " + config.host()
                        + ":" + config.port() + " (address in use or not available)"));
            }
            LOG.log(System.Logger.Level.INFO, "BrainDrive listening on http://" + config.host() + ":"
                    + webServer.port() + " (data: " + config.dataDir() + ")");
            return new BrainDriveServer(config, lock, db, app, webServer);
        } catch (RuntimeException | Error e) {
            if (app != null) {
                app.close();
            }
            if (db != null) {
                db.close();
            }
            lock.close();
            throw e;
        }
    }

    /**
     * Derby's own log goes to the data dir, never to the working directory. The JVM zone is set to UTC because JDBC
     * converts TIMESTAMP values through it: in a zone with daylight saving, a UTC wall time that falls in the
     * local spring-forward gap would otherwise be shifted by an hour on its way in.
     */
    private static void prepareDerby(Path dataDir) {
        TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
        try {
            Path logs = dataDir.resolve("logs");
            Files.createDirectories(logs);
            if (System.getProperty("derby.stream.error.file") == null) {
                System.setProperty("derby.stream.error.file", logs.resolve("derby.log").toString());
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("Cannot create " + dataDir.resolve("logs"), e);
        }
    }

    public int port() {
        return webServer.port();
    }

    public ServerConfig config() {
        return config;
    }

    public Database database() {
        return db;
    }

    public Application application() {
        return app;
    }

    public String baseUrl() {
        String host = config.host().equals("0.0.0.0") || config.host().equals("::") ? "127.0.0.1" : config.host();
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port();
    }

    /** Stops accepting, lets in-flight requests finish, then stops background work and the database. */
    @Override
    public synchronized void close() {
        if (stopped) {
            return;
        }
        stopped = true;
        app.beforeStop();
        webServer.stop();
        app.close();
        db.close();
        lock.close();
        LOG.log(System.Logger.Level.INFO, "BrainDrive stopped");
    }
}
