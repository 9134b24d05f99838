package io.sluice.processors;

import groovy.lang.Binding;
import groovy.lang.Script;

/**
 * What a processor's source is compiled as: a Groovy script that sees the mapped {@code record} (a mutable map
 * of destination field to value) and the {@code sync}'s name, and may {@link #drop()} or {@link #reject} it.
 */
public abstract class ProcessorScript extends Script {

    protected ProcessorScript() {
    }

    /** The constructor each record's instance is made with: the compiled script inherits it. */
    protected ProcessorScript(Binding binding) {
        super(binding);
    }

    /** The record is not sent, and counted as {@code filtered}. */
    public void drop() {
        throw Dropped.INSTANCE;
    }

    /** The record becomes a dead letter with this reason; replay it once the processor or the row is fixed. */
    public void reject(String reason) {
        throw new Rejected(reason);
    }

    /** Control flow, not an error: no stack trace is filled in. */
    static final class Dropped extends RuntimeException {
        static final Dropped INSTANCE = new Dropped();

        private Dropped() {
            super("dropped", null, false, false);
        }
    }

    static final class Rejected extends RuntimeException {
        Rejected(String reason) {
            super(reason, null, false, false);
        }
    }
}
