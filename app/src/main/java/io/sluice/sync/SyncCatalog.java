package io.sluice.sync;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.sluice.config.SluiceProperties;
import io.sluice.config.Warehouses;

/**
 * Every sync file in the routes directory, valid or not, and the definition each sync runs with. An
 * invalid file is reported and kept out of the pipeline; it never stops the others. The folder can be
 * read again while Sluice runs ({@link #reread()}): a sync whose file broke keeps running with its last
 * valid definition until the file is fixed.
 */
@Component
public class SyncCatalog {

    private static final Logger LOG = LoggerFactory.getLogger(SyncCatalog.class);

    private final Path directory;
    private final SyncFileLoader loader;
    private final SyncFileProcessors processors;
    /** The processors' version the files were last checked against: a processor edit checks them all again. */
    private long processorsVersion = -1;
    private final Function<SyncDefinition, List<SyncFileProblem>> columnCheck;
    /** What the files said when last read, for the admin API. */
    private volatile Map<String, LoadedSyncFile> files;
    /** What runs: the files' valid definitions, or a broken file's last valid one. */
    private final Map<String, SyncDefinition> active = new ConcurrentHashMap<>();
    /** Each file's text and what it loaded as, so reading the folder again re-checks only edited files. */
    private final Map<Path, Read> lastRead = new ConcurrentHashMap<>();

    private record Read(String text, LoadedSyncFile result) {
    }

    public SyncCatalog(SluiceProperties properties, ScheduleProperties schedules, DbtProperties dbt,
                       List<SyncFileDestination> destinations, SyncFileProcessors processors,
                       Warehouses warehouses) {
        this.directory = Path.of(properties.routesDir());
        this.processors = processors;
        this.loader = new SyncFileLoader(destinations, schedules.minInterval(), warehouses.names(), processors,
                dbt.manifest());
        this.columnCheck = sync -> checkColumns(sync, warehouses.get(sync.warehouse()).dataSource());
        this.files = Map.of();
        if (Files.isDirectory(directory)) {
            reread().changed().forEach(this::activate);
        } else {
            LOG.warn("Routes directory {} does not exist: no syncs loaded", directory.toAbsolutePath());
        }
    }

    /** Every file as last read. */
    public Collection<LoadedSyncFile> all() {
        return files.values();
    }

    /** The definitions that run, by sync name. */
    public List<SyncDefinition> valid() {
        return new TreeMap<>(active).values().stream().toList();
    }

    public Optional<LoadedSyncFile> find(String name) {
        return Optional.ofNullable(files.get(name));
    }

    /** The definition a sync runs with: its file's, or — while its file is broken — the last valid one. */
    public Optional<SyncDefinition> active(String name) {
        return Optional.ofNullable(active.get(name));
    }

    /**
     * Whether the schedule the sync runs on is no longer its file's: the file, as last read, is gone or asks
     * for another schedule. True as soon as a reload reads the file, while the running version's routes wait
     * for its run to end before they are replaced.
     */
    public boolean scheduleOutdated(String name) {
        SyncDefinition running = active.get(name);
        if (running == null) {
            return false;
        }
        LoadedSyncFile file = files.get(name);
        if (file == null) {
            return true;
        }
        // a broken file keeps its last valid version running, schedule included
        return file.definition().map(latest -> !Objects.equals(latest.schedule().cron(), running.schedule().cron()))
                .orElse(false);
    }

    /** @throws UnknownSyncException when no file defines that sync */
    public LoadedSyncFile require(String name) {
        return find(name).orElseThrow(() -> new UnknownSyncException(name));
    }

    /** @throws UnknownSyncException or {@link InvalidSyncException}, with the file's problems */
    public SyncDefinition runnable(String name) {
        SyncDefinition running = active.get(name);
        if (running != null) {
            return running;
        }
        LoadedSyncFile file = require(name);
        return file.definition().orElseThrow(() -> new InvalidSyncException(file));
    }

    /**
     * Reads the folder again and says how it differs from what runs. Nothing runs differently until the
     * caller {@link #activate activates} or {@link #retire retires} syncs; a folder that has vanished
     * changes nothing (a missing mount must not stop every sync).
     */
    public synchronized Changes reread() {
        if (!Files.isDirectory(directory)) {
            LOG.warn("Routes directory {} does not exist: the syncs keep running as loaded",
                    directory.toAbsolutePath());
            return new Changes(List.of(), List.of(), List.of());
        }
        long processorsNow = processors.reread();
        if (processorsNow != processorsVersion) {
            lastRead.clear();
            processorsVersion = processorsNow;
        }
        Map<String, LoadedSyncFile> latest = readFolder();
        latest.values().stream().filter(file -> !file.equals(files.get(file.name()))).forEach(SyncCatalog::report);
        files = latest;
        List<SyncDefinition> changed = new ArrayList<>();
        List<String> broken = new ArrayList<>();
        latest.values().forEach(file -> file.definition().ifPresentOrElse(definition -> {
            if (!definition.equals(active.get(file.name()))) {
                changed.add(definition);
            }
        }, () -> {
            if (active.containsKey(file.name())) {
                broken.add(file.name());
            }
        }));
        List<String> removed = active.keySet().stream().filter(name -> !latest.containsKey(name)).sorted().toList();
        return new Changes(changed, removed, broken);
    }

    /**
     * How the folder differs from what runs.
     *
     * @param changed valid definitions that are new or differ from the running ones
     * @param removed syncs that run but whose file is gone
     * @param broken  syncs whose file is now invalid: they keep running with their last valid definition
     */
    public record Changes(List<SyncDefinition> changed, List<String> removed, List<String> broken) {
    }

