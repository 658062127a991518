package ai.braindrive.cli.auth;

import ai.braindrive.cli.output.Table;

/** How a {@code UserResponse} prints as a table. */
final class Users {
    static final Table TABLE = Table.of(
            Table.column("USERNAME", "username"),
            Table.column("EMAIL", "email"),
            Table.column("ADMIN", "is_admin"),
            Table.column("ACTIVE", "is_active"),
            Table.column("ID", "id"));

    private Users() {
    }
}
