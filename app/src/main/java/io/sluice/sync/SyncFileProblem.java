package io.sluice.sync;

/**
 * What is wrong with a sync file, phrased for the person who edits it.
 *
 * @param file  as found in the routes directory
 * @param field dotted path in the file (e.g. {@code mapping.lead_score}); empty for the whole file
 */
public record SyncFileProblem(String file, String field, String message) {

    @Override
    public String toString() {
        return field.isEmpty() ? file + ": " + message : file + ": " + field + ": " + message;
    }
}
