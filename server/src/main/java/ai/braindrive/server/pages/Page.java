package ai.braindrive.server.pages;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;

/** One page row; {@code content} is null when the row was read without it (lists). */
record Page(String id, String userId, String name, String route, String routeSegment, String parentRoute,
            String parentType, boolean parentPage, String description, String icon, JsonNode content,
            String navigationRouteId, boolean published, Instant publishDate, Instant createdAt, Instant updatedAt) {

    Page withRoute(String newRoute, String newParentRoute, String newSegment, String newParentType,
                   boolean newParentPage, Instant now) {
        return new Page(id, userId, name, newRoute, newSegment, newParentRoute, newParentType, newParentPage,
                description, icon, content, navigationRouteId, published, publishDate, createdAt, now);
    }

    Page withContent(JsonNode newContent, Instant now) {
        return new Page(id, userId, name, route, routeSegment, parentRoute, parentType, parentPage, description,
                icon, newContent, navigationRouteId, published, publishDate, createdAt, now);
    }

    Page withPublication(boolean newPublished, Instant newPublishDate, Instant now) {
        return new Page(id, userId, name, route, routeSegment, parentRoute, parentType, parentPage, description,
                icon, content, navigationRouteId, newPublished, newPublishDate, createdAt, now);
    }
}
