package io.sluice.read;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.apache.camel.Exchange;
import org.apache.camel.support.SynchronizationAdapter;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

import io.sluice.config.SluiceProperties;
import io.sluice.runs.RunContext;
import io.sluice.sync.LastSyncTimestamp;
import io.sluice.sync.SyncDefinition;

/**
 * Sends a run's model query to the warehouse and streams its rows. With an incremental cursor and a
 * watermark from an earlier run, the model is wrapped so only rows past the watermark are read; the
 * watermark is always bound as a parameter, never spliced into the SQL — also where the query asks for it
 * itself, as {@code '{{ last_sync_timestamp }}'} (every row on the first run).
 *
 * <p>The read runs in a transaction with a fetch size (PostgreSQL's driver streams only then) on a
 * read-only connection, which stays open until the run's exchange completes.
 */
@Component("modelQuery")
public class ModelQuery {

    private final DataSource warehouse;
    private final SluiceProperties.Read settings;

    public ModelQuery(@Qualifier("warehouseDataSource") DataSource warehouse, SluiceProperties properties) {
        this.warehouse = warehouse;
        this.settings = properties.read();
    }

    /** Below every value: a timestamp, or of the cursor column's type when one is named. */
    private static Object firstRun(SyncDefinition sync, PreparedStatement statement) throws SQLException {
        if (sync.cursor().isEmpty()) {
            return LastSyncTimestamp.FIRST_RUN;
        }
        ResultSetMetaData columns = statement.getMetaData();
        for (int i = 1; columns != null && i <= columns.getColumnCount(); i++) {
            if (columns.getColumnLabel(i).equalsIgnoreCase(sync.cursor().get())) {
                return LastSyncTimestamp.firstRun(columns.getColumnType(i));
            }
        }
        return LastSyncTimestamp.FIRST_RUN;
    }

    /** Body out: the {@link ModelRows} of the run's model. */
    public void read(Exchange exchange) throws SQLException {
        RunContext run = exchange.getProperty(RunContext.PROPERTY, RunContext.class);
        SyncDefinition sync = run.sync();
        String sql = sync.jdbcQuery().replaceFirst(";\\s*$", "");
        // a query reading since the last sync filters itself; the cursor then only sets the watermark
        int lastSyncParameters = sync.lastSyncParameters();
        boolean pastWatermark = lastSyncParameters == 0 && sync.cursor().isPresent()
                && run.startingWatermark().isPresent();
        if (pastWatermark) {
            String cursor = sync.cursor().get();
            sql = "SELECT * FROM (" + sql + ") sluice_model WHERE sluice_model." + cursor + " > ?"
                    + " ORDER BY sluice_model." + cursor;
        }
        Connection connection = warehouse.getConnection();
        try {
            connection.setAutoCommit(false);
            PreparedStatement statement = connection.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY,
                    ResultSet.CONCUR_READ_ONLY);
            statement.setFetchSize(settings.fetchSize());
            statement.setQueryTimeout((int) Math.max(1, settings.queryTimeout().toSeconds()));
            if (pastWatermark) {
                statement.setObject(1, run.startingWatermark().get().sqlValue());
            }
            if (lastSyncParameters > 0) {
                Object lastSync = run.startingWatermark().isPresent() ? run.startingWatermark().get().sqlValue()
                        : firstRun(sync, statement);
                for (int i = 1; i <= lastSyncParameters; i++) {
                    statement.setObject(i, lastSync);
                }
            }
            ModelRows rows = new ModelRows(connection, statement, statement.executeQuery());
            exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
                @Override
                public void onDone(Exchange done) {
                    rows.close();
                }
            });
            exchange.getMessage().setBody(rows);
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }
}
