package io.sluice.sync;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * dbt's {@code manifest.json}: the table a dbt model was built into. Read again only when the file changed
 * (a manifest runs to megabytes and every sync file naming a model asks).
 */
final class DbtManifest {

    /** A relation dbt writes: one to three identifiers, each bare or double-quoted, or back-quoted for BigQuery. */
    private static final Pattern RELATION = Pattern.compile(
            "(?:[A-Za-z_][A-Za-z0-9_$]*|\"(?:[^\"]|\"\")+\"|`[^`]+`)(?:\\.(?:[A-Za-z_][A-Za-z0-9_$]*|\"(?:[^\"]|\"\")+\"|`[^`]+`)){0,2}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private FileTime readAt;
    private JsonNode nodes;

    DbtManifest(Path file) {
        this.file = file;
    }

    /**
     * The relation ({@code "analytics"."dbt"."customer_360"}) of model {@code name}, or of
     * {@code package.name}.
     *
     * @throws IllegalArgumentException why not, naming the model and the manifest
     */
    synchronized String relation(String name) {
        JsonNode models = nodes(name);
        List<JsonNode> found = new ArrayList<>();
        models.forEach(node -> {
            if (node.path("resource_type").asText().equals("model") && (node.path("name").asText().equals(name)
                    || (node.path("package_name").asText() + "." + node.path("name").asText()).equals(name))) {
                found.add(node);
            }
        });
        if (found.isEmpty()) {
            throw new IllegalArgumentException("dbt model '" + name + "' is not in the dbt manifest " + file
                    + " (sluice.dbt.manifest)");
        }
        if (found.size() > 1) {
            throw new IllegalArgumentException("dbt model '" + name + "' is in several packages of the dbt manifest "
                    + file + "; name it as package.model");
        }
        String relation = found.get(0).path("relation_name").asText("");
        if (!RELATION.matcher(relation).matches()) {
            throw new IllegalArgumentException("dbt model '" + name + "' has no table in the dbt manifest " + file
                    + " (relation_name '" + relation + "'): is it ephemeral?");
        }
        return relation;
    }

    private JsonNode nodes(String model) {
        try {
            FileTime modified = Files.getLastModifiedTime(file);
            if (!modified.equals(readAt)) {
                nodes = JSON.readTree(file.toFile()).path("nodes");
                readAt = modified;
            }
            return nodes;
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("dbt model '" + model + "' cannot be looked up: the dbt manifest "
                    + file.toAbsolutePath() + " does not exist (run dbt compile, or set sluice.dbt.manifest)", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("dbt model '" + model + "' cannot be looked up: the dbt manifest "
                    + file + " (sluice.dbt.manifest) cannot be read: " + e.getMessage(), e);
        }
    }
}
