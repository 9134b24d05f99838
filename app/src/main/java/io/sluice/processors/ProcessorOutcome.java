package io.sluice.processors;

import java.util.Map;

/**
 * What the processors of a sync made of one record.
 *
 * @param record  the record to send, when kept
 * @param code    why it was refused ({@link #REJECTED}, {@link #FAILED}, {@link #TIMED_OUT}), when refused
 * @param message the processor's reason or exception, when refused
 */
public record ProcessorOutcome(Kind kind, Map<String, Object> record, String code, String message) {

    public static final String REJECTED = "PROCESSOR_REJECTED";
    public static final String FAILED = "PROCESSOR_FAILED";
    public static final String TIMED_OUT = "PROCESSOR_TIMEOUT";

    public enum Kind { KEPT, DROPPED, REFUSED }

    static final ProcessorOutcome DROPPED = new ProcessorOutcome(Kind.DROPPED, null, null, null);

    static ProcessorOutcome kept(Map<String, Object> record) {
        return new ProcessorOutcome(Kind.KEPT, record, null, null);
    }

    static ProcessorOutcome refused(String code, String message) {
        return new ProcessorOutcome(Kind.REFUSED, null, code, message);
    }

    /** Whether a dead letter with this code was made by a processor: a replay passes it through them again. */
    public static boolean isProcessorCode(String code) {
        return REJECTED.equals(code) || FAILED.equals(code) || TIMED_OUT.equals(code);
    }
}
