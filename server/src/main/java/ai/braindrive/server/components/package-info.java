/**
 * Components: a global catalogue (not per user). Every signed-in user reads it; only admins create, update or
 * delete (403 otherwise). A component is addressed by its row id or its unique {@code component_id} (409 on a
 * duplicate; it cannot be changed later). System components are created when missing at each registration and
 * cannot be deleted (403). The list is a JSON array, as in the original API, paged by {@code skip}/{@code limit}
 * with the total in the {@code X-Total-Count} header.
 */
package ai.braindrive.server.components;
