package io.sluice.validate;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.sluice.config.WarehouseDialect;
import io.sluice.sync.LastSyncTimestamp;
import io.sluice.sync.SyncCatalog;
import io.sluice.sync.SyncDefinition;
import io.sluice.sync.SyncFileProblem;

/**
 * Runs each model query against the warehouse so that it returns no rows, and checks that it returns every
 * mapped column: the query is valid SQL for this warehouse, its tables exist and Sluice may read them.
 */
final class WarehouseCheck implements AutoCloseable {

    private final Connection connection;
    private final WarehouseDialect dialect;
    private final Duration queryTimeout;

    private WarehouseCheck(Connection connection, WarehouseDialect dialect, Duration queryTimeout) {
        this.connection = connection;
        this.dialect = dialect;
        this.queryTimeout = queryTimeout;
    }

    static WarehouseCheck connect(String url, String username, String password, Duration queryTimeout)
            throws SQLException {
        WarehouseDialect dialect = WarehouseDialect.of(url);
        Connection connection = DriverManager.getConnection(url, username, password);
        if (dialect.readOnlyConnection()) {
            connection.setReadOnly(true);
        }
        return new WarehouseCheck(connection, dialect, queryTimeout);
    }

    List<SyncFileProblem> check(SyncDefinition sync) {
        // the query as a subquery that can return no row: the warehouse plans and runs it, and sends nothing
        String noRows = dialect.columnProbe(sync.jdbcQuery());
        List<String> columns = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(noRows)) {
            statement.setQueryTimeout((int) Math.max(1, queryTimeout.toSeconds()));
            for (int i = 1; i <= sync.lastSyncParameters(); i++) {
                statement.setObject(i, LastSyncTimestamp.FIRST_RUN);
            }
            try (ResultSet rows = statement.executeQuery()) {
                ResultSetMetaData metaData = rows.getMetaData();
                for (int i = 1; i <= metaData.getColumnCount(); i++) {
                    columns.add(metaData.getColumnLabel(i));
                }
            }
        } catch (SQLException e) {
            rollBack();
            return List.of(new SyncFileProblem(sync.file().toString(), "model.query",
                    "the warehouse rejects the query: " + reason(e)));
        }
        return SyncCatalog.missingColumns(sync, columns);
    }

    /** The database's reason, without the statement some drivers append (it is the file's own query). */
    private static String reason(SQLException e) {
        String message = e.getMessage().strip().lines().findFirst().orElse("");
        return message.replaceFirst(";\\s*SQL statement:$", "");
    }

    /** PostgreSQL refuses every statement after a failed one until the transaction ends. */
    private void rollBack() {
        try {
            if (!connection.getAutoCommit()) {
                connection.rollback();
            }
        } catch (SQLException ignored) {
            // the next query reports whatever is wrong with the connection
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // validate is ending; the warehouse drops the session itself
        }
    }
}
