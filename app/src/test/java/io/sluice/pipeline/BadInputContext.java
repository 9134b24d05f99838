package io.sluice.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.sluice.deadletter.DeadLetter;
import io.sluice.deadletter.DeadLetterStore;
import io.sluice.sandbox.salesforce.SalesforceSandbox;
import io.sluice.state.RecordStateStore;
import io.sluice.state.WatermarkStore;
import io.sluice.support.SluiceTestProperties;
import io.sluice.support.TestDatabases;
import io.sluice.support.TestDatabases.TestDatabase;

/**
 * One Sluice, on PostgreSQL like production, shared by the tests of awkward input: each test class
 * covers one theme with its own sync files and tables, against the Salesforce fake.
 */
@SpringBootTest
abstract class BadInputContext {

    static final SalesforceSandbox SALESFORCE = SalesforceSandbox.start(0);
    static final TestDatabase WAREHOUSE = TestDatabases.postgres("bad_input_warehouse");
    static final TestDatabase STATE = TestDatabases.postgres("bad_input_state");

    @Autowired
    SyncRunner runner;
    @Autowired
    RecordStateStore state;
    @Autowired
    WatermarkStore watermarks;
    @Autowired
    DeadLetterStore deadLetters;

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry registry) throws IOException {
        JdbcTemplate warehouse = WAREHOUSE.jdbc();
        warehouse.execute("CREATE SCHEMA bi");
        warehouse.execute("CREATE TABLE bi.keyed_leads (email VARCHAR(200), company VARCHAR(100))");
        warehouse.execute("CREATE TABLE bi.contact_values (email VARCHAR(200), last_name TEXT, description TEXT)");
        warehouse.execute("CREATE TABLE bi.long_texts (email VARCHAR(200), last_name TEXT, description TEXT)");
        warehouse.execute("CREATE TABLE bi.typed_leads (email VARCHAR(200), company VARCHAR(100), employees VARCHAR(20))");
        warehouse.execute("CREATE TABLE bi.unicode_accounts (account_number VARCHAR(100), name VARCHAR(200))");
        warehouse.execute("CREATE TABLE bi.cursor_contacts (email VARCHAR(200), last_name VARCHAR(100),"
                + " cursor_key VARCHAR(100))");
        warehouse.execute("CREATE TABLE bi.empty_accounts (account_number VARCHAR(20), name VARCHAR(100))");
        warehouse.execute("CREATE TABLE bi.emptied_accounts (account_number VARCHAR(20), name VARCHAR(100))");

        Path routes = Files.createTempDirectory("sluice-bad-input-routes");
        write(routes, "bi_keys", """
                model:
                  query: SELECT email, company FROM bi.keyed_leads
                destination: salesforce
                mapping:
                  email: Email
                  company: Company
                schedule: manual
                sync_mode: full
                """);
        write(routes, "bi_values", contacts("bi.contact_values"));
        write(routes, "bi_long_text", contacts("bi.long_texts"));
        write(routes, "bi_types", """
                model:
                  query: SELECT email, company, employees FROM bi.typed_leads ORDER BY email
                destination: salesforce
                mapping:
                  email: Email
                  company: Company
                  employees: NumberOfEmployees
                schedule: manual
                sync_mode: full
                """);
        write(routes, "bi_unicode", accounts("bi.unicode_accounts", "full"));
        write(routes, "bi_cursor", """
                model:
                  query: SELECT email, last_name, cursor_key FROM bi.cursor_contacts
                destination: salesforce
                object: Contact
                mapping:
                  email: Email
                  last_name: LastName
                cursor: cursor_key
                schedule: manual
                sync_mode: incremental
                """);
        write(routes, "bi_empty", accounts("bi.empty_accounts", "full"));
        write(routes, "bi_emptied", accounts("bi.emptied_accounts", "mirror"));
        SluiceTestProperties.register(registry, routes, WAREHOUSE, STATE, SALESFORCE);
    }

    @BeforeEach
    void resetFake() {
        SALESFORCE.reset();
    }

    List<DeadLetter> openDeadLetters(String sync) {
        return deadLetters.list(Optional.of(sync), Optional.of(DeadLetter.Status.OPEN), 1000, 0);
    }

    List<String> deliveredKeys(String sync) {
        return state.records(sync).stream().map(RecordStateStore.StoredRecord::key).toList();
    }

    static JdbcTemplate warehouse() {
        return WAREHOUSE.jdbc();
    }

    /** Contacts with a free-text description, which is where oversized values go. */
    private static String contacts(String table) {
        return """
                model:
                  query: SELECT email, last_name, description FROM %s
                destination: salesforce
                object: Contact
                mapping:
                  email: Email
                  last_name: LastName
                  description: Description
                schedule: manual
                sync_mode: full
                """.formatted(table);
    }

    private static String accounts(String table, String mode) {
        return """
                model:
                  query: SELECT account_number, name FROM %s
                destination: salesforce
                object: Account
                external_id_field: Account_Number__c
                mapping:
                  account_number: Account_Number__c
                  name: Name
                schedule: manual
                sync_mode: %s
                """.formatted(table, mode);
    }

    private static void write(Path routes, String sync, String content) throws IOException {
        Files.writeString(routes.resolve(sync + ".yaml"), content);
    }
}
