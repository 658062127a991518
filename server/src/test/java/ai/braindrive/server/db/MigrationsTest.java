package ai.braindrive.server.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import ai.braindrive.server.testing.TestServer;

import org.junit.jupiter.api.Test;

class MigrationsTest {
    @Test
    void aFailingMigrationStopsStartUpNamingTheFileAndLeavesNothingHalfDone() {
        Path dir = TestServer.newDataDir();
        try {
            DatabaseException failure = assertThrows(DatabaseException.class,
                    () -> Database.openDerby(dir.resolve("db"), 2, "db/migration-broken"));
            assertTrue(failure.getMessage().startsWith("Migration V902__broken.sql failed: "), failure.getMessage());
            try (Database db = Database.openDerby(dir.resolve("db"), 2, "db/migration")) {
                // The good file was recorded, the broken one rolled back whole (no half_done table).
                assertTrue(db.exists("SELECT 1 FROM schema_version WHERE version = 901"));
                assertFalse(db.exists("SELECT 1 FROM schema_version WHERE version = 902"));
                assertFalse(db.exists("SELECT 1 FROM sys.systables WHERE tablename = 'HALF_DONE'"));
                assertTrue(db.exists("SELECT 1 FROM sys.systables WHERE tablename = 'FINE_TABLE'"));
            }
        } finally {
            TestServer.deleteRecursively(dir);
        }
    }

    @Test
    void scriptsSplitIntoStatementsOnTrailingSemicolons() {
        List<String> statements = Migrations.statements("-- comment\nCREATE TABLE a (x INT);\n\nINSERT INTO a\n"
                + "VALUES (1);\n");
        assertEquals(List.of("CREATE TABLE a (x INT)", "INSERT INTO a\nVALUES (1)"), statements);
    }
}
