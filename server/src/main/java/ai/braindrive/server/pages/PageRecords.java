package ai.braindrive.server.pages;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/** Request and response bodies of the pages endpoints. */
final class PageRecords {
    private PageRecords() {
    }

    record PageCreate(String name, String route, String routeSegment, String parentRoute, String parentType,
                      Boolean isParentPage, String description, String icon, JsonNode content,
                      String navigationRouteId, String creatorId, String userId) {
    }

    /** Every field optional; which ones were sent is read from the JSON tree. */
    record PageUpdate(String name, String route, String routeSegment, String parentRoute, String parentType,
                      Boolean isParentPage, String description, String icon, JsonNode content,
                      String navigationRouteId, Boolean isPublished, String creatorId, String userId) {
    }

    record HierarchyUpdate(String parentRoute, String parentType, String routeSegment, Boolean isParentPage) {
    }

    record PublishRequest(Boolean publish) {
    }

    record BackupRequest(Boolean createBackup) {
    }

    /** A page; {@code content} is left out of lists unless asked for. */
    record PageResponse(String id, String name, String route, String routeSegment, String parentRoute,
                        String parentType, boolean isParentPage, String description, String icon,
                        @JsonInclude(JsonInclude.Include.NON_NULL) JsonNode content, String navigationRouteId,
                        String creatorId, boolean isPublished, Instant publishDate, Instant createdAt,
                        Instant updatedAt) {
        static PageResponse of(Page p) {
            return new PageResponse(p.id(), p.name(), p.route(), p.routeSegment(), p.parentRoute(), p.parentType(),
                    p.parentPage(), p.description(), p.icon(), p.content(), p.navigationRouteId(), p.userId(),
                    p.published(), p.publishDate(), p.createdAt(), p.updatedAt());
        }
    }

    record PageList(List<PageResponse> pages, long total) {
    }

    record Backup(String id, String pageId, Instant createdAt,
                  @JsonInclude(JsonInclude.Include.NON_NULL) JsonNode content) {
    }

    record BackupList(List<Backup> backups, long total) {
    }
}
