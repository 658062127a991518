package ai.braindrive.cli.http;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Consumer;

import ai.braindrive.cli.CliContext;
import ai.braindrive.cli.CliException;
import ai.braindrive.cli.ExitCodes;
import ai.braindrive.server.BrainDriveServer;
import ai.braindrive.server.config.ServerConfig;
import ai.braindrive.server.db.DataDirLock;

/**
 * Finds the server a command talks to. When nothing answers at a loopback URL and a local data dir is at hand
 * (given with {@code --data-dir}, or the default one exists), the command starts the server in-process on a free
 * loopback port for its own duration, so admin scripts work before the app is started.
 */
public final class ServerConnector {
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

    private ServerConnector() {
    }

    /**
     * @param serverOption {@code --server}, or null for {@code $BRAINDRIVE_SERVER} / the default
     * @param dataDirOption {@code --data-dir}, or null for {@code $BRAINDRIVE_DATA_DIR} / the default (if it exists)
     * @param debug where to say what was chosen (only with {@code --verbose})
     */
    public static Connection connect(CliContext context, String serverOption, Path dataDirOption, boolean verbose,
                                     Consumer<String> debug) {
        String server = normalize(serverOption != null ? serverOption : context.defaultServer());
        CredentialStore store = new CredentialStore(context.configDir());
        if (answers(server)) {
            return new Connection(new RestClient(server, server, store), null, null);
        }
        Path dataDir = dataDirOption != null ? dataDirOption : context.defaultDataDir();
        boolean usable = dataDirOption != null || Files.isDirectory(dataDir);
        if (!isLoopback(server) || !usable) {
            throw new CliException(ExitCodes.FAILURE, "No BrainDrive server answers at " + server
                    + ". Start one with 'braindrive serve', or pass --server URL"
                    + (isLoopback(server) ? " or --data-dir DIR" : "") + ".");
        }
        debug.accept("No server answers at " + server + "; starting one in-process over " + dataDir.toAbsolutePath());
        QuietLogging quiet = verbose ? null : QuietLogging.start();
        try {
            ServerConfig config = ServerConfig.load(new ServerConfig.Overrides("127.0.0.1", 0, dataDir),
                    context.env());
            BrainDriveServer local = BrainDriveServer.start(config);
            return new Connection(new RestClient(local.baseUrl(), server, store), local, quiet);
        } catch (DataDirLock.DataDirInUseException e) {
            closeQuietly(quiet);
            throw new CliException(ExitCodes.FAILURE, e.getMessage() + " (No server answers at " + server
                    + "; if it listens elsewhere, pass --server URL.)", e);
        } catch (RuntimeException | Error e) {
            closeQuietly(quiet);
            throw e;
        }
    }

    /** {@code http(s)://host[:port]} without a trailing slash, lower-case scheme and host; else a usage error. */
    public static String normalize(String url) {
        String trimmed = url.strip();
        try {
            URI uri = new URI(trimmed);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
                throw new URISyntaxException(trimmed, "expected http://host:port");
            }
            String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
            return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT)
                    + (uri.getPort() >= 0 ? ":" + uri.getPort() : "") + path;
        } catch (URISyntaxException e) {
            throw new CliException(ExitCodes.USAGE, "Invalid server URL '" + trimmed
                    + "': expected http://host:port, e.g. " + CliContext.DEFAULT_SERVER);
        }
    }

    /** True when an HTTP server answers at {@code server} (whatever its status). */
    static boolean answers(String server) {
        HttpRequest probe = HttpRequest.newBuilder(URI.create(server + "/health")).timeout(PROBE_TIMEOUT).GET()
                .build();
        try {
            RestClient.newHttpClient().send(probe, HttpResponse.BodyHandlers.discarding());
            return true;
        } catch (ConnectException | HttpConnectTimeoutException e) {
            return false;
        } catch (IOException e) {
            // Unknown host, reset, TLS trouble: not a server we can use, and not a reason to start one.
            if (isLoopback(server)) {
                return false;
            }
            throw new CliException(ExitCodes.FAILURE, "Cannot reach " + server + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCodes.FAILURE, "Interrupted", e);
        }
    }

    static boolean isLoopback(String server) {
        String host = URI.create(server).getHost();
        if (host.equals("localhost")) {
            return true;
        }
        String literal = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (!literal.matches("[0-9.]+") && !literal.contains(":")) {
            return false; // A name: never resolved here.
        }
        try {
            return InetAddress.getByName(literal).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static void closeQuietly(QuietLogging quiet) {
        if (quiet != null) {
            quiet.close();
        }
    }
}
