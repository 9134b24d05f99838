package io.sluice.config;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** A warehouse whose driver is not on the classpath stops Sluice at start, saying where the jar goes. */
class MissingDriverTest {

    @Test
    void aMissingDriverIsNamedByItsSubprotocolWithTheFolderToPutItIn() {
        assertThatThrownBy(() -> DataSourceConfiguration.requireDriver("sluice-warehouse-snowflake",
                "jdbc:snowflake://acme.snowflakecomputing.com/?db=ANALYTICS"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("No JDBC driver for 'snowflake' (sluice-warehouse-snowflake, jdbc:snowflake:...): put the"
                        + " driver's jar in the drivers/ folder of the working directory (or in a folder named by"
                        + " -Dloader.path) and start Sluice again");
    }

    @Test
    void aDriverOnTheClasspathIsFound() {
        assertThatCode(() -> DataSourceConfiguration.requireDriver("sluice-warehouse", "jdbc:h2:mem:x"))
                .doesNotThrowAnyException();
    }
}
