package io.sluice.demo;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * Sluice as a newcomer gets it from ./mvnw spring-boot:run (the demo profile, config/application-demo.yaml) — the shipped sync files, the seeded demo
 * warehouse, every destination's sandbox — with only the state store and the ports moved, so tests
 * leave nothing behind and never collide with a running demo, and the schedules held: a shipped schedule
 * firing amid a test would leave its own run nothing to send. Tests that use it share one context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "sluice.state.url=jdbc:h2:mem:embedded-default-state;MODE=PostgreSQL;DB_CLOSE_DELAY=-1",
        "sluice.warehouse.url=jdbc:h2:mem:embedded-default-warehouse;MODE=PostgreSQL;DB_CLOSE_DELAY=-1",
        "sluice.sandbox.salesforce-port=0",
        "sluice.sandbox.hubspot-port=0",
        "sluice.sandbox.slack-port=0",
        "sluice.sandbox.intercom-port=0",
        "sluice.sandbox.stripe-port=0",
        "camel.component.quartz.auto-start-scheduler=false",
        // where the shipped routes/outbox.camel.yaml writes lead_events' batches (data/outbox in the demo)
        "outbox.dir=${java.io.tmpdir}/sluice-test-outbox",
        "spring.profiles.active=demo"})
public @interface EmbeddedDefaultContext {
}
