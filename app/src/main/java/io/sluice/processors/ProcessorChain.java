package io.sluice.processors;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import groovy.lang.Binding;

/**
 * The processors one sync names, in order, as compiled when the run started: an edit applies from the next run.
 * A processor's failure is the record's, never the run's.
 */
public final class ProcessorChain {

    public static final ProcessorChain NONE = new ProcessorChain(List.of(), Duration.ZERO);

    /** One compiled processor: a new instance per record, so that its timeout counts from that record's start. */
    record Step(String name, Constructor<? extends ProcessorScript> script) {
    }

    private final List<Step> steps;
    private final Duration timeout;

    ProcessorChain(List<Step> steps, Duration timeout) {
        this.steps = List.copyOf(steps);
        this.timeout = timeout;
    }

    public boolean isEmpty() {
        return steps.isEmpty();
    }

    /**
     * @param record the mapped record; not changed (the processors work on a copy)
     * @param key    the record's key, which a processor sees but cannot change
     */
    public ProcessorOutcome apply(String sync, String keyField, Map<String, Object> record) {
        Map<String, Object> working = new LinkedHashMap<>(record);
        Object key = record.get(keyField);
        for (Step step : steps) {
            Binding binding = new Binding();
            binding.setVariable("record", working);
            binding.setVariable("sync", sync);
            try {
                step.script().newInstance(binding).run();
            } catch (ProcessorScript.Dropped dropped) {
                return ProcessorOutcome.DROPPED;
            } catch (ProcessorScript.Rejected rejected) {
                return ProcessorOutcome.refused(ProcessorOutcome.REJECTED, step.name() + ": " + rejected.getMessage());
            } catch (InvocationTargetException e) {
                return failure(step, e.getCause());
            } catch (Exception e) {
                // Groovy throws checked exceptions undeclared, the timeout's among them
                return failure(step, e);
            }
            // a processor may also assign a new map to record
            if (!(binding.getVariable("record") instanceof Map<?, ?> replaced)) {
                return ProcessorOutcome.refused(ProcessorOutcome.FAILED, step.name()
                        + ": record must stay a map of field to value");
            }
            if (replaced != working) {
                working = new LinkedHashMap<>();
                for (Map.Entry<?, ?> field : replaced.entrySet()) {
                    working.put(String.valueOf(field.getKey()), field.getValue());
                }
            }
        }
        // the record key identifies the row at the destination and in the state store
        working.put(keyField, key);
        return ProcessorOutcome.kept(working);
    }

    private ProcessorOutcome failure(Step step, Throwable cause) {
        if (cause instanceof TimeoutException) {
            return ProcessorOutcome.refused(ProcessorOutcome.TIMED_OUT, step.name()
                    + ": stopped after sluice.processors.timeout (" + timeout + ")");
        }
        return ProcessorOutcome.refused(ProcessorOutcome.FAILED, step.name() + where(step, cause) + ": " + cause);
    }

    /** The line of the processor's source that threw, when the stack names it. */
    private static String where(Step step, Throwable cause) {
        String file = step.name() + ".groovy";
        for (StackTraceElement frame : cause.getStackTrace()) {
            if (file.equals(frame.getFileName()) && frame.getLineNumber() > 0) {
                return " (line " + frame.getLineNumber() + ")";
            }
        }
        return "";
    }
}
