/**
 * Pages: a user's views built from plugin components.
 * <ul>
 *   <li>Routes are stored and returned without a leading or trailing slash ({@code "my-page"},
 *       {@code "parent/child"}); input may carry them. {@code GET /pages/route/{+route}} takes the nested path
 *       as is. A route is unique per user (409).</li>
 *   <li>A page is its creator's. A published page is readable by every signed-in user (by id and by route; the
 *       caller's own page at a route wins); writing someone else's published page is 403, anything else of
 *       another user is 404. Lists only ever show the caller's pages, without {@code content} unless
 *       {@code include_content=true} (limit at most 100).</li>
 *   <li>Moving a page ({@code PUT /{id}/hierarchy}, or a route change through {@code PUT /{id}}) rebases every
 *       page below its old route in the same transaction; a clash with a page that stays put is 409, a move
 *       under itself 400, and nothing is written then.</li>
 *   <li>Deleting a page leaves the pages below it in place (their routes stay valid and unique).</li>
 *   <li>Backups ({@code POST /{id}/backup}, plus {@code GET /{id}/backups} and
 *       {@code POST /{id}/backups/{backup_id}/restore}, which are not in the original API) keep up to 50
 *       copies of a page's content; a restore first backs up the content it replaces.</li>
 * </ul>
 */
package ai.braindrive.server.pages;
