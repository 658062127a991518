package ai.braindrive.cli.serve;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

import ai.braindrive.cli.BaseCommand;
import ai.braindrive.cli.CliException;
import ai.braindrive.cli.ExitCodes;
import ai.braindrive.server.BrainDriveServer;
import ai.braindrive.server.config.Logging;
import ai.braindrive.server.config.ServerConfig;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code braindrive serve}: runs the server in the foreground until Ctrl-C or SIGTERM, which stop it cleanly
 * (in-flight requests finish, then the database shuts down).
 */
@Command(name = "serve", description = "Run the BrainDrive server in the foreground (Ctrl-C stops it).")
public final class ServeCommand extends BaseCommand {
    @Option(names = "--port", paramLabel = "PORT",
            description = "Port to listen on (default: $BRAINDRIVE_PORT, application.yaml, else 8005; 0 = any free).")
    Integer port;

    @Option(names = "--host", paramLabel = "HOST",
            description = "Address to listen on (default: $BRAINDRIVE_HOST, application.yaml, else 127.0.0.1).")
    String host;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Where data lives (default: $BRAINDRIVE_DATA_DIR, else the user's data dir).")
    Path dataDir;

    @Override
    public Integer call() throws InterruptedException {
        if (port != null && (port < 0 || port > 65535)) {
            throw CliException.usage("--port must be between 0 and 65535: " + port);
        }
        ServerConfig config = ServerConfig.load(new ServerConfig.Overrides(host, port, dataDir), context().env());
        Logging.configure(config.dataDir());
        BrainDriveServer server = start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
                info("BrainDrive stopped.");
            } finally {
                stopped.countDown();
            }
        }, "braindrive-shutdown"));
        info("BrainDrive is running at " + server.baseUrl() + " (data: " + config.dataDir()
                + "). Press Ctrl-C to stop.");
        stopped.await();
        return ExitCodes.OK;
    }

    private static BrainDriveServer start(ServerConfig config) {
        checkCanListen(config.host(), config.port());
        try {
            return BrainDriveServer.start(config);
        } catch (RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof BindException) {
                    throw new CliException(ExitCodes.FAILURE, portInUse(config.host(), config.port()), e);
                }
            }
            throw e;
        }
    }

    /** Says so at once (before the database starts) when the address cannot be bound. */
    private static void checkCanListen(String host, int port) {
        if (port == 0) {
            return;
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(host, port));
        } catch (BindException e) {
            String reason = String.valueOf(e.getMessage());
            if (reason.contains("in use")) {
                throw new CliException(ExitCodes.FAILURE, portInUse(host, port), e);
            }
            throw new CliException(ExitCodes.FAILURE, "Cannot listen on " + host + ":" + port + ": " + reason, e);
        } catch (IOException e) {
            throw new CliException(ExitCodes.FAILURE, "Cannot listen on " + host + ":" + port + ": "
                    + e.getMessage(), e);
        }
    }

    private static String portInUse(String host, int port) {
        return "Port " + port + " on " + host + " is already in use (is BrainDrive already running?). "
                + "Choose another with --port or BRAINDRIVE_PORT.";
    }
}
