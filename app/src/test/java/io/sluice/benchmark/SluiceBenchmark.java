package io.sluice.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import io.sluice.SluiceApplication;
import io.sluice.pipeline.SyncReloader;
import io.sluice.pipeline.SyncRunner;
import io.sluice.runs.SyncRun;
import io.sluice.sandbox.hubspot.HubSpotSandbox;
import io.sluice.sandbox.salesforce.SalesforceSandbox;
import io.sluice.support.TestDatabases;
import io.sluice.support.TestDatabases.TestDatabase;

/**
 * {@code ./mvnw -Pbenchmark verify}: Sluice's cost measured side by side with the physical floor in
 * one JVM, on an embedded PostgreSQL warehouse of 10k, 100k and 1M rows of ten columns. Prints
 * {@code name=value} lines and writes them to {@code target/benchmark.txt}. It measures; it asserts
 * nothing.
 */
public final class SluiceBenchmark {

    private static final int[] SIZES = {10_000, 100_000, 1_000_000};
    private static final int FETCH_SIZE = 10_000;
    /** Timed runs per figure: these machines are shared, so one run says little. */
    private static final int REPETITIONS = 3;
    private static final int SALESFORCE_BATCH_LIMIT = 200;
    private static final int FIRST_SYNC_ROWS = 100_000;
    private static final int HUBSPOT_BATCH_LIMIT = 100;
    /** Kept small: the HubSpot fake looks records up one by one, and the ratio does not depend on the size. */
    private static final int HUBSPOT_ROWS = 10_000;
    /** Requests a second the rate-limited fake allows: 100 calls of 100 records take about 5 s. */
    private static final int RATE_LIMIT = 20;
    private static final String COLUMNS = "email, first_name, last_name, company, plan, score, visits, signed_up_at,"
            + " updated_at, customer_id";

    /** Rows the processor and expression overheads are measured on; {@code -Dbenchmark.overhead-rows=1000} to try it. */
    private static final int OVERHEAD_ROWS = Integer.getInteger("benchmark.overhead-rows", 100_000);
    /** A processor that changes nothing: what remains is the cost of running one per record. */
    private static final String TRIVIAL_PROCESSOR = "record.Plan__c = record.Plan__c\n";

    /** The scale run's model; {@code -Dbenchmark.scale-10m=false} skips it on a machine where it takes too long. */
    private static final int SCALE_ROWS = 10_000_000;
    private static final boolean SCALE_RUN = Boolean.parseBoolean(System.getProperty("benchmark.scale-10m", "true"));
    /** Where the warehouse diff keeps its state table in the benchmark's warehouse. */
    private static final String STATE_SCHEMA = "sluice_state";

    private final Map<String, String> figures = new LinkedHashMap<>();

    /**
     * With {@code salesforce-calls ROWS}: only the Salesforce calls per 1k records, for a delta of ROWS records; with
     * {@code overheads}: only the processor and expression overheads; with {@code warehouse-diff ROWS}: only the
     * warehouse diff's no-change run against the floor, on ROWS rows.
     */
    public static void main(String[] args) throws Exception {
        SluiceBenchmark benchmark = new SluiceBenchmark();
        if (args.length == 2 && args[0].equals("salesforce-calls")) {
            benchmark.salesforceCallsOnly(Integer.parseInt(args[1]));
        } else if (args.length > 0 && args[0].equals("overheads")) {
            benchmark.overheadsOnly();
        } else if (args.length == 2 && args[0].equals("warehouse-diff")) {
            benchmark.warehouseDiffOnly(Integer.parseInt(args[1]));
        } else {
            benchmark.run();
        }
        System.exit(0);
    }

    private void salesforceCallsOnly(int rows) throws Exception {
        TestDatabase warehouse = TestDatabases.postgres("bench_warehouse");
        Path routes = Files.createTempDirectory("sluice-bench-routes");
        createTable(warehouse, rows);
        writeSync(routes, "first_sync", "SELECT " + COLUMNS + " FROM bench_" + rows);
        try (SalesforceSandbox salesforce = SalesforceSandbox.start(0)) {
            salesforceCallsPer1k(routes, warehouse, salesforce, rows);
        }
        report();
    }

