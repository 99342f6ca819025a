package dev.loupe.query;

import dev.loupe.core.ErrorCode;
import dev.loupe.core.LoupeException;
import dev.loupe.core.TimeExpression;
import dev.loupe.core.TimeRange;
import dev.loupe.query.analyzer.SubqueryRunner;
import dev.loupe.query.ast.Expression.FieldReference;
import dev.loupe.query.ast.SubqueryClause;
import dev.loupe.query.execution.QueryGuard;
import java.time.LocalDateTime;
import java.time.Year;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The engine's {@link SubqueryRunner}: runs a subquery's child through the same {@link LogQueryEngine} (so the
 * child sees the same store and lookup tables, and its own subqueries run first), over its own time range.
 * One instance per parent query; when {@code context} is null (for {@link LogQueryEngine#check}) children are
 * only analyzed and compose nothing.
 *
 * <p>Child times ({@code from=(...)}, {@code to=(...)}) accept what {@link TimeExpression} accepts (relative
 * {@code -15m}, {@code now}, epoch milliseconds, ISO 8601) and the dates of spec §5:
 * {@code yyyy-MM-dd HH:mm[:ss[.SSS]]}, {@code yyyy/MM/dd ...}, {@code MM-dd-yyyy ...}, {@code MM/dd/yyyy ...},
 * and {@code MM/dd HH:mm...} or {@code MM-dd HH:mm...} in the current year, all in the query's zone.
 * Relative times are relative to the parent's "now". A missing bound is the parent's.
 */
final class ChildQueryRunner implements SubqueryRunner {
    private static final DateTimeFormatter DATES = new DateTimeFormatterBuilder()
            .optionalStart().appendPattern("yyyy-MM-dd").optionalEnd()
            .optionalStart().appendPattern("yyyy/MM/dd").optionalEnd()
            .optionalStart().appendPattern("MM-dd-yyyy").optionalEnd()
            .optionalStart().appendPattern("MM/dd/yyyy").optionalEnd()
            .optionalStart().appendPattern("MM/dd").optionalEnd()
            .optionalStart().appendPattern("MM-dd").optionalEnd()
            .optionalStart().appendLiteral(' ').appendPattern("HH:mm")
            .optionalStart().appendPattern(":ss").optionalStart().appendPattern(".SSS").optionalEnd().optionalEnd()
            .optionalEnd()
            .toFormatter();

    private final LogQueryEngine engine;
    private final QueryContext context;
    private final QueryGuard guard;

    /** @param guard the parent's guard (null with a null context): children share its cancellation and deadline */
    ChildQueryRunner(LogQueryEngine engine, QueryContext context, QueryGuard guard) {
        this.engine = engine;
        this.context = context;
        this.guard = guard;
    }

    @Override
    public List<List<String>> run(SubqueryClause clause) {
        if (context == null) {
            engine.plan(clause.child(), this, false);
            return List.of();
        }
        long from = clause.from() == null ? context.range().fromMillis() : resolve(clause.from(), clause);
        long to = clause.to() == null ? context.range().toMillis() : resolve(clause.to(), clause);
        if (from >= to) {
            throw new LoupeException(ErrorCode.INVALID_TIME, "the subquery's time range is empty or reversed",
                    clause.span());
        }
        QueryContext childContext = new QueryContext(new TimeRange(from, to), context.zone(), context.byReceiptTime(),
                context.nowMillis(), context.autoParse(), false);
        QueryResult result = engine.execute(clause.child(), childContext, guard.child());
        int[] columns = new int[clause.composeFields().size()];
        for (int index = 0; index < columns.length; index++) {
            FieldReference field = clause.composeFields().get(index);
            columns[index] = result.fieldIndex(field.name());
            if (columns[index] < 0) {
                throw new LoupeException(ErrorCode.QUERY_INVALID, "the subquery's results have no field '"
                        + field.name() + "' to compose", field.span());
            }
        }
        Set<List<String>> composed = new LinkedHashSet<>();
        for (Object[] row : result.rows()) {
            if (composed.size() >= clause.maxResults()) {
                break;
            }
            List<String> values = new ArrayList<>(columns.length);
            for (int column : columns) {
                String value = text(row[column]);
                if (value == null) {
                    break;
                }
                values.add(value);
            }
            if (values.size() == columns.length) {
                composed.add(List.copyOf(values));
            }
        }
        return List.copyOf(composed);
    }

    private long resolve(String text, SubqueryClause clause) {
        ZoneId zone = context.zone();
        try {
            return TimeExpression.resolve(text, context.nowMillis(), zone);
        } catch (LoupeException notAnExpression) {
            try {
                TemporalAccessor parsed = DATES.parse(text.trim());
                int year = parsed.isSupported(ChronoField.YEAR) ? parsed.get(ChronoField.YEAR)
                        : Year.now(zone).getValue();
                LocalDateTime dateTime = LocalDateTime.of(year, parsed.get(ChronoField.MONTH_OF_YEAR),
                        parsed.get(ChronoField.DAY_OF_MONTH),
                        parsed.isSupported(ChronoField.HOUR_OF_DAY) ? parsed.get(ChronoField.HOUR_OF_DAY) : 0,
                        parsed.isSupported(ChronoField.MINUTE_OF_HOUR) ? parsed.get(ChronoField.MINUTE_OF_HOUR) : 0,
                        parsed.isSupported(ChronoField.SECOND_OF_MINUTE) ? parsed.get(ChronoField.SECOND_OF_MINUTE)
                                : 0,
                        parsed.isSupported(ChronoField.NANO_OF_SECOND) ? parsed.get(ChronoField.NANO_OF_SECOND) : 0);
                return dateTime.atZone(zone).toInstant().toEpochMilli();
            } catch (DateTimeParseException invalid) {
                throw new LoupeException(ErrorCode.INVALID_TIME, "invalid subquery time '" + text
                        + "': use -15m, epoch milliseconds or yyyy-MM-dd HH:mm[:ss[.SSS]]", clause.span());
            }
        }
    }

    private static String text(Object value) {
        return switch (value) {
            case null -> null;
            case Double number when number == Math.rint(number) && !Double.isInfinite(number) ->
                    String.valueOf(number.longValue());
            default -> value.toString();
        };
    }
}
