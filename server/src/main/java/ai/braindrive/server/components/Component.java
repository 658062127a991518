package ai.braindrive.server.components;

import java.time.Instant;

/** A reusable UI component, global to the installation. {@code componentId} is its stable, unique key. */
record Component(String id, String name, String componentId, String description, String icon, boolean isSystem,
                 Instant createdAt, Instant updatedAt) {
}
