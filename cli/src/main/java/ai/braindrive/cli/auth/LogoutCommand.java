package ai.braindrive.cli.auth;

import java.util.Optional;

import ai.braindrive.cli.ApiCommand;
import ai.braindrive.cli.CliException;
import ai.braindrive.cli.http.Credentials;
import ai.braindrive.cli.http.RestClient;
import ai.braindrive.cli.output.OutputFormat;
import ai.braindrive.cli.output.Printer;
import ai.braindrive.server.http.Json;

import picocli.CommandLine.Command;

/** {@code braindrive logout}: ends the session on the server and forgets the stored tokens. */
@Command(name = "logout", description = "Log out: end the session on the server and forget the stored login.")
public final class LogoutCommand extends ApiCommand {

    @Override
    protected int run(RestClient client) {
        Optional<Credentials> credentials = client.credentialStore().get(client.server());
        if (credentials.isEmpty()) {
            warn("Not logged in to " + client.server());
            return report(client, false);
        }
        try {
            Credentials login = credentials.get();
            client.anonymous().check(client.anonymous().send("POST", "/api/v1/auth/logout", null,
                    "Cookie", "refresh_token=" + login.refreshToken(),
                    "Authorization", "Bearer " + login.accessToken()));
        } catch (CliException e) {
            warn("The server did not end the session (" + e.getMessage() + "); forgetting it here anyway");
        } finally {
            client.credentialStore().remove(client.server());
        }
        return report(client, true);
    }

    private int report(RestClient client, boolean loggedOut) {
        if (output == OutputFormat.json) {
            out().println(Printer.json(Json.MAPPER.createObjectNode().put("server", client.server())
                    .put("logged_out", loggedOut)));
            out().flush();
        } else if (loggedOut) {
            out().println("Logged out of " + client.server());
            out().flush();
        }
        return OK;
    }
}
