/**
 * A deterministic simulation of an AWS API Gateway fleet for demos and acceptance tests: {@link
 * dev.loupe.ingest.simulation.Fleet} (accounts, regions, REST APIs with stages, resources and methods),
 * {@link dev.loupe.ingest.simulation.FleetSimulator} (traffic with daily and weekly rhythm and incidents, turned
 * into the CloudWatch {@code AWS/ApiGateway} metrics through the Firehose conversion, and CloudTrail management
 * events about the same APIs); its sink also receives the ground truth of every period (the datapoints and what
 * each event says), for tests to compute the answers queries must give.
 */
package dev.loupe.ingest.simulation;
