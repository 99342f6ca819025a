/**
 * The Dashboards API v2 ({@code /api/v2/dashboards}): dashboards are library items whose definition is a
 * {@code DashboardV2SyncDefinition}, so the Content API imports and exports them.
 */
package dev.loupe.server.library.dashboards;
