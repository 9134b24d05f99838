package io.sluice.sync;

/**
 * Marks a bean that prepares the warehouse (the demo's seed): the catalog waits for it before it
 * checks the columns of model queries.
 */
public interface WarehouseReady {
}