    private void overheadsOnly() throws Exception {
        TestDatabase warehouse = TestDatabases.postgres("bench_overhead_warehouse");
        TestDatabase state = TestDatabases.postgres("bench_overhead_state");
        Path routes = Files.createTempDirectory("sluice-bench-routes");
        Path processors = overheadSyncs(routes, warehouse, true);
        try (SalesforceSandbox salesforce = SalesforceSandbox.start(0);
             ConfigurableApplicationContext sluice = start(routes, warehouse, state, salesforce,
                     Map.of("sluice.processors.dir", processors.toString()))) {
            overheads(sluice.getBean(SyncRunner.class), warehouse);
        }
        report();
    }

    /**
     * The same model and mapping three ways: plain, through a trivial processor, and with casts and defaults that
     * leave every value as it was. All three send the same records, so the differences are the extensions' cost.
     *
     * @return the processors folder
     */
    private static Path overheadSyncs(Path routes, TestDatabase warehouse, boolean createTable) throws IOException {
        if (createTable) {
            createTable(warehouse, OVERHEAD_ROWS);
        }
        String query = "SELECT " + COLUMNS + " FROM bench_" + OVERHEAD_ROWS;
        writeSync(routes, "plain_overhead", query);
        writeSync(routes, "processor_overhead", query);
        Files.writeString(routes.resolve("processor_overhead.yaml"),
                Files.readString(routes.resolve("processor_overhead.yaml")) + "processors: [trivial]\n");
        writeSync(routes, "expression_overhead", query);
        Path expressions = routes.resolve("expression_overhead.yaml");
        Files.writeString(expressions, Files.readString(expressions)
                .replace("  plan: Plan__c", "  plan: {field: Plan__c, default: free}")
                .replace("  visits: Visits__c", "  visits: {field: Visits__c, type: number}")
                .replace("  signed_up_at: Signed_Up_At__c", "  signed_up_at: {field: Signed_Up_At__c, type: datetime}"));
        Path processors = Files.createTempDirectory("sluice-bench-processors");
        Files.writeString(processors.resolve("trivial.groovy"), TRIVIAL_PROCESSOR);
        return processors;
    }

    /** Microseconds per row each extension adds to a run that finds nothing changed. */
    private void overheads(SyncRunner runner, TestDatabase warehouse) throws Exception {
        for (String sync : List.of("plain_overhead", "processor_overhead", "expression_overhead")) {
            runner.run(sync, SyncRun.Trigger.BASELINE);
            runner.preview(sync);
        }
        Measurement plain = sideBySide(warehouse, OVERHEAD_ROWS, () -> runner.preview("plain_overhead"));
        Measurement processor = sideBySide(warehouse, OVERHEAD_ROWS, () -> runner.preview("processor_overhead"));
        Measurement expression = sideBySide(warehouse, OVERHEAD_ROWS, () -> runner.preview("expression_overhead"));
        put("processor_overhead_us_per_row", (processor.nanos() - plain.nanos()) / 1000.0 / OVERHEAD_ROWS);
        put("expression_overhead_us_per_row", (expression.nanos() - plain.nanos()) / 1000.0 / OVERHEAD_ROWS);
    }

    /** Only the warehouse diff's no-change run against the floor, on a model of {@code rows} rows. */
    private void warehouseDiffOnly(int rows) throws Exception {
        TestDatabase warehouse = TestDatabases.postgres("bench_warehouse");
        TestDatabase state = TestDatabases.postgres("bench_state");
        Path routes = Files.createTempDirectory("sluice-bench-routes");
        createTable(warehouse, rows);
        writeSync(routes, "bench_" + rows, "SELECT " + COLUMNS + " FROM bench_" + rows);
        try (SalesforceSandbox salesforce = SalesforceSandbox.start(0);
             ConfigurableApplicationContext sluice = start(routes, warehouse, state, salesforce, Map.of())) {
            SyncRunner runner = sluice.getBean(SyncRunner.class);
            runner.run("bench_" + rows, SyncRun.Trigger.BASELINE);
            Measurement diffed = warehouseDiff(sluice, routes, warehouse, rows, "bench_" + rows);
            put("scan_ratio_warehouse_diff", diffed.ratio());
            put("heap_peak_mb_warehouse_diff", diffed.peakHeapBytes() / 1048576.0);
        }
        report();
    }

