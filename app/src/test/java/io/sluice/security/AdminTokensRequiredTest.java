package io.sluice.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.core.NestedExceptionUtils;

import io.sluice.SluiceApplication;
import io.sluice.support.TestDatabases;
import io.sluice.support.TestDatabases.TestDatabase;

/** A deployment that forgot its admin tokens does not start; none is accepted that was not configured. */
class AdminTokensRequiredTest {

    @Test
    void outsideTheDemoSluiceRefusesToStartWithoutAnOperatorToken() throws Exception {
        TestDatabase state = TestDatabases.h2("tokenless_state");
        TestDatabase warehouse = TestDatabases.h2("tokenless_warehouse");
        Path routes = Files.createTempDirectory("sluice-tokenless-routes");

        // arguments, as a deployment passes them: they override config/application.yaml's demo settings
        assertThatThrownBy(() -> new SpringApplicationBuilder(SluiceApplication.class).run(
                        "--server.port=0", "--sluice.routes-dir=" + routes, "--sluice.sandbox.enabled=false",
                        "--sluice.state.url=" + state.url(), "--sluice.state.username=sa",
                        "--sluice.warehouse.url=" + warehouse.url(), "--sluice.warehouse.username=sa",
                        "--sluice.admin.operator-token= ,", "--sluice.admin.viewer-token=viewer-only")
                .close())
                .satisfies(failure -> assertThat(NestedExceptionUtils.getMostSpecificCause(failure))
                        .hasMessageContaining("No admin token is configured: set sluice.admin.operator-token"));
    }

    @Test
    void onlyConfiguredTokensAreAccepted() {
        AdminTokens tokens = new AdminTokens(List.of("op-a", " op-b "), List.of("view-a", ""));

        assertThat(tokens.roleOf("op-a")).contains(AdminRole.OPERATOR);
        assertThat(tokens.roleOf("op-b")).contains(AdminRole.OPERATOR);
        assertThat(tokens.roleOf("view-a")).contains(AdminRole.VIEWER);
        assertThat(tokens.roleOf("")).isEmpty();
        assertThat(tokens.roleOf("op-")).isEmpty();
        assertThat(tokens.roleOf("OP-A")).isEmpty();
    }
}
