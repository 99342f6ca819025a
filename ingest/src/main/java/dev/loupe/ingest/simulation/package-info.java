/**
 * A deterministic simulation of an AWS API Gateway fleet for demos and acceptance tests: {@link
 * dev.loupe.ingest.simulation.Fleet} (accounts, regions, REST APIs with stages, resources and methods),
 * {@link dev.loupe.ingest.simulation.FleetSimulator} (traffic with daily and weekly rhythm and incidents, turned
 * into the CloudWatch {@code AWS/ApiGateway} metrics through the Firehose conversion, and CloudTrail management
 * events about the same APIs) and {@link dev.loupe.ingest.simulation.GroundTruth} (what was simulated, per API
 * and hour, for tests to compare query results with).
 */
package dev.loupe.ingest.simulation;