    /**
     * Switches a baselined sync to {@code diff: warehouse}, lets its first run seed the state table and hash every
     * row, then times a no-change run. A real run, not a preview: previews always diff locally. Nothing changed,
     * so it sends nothing either.
     */
    private static Measurement warehouseDiff(ConfigurableApplicationContext sluice, Path routes,
                                             TestDatabase warehouse, int size, String sync) throws Exception {
        SyncRunner runner = sluice.getBean(SyncRunner.class);
        Files.writeString(routes.resolve(sync + ".yaml"), "diff: warehouse\n"
                + Files.readString(routes.resolve(sync + ".yaml")));
        sluice.getBean(SyncReloader.class).reload();
        // the first run lets every row out once to hash it; a second writes the hashes past those held in memory
        runner.run(sync, SyncRun.Trigger.MANUAL);
        runner.run(sync, SyncRun.Trigger.MANUAL);
        return sideBySide(warehouse, size, () -> runner.run(sync, SyncRun.Trigger.MANUAL));
    }

    /**
     * Ten million rows, nothing changed: the local diff (a preview, as the other no-change lines), then the same
     * sync switched to the warehouse diff. How long it all took is a line too.
     */
    private void scale(ConfigurableApplicationContext sluice, Path routes, TestDatabase warehouse) throws Exception {
        long start = System.nanoTime();
        SyncRunner runner = sluice.getBean(SyncRunner.class);
        String sync = "bench_" + SCALE_ROWS;
        runner.run(sync, SyncRun.Trigger.BASELINE);
        Measurement local = sideBySide(warehouse, SCALE_ROWS, () -> runner.preview(sync));
        put("scan_ratio_10m", local.ratio());
        put("rows_per_second_10m", SCALE_ROWS / (local.nanos() / 1e9));
        put("heap_peak_mb_10m", local.peakHeapBytes() / 1048576.0);
        Measurement diffed = warehouseDiff(sluice, routes, warehouse, SCALE_ROWS, sync);
        put("scan_ratio_warehouse_diff_10m", diffed.ratio());
        put("heap_peak_mb_10m_warehouse_diff", diffed.peakHeapBytes() / 1048576.0);
        put("scale_run_minutes_10m", (System.nanoTime() - start) / 60e9);
    }

