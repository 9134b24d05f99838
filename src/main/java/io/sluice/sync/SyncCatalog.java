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
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

import io.sluice.config.SluiceProperties;
import io.sluice.destinations.Destinations;

/**
 * Every sync file in the routes directory, valid or not. An invalid file is reported and kept out of
 * the pipeline; it never stops the others.
 */
@Component
public class SyncCatalog {

    private static final Logger LOG = LoggerFactory.getLogger(SyncCatalog.class);

    private final Map<String, LoadedSyncFile> files;

    public SyncCatalog(SluiceProperties properties, Destinations destinations,
                       @Qualifier("warehouseDataSource") DataSource warehouse,
                       ObjectProvider<WarehouseReady> preparedFirst) {
        preparedFirst.forEach(ready -> LOG.debug("Warehouse prepared by {}", ready.getClass().getSimpleName()));
        this.files = load(Path.of(properties.routesDir()), new SyncFileLoader(destinations.byName()), warehouse);
        files.values().forEach(file -> {
            if (file.isValid()) {
                LOG.info("Loaded sync '{}' from {}", file.name(), file.file());
            } else {
                file.problems().forEach(problem -> LOG.error("Invalid sync file {}", problem));
            }
        });
    }

    public Collection<LoadedSyncFile> all() {
        return files.values();
    }

    public List<SyncDefinition> valid() {
        return files.values().stream().flatMap(file -> file.definition().stream()).toList();
    }

    public Optional<LoadedSyncFile> find(String name) {
        return Optional.ofNullable(files.get(name));
    }

    /** @throws UnknownSyncException when no file defines that sync */
    public LoadedSyncFile require(String name) {
        return find(name).orElseThrow(() -> new UnknownSyncException(name));
    }

    /** @throws UnknownSyncException or {@link InvalidSyncException}, with the file's problems */
    public SyncDefinition runnable(String name) {
        LoadedSyncFile file = require(name);
        return file.definition().orElseThrow(() -> new InvalidSyncException(file));
    }

    private static Map<String, LoadedSyncFile> load(Path directory, SyncFileLoader loader, DataSource warehouse) {
        Map<String, LoadedSyncFile> loaded = new TreeMap<>();
        if (!Files.isDirectory(directory)) {
            LOG.warn("Routes directory {} does not exist: no syncs loaded", directory.toAbsolutePath());
            return loaded;
        }
        try (Stream<Path> paths = Files.list(directory)) {
            for (Path file : paths.filter(SyncCatalog::isSyncFile).sorted().toList()) {
                LoadedSyncFile sync = loader.load(file);
                LoadedSyncFile clash = loaded.get(sync.name());
                if (clash != null) {
                    loaded.put(sync.name() + " (" + file.getFileName() + ")", LoadedSyncFile.invalid(sync.name(), file,
                            List.of(new SyncFileProblem(file.toString(), "",
                                    "defines sync '" + sync.name() + "' again (already in " + clash.file() + ")"))));
                    continue;
                }
                loaded.put(sync.name(), sync.definition()
                        .map(definition -> sync.withProblems(checkColumns(definition, warehouse)))
                        .orElse(sync));
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot list sync files in " + directory.toAbsolutePath(), e);
        }
        return loaded;
    }

    private static boolean isSyncFile(Path path) {
        String name = path.getFileName().toString();
        return Files.isRegularFile(path) && (name.endsWith(".yaml") || name.endsWith(".yml"));
    }

    /**
     * Asks the warehouse which columns the query returns, without running it. A warehouse that cannot
     * be reached now is not the file's fault: the same check runs again when the sync runs.
     */
    static List<SyncFileProblem> checkColumns(SyncDefinition sync, DataSource warehouse) {
        List<String> columns = new ArrayList<>();
        try (Connection connection = warehouse.getConnection();
             PreparedStatement statement = connection.prepareStatement(sync.query())) {
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
                .filter(field -> !returned.contains(field.column()))
                .forEach(field -> problems.add(new SyncFileProblem(sync.file().toString(), "mapping." + field.column(),
                        "column '" + field.column() + "' is not returned by the model query (it returns "
                                + returned.stream().map(c -> c.toLowerCase(Locale.ROOT)).toList() + ")")));
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
