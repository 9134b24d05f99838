package io.sluice.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.sluice.pipeline.SyncRunner;
import io.sluice.runs.SyncRun;
import io.sluice.sandbox.salesforce.SalesforceSandbox;
import io.sluice.support.AdminLists;
import io.sluice.support.HeadlessChromium;
import io.sluice.support.SluiceTestProperties;

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
        "sluice.sandbox.stripe-port=0",
        "spring.profiles.active=demo",
        // runs are started by the test alone, so none is already running when it starts one
        "camel.component.quartz.auto-start-scheduler=false",
        "sluice.admin.operator-token=" + SluiceTestProperties.OPERATOR_TOKEN,
        "sluice.admin.viewer-token=" + SluiceTestProperties.VIEWER_TOKEN})
@EnabledIf(value = "io.sluice.support.HeadlessChromium#installedOrRequired", disabledReason = "chromium and "
        + "chromedriver are not installed (apt-get install chromium chromium-driver); with SLUICE_BROWSER_TESTS=required "
        + "this test fails instead")
class ConsoleBrowserTest {

    @LocalServerPort
    int port;
    @Autowired
    SyncRunner runner;
    @Autowired
    SalesforceSandbox salesforce;
    @Autowired
    TestRestTemplate http;

    @BeforeAll
    static void browserInstalled() {
        // before the Spring context starts, so CI without chromium fails at once
        HeadlessChromium.requireBrowser();
    }

    @Test
    void anOperatorSeesARefusedLeadAndReplaysItOnceTheOrgAcceptsIt() throws IOException {
        List<String> alsoRun = List.of("customer_360", "hubspot_contacts", "intercom_contacts");
        alsoRun.forEach(name -> runner.run(name, SyncRun.Trigger.MANUAL));
        SyncRun run = runner.run("enriched_leads", SyncRun.Trigger.MANUAL);
        assertThat(run.counts().deadLettered()).isPositive();
        Map<String, Object> refused = openDeadLetters().stream()
                .filter(letter -> "REQUIRED_FIELD_MISSING".equals(letter.get("errorCode")))
                .findFirst().orElseThrow();
        String email = (String) refused.get("recordKey");
        assertThat(salesforce.findRecord("Lead", "Email", email)).isEmpty();
        // the Salesforce admin drops the rule that refused it; a run does not resend dead letters, a replay does
        salesforce.requireFields("Lead");
        SyncRun rerun = runner.run("enriched_leads", SyncRun.Trigger.MANUAL);
        assertThat(salesforce.findRecord("Lead", "Email", email)).isEmpty();

        try (HeadlessChromium chromium = HeadlessChromium.start()) {
            WebDriver browser = chromium.driver();
            browser.get("http://localhost:" + port + "/console");
            signIn(browser, "not-a-token");
            WebElement refusal = chromium.waiting().until(ExpectedConditions.visibilityOfElementLocated(
                    By.cssSelector("form.login .notice-error")));
            assertThat(refusal.getText()).contains("did not accept");
            signIn(browser, SluiceTestProperties.OPERATOR_TOKEN);

            WebElement syncRow = chromium.waiting().until(ExpectedConditions.visibilityOfElementLocated(
                    By.cssSelector("tr[data-sync='enriched_leads']")));
            assertThat(syncRow.getText()).contains("salesforce", "Lead", "incremental", "valid", "succeeded",
                    rerun.counts().read() + " read", rerun.counts().failed() + " failed");
            for (String name : alsoRun) {
                assertThat(browser.findElement(By.cssSelector("tr[data-sync='" + name + "']")).getText())
                        // a shipped sync whose demo rows the sandbox partly refuses ends partial
                        .contains("valid", " read · ").containsAnyOf("succeeded", "partial");
            }
            assertThat(browser.findElement(By.cssSelector("tr[data-sync='slack_hot_leads']")).getText())
                    .contains("never run");
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

            browser.findElement(letterRow).findElement(By.linkText("enriched_leads")).click();
            chromium.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("figure.chart svg")));
            assertThat(chartPoints(browser, "changed")).satisfiesExactly(
                    point -> assertThat(point).startsWith("run " + run.id() + ",").contains(": " + changed(run) + " rows changed"),
                    point -> assertThat(point).startsWith("run " + rerun.id() + ",").contains(": " + changed(rerun) + " rows changed"));
            assertThat(chartPoints(browser, "failed")).satisfiesExactly(
                    point -> assertThat(point).contains(": " + run.counts().failed() + " rows failed"),
                    point -> assertThat(point).contains(": " + rerun.counts().failed() + " rows failed"));

            browser.findElement(By.linkText("#" + rerun.id())).click();
            chromium.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"),
                    "Run #" + rerun.id() + " of enriched_leads"));
            assertThat(browser.findElement(By.cssSelector("table.counts-table")).getText())
                    .contains("unchanged " + rerun.counts().unchanged(), "failed " + rerun.counts().failed());

            browser.get("http://localhost:" + port + "/console/#/runs/" + run.id() + "?status=failed&key=" + email);
            WebElement failedRecord = chromium.waiting().until(ExpectedConditions.visibilityOfElementLocated(
                    By.cssSelector("table.records-table")));
            assertThat(failedRecord.getText()).contains(email, "create", "failed", "REQUIRED_FIELD_MISSING");
        }

        assertThat(salesforce.findRecord("Lead", "Email", email)).isPresent();
        assertThat(http.getForEntity("/console/", String.class).getHeaders().getFirst("Content-Security-Policy"))
                .startsWith("default-src 'self'");
        assertThat(http.getForObject("/admin/dead-letters/{id}", Map.class, refused.get("id")))
                .containsEntry("status", "REPLAYED");
    }

    private static void signIn(WebDriver browser, String token) {
        browser.findElement(By.id("token")).sendKeys(token);
        browser.findElement(By.cssSelector("form.login button")).click();
    }

    private List<Map<String, Object>> openDeadLetters() {
        return AdminLists.items(http, "/admin/dead-letters?sync=enriched_leads&status=open");
    }

    private static long changed(SyncRun run) {
        return run.counts().created() + run.counts().updated() + run.counts().deleted();
    }

    /** The tooltips of a chart series, oldest run first. */
    private static List<String> chartPoints(WebDriver browser, String series) {
        return browser.findElements(By.cssSelector(".series-" + series + " circle title")).stream()
                .map(point -> point.getAttribute("textContent")).toList();
    }

    private static void saveScreenshot(WebDriver browser) throws IOException {
        Path target = Path.of(System.getProperty("sluice.console.screenshot", "target/console.png"));
        Files.createDirectories(target.toAbsolutePath().getParent());
        Files.write(target, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }
}
