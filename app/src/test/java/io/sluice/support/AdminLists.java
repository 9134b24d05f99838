package io.sluice.support;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import org.springframework.boot.test.web.client.TestRestTemplate;

/** The items of an admin list: its answer is a page, {"items": [...], "total": ..., "limit": ..., "offset": ...}. */
public final class AdminLists {

    private AdminLists() {
    }

    public static List<Map<String, Object>> items(TestRestTemplate http, String path, Object... uriVariables) {
        return http.getForObject(path, Page.class, uriVariables).items();
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    private record Page(List<Map<String, Object>> items) {
    }
}
