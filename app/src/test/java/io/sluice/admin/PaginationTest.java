package io.sluice.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;

import io.sluice.pipeline.SyncRunner;
import io.sluice.runs.SyncRun;

/**
 * Every admin list pages the same way: {@code limit} and {@code offset} in, {@code items}, {@code total},
 * {@code limit} and {@code offset} out, and a {@code Link} to the next page while there is one.
 */
class PaginationTest extends AdminApiContext {

    private static final Pattern NEXT = Pattern.compile("<([^>]+)>; rel=\"next\"");
    private static long firstRun;

    @BeforeAll
    static void threeRunsOfOneSyncAndOneOfAnother(@Autowired SyncRunner runner) {
        firstRun = runner.run(SYNC, SyncRun.Trigger.MANUAL).id();
        runner.run(SYNC, SyncRun.Trigger.MANUAL);
        runner.run(SYNC, SyncRun.Trigger.MANUAL);
        runner.run("api_leads_copy", SyncRun.Trigger.MANUAL);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/admin/syncs", "/admin/syncs/" + SYNC + "/runs", "/admin/runs/{first}/records",
            "/admin/dead-letters", "/admin/dead-letters?status=open"})
    void followingTheNextLinksReadsTheWholeListOnce(String list) {
        String path = list.replace("{first}", String.valueOf(firstRun));
        JsonNode whole = call("GET", path, VIEWER).body();
        long total = whole.path("total").asLong();
        assertThat(total).as("enough items for pages of two").isGreaterThanOrEqualTo(2);
        assertThat(whole.path("items")).hasSize((int) total);

        List<JsonNode> followed = new ArrayList<>();
        String next = path + (path.contains("?") ? "&" : "?") + "limit=2";
        int pages = 0;
        while (next != null) {
            Response page = call("GET", next, VIEWER);
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.body().path("total").asLong()).isEqualTo(total);
            assertThat(page.body().path("limit").asInt()).isEqualTo(2);
            assertThat(page.body().path("offset").asLong()).isEqualTo(2L * pages);
            page.body().path("items").forEach(followed::add);
            next = next(page);
            pages++;
        }

        assertThat(pages).isEqualTo((int) (total + 1) / 2);
        assertThat(followed).containsExactlyElementsOf(whole.path("items"));
    }

    @Test
    void theFirstHundredAreTheDefaultAndTheLastPageHasNoNextLink() {
        Response runs = call("GET", "/admin/syncs/" + SYNC + "/runs", VIEWER);

        assertThat(runs.body().path("limit").asInt()).isEqualTo(100);
        assertThat(runs.body().path("offset").asLong()).isZero();
        assertThat(runs.body().path("total").asLong()).isEqualTo(3);
        assertThat(runs.body().path("items")).hasSize(3);
        assertThat(runs.body().path("items").get(0).path("id").asLong()).as("newest first").isGreaterThan(firstRun);
        assertThat(runs.header("Link")).isNull();
    }

    @Test
    void theNextLinkKeepsTheFilters() {
        Response first = call("GET", "/admin/runs/" + firstRun + "/records?status=delivered&limit=1", VIEWER);

        assertThat(first.body().path("total").asLong()).isEqualTo(4);
        assertThat(next(first)).isEqualTo("/admin/runs/" + firstRun + "/records?status=delivered&limit=1&offset=1");
    }

    @Test
    void anOffsetPastTheEndAnswersNoItemsAndItsTotal() {
        Response past = call("GET", "/admin/syncs?offset=50", VIEWER);

        assertThat(past.status()).isEqualTo(200);
        assertThat(past.body().path("items")).isEmpty();
        assertThat(past.body().path("total").asLong()).isEqualTo(3);
        assertThat(past.header("Link")).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"limit=0", "limit=1001", "limit=-5", "offset=-1", "limit=abc", "offset=1.5"})
    void aLimitOrOffsetOutOfRangeIsRefusedOnEveryList(String parameter) {
        for (String list : new String[]{"/admin/syncs", "/admin/syncs/" + SYNC + "/runs",
                "/admin/runs/" + firstRun + "/records", "/admin/dead-letters"}) {
            Response refused = call("GET", list + "?" + parameter, VIEWER);

            assertThat(refused.status()).as(list + "?" + parameter).isEqualTo(400);
            assertThat(refused.body().path("type").asText()).isEqualTo("https://sluice.dev/problems/invalid-parameter");
            assertThat(refused.body().path("detail").asText()).contains(parameter.substring(0, parameter.indexOf('=')));
        }
        assertThat(call("GET", "/admin/dead-letters?limit=1000", VIEWER).status()).isEqualTo(200);
    }

    private static String next(Response page) {
        String link = page.header("Link");
        if (link == null) {
            return null;
        }
        Matcher next = NEXT.matcher(link);
        assertThat(next.find()).as(link).isTrue();
        return next.group(1);
    }
}
