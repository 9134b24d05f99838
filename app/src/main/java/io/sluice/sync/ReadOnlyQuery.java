package io.sluice.sync;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A model must be one read-only query. The warehouse connection is read-only as well, but not every
 * database enforces that (H2 does not), so the sync file is refused before it ever runs.
 */
final class ReadOnlyQuery {

    private static final Pattern COMMENTS_AND_QUOTED = Pattern.compile(
            "--[^\\n]*|/\\*.*?\\*/|'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"", Pattern.DOTALL);
    private static final Pattern WORD = Pattern.compile("[A-Za-z_]+");
    private static final Set<String> WRITES = Set.of("INSERT", "UPDATE", "DELETE", "MERGE", "UPSERT", "DROP",
            "ALTER", "CREATE", "TRUNCATE", "GRANT", "REVOKE", "INTO", "COPY", "CALL", "EXECUTE", "EXEC", "LOCK",
            "VACUUM", "COMMENT", "SET", "RESET");

    private ReadOnlyQuery() {
    }

    /** Why the query is not a single read-only SELECT, if it is not. */
    static Optional<String> problem(String sql) {
        String code = COMMENTS_AND_QUOTED.matcher(sql).replaceAll(" ").strip();
        while (code.endsWith(";")) {
            code = code.substring(0, code.length() - 1).strip();
        }
        if (code.contains(";")) {
            return Optional.of("holds several statements; a model is a single SELECT");
        }
        Matcher words = WORD.matcher(code);
        if (!words.find()) {
            return Optional.of("is empty");
        }
        String first = words.group().toUpperCase(Locale.ROOT);
        if (!first.equals("SELECT") && !first.equals("WITH")) {
            return Optional.of("must be a read-only SELECT, not " + first);
        }
        do {
            String word = words.group().toUpperCase(Locale.ROOT);
            if (WRITES.contains(word)) {
                return Optional.of("must be a read-only SELECT; it contains " + word);
            }
        } while (words.find());
        return Optional.empty();
    }
}
