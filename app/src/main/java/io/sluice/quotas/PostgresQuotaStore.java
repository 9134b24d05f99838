package io.sluice.quotas;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.SqlParameterValue;

/**
 * Quotas in the PostgreSQL state store, for every instance sharing it: each step is one statement, so two
 * instances counting at once never lose a count.
 */
final class PostgresQuotaStore implements QuotaStore {

    private final JdbcTemplate jdbc;

    PostgresQuotaStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public BreakerState breaker(String key) {
        List<BreakerState> found = jdbc.query(
                "SELECT failed_in_a_row, last_error, open_until FROM circuit_breaker WHERE breaker_key = ?",
                PostgresQuotaStore::breakerState, key);
        return found.isEmpty() ? BreakerState.CLOSED : found.get(0);
    }

    @Override
    public void closeBreaker(String key) {
        // a no-op, taking no lock, while the breaker is closed already: the usual case, after every batch
        jdbc.update("UPDATE circuit_breaker SET failed_in_a_row = 0, open_until = NULL WHERE breaker_key = ?"
                + " AND (failed_in_a_row > 0 OR open_until IS NOT NULL)", key);
    }

    @Override
    public BreakerState breakerFailed(String key, String error, int opensAfter, Instant now, Duration openFor) {
        long openUntil = now.plus(openFor).toEpochMilli();
        return jdbc.queryForObject("""
                INSERT INTO circuit_breaker AS b (breaker_key, failed_in_a_row, last_error, open_until)
                VALUES (?, 1, ?, ?)
                ON CONFLICT (breaker_key) DO UPDATE SET failed_in_a_row = b.failed_in_a_row + 1,
                    last_error = EXCLUDED.last_error,
                    open_until = CASE WHEN b.failed_in_a_row + 1 >= ? THEN ? ELSE b.open_until END
                RETURNING failed_in_a_row, last_error, open_until""",
                PostgresQuotaStore::breakerState, key, error,
                new SqlParameterValue(Types.BIGINT, opensAfter <= 1 ? openUntil : null), opensAfter, openUntil);
    }

    @Override
    public boolean takeFromBudget(String key, LocalDate day, long limit) {
        if (limit < 1) {
            return false;
        }
        // no row comes back when the day's budget was spent: the update's condition kept it as it was
        return !jdbc.queryForList("""
                INSERT INTO daily_budget AS b (budget_key, budget_day, used) VALUES (?, ?, 1)
                ON CONFLICT (budget_key) DO UPDATE
                    SET used = CASE WHEN b.budget_day = EXCLUDED.budget_day THEN b.used + 1 ELSE 1 END,
                        budget_day = EXCLUDED.budget_day
                    WHERE b.budget_day <> EXCLUDED.budget_day OR b.used < ?
                RETURNING used""", Long.class, key, day, limit).isEmpty();
    }

    @Override
    public void spendBudget(String key, LocalDate day, long limit) {
        jdbc.update("""
                INSERT INTO daily_budget AS b (budget_key, budget_day, used) VALUES (?, ?, ?)
                ON CONFLICT (budget_key) DO UPDATE
                    SET used = CASE WHEN b.budget_day = EXCLUDED.budget_day THEN GREATEST(b.used, EXCLUDED.used)
                                    ELSE EXCLUDED.used END,
                        budget_day = EXCLUDED.budget_day""", key, day, limit);
    }

    private static BreakerState breakerState(ResultSet row, int rowNumber) throws SQLException {
        long openUntil = row.getLong("open_until");
        Instant until = row.wasNull() ? null : Instant.ofEpochMilli(openUntil);
        return new BreakerState(row.getInt("failed_in_a_row"), row.getString("last_error"), until);
    }
}
