package io.sluice.scenarios;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.sluice.support.ShippedSyncFiles;

/**
 * One folder of {@code tests/}: a sync file, the warehouse before, and what each destination must hold after
 * a run — then, optionally, steps that change the warehouse and say what must change.
 *
 * <pre>
 * tests/&lt;name&gt;/
 *   scenario.yaml     optional: sync (path of the sync file, default sync.yaml), given (destination set-up)
 *   sync.yaml         the sync file, unless scenario.yaml points at one (e.g. ../../routes/x.yaml)
 *   warehouse.sql     the warehouse before the first run (tables and rows)
 *   expect.yaml       what the destinations hold after the first run; optionally run counts and requests
 *   step2/            optional: warehouse.sql (changes) and expect.yaml after the next run; step3/ ...
 * </pre>
 */
record Scenario(String name, Path folder, Path syncFile, Map<String, Object> given, List<Step> steps) {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    /** The warehouse SQL run before a sync run, and what must hold after it. */
    record Step(String name, Optional<Path> warehouseSql, Map<String, Object> expect) {
    }

    static List<Scenario> all(Path tests) {
        try (Stream<Path> folders = Files.list(tests)) {
            return folders.filter(Files::isDirectory).sorted().map(Scenario::read).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static Scenario read(Path folder) {
        Map<String, Object> settings = Files.exists(folder.resolve("scenario.yaml"))
                ? yaml(folder.resolve("scenario.yaml")) : Map.of();
        Path sync = folder.resolve((String) settings.getOrDefault("sync", "sync.yaml")).normalize();
        List<Step> steps = new ArrayList<>();
        steps.add(step("step1", folder));
        for (int i = 2; Files.isDirectory(folder.resolve("step" + i)); i++) {
            steps.add(step("step" + i, folder.resolve("step" + i)));
        }
        return new Scenario(folder.getFileName().toString(), folder, sync,
                (Map<String, Object>) settings.getOrDefault("given", Map.of()), steps);
    }

    /** The sync file as this scenario runs it: named after the scenario, run by hand rather than by its schedule. */
    String syncFileForRun() {
        return ShippedSyncFiles.asManual(syncFile);
    }

    private static Step step(String name, Path folder) {
        Path sql = folder.resolve("warehouse.sql");
        return new Step(name, Files.exists(sql) ? Optional.of(sql) : Optional.empty(),
                yaml(folder.resolve("expect.yaml")));
    }

    static Map<String, Object> yaml(Path file) {
        try {
            Map<String, Object> map = YAML.readValue(file.toFile(), MAP);
            return map == null ? Map.of() : map;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
