package ai.braindrive.server.tags;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import ai.braindrive.server.db.Row;
import ai.braindrive.server.db.Sql;

/** All SQL of the tags table. Every statement is scoped by the owner's user id. */
public final class TagRepository {
    private static final String COLUMNS = "id, user_id, name, color, created_at, updated_at";

    private final Sql db;

    public TagRepository(Sql db) {
        this.db = db;
    }

    private static Tag tag(Row row) {
        return new Tag(row.string("id"), row.string("name"), row.string("color"), row.string("user_id"),
                row.instant("created_at"), row.instant("updated_at"));
    }

    public Optional<Tag> find(String userId, String id) {
        return find(db, userId, id);
    }

    public Optional<Tag> find(Sql tx, String userId, String id) {
        return tx.one("SELECT " + COLUMNS + " FROM tags WHERE id = ? AND user_id = ?", TagRepository::tag, id, userId);
    }

    public List<Tag> list(String userId, int skip, int limit) {
        return db.list("SELECT " + COLUMNS + " FROM tags WHERE user_id = ? ORDER BY name_key, id "
                + "OFFSET ? ROWS FETCH NEXT ? ROWS ONLY", TagRepository::tag, userId, skip, limit);
    }

    public long count(String userId) {
        return db.count("SELECT COUNT(*) AS c FROM tags WHERE user_id = ?", userId);
    }

    /** Inserts the tag; a name the user already has fails with a unique violation. */
    public void insert(Tag tag) {
        db.update("INSERT INTO tags (" + COLUMNS + ", name_key) VALUES (?, ?, ?, ?, ?, ?, ?)", tag.id(), tag.userId(),
                tag.name(), tag.color(), tag.createdAt(), tag.updatedAt(), key(tag.name()));
    }

    /** False when the tag no longer exists; a name the user already has fails with a unique violation. */
    public boolean update(Tag tag) {
        return db.update("UPDATE tags SET name = ?, name_key = ?, color = ?, updated_at = ? WHERE id = ? AND user_id = ?",
                tag.name(), key(tag.name()), tag.color(), tag.updatedAt(), tag.id(), tag.userId()) == 1;
    }

    /** Deletes the user's tag; its links to conversations cascade. False when not found. */
    public boolean delete(String userId, String id) {
        return db.update("DELETE FROM tags WHERE id = ? AND user_id = ?", id, userId) == 1;
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
