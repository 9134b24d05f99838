package io.sluice.config;

/**
 * Where a run finds what changed: in Sluice, which reads the whole model and compares it with its state store
 * ({@code local}), or in the warehouse, which joins the model with the sync's state table there and lets only
 * the changed rows out ({@code warehouse}).
 */
public enum DiffMode {
    LOCAL,
    WAREHOUSE
}
