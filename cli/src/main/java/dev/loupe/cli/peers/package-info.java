/**
 * {@code loupe bench peers}: Loupe and the tools its users would otherwise reach for (DuckDB over raw NDJSON and
 * over a native table, {@code jq}, {@code rg}) on the same data and the same work, in one process run. A
 * {@link dev.loupe.cli.peers.Task} is one piece of work written once per tool; a {@link dev.loupe.cli.peers.Peer}
 * answers it with counts ({@link dev.loupe.cli.peers.Answer}) so that {@link dev.loupe.cli.peers.Comparison} can
 * check every peer agrees with Loupe before it compares times; {@link dev.loupe.cli.peers.ComparisonTable} renders
 * the medians and ratios as Markdown for {@code BENCHMARKS.md}.
 */
package dev.loupe.cli.peers;
