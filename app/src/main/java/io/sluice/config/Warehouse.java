package io.sluice.config;

import javax.sql.DataSource;

/**
 * A warehouse Sluice reads models from: its read-only pool and the dialect its URL names.
 *
 * @param name       the name sync files give it in {@code warehouse:}; {@link Warehouses#DEFAULT} for
 *                   {@code sluice.warehouse.*}
 * @param dialect    what its engine does differently on the read path
 * @param dataSource its read-only pool
 */
public record Warehouse(String name, WarehouseDialect dialect, DataSource dataSource) {
}
