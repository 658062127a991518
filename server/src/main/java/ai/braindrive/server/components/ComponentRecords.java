package ai.braindrive.server.components;

/** Request bodies of the components endpoints (responses are {@link Component} itself). */
final class ComponentRecords {
    private ComponentRecords() {
    }

    record ComponentCreate(String name, String componentId, String description, String icon, Boolean isSystem) {
    }

    record ComponentUpdate(String name, String description, String icon) {
    }
}
