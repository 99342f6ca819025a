/**
 * OTLP/HTTP payloads (OpenTelemetry's protocol, protobuf or OTLP/JSON, optionally gzipped): {@link
 * dev.loupe.ingest.otlp.OtlpLogDecoder} turns an {@code ExportLogsServiceRequest} into log messages and {@link
 * dev.loupe.ingest.otlp.OtlpMetricDecoder} an {@code ExportMetricsServiceRequest} into metric samples.
 */
package dev.loupe.ingest.otlp;
