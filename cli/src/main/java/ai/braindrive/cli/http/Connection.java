package ai.braindrive.cli.http;

import ai.braindrive.server.BrainDriveServer;

/**
 * A command's way to the server: a client for the running server, or for a server this command started in-process
 * over the local data dir (stopped again by {@link #close()}).
 */
public final class Connection implements AutoCloseable {
    private final RestClient client;
    private final BrainDriveServer localServer;
    private final QuietLogging quiet;

    Connection(RestClient client, BrainDriveServer localServer, QuietLogging quiet) {
        this.client = client;
        this.localServer = localServer;
        this.quiet = quiet;
    }

    public RestClient client() {
        return client;
    }

    /** True when this command runs its own server over the data dir. */
    public boolean inProcess() {
        return localServer != null;
    }

    @Override
    public void close() {
        try {
            if (localServer != null) {
                localServer.close();
            }
        } finally {
            if (quiet != null) {
                quiet.close();
            }
        }
    }
}
