package io.sluice.read;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;

import org.apache.camel.Exchange;
import org.apache.camel.support.SynchronizationAdapter;
import org.springframework.stereotype.Component;

import io.sluice.config.SluiceProperties;
import io.sluice.config.Warehouse;
import io.sluice.config.Warehouses;
import io.sluice.runs.RunContext;
import io.sluice.sync.LastSyncTimestamp;
import io.sluice.sync.SyncDefinition;

/**
 * Sends a run's model query to the warehouse and streams its rows. With an incremental cursor and a
 * watermark from an earlier run, the model is wrapped so only rows past the watermark are read; the
 * watermark is always bound as a parameter, never spliced into the SQL — also where the query asks for it
 * itself, as {@code '{{ last_sync_timestamp }}'} (every row on the first run).
 *
 * <p>The read streams as the warehouse's {@link io.sluice.config.WarehouseDialect} says (a transaction and
 * a fetch size for PostgreSQL, whose driver streams only then) on a read-only connection, which stays open
 * until the run's exchange completes.
 */
@Component("modelQuery")
public class ModelQuery {

    private final Warehouses warehouses;
    private final SluiceProperties.Read settings;
    private final WarehouseDiff warehouseDiff;

    public ModelQuery(Warehouses warehouses, SluiceProperties properties, WarehouseDiff warehouseDiff) {
        this.warehouses = warehouses;
        this.settings = properties.read();
        this.warehouseDiff = warehouseDiff;
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

    /**
     * Body out: the {@link ModelRows} of the run's model, also kept as the exchange property
     * {@link ModelRows#PROPERTY} until {@link #release}. A run waits here for a connection of its warehouse's
     * pool while other runs hold them all.
     */
    public void read(Exchange exchange) throws SQLException, InterruptedException {
        RunContext run = exchange.getProperty(RunContext.PROPERTY, RunContext.class);
        SyncDefinition sync = run.sync();
        Warehouse warehouse = warehouses.get(sync.warehouse());
        String sql = sync.jdbcQuery().replaceFirst(";\\s*$", "");
        // a query reading since the last sync filters itself; the cursor then only sets the watermark
        int lastSyncParameters = sync.lastSyncParameters();
        boolean pastWatermark = lastSyncParameters == 0 && sync.cursor().isPresent()
                && run.startingWatermark().isPresent();
        if (pastWatermark) {
            sql = warehouse.dialect().pastCursor(sql, sync.cursor().get());
        }
        Warehouse.Read read = warehouse.read();
        WarehouseDiffRun diff = null;
        try {
            if (WarehouseDiff.applies(run, warehouse)) {
                diff = warehouseDiff.open(run, warehouse, read.connection(), sql);
                sql = diff.query();
            }
            PreparedStatement statement = read.connection().prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY,
                    ResultSet.CONCUR_READ_ONLY);
            statement.setFetchSize(warehouse.dialect().fetchSize(settings.fetchSize()));
            statement.setQueryTimeout((int) Math.max(1, settings.queryTimeout().toSeconds()));
            if (pastWatermark) {
                statement.setObject(1, run.startingWatermark().get().sqlValue());
            }
            if (diff != null) {
                statement.setString(1, sync.name());
            }
            if (lastSyncParameters > 0) {
                Object lastSync = run.startingWatermark().isPresent() ? run.startingWatermark().get().sqlValue()
                        : firstRun(sync, statement);
                for (int i = 1; i <= lastSyncParameters; i++) {
                    statement.setObject(i, lastSync);
                }
            }
            WarehouseDiffRun diffed = diff;
            ModelRows rows = new ModelRows(warehouse.dialect(), read, statement, statement.executeQuery(), diffed);
            // a run that fails or is only previewed never reaches release()
            exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
                @Override
                public void onDone(Exchange done) {
                    rows.close();
                    if (diffed != null) {
                        // after delivery: what it committed to the state store is written to the warehouse now
                        warehouseDiff.close(diffed);
                    }
                }
            });
            exchange.setProperty(ModelRows.PROPERTY, rows);
            exchange.getMessage().setBody(rows);
        } catch (SQLException | RuntimeException e) {
            if (diff != null) {
                warehouseDiff.close(diff);
            }
            // the warehouse's own message says what went wrong, not what closing after it said
            try {
                read.close();
            } catch (SQLException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    /**
     * Hands the run's warehouse connection back once its plan is written: delivery, at a vendor's pace, can
     * take hours, and other runs wait for the connection meanwhile.
     */
    public void release(Exchange exchange) {
        ModelRows rows = exchange.getProperty(ModelRows.PROPERTY, ModelRows.class);
        if (rows != null) {
            rows.close();
        }
    }
}