    private void run() throws Exception {
        TestDatabase warehouse = TestDatabases.postgres("bench_warehouse");
        TestDatabase state = TestDatabases.postgres("bench_state");
        Path routes = Files.createTempDirectory("sluice-bench-routes");
        for (int size : SIZES) {
            createTable(warehouse, size);
            writeSync(routes, "bench_" + size, "SELECT " + COLUMNS + " FROM bench_" + size);
        }
        // the same 1M rows under another name, for the warehouse diff: its baseline and hashes are its own
        int million = SIZES[SIZES.length - 1];
        writeSync(routes, "bench_wh_" + million, "SELECT " + COLUMNS + " FROM bench_" + million);
        if (SCALE_RUN) {
            createTable(warehouse, SCALE_ROWS);
            writeSync(routes, "bench_" + SCALE_ROWS, "SELECT " + COLUMNS + " FROM bench_" + SCALE_ROWS);
        }
        Path processors = overheadSyncs(routes, warehouse, false);
        try (SalesforceSandbox salesforce = SalesforceSandbox.start(0);
             ConfigurableApplicationContext sluice = start(routes, warehouse, state, salesforce,
                     Map.of("sluice.processors.dir", processors.toString()))) {
            SyncRunner runner = sluice.getBean(SyncRunner.class);
            MeterRegistry meters = sluice.getBean(MeterRegistry.class);

            for (int size : SIZES) {
                runner.run("bench_" + size, SyncRun.Trigger.BASELINE);
            }
            double commits = meters.get("sluice.state.commits").counters().stream().mapToDouble(c -> c.count()).sum();
            double committed = meters.get("sluice.state.records.committed").counters().stream()
                    .mapToDouble(c -> c.count()).sum();
            put("state_writes_per_record", commits / committed);

            Map<Integer, Measurement> unchanged = new LinkedHashMap<>();
            for (int size : SIZES) {
                scan(warehouse, size); // warm the table into PostgreSQL's cache and the JIT
                runner.preview("bench_" + size);
                Measurement sluiceRun = sideBySide(warehouse, size, () -> runner.preview("bench_" + size));
                unchanged.put(size, sluiceRun);
                put("scan_floor_ms_" + size, sluiceRun.floorNanos() / 1_000_000.0);
                put("sluice_no_change_ms_" + size, sluiceRun.nanos() / 1_000_000.0);
                put("scan_ratio_" + size, sluiceRun.ratio());
            }
            int largest = SIZES[SIZES.length - 1];
            Measurement largestRun = unchanged.get(largest);
            put("scan_ratio", largestRun.ratio());
            put("rows_per_second_1m", largest / (largestRun.nanos() / 1e9));
            put("heap_peak_mb", largestRun.peakHeapBytes() / 1048576.0);
            put("heap_ratio", (double) largestRun.peakHeapBytes() / unchanged.get(SIZES[0]).peakHeapBytes());
            // what each further key costs: the budget is 64 MB + 24 bytes a key
            put("heap_bytes_per_key", (double) (largestRun.peakHeapBytes() - unchanged.get(SIZES[0]).peakHeapBytes())
                    / (largest - SIZES[0]));

            overheads(runner, warehouse);

            changeOnePercent(warehouse, largest);
            Measurement changed = sideBySide(warehouse, largest, () -> runner.preview("bench_" + largest));
            put("scan_ratio_1pct_changed", changed.ratio());

            // before the destination figures: their sandboxes run in this JVM and keep every record they receive,
            // which the heap lines would count as Sluice's
            runner.run("bench_wh_" + million, SyncRun.Trigger.BASELINE);
            Measurement diffed = warehouseDiff(sluice, routes, warehouse, million, "bench_wh_" + million);
            put("scan_ratio_warehouse_diff", diffed.ratio());
            put("heap_peak_mb_warehouse_diff", diffed.peakHeapBytes() / 1048576.0);

            if (SCALE_RUN) {
                scale(sluice, routes, warehouse);
            }

            writeSync(routes, "first_sync", "SELECT " + COLUMNS + " FROM bench_" + FIRST_SYNC_ROWS);
            writeHubSpotSync(routes, "hubspot_first_sync", HUBSPOT_ROWS);
            writeHubSpotSync(routes, "hubspot_rate_limited", HUBSPOT_ROWS);
            double salesforceCalls = firstSyncCallRatio(routes, warehouse, salesforce);
            salesforceCallsPer1k(routes, warehouse, salesforce, FIRST_SYNC_ROWS);
            double hubspotCalls = hubSpotFigures(routes, warehouse, salesforce);
            put("calls_per_record_ratio_salesforce", salesforceCalls);
            put("calls_per_record_ratio_hubspot", hubspotCalls);
            put("calls_per_record_ratio", Math.max(salesforceCalls, hubspotCalls));
        }
        report();
    }

