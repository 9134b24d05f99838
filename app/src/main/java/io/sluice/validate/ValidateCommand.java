package io.sluice.validate;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

import io.sluice.config.SluiceProperties;
import io.sluice.destinations.Destination;
import io.sluice.processors.ProcessorLibrary;
import io.sluice.sync.LoadedSyncFile;
import io.sluice.sync.ScheduleProperties;
import io.sluice.sync.SyncCatalog;
import io.sluice.sync.SyncFileLines;
import io.sluice.sync.SyncFileLoader;

/**
 * {@code java -jar sluice.jar validate <folder>}: checks a folder of sync files as Sluice would load them —
 * without starting the service or calling any destination — and prints {@code file:line: field: reason}
 * for each problem. With {@code --warehouse} (or {@code --sluice.warehouse.url=...}) it also runs each model
 * query against the configured warehouse, returning no rows, and checks the mapped columns.
 */
public final class ValidateCommand {

    public static final int VALID = 0;
    public static final int INVALID = 1;
    public static final int USAGE = 2;

    private static final String WAREHOUSE_FLAG = "--warehouse";
    private static final String WAREHOUSE_URL = "--sluice.warehouse.url=";
    private static final String USAGE_TEXT = """
            usage: java -jar sluice.jar validate <folder> [--warehouse] [--<property>=<value> ...]
              checks every sync file (*.yaml, *.yml) in <folder>; exit 0 when all are valid, 1 when any is not
              --warehouse   also run each model query against sluice.warehouse.* (returning no rows) and
                            check that it returns the mapped columns; implied by --sluice.warehouse.url=...""";

    private ValidateCommand() {
    }

    /** @param args what follows {@code validate} on the command line */
    public static int run(String[] args, PrintStream out) {
        List<String> folders = new ArrayList<>();
        List<String> properties = new ArrayList<>();
        boolean warehouse = false;
        for (String arg : args) {
            if (arg.equals(WAREHOUSE_FLAG)) {
                warehouse = true;
            } else if (arg.startsWith("--")) {
                warehouse |= arg.startsWith(WAREHOUSE_URL);
                properties.add(arg);
            } else {
                folders.add(arg);
            }
        }
        if (folders.size() != 1) {
            out.println(USAGE_TEXT);
            return USAGE;
        }
        Path folder = Path.of(folders.get(0));
        if (!Files.isDirectory(folder)) {
            out.println(folder + ": no such folder");
            return USAGE;
        }
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(ValidateConfiguration.class)
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .registerShutdownHook(false)
                .run(properties.toArray(String[]::new))) {
            SyncFileLoader loader = context.getBean(SyncFileLoader.class);
            // a processor that does not compile is a mistake even before a sync names it
            List<String> otherProblems = new ArrayList<>(context.getBean(ProcessorLibrary.class).problems());
            // so are the destinations' own files beside the sync files (Camel routes)
            context.getBeansOfType(Destination.class).values()
                    .forEach(destination -> otherProblems.addAll(destination.forValidation().checkFiles(folder)));
            otherProblems.forEach(problem -> out.println(oneLine(problem)));
            int syncFiles = warehouse ? validateWithWarehouse(folder, loader, context.getEnvironment(), out)
                    : report(folder, SyncCatalog.readFolder(folder, loader::load), out);
            return syncFiles == VALID && !otherProblems.isEmpty() ? INVALID : syncFiles;
        }
    }

    private static int validateWithWarehouse(Path folder, SyncFileLoader loader, Environment environment,
                                             PrintStream out) {
        String url = environment.getProperty("sluice.warehouse.url");
        if (url == null || url.isBlank()) {
            out.println("--warehouse: no warehouse configured; set sluice.warehouse.url");
            return USAGE;
        }
        SluiceProperties.Read read = Binder.get(environment).bindOrCreate("sluice.read", SluiceProperties.Read.class);
        // one connection per warehouse the files name, opened when the first file names it
        Map<String, WarehouseCheck> checks = new HashMap<>();
        try {
            return report(folder, SyncCatalog.readFolder(folder, file -> loader.load(file).checked(sync -> {
                String prefix = sync.warehouse().map(name -> ValidateConfiguration.NAMED_WAREHOUSES + "." + name)
                        .orElse("sluice.warehouse");
                return checks.computeIfAbsent(prefix, key -> connect(key, environment, read)).check(sync);
            })), out);
        } catch (CannotConnect e) {
            out.println("warehouse " + e.url + ": cannot connect: " + e.getCause().getMessage());
            return INVALID;
        } finally {
            checks.values().forEach(WarehouseCheck::close);
        }
    }

    private static WarehouseCheck connect(String prefix, Environment environment, SluiceProperties.Read read) {
        String url = environment.getProperty(prefix + ".url");
        try {
            return WarehouseCheck.connect(url, environment.getProperty(prefix + ".username"),
                    environment.getProperty(prefix + ".password"), read.queryTimeout());
        } catch (SQLException e) {
            throw new CannotConnect(url, e);
        }
    }

    private static final class CannotConnect extends RuntimeException {

        private final String url;

        CannotConnect(String url, SQLException cause) {
            super(cause);
            this.url = url;
        }
    }

    private static int report(Path folder, Map<String, LoadedSyncFile> files, PrintStream out) {
        long invalid = 0;
        for (LoadedSyncFile file : files.values()) {
            if (file.isValid()) {
                continue;
            }
            invalid++;
            SyncFileLines lines = SyncFileLines.of(file.file());
            file.problems().stream().sorted(Comparator.comparingInt(lines::lineOf))
                    .forEach(problem -> out.println(oneLine(lines.locate(problem))));
        }
        out.println(folder + ": " + files.size() + " sync file" + (files.size() == 1 ? "" : "s") + ", "
                + (invalid == 0 ? "all valid" : invalid + " invalid"));
        return invalid == 0 ? VALID : INVALID;
    }

    /** One problem per line, so CI logs and editors' problem matchers can read them. */
    private static String oneLine(String problem) {
        return problem.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