    /** From now on the sync runs with this definition. */
    public void activate(SyncDefinition definition) {
        active.put(definition.name(), definition);
    }

    /** The sync no longer runs; its state and history stay. */
    public void retire(String name) {
        active.remove(name);
    }

    private Map<String, LoadedSyncFile> readFolder() {
        Map<String, LoadedSyncFile> loaded = readFolder(directory, this::loadOnce);
        lastRead.keySet().removeIf(path -> !Files.exists(path));
        return loaded;
    }

    private LoadedSyncFile loadOnce(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            return loader.load(file);
        }
        Read previous = lastRead.get(file);
        if (previous != null && previous.text().equals(text)) {
            return previous.result();
        }
        LoadedSyncFile checked = loader.load(file, text).checked(columnCheck);
        lastRead.put(file, new Read(text, checked));
        return checked;
    }

    private static void report(LoadedSyncFile file) {
        if (file.isValid()) {
            LOG.info("Loaded sync '{}' from {}", file.name(), file.file());
        } else {
            SyncFileLines lines = SyncFileLines.of(file.file());
            file.problems().forEach(problem -> LOG.error("Invalid sync file {}", lines.locate(problem)));
        }
    }

    /**
     * Loads every sync file of a folder, by sync name, in file-name order; two files naming one sync make
     * the second invalid.
     *
     * @param load reads one file, with whatever further checks the caller makes of a valid one
     */
    public static Map<String, LoadedSyncFile> readFolder(Path directory, Function<Path, LoadedSyncFile> load) {
        Map<String, LoadedSyncFile> loaded = new TreeMap<>();
        try (Stream<Path> paths = Files.list(directory)) {
            for (Path file : paths.filter(SyncCatalog::isSyncFile).sorted().toList()) {
                LoadedSyncFile sync = load.apply(file);
                LoadedSyncFile clash = loaded.get(sync.name());
                if (clash != null) {
                    loaded.put(sync.name() + " (" + file.getFileName() + ")", LoadedSyncFile.invalid(sync.name(), file,
                            List.of(new SyncFileProblem(file.toString(), "",
                                    "defines sync '" + sync.name() + "' again (already in " + clash.file() + ")"))));
                    continue;
                }
                loaded.put(sync.name(), sync);
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot list sync files in " + directory.toAbsolutePath(), e);
        }
        return loaded;
    }

    private static boolean isSyncFile(Path path) {
        String name = path.getFileName().toString();
        // Camel's YAML DSL routes live beside the sync files; their destination reads them
        return Files.isRegularFile(path) && (name.endsWith(".yaml") || name.endsWith(".yml"))
                && !name.endsWith(".camel.yaml");
    }

    /**
     * Asks the warehouse which columns the query returns, without running it. A warehouse that cannot
     * be reached now is not the file's fault: the same check runs again when the sync runs.
     */
    static List<SyncFileProblem> checkColumns(SyncDefinition sync, DataSource warehouse) {
        List<String> columns = new ArrayList<>();
        try (Connection connection = warehouse.getConnection();
             PreparedStatement statement = connection.prepareStatement(sync.jdbcQuery())) {
            ResultSetMetaData metaData = statement.getMetaData();
            if (metaData == null) {
                return List.of();
            }
            for (int i = 1; i <= metaData.getColumnCount(); i++) {
                columns.add(metaData.getColumnLabel(i));
            }
        } catch (SQLException e) {
            if (isConnectionFailure(e)) {
                LOG.warn("Warehouse unreachable; columns of sync '{}' are checked when it runs: {}",
                        sync.name(), e.getMessage());
                return List.of();
            }
            return List.of(new SyncFileProblem(sync.file().toString(), "model.query",
                    "the warehouse rejects the query: " + e.getMessage().strip()));
        }
        return missingColumns(sync, columns);
    }

    public static List<SyncFileProblem> missingColumns(SyncDefinition sync, Collection<String> returnedColumns) {
        List<SyncFileProblem> problems = new ArrayList<>();
        Set<String> returned = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        returned.addAll(returnedColumns);
        sync.mapping().stream()
                .filter(field -> field.readsColumn() && !returned.contains(field.column()))
                .forEach(field -> problems.add(new SyncFileProblem(sync.file().toString(), "mapping." + field.column(),
                        "column '" + field.column() + "' is not returned by the model query (it returns "
                                + returned.stream().map(c -> c.toLowerCase(Locale.ROOT)).toList() + ")")));
        sync.mapping().forEach(field -> field.expressionColumns().stream()
                .filter(column -> !returned.contains(column))
                .forEach(column -> problems.add(new SyncFileProblem(sync.file().toString(),
                        "mapping." + field.column() + ".expression", "column '" + column
                        + "' is not returned by the model query (it returns "
                        + returned.stream().map(c -> c.toLowerCase(Locale.ROOT)).toList() + ")"))));
        sync.cursor().filter(cursor -> !returned.contains(cursor)).ifPresent(cursor -> problems.add(
                new SyncFileProblem(sync.file().toString(), "cursor",
                        "column '" + cursor + "' is not returned by the model query")));
        return problems;
    }

    private static boolean isConnectionFailure(SQLException e) {
        // SQLState class 08 is "connection exception" in both PostgreSQL and H2
        return e.getSQLState() != null && e.getSQLState().startsWith("08")
                || e instanceof java.sql.SQLTransientConnectionException;
    }
}
