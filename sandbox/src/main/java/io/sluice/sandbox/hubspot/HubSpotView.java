package io.sluice.sandbox.hubspot;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.sluice.sandbox.SandboxView;
import io.sluice.sandbox.hubspot.HubSpotSandbox.CrmObject;
import io.sluice.sandbox.hubspot.Schema.ObjectType;

/**
 * The object types, the records of each as JSON at {@code /sandbox/objects/{objectType}}, and the lists' members
 * at {@code /sandbox/lists}.
 */
final class HubSpotView extends SandboxView {

    static final String BANNER = "Sluice local HubSpot sandbox — not a real HubSpot account";

    private final Schema schema;
    private final ObjectStore store;
    private final ListsApi lists;
    private final long portalId;

    HubSpotView(Schema schema, ObjectStore store, ListsApi lists, ObjectMapper mapper, long portalId) {
        super(BANNER, READ_ONLY, mapper);
        this.schema = schema;
        this.store = store;
        this.lists = lists;
        this.portalId = portalId;
    }

    @Override
    protected String overview() {
        return "<p>An in-memory stand-in for HubSpot's CRM API (portal " + portalId + "), used by Sluice's demo and "
                + "tests. Records written here live only as long as this process and never reach HubSpot.</p>"
                + list(schema.types().stream().map(type -> link("objects/" + type.objectTypeId(), type.name())
                        + " (" + type.objectTypeId() + "): " + count(store.objects(type).size(), "record")).toList())
                + "<p>" + link("lists", "Lists") + ": the record ids of each list's members.</p>";
    }

    @Override
    protected Reply answer(String method, List<String> page, Map<String, String> query, byte[] body)
            throws IOException {
        if (method.equals("GET") && page.equals(List.of("lists"))) {
            return json(200, lists.allMembers());
        }
        if (!method.equals("GET") || page.size() != 2 || !page.get(0).equals("objects")) {
            return null;
        }
        Optional<ObjectType> type = schema.find(page.get(1));
        return type.isPresent()
                ? json(200, store.objects(type.get()).stream().map(CrmObject::asJson).toList())
                : json(404, HubSpotErrors.unknownObjectType(page.get(1)));
    }
}
