package io.sluice.sync;

import java.math.BigDecimal;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code {{ last_sync_timestamp }}} in a model query, as dbt-style incremental models write it:
 * {@code WHERE updated_at > '{{ last_sync_timestamp }}'}. Each occurrence, with the quotes around it, becomes a
 * JDBC parameter bound to the last successful run's watermark: a value is never spliced into the SQL, so a
 * cursor holding a quote is just a value.
 */
public final class LastSyncTimestamp {

    /** Bound on a sync's first run, so the comparison lets every row through. */
    public static final LocalDateTime FIRST_RUN = LocalDateTime.of(1, 1, 1, 0, 0);
    private static final BigDecimal BELOW_ANY_NUMBER = new BigDecimal("-1E+38");

    private static final Pattern PLACEHOLDER =
            Pattern.compile("'\\{\\{\\s*last_sync_timestamp\\s*}}'|\\{\\{\\s*last_sync_timestamp\\s*}}");
    private static final Pattern ANY_PLACEHOLDER = Pattern.compile("\\{\\{\\s*([^}]*?)\\s*}}");

    private LastSyncTimestamp() {
    }

    /**
     * What a first run binds when the placeholder stands for a cursor column of this JDBC type: a value below any
     * the column holds, of a type the warehouse compares with it (PostgreSQL has no text &gt; timestamp).
     */
    public static Object firstRun(int sqlType) {
        return switch (sqlType) {
            case Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR, Types.NCHAR, Types.NVARCHAR, Types.LONGNVARCHAR,
                 Types.CLOB -> "";
            case Types.DATE -> LocalDate.of(1, 1, 1);
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT, Types.FLOAT, Types.REAL, Types.DOUBLE,
                 Types.NUMERIC, Types.DECIMAL -> BELOW_ANY_NUMBER;
            default -> FIRST_RUN;
        };
    }

    /** The query with each placeholder a {@code ?}. */
    static String asParameters(String query) {
        return PLACEHOLDER.matcher(query).replaceAll("?");
    }

    /** How many parameters {@link #asParameters} made. */
    static int count(String query) {
        return (int) PLACEHOLDER.matcher(query).results().count();
    }

    /** The placeholders a model query may not hold: every one but {@code last_sync_timestamp}. */
    static List<String> unknown(String query) {
        List<String> unknown = new ArrayList<>();
        Matcher matcher = ANY_PLACEHOLDER.matcher(query);
        while (matcher.find()) {
            if (!matcher.group(1).equals("last_sync_timestamp")) {
                unknown.add(matcher.group());
            }
        }
        return unknown;
    }
}
