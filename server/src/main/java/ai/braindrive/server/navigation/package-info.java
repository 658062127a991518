/**
 * Navigation routes: each user's own forest of sidebar entries.
 * <ul>
 *   <li>Route paths are stored without a leading slash ({@code "dashboard"}), unique per user (409).</li>
 *   <li>The display position is one column: input accepts {@code display_order} or its alias {@code order}
 *       ({@code display_order} wins); output carries both.</li>
 *   <li>{@code GET ""} returns a JSON array (as the original API did; the count is in {@code X-Total-Count}),
 *       {@code GET /tree} the roots with nested, ordered {@code children} and a {@code depth_level}.</li>
 *   <li>Move and batch update are all-or-nothing: unknown or foreign ids (and parents) are 404, a route placed
 *       under itself or a descendant is 400, bad values are 422, and nothing changes then. In a batch, an absent
 *       {@code parent_id} keeps the parent and {@code null} means the top level.</li>
 *   <li>System routes (created for every new user) keep their name, path and, unless
 *       {@code can_change_default}, their default; they cannot be deleted (403). Deleting another route lifts
 *       its children to its own parent and unlinks pages that pointed at it.</li>
 * </ul>
 */
package ai.braindrive.server.navigation;
