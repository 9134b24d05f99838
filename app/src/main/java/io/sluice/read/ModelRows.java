package io.sluice.read;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

import io.sluice.config.Warehouse;
import io.sluice.config.WarehouseDialect;

/**
 * The model's rows as they stream from the warehouse, each an array of column values in
 * {@link #columns()} order. Nothing is built per row but that array: a run over millions of rows
 * spends its time reading and hashing, not allocating maps. Holds the connection until closed.
 */
public final class ModelRows implements Iterator<Object[]>, AutoCloseable {

    /** The exchange property holding a run's rows, so its connection can be handed back once its plan is written. */
    public static final String PROPERTY = "sluice.modelRows";

    private final Warehouse.Read read;
    private final PreparedStatement statement;
    private final ResultSet resultSet;
    private final List<String> columns;
    /** Per column, the class to ask the driver for, where its own choice would be wrong; null elsewhere. */
    private final Class<?>[] readAs;
    /** Set when the warehouse diffed: the result holds only what changed, and each row its key and hash after it. */
    private final WarehouseDiffRun diff;
    private Boolean hasNext;

    ModelRows(WarehouseDialect dialect, Warehouse.Read read, PreparedStatement statement, ResultSet resultSet,
              WarehouseDiffRun diff) throws SQLException {
        this.read = read;
        this.diff = diff;
        this.statement = statement;
        this.resultSet = resultSet;
        ResultSetMetaData metaData = resultSet.getMetaData();
        int count = metaData.getColumnCount();
        this.columns = new ArrayList<>(count);
        this.readAs = new Class<?>[count];
        for (int i = 0; i < count; i++) {
            columns.add(metaData.getColumnLabel(i + 1));
            String type = metaData.getColumnTypeName(i + 1);
            // java.sql.Timestamp would pass a zoneless value through the JVM's zone, and lose a zoned one's offset
            readAs[i] = dialect.zoneless(type) ? LocalDateTime.class
                    : dialect.zoned(type) ? OffsetDateTime.class : null;
        }
    }

    /**
     * The model's column labels, as the driver spells them. A warehouse diff's result holds more columns after
     * these, which its rows leave out: each row's number, key, hash, how many rows share its key, and its state
     * row's key.
     */
    public List<String> columns() {
        return diff == null ? columns : columns.subList(0, columns.size() - WarehouseDiffRun.ADDED_COLUMNS);
    }

    /** The run's diff inside the warehouse, when it found what changed there. */
    public Optional<WarehouseDiffRun> warehouseDiff() {
        return Optional.ofNullable(diff);
    }

    @Override
    public boolean hasNext() {
        try {
            while (hasNext == null) {
                hasNext = resultSet.next();
                if (diff == null) {
                    break;
                }
                int added = columns().size() + 1;
                if (!hasNext) {
                    diff.readAll();
                } else if (resultSet.getObject(added) == null) {
                    // a state row without a model row: a deletion, not a row of the model
                    diff.gone(resultSet.getString(added + 4));
                    hasNext = null;
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Reading the model failed: " + e.getMessage(), e);
        }
        return hasNext;
    }

    @Override
    public Object[] next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        hasNext = null;
        Object[] row = new Object[diff == null ? readAs.length : readAs.length - WarehouseDiffRun.ADDED_COLUMNS];
        try {
            for (int i = 0; i < row.length; i++) {
                row[i] = readAs[i] == null ? resultSet.getObject(i + 1) : resultSet.getObject(i + 1, readAs[i]);
            }
            if (diff != null) {
                int added = columns().size() + 1;
                diff.left(resultSet.getString(added + 1), resultSet.getString(added + 2),
                        resultSet.getLong(added + 3), resultSet.getString(added + 4));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Reading the model failed: " + e.getMessage(), e);
        }
        return row;
    }

    /** Ends the read and hands the connection back; closing again does nothing. */
    @Override
    public void close() {
        try (read; statement; resultSet) {
            // closed in reverse order: the result, the statement, then the connection
        } catch (SQLException e) {
            throw new IllegalStateException("Closing the model's read failed: " + e.getMessage(), e);
        }
    }
}
