package io.sluice.config;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.Semaphore;

import javax.sql.DataSource;

/**
 * A warehouse Sluice reads models from: its read-only pool and the dialect its URL names. Runs wanting
 * to read wait their turn for one of its connections, however long the runs before them read; only a
 * warehouse that cannot be reached makes a run fail, after the pool's connection timeout.
 *
 * @param name        the name sync files give it in {@code warehouse:}; {@link Warehouses#DEFAULT} for
 *                    {@code sluice.warehouse.*}
 * @param dialect     what its engine does differently on the read path
 * @param dataSource  its read-only pool
 * @param connections one permit per connection of the pool
 * @param diff        where its syncs' runs find what changed, unless a sync file says otherwise
 * @param stateSchema where the warehouse diff keeps its state table, when Sluice may write one
 */
public record Warehouse(String name, WarehouseDialect dialect, DataSource dataSource, Semaphore connections,
                        DiffMode diff, Optional<StateSchema> stateSchema) {

    public Warehouse(String name, WarehouseDialect dialect, DataSource dataSource, int poolSize, DiffMode diff,
                     Optional<StateSchema> stateSchema) {
        this(name, dialect, dataSource, new Semaphore(poolSize, true), diff, stateSchema);
    }

    /**
     * A schema of the warehouse Sluice may write, and the connection it writes with: never the read-only one the
     * models are read on.
     *
     * @param schema the schema's name, as written in the configuration
     * @param writer a small pool of writable connections, autocommit on
     */
    public record StateSchema(String schema, DataSource writer) {

        /** The one table, for every sync of the warehouse, that the warehouse diff joins models with. */
        public String table() {
            return schema + ".sluice_state";
        }
    }

    /** A connection once one is free, in the order runs asked; {@link Read#close()} hands it back. */
    public Read read() throws SQLException, InterruptedException {
        connections.acquire();
        Connection connection = null;
        try {
            connection = dataSource.getConnection();
            if (!connection.getAutoCommit()) {
                // a snapshot engine (DuckDB) would otherwise show what the pool's last user saw, not today's rows
                connection.rollback();
            }
            return new Read(connection, connections);
        } catch (SQLException | RuntimeException e) {
            try (Connection failed = connection) {
                connections.release();
            }
            throw e;
        }
    }

    /** A run's connection to the warehouse, held while it reads and plans. */
    public static final class Read implements AutoCloseable {

        private final Connection connection;
        private final Semaphore connections;
        private boolean closed;

        private Read(Connection connection, Semaphore connections) {
            this.connection = connection;
            this.connections = connections;
        }

        public Connection connection() {
            return connection;
        }

        /** Ends the read's transaction, if it ran in one, and returns the connection; once, however often called. */
        @Override
        public synchronized void close() throws SQLException {
            if (closed) {
                return;
            }
            closed = true;
            try (connection) {
                // a connection the warehouse dropped has no transaction left to end
                if (!connection.isClosed() && !connection.getAutoCommit()) {
                    connection.rollback();
                }
            } finally {
                connections.release();
            }
        }
    }
}
