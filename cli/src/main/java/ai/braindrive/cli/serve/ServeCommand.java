package ai.braindrive.cli.serve;

import java.net.BindException;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

import ai.braindrive.cli.BaseCommand;
import ai.braindrive.cli.CliException;
import ai.braindrive.cli.ExitCodes;
import ai.braindrive.server.BrainDriveServer;
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
        BrainDriveServer server = start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } finally {
                stopped.countDown();
            }
        }, "braindrive-shutdown"));
        info("BrainDrive is running at " + server.baseUrl() + " (data: " + config.dataDir() + "). Press Ctrl-C to stop.");
        stopped.await();
        return ExitCodes.OK;
    }

    private static BrainDriveServer start(ServerConfig config) {
        try {
            return BrainDriveServer.start(config);
        } catch (RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof BindException) {
                    throw new CliException(ExitCodes.FAILURE, "Port " + config.port() + " on " + config.host()
                            + " is already in use (is BrainDrive already running?). Choose another with --port "
                            + "or BRAINDRIVE_PORT.", e);
                }
            }
            throw e;
        }
    }
}
