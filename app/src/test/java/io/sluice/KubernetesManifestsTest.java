package io.sluice;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * deploy/kubernetes parses, and says what docs/deployment.md promises: two replicas probed on liveness and
 * readiness, with resources, credentials from the Secret, sync files and config/ mounted where the image runs —
 * and its ConfigMap of config/ is the files in config/, not a copy drifting away from them.
 */
class KubernetesManifestsTest {

    private static final Path DIR = Path.of("deploy/kubernetes");

    @Test
    void theDeploymentRunsTwoProbedReplicasWithTheirFilesAndCredentials() throws IOException {
        Map<String, Object> deployment = manifest("deployment.yaml");
        assertThat(deployment).containsEntry("kind", "Deployment");
        Map<String, Object> spec = map(deployment, "spec");
        assertThat(spec).containsEntry("replicas", 2);
        Map<String, Object> container = list(map(map(spec, "template"), "spec"), "containers").get(0);
        assertThat(map(map(container, "livenessProbe"), "httpGet")).containsEntry("path", "/actuator/health/liveness");
        assertThat(map(map(container, "readinessProbe"), "httpGet")).containsEntry("path", "/actuator/health/readiness");
        assertThat(map(container, "resources")).containsKeys("requests", "limits");
        assertThat(list(container, "envFrom")).extracting(from -> map(from, "secretRef").get("name"))
                .containsExactly("sluice-credentials");
        assertThat(list(container, "volumeMounts")).extracting(mount -> mount.get("mountPath"))
                .containsExactlyInAnyOrder("/workspace/routes", "/workspace/config", "/workspace/processors");

        assertThat(manifest("secret.yaml")).containsEntry("kind", "Secret");
        assertThat(map(manifest("secret.yaml"), "stringData")).containsKeys("SLUICE_OPERATOR_TOKEN", "SLUICE_STATE_URL",
                "SLUICE_STATE_USERNAME", "SLUICE_STATE_PASSWORD");
        assertThat(map(manifest("routes.yaml"), "data")).isNotEmpty()
                .allSatisfy((file, content) -> assertThat(new Yaml().<Map<String, Object>>load((String) content))
                        .containsKeys("model", "destination", "mapping", "schedule"));
    }

    @Test
    void theConfigMapOfConfigHoldsTheFilesOfConfig() throws IOException {
        Map<String, Object> data = map(manifest("config.yaml"), "data");
        for (Map.Entry<String, Object> file : data.entrySet()) {
            assertThat(((String) file.getValue()).strip()).as(file.getKey())
                    .isEqualTo(Files.readString(Path.of("config", file.getKey())).strip());
        }
        assertThat(data).containsKeys("application-production.yaml", "application-cluster.yaml");
    }

    private static Map<String, Object> manifest(String file) throws IOException {
        return new Yaml().load(Files.readString(DIR.resolve(file)));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> parent, String key) {
        return (Map<String, Object>) parent.get(key);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<String, Object> parent, String key) {
        return (List<Map<String, Object>>) parent.get(key);
    }
}
