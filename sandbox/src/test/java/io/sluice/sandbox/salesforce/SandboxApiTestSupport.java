package io.sluice.sandbox.salesforce;

import org.junit.jupiter.api.AfterEach;

/** A fresh sandbox per test, and a client already logged in to it. */
abstract class SandboxApiTestSupport {

    final SalesforceSandbox sandbox = SalesforceSandbox.start(0);
    final SandboxHttp http = new SandboxHttp(sandbox);
    final String token = http.login();

    @AfterEach
    void stop() {
        sandbox.close();
    }
}
