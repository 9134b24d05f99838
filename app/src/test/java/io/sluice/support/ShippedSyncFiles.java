package io.sluice.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * Sync files shipped in routes/ as tests run them, so what is tested is what ships. Only the schedule
 * becomes manual: a shipped schedule (every minute, every 15 minutes, every hour) would otherwise fire amid
 * a test whenever the clock crosses it, and the test's own run would find nothing left to send.
 */
public final class ShippedSyncFiles {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private ShippedSyncFiles() {
    }

    /** Copies routes/{@code fileName} into a test's routes directory. */
    public static void copyAsManual(String fileName, Path routesDir) {
        try {
            Files.writeString(routesDir.resolve(fileName), asManual(Path.of("routes", fileName)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The sync file's text, run by hand rather than by its schedule. */
    public static String asManual(Path syncFile) {
        try {
            ObjectNode sync = (ObjectNode) YAML.readTree(Files.readString(syncFile));
            sync.put("schedule", "manual");
            return YAML.writeValueAsString(sync);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + syncFile, e);
        }
    }
}
