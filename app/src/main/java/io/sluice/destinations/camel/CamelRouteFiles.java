package io.sluice.destinations.camel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.spi.Resource;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.sluice.config.SluiceProperties;

/**
 * The team's routes in Camel's YAML DSL: every {@code *.camel.yaml} of the routes folder, loaded at start and
 * again with the sync files when its text changed. A file that does not load is reported with its line; the
 * routes of its last version that loaded keep running, as a broken sync file's last valid version does.
 */
@Component
class CamelRouteFiles implements CamelContextConfiguration {

    static final String SUFFIX = ".camel.yaml";

    private static final Logger LOG = LoggerFactory.getLogger(CamelRouteFiles.class);
    private static final Pattern LINE = Pattern.compile("line (\\d+)");

    private final Path directory;
    private final CamelContext camel;
    /** Per file: the text that runs, the routes it added, and what is wrong with the file's latest text. */
    private final Map<Path, Loaded> loaded = new HashMap<>();

    private record Loaded(String text, String runningText, Set<String> routeIds, String problem) {
    }

    CamelRouteFiles(SluiceProperties properties, CamelContext camel) {
        this.directory = Path.of(properties.routesDir());
        this.camel = camel;
    }

    @Override
    public void beforeApplicationStart(CamelContext camelContext) {
    }

    /** Once Camel runs, so that each route starts as it is added and the routes a file added are known. */
    @Override
    public void afterApplicationStart(CamelContext camelContext) {
        reload();
    }

    /** @return every problem of the files as they are now, {@code file:line: reason} */
    synchronized List<String> reload() {
        for (Path file : List.copyOf(loaded.keySet())) {
            if (!Files.exists(file)) {
                remove(loaded.remove(file).routeIds());
                LOG.info("Removed the routes of {}", file);
            }
        }
        for (Path file : routeFiles(directory)) {
            String text = read(file);
            Loaded before = loaded.get(file);
            if (before != null && before.text().equals(text)) {
                continue;
            }
            loaded.put(file, load(file, text, before));
        }
        return loaded.values().stream().map(Loaded::problem).filter(problem -> problem != null).sorted().toList();
    }

    /** Loads every route file of a folder into a Camel that never starts: what would not load, with its line. */
    static List<String> check(Path folder) {
        List<String> problems = new ArrayList<>();
        for (Path file : routeFiles(folder)) {
            try (CamelContext scratch = new DefaultCamelContext()) {
                PluginHelper.getRoutesLoader(scratch).loadRoutes(resource(file, read(file)));
            } catch (Exception e) {
                problems.add(describe(file, e));
            }
        }
        return problems;
    }

    private Loaded load(Path file, String text, Loaded before) {
        Set<String> previousRoutes = before == null ? Set.of() : before.routeIds();
        remove(previousRoutes);
        try {
            Set<String> routes = addRoutes(file, text);
            LOG.info("Loaded Camel routes {} from {}", routes, file);
            return new Loaded(text, text, routes, null);
        } catch (Exception e) {
            String problem = describe(file, e);
            LOG.error("Invalid Camel route file {}", problem);
            if (before == null || before.runningText() == null) {
                return new Loaded(text, null, Set.of(), problem);
            }
            try {
                return new Loaded(text, before.runningText(), addRoutes(file, before.runningText()), problem);
            } catch (Exception again) {
                throw new IllegalStateException("Cannot load again the routes of " + file + " that ran", again);
            }
        }
    }

    private Set<String> addRoutes(Path file, String text) throws Exception {
        Set<String> before = routeIds();
        PluginHelper.getRoutesLoader(camel).loadRoutes(resource(file, text));
        Set<String> added = new HashSet<>(routeIds());
        added.removeAll(before);
        return added;
    }

    /** Named after the file, so that Camel picks its YAML DSL and its messages name the file. */
    private static Resource resource(Path file, String text) {
        return ResourceHelper.fromString("file:" + file, text);
    }

    private void remove(Set<String> routeIds) {
        for (String id : routeIds) {
            try {
                camel.getRouteController().stopRoute(id);
                camel.removeRoute(id);
            } catch (Exception e) {
                throw new IllegalStateException("Cannot remove route " + id, e);
            }
        }
    }

    private Set<String> routeIds() {
        return camel.getRoutes().stream().map(Route::getRouteId).collect(Collectors.toSet());
    }

    /** {@code routes/outbox.camel.yaml:7: reason}, with the line when Camel's message names one. */
    private static String describe(Path file, Exception e) {
        Throwable cause = e;
        StringBuilder message = new StringBuilder();
        while (cause != null) {
            if (cause.getMessage() != null && !message.toString().contains(cause.getMessage())) {
                message.append(message.isEmpty() ? "" : ": ").append(cause.getMessage());
            }
            cause = cause.getCause() == cause ? null : cause.getCause();
        }
        Matcher line = LINE.matcher(message);
        return file + (line.find() ? ":" + line.group(1) : "") + ": " + message.toString().strip();
    }

    private static List<Path> routeFiles(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(file -> file.getFileName().toString().endsWith(SUFFIX)).sorted().toList();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot list Camel route files in " + folder.toAbsolutePath(), e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + file, e);
        }
    }
}
