package io.sluice.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import io.sluice.support.ObservedSluice;

/**
 * While Camel is not started (as in the seconds between the web server answering and Camel starting, or while it
 * stops) readiness is down and an admin call is refused with 503 and {@code Retry-After}; liveness stays up. Camel is
 * suspended here to stand for that moment.
 */
class NotReadyTest extends ObservedSluice {

    @Autowired
    CamelContext camel;

    @Test
    void adminCallsWaitForCamelAndReadinessSaysSo() {
        camel.suspend();
        try {
            ResponseEntity<Map> run = http.postForEntity("/admin/syncs/{sync}/run", null, Map.class, "logged_leads");
            ResponseEntity<Map> readiness = http.getForEntity("/actuator/health/readiness", Map.class);
            ResponseEntity<Map> liveness = http.getForEntity("/actuator/health/liveness", Map.class);

            assertThat(run.getStatusCode().value()).isEqualTo(503);
            assertThat(run.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("5");
            assertThat(run.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(run.getBody()).containsEntry("type", "https://sluice.dev/problems/not-ready")
                    .containsEntry("status", 503);
            assertThat(readiness.getStatusCode().value()).isEqualTo(503);
            assertThat(liveness.getStatusCode().value()).isEqualTo(200);
        } finally {
            camel.resume();
        }
        assertThat(http.getForEntity("/actuator/health/readiness", Map.class).getStatusCode().value()).isEqualTo(200);
        assertThat(runner.isRunning("logged_leads")).as("the refused call started no run").isFalse();
    }
}
