/**
 * The content library: a tree of folders, dashboards, saved searches and lookups in the server's database, with
 * personal folders, permissions for users and roles, and Sumo's Content API v2 ({@code /api/v2/content}):
 * asynchronous import and export of {@code ContentSyncDefinition} JSON kept as given, delete, copy, move, paths.
 * Sub-packages: {@code dashboards} (Dashboards API v2) and {@code apps} (Apps API and the shipped app catalog).
 */
package dev.loupe.server.library;
