package ai.braindrive.server.auth;

import java.time.Instant;

import ai.braindrive.server.db.Sql;

/**
 * Creates a feature's default rows for a newly registered user, inside the registration transaction: either the
 * user and all defaults exist, or nothing does. Must not touch the network.
 */
@FunctionalInterface
public interface UserProvisioner {
    void provision(Sql tx, String userId, Instant now);
}
