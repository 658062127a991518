package ai.braindrive.server;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

import ai.braindrive.server.config.Logging;
import ai.braindrive.server.config.ServerConfig;
import ai.braindrive.server.db.DataDirLock;

/**
 * Runs the server in the foreground: {@code Main [--port N] [--host H] [--data-dir DIR]}. The {@code braindrive}
 * CLI's {@code serve} command is the usual entry point; this one has no dependencies beyond the server module.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        String host = null;
        Integer port = null;
        Path dataDir = null;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--port" -> port = Integer.valueOf(require(value, "--port"));
                case "--host" -> host = require(value, "--host");
                case "--data-dir" -> dataDir = Path.of(require(value, "--data-dir"));
                default -> {
                    System.err.println("Unknown option: " + args[i]
                            + "\nUsage: Main [--port N] [--host H] [--data-dir DIR]");
                    System.exit(2);
                }
            }
            i++;
        }
        BrainDriveServer server;
        try {
            ServerConfig config = ServerConfig.load(new ServerConfig.Overrides(host, port, dataDir));
            Logging.configure(config.dataDir());
            server = BrainDriveServer.start(config);
        } catch (DataDirLock.DataDirInUseException e) {
            System.err.println(e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "braindrive-shutdown"));
        System.out.println("BrainDrive ready on " + server.baseUrl());
        stopped.await();
    }

    private static String require(String value, String option) {
        if (value == null) {
            System.err.println(option + " needs a value");
            System.exit(2);
        }
        return value;
    }
}
