package io.sluice.read;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;

/**
 * The model's rows as they stream from the warehouse, each an array of column values in
 * {@link #columns()} order. Nothing is built per row but that array: a run over millions of rows
 * spends its time reading and hashing, not allocating maps. Holds the connection until closed.
 */
public final class ModelRows implements Iterator<Object[]>, AutoCloseable {

    private final Connection connection;
    private final PreparedStatement statement;
    private final ResultSet resultSet;
    private final List<String> columns;
    private final boolean[] zonelessTimestamp;
    private Boolean hasNext;

    ModelRows(Connection connection, PreparedStatement statement, ResultSet resultSet) throws SQLException {
        this.connection = connection;
        this.statement = statement;
        this.resultSet = resultSet;
        ResultSetMetaData metaData = resultSet.getMetaData();
        int count = metaData.getColumnCount();
        this.columns = new ArrayList<>(count);
        this.zonelessTimestamp = new boolean[count];
        for (int i = 0; i < count; i++) {
            columns.add(metaData.getColumnLabel(i + 1));
            zonelessTimestamp[i] = metaData.getColumnType(i + 1) == Types.TIMESTAMP
                    && !metaData.getColumnTypeName(i + 1).toLowerCase(Locale.ROOT).matches(".*(tz|zone).*");
        }
    }

    /** The result's column labels, as the driver spells them. */
    public List<String> columns() {
        return columns;
    }

    @Override
    public boolean hasNext() {
        if (hasNext == null) {
            try {
                hasNext = resultSet.next();
            } catch (SQLException e) {
                throw new IllegalStateException("Reading the model failed: " + e.getMessage(), e);
            }
        }
        return hasNext;
    }

    @Override
    public Object[] next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        hasNext = null;
        Object[] row = new Object[zonelessTimestamp.length];
        try {
            for (int i = 0; i < row.length; i++) {
                // a zoneless timestamp read as one: java.sql.Timestamp would pass it through the JVM's zone
                row[i] = zonelessTimestamp[i] ? resultSet.getObject(i + 1, LocalDateTime.class)
                        : resultSet.getObject(i + 1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Reading the model failed: " + e.getMessage(), e);
        }
        return row;
    }

    /** Ends the read-only transaction and hands the connection back. */
    @Override
    public void close() {
        try (connection) {
            try (statement; resultSet) {
                connection.rollback();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Closing the model's read failed: " + e.getMessage(), e);
        }
    }
}
