package io.sluice.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import io.sluice.runs.SyncRun;
import io.sluice.runs.SyncRunner;
import io.sluice.sandbox.salesforce.SalesforceSandbox;
import io.sluice.support.HeadlessChromium;

/**
 * The admin console in a real browser, on the embedded default (shipped sync files, demo warehouse,
 * Salesforce sandbox): a lead the org refused shows up as a dead letter, the org's rule is fixed, and
 * the operator replays it from the console.
 *
 * <p>{@code -Dsluice.console.screenshot=docs/console.png} refreshes the README's screenshot of the syncs view.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "sluice.state.url=jdbc:h2:mem:console-state;MODE=PostgreSQL;DB_CLOSE_DELAY=-1",
        "sluice.warehouse.url=jdbc:h2:mem:console-warehouse;MODE=PostgreSQL;DB_CLOSE_DELAY=-1",
        "sluice.sandbox.salesforce-port=0",
        "sluice.sandbox.hubspot-port=0",
        "sluice.sandbox.slack-port=0",
        "sluice.sandbox.intercom-port=0",
        "sluice.sandbox.stripe-port=0"})
class ConsoleBrowserTest {

    /** What the user pastes into the login box. */
    static final String TOKEN = "console-test-operator-token";

    @LocalServerPort
    int port;
    @Autowired
    SyncRunner runner;
    @Autowired
    SalesforceSandbox salesforce;
    @Autowired
    TestRestTemplate http;

    @Test
    void anOperatorSeesARefusedLeadAndReplaysItOnceTheOrgAcceptsIt() throws IOException {
        SyncRun run = runner.run("enriched_leads", SyncRun.Trigger.MANUAL);
        assertThat(run.counts().deadLettered()).isPositive();
        Map<String, Object> refused = openDeadLetters().stream()
                .filter(letter -> "REQUIRED_FIELD_MISSING".equals(letter.get("errorCode")))
                .findFirst().orElseThrow();
        String email = (String) refused.get("recordKey");
        assertThat(salesforce.findRecord("Lead", "Email", email)).isEmpty();
        // the Salesforce admin drops the rule that refused it
        salesforce.requireFields("Lead");

        try (HeadlessChromium chromium = HeadlessChromium.start()) {
            WebDriver browser = chromium.driver();
            browser.get("http://localhost:" + port + "/console");
            browser.findElement(By.id("token")).sendKeys(TOKEN);
            browser.findElement(By.cssSelector("form.login button")).click();

            WebElement syncRow = chromium.waiting().until(ExpectedConditions.visibilityOfElementLocated(
                    By.cssSelector("tr[data-sync='enriched_leads']")));
            assertThat(syncRow.getText()).contains("salesforce", "Lead", "incremental", "valid", "succeeded",
                    run.counts().read() + " read", run.counts().failed() + " failed");
            saveScreenshot(browser);

            browser.findElement(By.linkText("Dead letters")).click();
            Select sync = new Select(chromium.waiting().until(
                    ExpectedConditions.elementToBeClickable(By.name("sync"))));
            sync.selectByValue("enriched_leads");
            browser.findElement(By.cssSelector("form.filters button[type='submit']")).click();

            By letterRow = By.cssSelector("tr[data-dead-letter='" + refused.get("id") + "']");
            WebElement letter = chromium.waiting().until(ExpectedConditions.visibilityOfElementLocated(letterRow));
            assertThat(letter.getText()).contains(email, "REQUIRED_FIELD_MISSING", "Required fields are missing",
                    "open");
            letter.findElement(By.cssSelector("button.replay")).click();

            WebElement outcome = chromium.waiting().until(ExpectedConditions.visibilityOfElementLocated(
                    By.cssSelector("tr[data-dead-letter='" + refused.get("id") + "'] .outcome")));
            assertThat(outcome.getText()).isEqualTo("Delivered");
            assertThat(browser.findElement(letterRow).getText()).contains("replayed");
        }

        assertThat(salesforce.findRecord("Lead", "Email", email)).isPresent();
        assertThat(http.getForObject("/admin/dead-letters/{id}", Map.class, refused.get("id")))
                .containsEntry("status", "REPLAYED");
    }

    private List<Map<String, Object>> openDeadLetters() {
        return http.exchange("/admin/dead-letters?sync=enriched_leads&status=open", HttpMethod.GET, null,
                new ParameterizedTypeReference<List<Map<String, Object>>>() {
                }).getBody();
    }

    private static void saveScreenshot(WebDriver browser) throws IOException {
        Path target = Path.of(System.getProperty("sluice.console.screenshot", "target/console.png"));
        Files.createDirectories(target.toAbsolutePath().getParent());
        Files.write(target, ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }
}
