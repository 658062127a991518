package ai.braindrive.cli.auth;

import ai.braindrive.cli.ApiCommand;
import ai.braindrive.cli.http.RestClient;

import picocli.CommandLine.Command;

/** {@code braindrive whoami}: the logged-in user. */
@Command(name = "whoami", description = "Show the user you are logged in as.")
public final class WhoamiCommand extends ApiCommand {
    @Override
    protected int run(RestClient client) {
        print(client.get("/api/v1/auth/me"), Users.TABLE);
        return OK;
    }
}