    /**
     * HubSpot: a first sync of 10k contacts against its 100-input limit; then, against a fake that
     * allows {@value #RATE_LIMIT} requests a second and answers 429 beyond, how close Sluice's own
     * throttle runs to that rate.
     */
    private double hubSpotFigures(Path routes, TestDatabase warehouse, SalesforceSandbox salesforce) {
        try (HubSpotSandbox hubspot = HubSpotSandbox.start(0)) {
            hubspot.defineProperties("contacts", HubSpotSandbox.Property.text("plan"),
                    HubSpotSandbox.Property.number("score"), HubSpotSandbox.Property.number("visits"),
                    HubSpotSandbox.Property.text("signed_up_at"), HubSpotSandbox.Property.text("updated_at"),
                    HubSpotSandbox.Property.text("customer_id"));
            hubspot.setBurstLimit(1_000_000, Duration.ofSeconds(10));
            TestDatabase state = TestDatabases.postgres("bench_hubspot_state");
            Map<String, String> hubspotSettings = Map.of("sluice.hubspot.base-url", hubspot.baseUrl(),
                    "sluice.hubspot.token", hubspot.token(),
                    "sluice.hubspot.requests-per-window", String.valueOf(RATE_LIMIT),
                    "sluice.hubspot.window", "1s",
                    "sluice.hubspot.daily-limit", "1000000");
            try (ConfigurableApplicationContext sluice = start(routes, warehouse, state, salesforce, hubspotSettings)) {
                SyncRunner runner = sluice.getBean(SyncRunner.class);
                hubspot.setBurstLimit(1_000_000, Duration.ofSeconds(10));
                SyncRun first = runner.run("hubspot_first_sync", SyncRun.Trigger.MANUAL);
                long calls = hubspot.requests().stream().filter(r -> r.path().endsWith("/batch/upsert")).count();
                put("hubspot_first_sync_created", first.counts().created());
                put("hubspot_first_sync_calls", calls);
                double callRatio = calls / Math.ceil((double) HUBSPOT_ROWS / HUBSPOT_BATCH_LIMIT);

                hubspot.setBurstLimit(RATE_LIMIT, Duration.ofSeconds(1));
                int before = hubspot.requests().size();
                SyncRun limited = runner.run("hubspot_rate_limited", SyncRun.Trigger.MANUAL);
                List<HubSpotSandbox.RecordedRequest> requests = hubspot.requests().subList(before,
                        hubspot.requests().size());
                // steady state: from the first request the fake received to the last
                double seconds = Duration.between(requests.get(0).receivedAt(),
                        requests.get(requests.size() - 1).receivedAt()).toNanos() / 1e9;
                long accepted = requests.stream().filter(r -> r.status() < 300).count();
                put("rate_limited_delivered", limited.counts().created() + limited.counts().updated());
                put("rate_limit_utilisation", (accepted - 1) / seconds / RATE_LIMIT);
                put("rate_limited_responses", requests.stream().filter(r -> r.status() == 429).count());
                return callRatio;
            }
        }
    }

    private static void writeHubSpotSync(Path routes, String name, int size) throws IOException {
        Files.writeString(routes.resolve(name + ".yaml"), """
                model:
                  name: %s
                  query: SELECT %s FROM bench_%d
                destination: hubspot
                object: contacts
                external_id_field: email
                mapping:
                  email: email
                  first_name: firstname
                  last_name: lastname
                  company: company
                  plan: plan
                  score: score
                  visits: visits
                  signed_up_at: signed_up_at
                  updated_at: updated_at
                  customer_id: customer_id
                schedule: manual
                sync_mode: full
                """.formatted(name, COLUMNS, size));
    }

    /**
     * A first sync of 100k records to Salesforce by sObject Collections (the Bulk threshold out of reach), against the
     * fewest calls its 200-record limit allows.
     */
    private double firstSyncCallRatio(Path routes, TestDatabase warehouse, SalesforceSandbox salesforce) {
        TestDatabase state = TestDatabases.postgres("bench_first_sync_state");
        salesforce.reset();
        try (ConfigurableApplicationContext sluice = start(routes, warehouse, state, salesforce,
                Map.of("sluice.salesforce.bulk-threshold", String.valueOf(Integer.MAX_VALUE)))) {
            SyncRun run = sluice.getBean(SyncRunner.class).run("first_sync", SyncRun.Trigger.MANUAL);
            long calls = salesforce.calls().stream().filter(call -> call.method().equals("PATCH")).count();
            put("first_sync_created", run.counts().created());
            put("first_sync_calls", calls);
            double minimum = Math.ceil((double) FIRST_SYNC_ROWS / SALESFORCE_BATCH_LIMIT);
            return calls / minimum;
        }
    }

