package io.widerow.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.widerow.core.pipeline.Pipeline;
import io.widerow.core.pipeline.PipelineLoader;
import io.widerow.core.pipeline.QuerySpec;
import io.widerow.core.pipeline.Source;
import io.widerow.stack.PipelineFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Renders deploy/kubernetes (base and the demo overlay) with {@link Kustomize} and checks what a
 * schema validator and an admission controller would, plus the rules of README "Kubernetes".
 */
class KubernetesManifestsTest {

  private static final Path KUBERNETES = Path.of("kubernetes");
  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)");
  private static final Map<String, String> API_VERSIONS =
      Map.of(
          "Deployment", "apps/v1",
          "Service", "v1",
          "ConfigMap", "v1",
          "Secret", "v1",
          "PodDisruptionBudget", "policy/v1");

  /** Peak RSS measured per service (README), in MiB: a request must cover it. */
  private static final Map<String, Integer> MEASURED_RSS_MIB =
      Map.of("ingest", 437, "merger", 265, "indexer", 415);

  private static final Set<String> SERVICE_COMMANDS =
      Set.of("ingest", "merger", "indexer", "query");

  @ParameterizedTest
  @ValueSource(strings = {"base", "overlays/demo"})
  void rendersToValidObjects(String kustomization) throws IOException {
    List<ObjectNode> objects = Kustomize.render(KUBERNETES.resolve(kustomization));

    assertThat(objects)
        .extracting(o -> o.path("kind").asText())
        .contains("Deployment", "Service", "ConfigMap", "Secret", "PodDisruptionBudget");
    Set<String> ids = new HashSet<>();
    for (ObjectNode o : objects) {
      String kind = o.path("kind").asText();
      String name = o.path("metadata").path("name").asText();
      assertThat(API_VERSIONS).as("known kind").containsKey(kind);
      assertThat(o.path("apiVersion").asText())
          .as(kind + " " + name)
          .isEqualTo(API_VERSIONS.get(kind));
      assertThat(name).as(kind + " name").matches(DNS_LABEL);
      assertThat(ids.add(kind + "/" + name)).as("unique " + kind + "/" + name).isTrue();
      o.path("metadata")
          .path("labels")
          .forEach(v -> assertThat(v.isTextual()).as(name + " label values are strings").isTrue());
    }
    for (ObjectNode d : kind(objects, "Deployment")) {
      checkDeployment(d, objects);
    }
    for (ObjectNode s : kind(objects, "Service")) {
      checkService(s, objects);
    }
    for (ObjectNode pdb : kind(objects, "PodDisruptionBudget")) {
      JsonNode spec = pdb.path("spec");
      assertThat(spec.has("maxUnavailable") ^ spec.has("minAvailable"))
          .as("PDB has one bound")
          .isTrue();
      List<ObjectNode> matched = selected(objects, spec.path("selector").path("matchLabels"));
      assertThat(matched).as("PDB " + name(pdb) + " selects a Deployment's pods").isNotEmpty();
      if (spec.has("minAvailable")) {
        for (ObjectNode d : matched) {
          assertThat(d.path("spec").path("replicas").asInt())
              .as(name(pdb) + ": minAvailable must leave a pod that may be evicted")
              .isGreaterThan(spec.path("minAvailable").asInt());
        }
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"base", "overlays/demo"})
  void pipelineFileSecretsAndIngestDeploymentsAgree(String kustomization) throws IOException {
    List<ObjectNode> objects = Kustomize.render(KUBERNETES.resolve(kustomization));
    String yaml =
        Kustomize.data(one(objects, "ConfigMap", "widerow-pipeline")).get("pipeline.yaml");
    Map<String, String> endpoints = Kustomize.data(one(objects, "ConfigMap", "widerow-endpoints"));
    Map<String, String> secrets = Kustomize.data(one(objects, "Secret", "widerow-secrets"));

    // Every placeholder is set by the cluster's ConfigMap, never left to its 127.0.0.1 default.
    Set<String> placeholders = new TreeSet<>();
    String withoutComments = yaml.replaceAll("(?m)(^|\\s)#.*$", "");
    for (Matcher m = PLACEHOLDER.matcher(withoutComments); m.find(); ) {
      placeholders.add(m.group(1));
    }
    assertThat(endpoints.keySet()).containsAll(placeholders);
    Map<String, String> env = new HashMap<>(endpoints);
    env.putAll(secrets);
    Pipeline pipeline = PipelineLoader.parse(yaml, "widerow-pipeline", env);
    assertThat(secrets.keySet())
        .as("every passwordEnv is a key of the mounted Secret")
        .containsAll(pipeline.sources().stream().map(s -> s.password().reference()).toList());
    QuerySpec query = pipeline.query().orElseThrow();
    assertThat(query.host()).as("query listener reachable in the pod").isEqualTo("0.0.0.0");
    assertThat(query.servedByIndexer())
        .as("the query Deployment serves it, not the indexers")
        .isFalse();
    assertThat(query.auth().loopbackWithoutToken()).isFalse();
    Path tokens = query.auth().tokensFile().orElseThrow();
    assertThat(tokens.getParent()).hasToString("/etc/widerow/secrets");
    assertThat(secrets)
        .as("the tokens file is a key of the mounted Secret")
        .containsKey(tokens.getFileName().toString());
    ObjectNode queryDeployment = one(objects, "Deployment", "widerow-query");
    assertThat(
            Kustomize.containers(queryDeployment)
                .get(0)
                .path("ports")
                .findValuesAsText("containerPort"))
        .contains(String.valueOf(query.port()));

    // One ingest Deployment per source, one pod each, never two at once.
    List<ObjectNode> ingests =
        kind(objects, "Deployment").stream().filter(d -> component(d).equals("ingest")).toList();
    assertThat(ingests.stream().map(d -> podLabels(d).path("widerow.io/source").asText()).toList())
        .containsExactlyInAnyOrderElementsOf(
            pipeline.sources().stream().map(Source::name).toList());
    for (ObjectNode d : ingests) {
      assertThat(d.path("spec").path("replicas").asInt()).as(name(d)).isEqualTo(1);
      assertThat(d.path("spec").path("strategy").path("type").asText())
          .as(name(d))
          .isEqualTo("Recreate");
    }
    // Consumers of a group beyond the partitions would sit idle; a surge pod would add some.
    int workers = Integer.parseInt(endpoints.get("WIDEROW_KAFKA_WORKERS"));
    for (ObjectNode d : kind(objects, "Deployment")) {
      if (Set.of("merger", "indexer").contains(component(d))) {
        assertThat(d.path("spec").path("replicas").asInt() * workers)
            .as(name(d) + ": pods x workers <= partitions")
            .isLessThanOrEqualTo(pipeline.kafka().partitions());
        assertThat(d.path("spec").path("strategy").path("rollingUpdate").path("maxSurge").asInt(-1))
            .as(name(d) + ": maxSurge")
            .isZero();
      }
    }
  }

  @Test
  void theBaseSecretHoldsPlaceholdersAndTheDemoReplacesEveryOne() throws IOException {
    Map<String, String> base =
        Kustomize.data(
            one(Kustomize.render(KUBERNETES.resolve("base")), "Secret", "widerow-secrets"));
    Map<String, String> demo =
        Kustomize.data(
            one(
                Kustomize.render(KUBERNETES.resolve("overlays/demo")),
                "Secret",
                "widerow-secrets"));
    assertThat(base.values()).containsOnly("change-me");
    assertThat(demo.keySet()).isEqualTo(base.keySet());
    assertThat(demo.values()).doesNotContain("change-me");
  }

  @Test
  void theBasePipelineFileIsTheDemoPipelineFileWithAClusterQuerySection() throws IOException {
    // kustomize reads files only under the kustomization, so the base holds a copy.
    String base = Files.readString(KUBERNETES.resolve("base/pipeline.yaml"));
    String demo = PipelineFiles.demoText();
    assertThat(base.substring(0, base.indexOf("\nquery:\n")))
        .isEqualTo(demo.substring(0, demo.indexOf("\nquery:\n")));
  }

  @Test
  void theRendererRefusesWhatItDoesNotImplement(@org.junit.jupiter.api.io.TempDir Path dir)
      throws IOException {
    Files.writeString(
        dir.resolve("kustomization.yaml"),
        "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\npatches: []\n");
    assertThatThrownBy(() -> Kustomize.render(dir)).hasMessageContaining("not supported: patches");
  }

  private static void checkDeployment(ObjectNode d, List<ObjectNode> objects) throws IOException {
    String name = name(d);
    JsonNode spec = d.path("spec");
    JsonNode podLabels = podLabels(d);
    assertThat(spec.path("replicas").asInt()).as(name + " replicas").isPositive();
    spec.path("selector")
        .path("matchLabels")
        .fields()
        .forEachRemaining(
            e ->
                assertThat(podLabels.path(e.getKey()).asText())
                    .as(name + ": selector " + e.getKey() + " matches the pod's label")
                    .isEqualTo(e.getValue().asText()));
    assertThat(spec.path("selector").path("matchLabels").size())
        .as(name + " selector")
        .isPositive();
    JsonNode pod = spec.path("template").path("spec");
    assertThat(pod.path("securityContext").path("runAsNonRoot").asBoolean())
        .as(name + " runAsNonRoot")
        .isTrue();
    assertThat(pod.path("securityContext").path("runAsUser").asInt())
        .as(name + " the image's user")
        .isEqualTo(10001);
    Set<String> volumes = new HashSet<>();
    for (JsonNode v : pod.path("volumes")) {
      volumes.add(v.path("name").asText());
      if (v.has("configMap")) {
        one(objects, "ConfigMap", v.path("configMap").path("name").asText());
      }
      if (v.has("secret")) {
        one(objects, "Secret", v.path("secret").path("secretName").asText());
      }
    }
    assertThat(Kustomize.containers(d)).as(name + " containers").hasSize(1);
    for (JsonNode c : Kustomize.containers(d)) {
      assertThat(c.path("image").asText()).as(name + " image").isEqualTo(builtImage());
      List<String> args = new ArrayList<>();
      c.path("args").forEach(a -> args.add(a.asText()));
      assertThat(SERVICE_COMMANDS).as(name + " runs a service").contains(args.get(0));
      assertThat(args.get(0))
          .as(name + " component label names its command")
          .isEqualTo(component(d));
      String pipelineFile = args.get(args.indexOf("--pipeline") + 1);
      assertThat(args.get(args.indexOf("--admin-host") + 1))
          .as(name + " admin port reachable from the kubelet")
          .isEqualTo("0.0.0.0");
      int adminPort = Integer.parseInt(args.get(args.indexOf("--admin-port") + 1));
      if (!args.get(0).equals("query")) {
        assertThat(args.indexOf("--instance-id"))
            .as(name + " passes --instance-id (static group member, lease holder)")
            .isPositive();
        String instance = args.get(args.indexOf("--instance-id") + 1);
        assertThat(instance).as(name + " instance id").isEqualTo("$(POD_NAME)");
        List<String> podName = new ArrayList<>();
        c.path("env")
            .forEach(
                e -> {
                  if (e.path("name").asText().equals("POD_NAME")) {
                    podName.add(e.path("valueFrom").path("fieldRef").path("fieldPath").asText());
                  }
                });
        assertThat(podName)
            .as(name + " POD_NAME from the downward API")
            .containsExactly("metadata.name");
      }

      Map<String, Integer> ports = new HashMap<>();
      c.path("ports")
          .forEach(p -> ports.put(p.path("name").asText(), p.path("containerPort").asInt()));
      assertThat(ports.get("admin"))
          .as(name + ": port admin is the --admin-port")
          .isEqualTo(adminPort);
      JsonNode annotations = spec.path("template").path("metadata").path("annotations");
      assertThat(annotations.path("prometheus.io/scrape").asText()).isEqualTo("true");
      assertThat(annotations.path("prometheus.io/port").asText())
          .as(name + " scrape port")
          .isEqualTo(String.valueOf(adminPort));
      assertThat(annotations.path("prometheus.io/path").asText()).isEqualTo("/metrics/prometheus");

      for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
        JsonNode get = c.path(probe).path("httpGet");
        assertThat(get.isObject()).as(name + " " + probe).isTrue();
        JsonNode port = get.path("port");
        assertThat(
                port.isInt() ? ports.containsValue(port.asInt()) : ports.containsKey(port.asText()))
            .as(name + " " + probe + " port " + port + " is a container port")
            .isTrue();
        assertThat(get.path("path").asText()).as(name + " " + probe).isIn("/health", "/metrics");
      }
      assertThat(c.path("readinessProbe").path("httpGet").path("path").asText())
          .isEqualTo("/health");
      // /health fails while a stage waits out an outage; killing the pod then would not help.
      assertThat(c.path("livenessProbe").path("httpGet").path("path").asText())
          .as(name + " liveness")
          .isNotEqualTo("/health");

      Set<String> mounts = new HashSet<>();
      for (JsonNode m : c.path("volumeMounts")) {
        assertThat(volumes).as(name + " mount " + m).contains(m.path("name").asText());
        mounts.add(m.path("mountPath").asText());
      }
      assertThat(mounts)
          .as(name + " mounts the pipeline file and the secrets")
          .contains(pipelineFile, "/etc/widerow/secrets");
      for (JsonNode e : c.path("envFrom")) {
        one(objects, "ConfigMap", e.path("configMapRef").path("name").asText());
      }
      for (JsonNode e : c.path("env")) {
        JsonNode ref = e.path("valueFrom").path("secretKeyRef");
        if (!ref.isMissingNode()) {
          assertThat(Kustomize.data(one(objects, "Secret", ref.path("name").asText())))
              .as(name + " env " + e.path("name").asText())
              .containsKey(ref.path("key").asText());
        }
      }
      long request = mebibytes(c.path("resources").path("requests").path("memory").asText());
      long limit = mebibytes(c.path("resources").path("limits").path("memory").asText());
      assertThat(request)
          .as(name + " memory request <= limit")
          .isPositive()
          .isLessThanOrEqualTo(limit);
      Integer rss = MEASURED_RSS_MIB.get(component(d));
      if (rss != null) {
        assertThat(request)
            .as(name + " memory request covers the measured RSS")
            .isGreaterThanOrEqualTo(rss);
      }
      assertThat(c.path("resources").path("requests").path("cpu").asText())
          .as(name + " cpu request")
          .isNotEmpty();
      assertThat(c.path("securityContext").path("readOnlyRootFilesystem").asBoolean()).isTrue();
      assertThat(mounts).as(name + ": a read-only root needs a writable /tmp").contains("/tmp");
    }
  }

  private static void checkService(ObjectNode s, List<ObjectNode> objects) {
    JsonNode selector = s.path("spec").path("selector");
    List<ObjectNode> backends = selected(objects, selector);
    assertThat(backends).as("Service " + name(s) + " selects a Deployment's pods").isNotEmpty();
    for (JsonNode port : s.path("spec").path("ports")) {
      String target = port.path("targetPort").asText();
      for (ObjectNode d : backends) {
        Set<String> names = new HashSet<>();
        Kustomize.containers(d)
            .forEach(c -> c.path("ports").forEach(p -> names.add(p.path("name").asText())));
        assertThat(names)
            .as("Service " + name(s) + " targetPort " + target + " in " + name(d))
            .contains(target);
      }
    }
  }

  /** Deployments whose pods carry every label of {@code selector}. */
  private static List<ObjectNode> selected(List<ObjectNode> objects, JsonNode selector) {
    return kind(objects, "Deployment").stream()
        .filter(
            d -> {
              JsonNode labels = podLabels(d);
              List<Map.Entry<String, JsonNode>> wanted = new ArrayList<>();
              selector.fields().forEachRemaining(wanted::add);
              return !wanted.isEmpty()
                  && wanted.stream()
                      .allMatch(
                          e -> labels.path(e.getKey()).asText().equals(e.getValue().asText()));
            })
        .toList();
  }

  private static long mebibytes(String quantity) {
    Matcher m = Pattern.compile("(\\d+)(Mi|Gi)").matcher(quantity);
    assertThat(m.matches()).as("memory quantity in Mi or Gi: " + quantity).isTrue();
    return Long.parseLong(m.group(1)) * (m.group(2).equals("Gi") ? 1024 : 1);
  }

  private static String builtImage() throws IOException {
    try (InputStream in = KubernetesManifestsTest.class.getResourceAsStream("image.properties")) {
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("image");
    }
  }

  private static JsonNode podLabels(ObjectNode d) {
    return d.path("spec").path("template").path("metadata").path("labels");
  }

  private static String component(ObjectNode d) {
    return podLabels(d).path("app.kubernetes.io/component").asText();
  }

  private static String name(ObjectNode o) {
    return o.path("metadata").path("name").asText();
  }

  private static List<ObjectNode> kind(List<ObjectNode> objects, String kind) {
    return objects.stream()
        .filter(o -> o.path("kind").asText().equals(kind))
        .collect(Collectors.toList());
  }

  private static ObjectNode one(List<ObjectNode> objects, String kind, String name) {
    return Kustomize.find(objects, kind, name)
        .orElseThrow(() -> new AssertionError("no " + kind + " named " + name));
  }
}
