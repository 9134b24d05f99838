package io.sluice.sandbox.stripe;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/** One sandbox per test class, reset before each test, with the customers most tests write to. */
abstract class StripeSandboxTestSupport {

    static StripeSandbox sandbox;
    static StripeHttp http;

    @BeforeAll
    static void startSandbox() {
        sandbox = StripeSandbox.start(0);
        http = new StripeHttp(sandbox);
    }

    @AfterAll
    static void stopSandbox() {
        sandbox.close();
    }

    @BeforeEach
    void freshAccount() {
        sandbox.reset();
        sandbox.addCustomer("cus_ada", "ada@example.com", "Ada Lovelace");
        sandbox.addCustomer("cus_grace", "grace@example.com", "Grace Hopper");
    }
}