    /**
     * Every Salesforce API call (polls included) per 1,000 records of a large delta, with the default settings: Bulk
     * API 2.0 jobs past {@code sluice.salesforce.bulk-threshold}. Collections calls would take 5 (200 records a call).
     */
    private void salesforceCallsPer1k(Path routes, TestDatabase warehouse, SalesforceSandbox salesforce, int rows) {
        TestDatabase state = TestDatabases.postgres("bench_bulk_state");
        salesforce.reset();
        // the sandbox finishes a job at its second poll; a short interval keeps the figure about calls, not waiting
        try (ConfigurableApplicationContext sluice = start(routes, warehouse, state, salesforce,
                Map.of("sluice.salesforce.bulk-poll-interval", "100ms"))) {
            SyncRun run = sluice.getBean(SyncRunner.class).run("first_sync", SyncRun.Trigger.MANUAL);
            put("salesforce_bulk_delta_created", run.counts().created());
            put("salesforce_bulk_jobs", salesforce.bulkJobsCreated().size());
            put("salesforce_calls_per_1k_records", salesforce.calls().size() / (rows / 1000.0));
        }
    }

    /**
     * The median of {@value #REPETITIONS} side-by-side pairs — the floor scan right before each Sluice
     * run, so both meet the same machine load — and the highest live heap any of the runs reached.
     */
    private record Measurement(long floorNanos, long nanos, long peakHeapBytes) {

        double ratio() {
            return (double) nanos / floorNanos;
        }
    }

    private static Measurement sideBySide(TestDatabase warehouse, int size, Callable<?> work) throws Exception {
        List<Measurement> pairs = new ArrayList<>();
        for (int i = 0; i < REPETITIONS; i++) {
            long floor = scan(warehouse, size);
            LiveHeapPeak peak = new LiveHeapPeak();
            System.gc();
            peak.start();
            long start = System.nanoTime();
            work.call();
            long nanos = System.nanoTime() - start;
            System.gc();
            pairs.add(new Measurement(floor, nanos, peak.stop()));
        }
        pairs.sort(Comparator.comparingDouble(Measurement::ratio));
        Measurement median = pairs.get(pairs.size() / 2);
        long peakHeap = pairs.stream().mapToLong(Measurement::peakHeapBytes).max().orElseThrow();
        return new Measurement(median.floorNanos(), median.nanos(), peakHeap);
    }

    /** The physical floor: a bare streaming JDBC scan of the same query, every column read. */
    private static long scan(TestDatabase warehouse, int size) throws SQLException {
        try (Connection connection = new DriverManagerDataSource(warehouse.url(), warehouse.username(),
                warehouse.password()).getConnection()) {
            connection.setAutoCommit(false);
            long start = System.nanoTime();
            try (Statement statement = connection.createStatement()) {
                statement.setFetchSize(FETCH_SIZE);
                try (ResultSet rows = statement.executeQuery("SELECT " + COLUMNS + " FROM bench_" + size)) {
                    int columns = rows.getMetaData().getColumnCount();
                    long seen = 0;
                    while (rows.next()) {
                        for (int i = 1; i <= columns; i++) {
                            if (rows.getObject(i) != null) {
                                seen++;
                            }
                        }
                    }
                    if (seen == 0) {
                        throw new IllegalStateException("the scan read nothing");
                    }
                }
            }
            long nanos = System.nanoTime() - start;
            connection.rollback();
            return nanos;
        }
    }

    private static void createTable(TestDatabase warehouse, int size) {
        warehouse.jdbc().execute("CREATE TABLE bench_" + size + " AS SELECT"
                + " 'person' || n || '@example.com' AS email,"
                + " 'First' || (n % 1000) AS first_name,"
                + " 'Last' || (n % 5000) AS last_name,"
                + " 'Company ' || (n % 20000) AS company,"
                + " (ARRAY['free','starter','pro','enterprise'])[1 + n % 4] AS plan,"
                + " round((n % 1000) / 7.0, 3) AS score,"
                + " (n * 7) % 100000 AS visits,"
                + " TIMESTAMP '2024-01-01' + (n % 600) * INTERVAL '1 day' AS signed_up_at,"
                + " TIMESTAMP '2026-01-01' + (n % 86400) * INTERVAL '1 second' AS updated_at,"
                + " 'cus_' || lpad(n::text, 9, '0') AS customer_id"
                + " FROM generate_series(1, " + size + ") AS n");
        warehouse.jdbc().execute("ANALYZE bench_" + size);
    }

