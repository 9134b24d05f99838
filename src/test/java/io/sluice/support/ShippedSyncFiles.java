package io.sluice.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Copies a sync file shipped in routes/ into a test's routes directory, so what is tested is what ships.
 * Only its schedule becomes manual: a shipped schedule (every minute, every 15 minutes, every hour) would
 * otherwise fire amid a test whenever the clock crosses it, and the test's own run would find nothing left to
 * send.
 */
public final class ShippedSyncFiles {

    private static final Pattern SCHEDULE = Pattern.compile("(?m)^schedule: .*$");

    private ShippedSyncFiles() {
    }

    public static void copyAsManual(String fileName, Path routesDir) {
        try {
            String shipped = Files.readString(Path.of("routes", fileName));
            if (!SCHEDULE.matcher(shipped).find()) {
                throw new IllegalStateException("routes/" + fileName + " has no top-level schedule");
            }
            Files.writeString(routesDir.resolve(fileName), SCHEDULE.matcher(shipped).replaceFirst("schedule: manual"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
