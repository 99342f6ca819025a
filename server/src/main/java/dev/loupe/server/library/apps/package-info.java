/**
 * The Apps API ({@code /api/v1/apps}): the catalog of apps shipped as resources of the server (the AWS API Gateway
 * app, unchanged) and their installation into the library as an asynchronous job.
 */
package dev.loupe.server.library.apps;