    private static void changeOnePercent(TestDatabase warehouse, int size) {
        warehouse.jdbc().update("UPDATE bench_" + size + " SET visits = visits + 1 WHERE random() < 0.01");
        warehouse.jdbc().execute("VACUUM ANALYZE bench_" + size);
    }

    private static void writeSync(Path routes, String name, String query) throws IOException {
        Files.writeString(routes.resolve(name + ".yaml"), """
                model:
                  name: %s
                  query: %s
                destination: salesforce
                object: Contact
                mapping:
                  email: Email
                  first_name: FirstName
                  last_name: LastName
                  company: Company__c
                  plan: Plan__c
                  score: Score__c
                  visits: Visits__c
                  signed_up_at: Signed_Up_At__c
                  updated_at: Updated_At__c
                  customer_id: Customer_Id__c
                schedule: manual
                sync_mode: full
                """.formatted(name, query));
    }

    private static ConfigurableApplicationContext start(Path routes, TestDatabase warehouse, TestDatabase state,
                                                        SalesforceSandbox salesforce, Map<String, String> more) {
        warehouse.jdbc().execute("CREATE SCHEMA IF NOT EXISTS " + STATE_SCHEMA);
        SalesforceSandbox.Credentials credentials = SalesforceSandbox.Credentials.demo();
        // as command-line arguments: they win over config/application.yaml, as a deployment's would
        Map<String, String> settings = new LinkedHashMap<>(Map.ofEntries(
                        Map.entry("spring.main.web-application-type", "none"),
                        Map.entry("logging.level.io.sluice", "WARN"),
                        Map.entry("sluice.routes-dir", routes.toString()),
                        Map.entry("sluice.warehouse.url", warehouse.url()),
                        Map.entry("sluice.warehouse.username", warehouse.username()),
                        Map.entry("sluice.warehouse.password", warehouse.password()),
                        Map.entry("sluice.state.url", state.url()),
                        Map.entry("sluice.state.username", state.username()),
                        Map.entry("sluice.state.password", state.password()),
                        Map.entry("sluice.read.fetch-size", String.valueOf(FETCH_SIZE)),
                        Map.entry("sluice.warehouse.state-schema", STATE_SCHEMA),
                        // calls per record is measured here, not Salesforce's pace: the fake has no daily allocation
                        Map.entry("sluice.salesforce.rate-limit.requests", "1000"),
                        Map.entry("sluice.sandbox.enabled", "false"),
                        Map.entry("sluice.sandbox.seed-warehouse", "false"),
                        Map.entry("camel.component.salesforce.login-url", salesforce.baseUrl()),
                        Map.entry("camel.component.salesforce.client-id", credentials.clientId()),
                        Map.entry("camel.component.salesforce.client-secret", credentials.clientSecret()),
                        Map.entry("camel.component.salesforce.refresh-token", credentials.refreshToken())));
        settings.putAll(more);
        return new SpringApplicationBuilder(SluiceApplication.class)
                .run(settings.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new));
    }

    private void put(String name, double value) {
        figures.put(name, String.format(java.util.Locale.ROOT, "%.3f", value));
    }

    private void report() throws IOException {
        StringBuilder lines = new StringBuilder();
        figures.forEach((name, value) -> lines.append(name).append('=').append(value).append('\n'));
        lines.append("machine=").append(Runtime.getRuntime().availableProcessors()).append(" cores, ")
                .append(Runtime.getRuntime().maxMemory() / 1048576).append(" MB max heap, Java ")
                .append(System.getProperty("java.version")).append('\n');
        System.out.print(lines);
        Path report = Path.of("target", "benchmark.txt");
        Files.createDirectories(report.getParent());
        Files.writeString(report, lines);
    }
}
