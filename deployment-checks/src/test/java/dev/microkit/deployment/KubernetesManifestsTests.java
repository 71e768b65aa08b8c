package dev.microkit.deployment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every k8s manifest, read with the Kubernetes and Strimzi model classes: the base as
 * written and, where kubectl is installed, each overlay as kustomize renders it.
 */
class KubernetesManifestsTests {

	private static final Map<String, SampleConfiguration> SERVICES = Map.of("inventory-service",
			SampleConfiguration.inventory(), "order-service", SampleConfiguration.order());

	private static final List<Manifests> MANIFESTS = read();

	private static List<Manifests> read() {
		List<Manifests> sets = new ArrayList<>(List.of(Manifests.base()));
		Manifests.overlay("dev").ifPresent(sets::add);
		Manifests.overlay("prod").ifPresent(sets::add);
		return sets;
	}

	static Stream<Manifests> manifests() {
		return MANIFESTS.stream();
	}

	@Test
	void bothOverlaysRender() {
		Assumptions.assumeTrue(MANIFESTS.size() > 1, "kubectl is not installed");
		assertThat(MANIFESTS).extracting(Manifests::name).containsExactly("base", "dev", "prod");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("manifests")
	void everyWorkloadRunsRestrictedWithProbesAndResources(Manifests manifests) {
		List<PodTemplateSpec> pods = new ArrayList<>();
		manifests.all(Deployment.class).forEach((deployment) -> pods.add(deployment.getSpec().getTemplate()));
		manifests.all(StatefulSet.class).forEach((statefulSet) -> pods.add(statefulSet.getSpec().getTemplate()));
		assertThat(pods).hasSize(3);
		for (PodTemplateSpec pod : pods) {
			PodSpec spec = pod.getSpec();
			PodSecurityContext podSecurity = spec.getSecurityContext();
			assertThat(podSecurity.getRunAsNonRoot()).isTrue();
			assertThat(podSecurity.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
			assertThat(spec.getAutomountServiceAccountToken()).isFalse();
			assertThat(spec.getServiceAccountName()).isNotBlank();
			for (Container container : spec.getContainers()) {
				String where = manifests + " " + container.getName();
				SecurityContext security = container.getSecurityContext();
				assertThat(security.getAllowPrivilegeEscalation()).as(where).isFalse();
				assertThat(security.getReadOnlyRootFilesystem()).as(where).isTrue();
				assertThat(security.getCapabilities().getDrop()).as(where).containsExactly("ALL");
				assertThat(container.getReadinessProbe()).as(where).isNotNull();
				assertThat(container.getLivenessProbe()).as(where).isNotNull();
				assertThat(container.getResources().getRequests()).as(where).containsKeys("cpu", "memory");
				assertThat(container.getResources().getLimits()).as(where).containsKeys("cpu", "memory");
				assertThat(container.getVolumeMounts()).as(where)
					.anySatisfy((mount) -> assertThat(mount.getMountPath()).isEqualTo("/tmp"));
				assertThat(spec.getVolumes()).filteredOn((volume) -> volume.getEmptyDir() != null)
					.extracting(Volume::getName)
					.as(where)
					.contains("tmp");
			}
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("manifests")
	void serviceContainersListenAndAreProbedWhereTheServicesDo(Manifests manifests) {
		SERVICES.forEach((name, configuration) -> {
			Container container = manifests.named(Deployment.class, name)
				.getSpec()
				.getTemplate()
				.getSpec()
				.getContainers()
				.get(0);
			assertThat(container.getPorts()).filteredOn((port) -> port.getName().equals("http"))
				.singleElement()
				.satisfies((port) -> assertThat(port.getContainerPort()).isEqualTo(configuration.serverPort()));
			if (configuration.get("spring.grpc.server.port") != null) {
				assertThat(container.getPorts()).filteredOn((port) -> port.getName().equals("grpc"))
					.singleElement()
					.satisfies((port) -> assertThat(port.getContainerPort()).isEqualTo(configuration.grpcPort()));
			}
			assertThat(container.getPorts()).hasSize((configuration.get("spring.grpc.server.port") != null) ? 2 : 1);
			assertThat(configuration.get("management.endpoint.health.probes.enabled")).isEqualTo("true");
			assertThat(configuration.get("management.endpoints.web.exposure.include")).contains("prometheus");
			assertHttpProbe(container.getReadinessProbe(), "/actuator/health/readiness");
			assertHttpProbe(container.getLivenessProbe(), "/actuator/health/liveness");
			assertHttpProbe(container.getStartupProbe(), "/actuator/health/liveness");
		});
	}

	private static void assertHttpProbe(Probe probe, String path) {
		assertThat(probe.getHttpGet().getPath()).isEqualTo(path);
		assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo("http");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("manifests")
	void activeProfilesExistInTheServices(Manifests manifests) {
		SERVICES.forEach((name, configuration) -> {
			String profiles = env(manifests.named(Deployment.class, name), "SPRING_PROFILES_ACTIVE");
			assertThat(profiles).contains("postgres");
			for (String profile : profiles.split(",")) {
				assertThat(configuration.hasProfile(profile)).as(name + " has profile " + profile).isTrue();
			}
		});
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("manifests")
	void topicsAreTheRoutedTopicsAndTheirDeadLetterTopics(Manifests manifests) {
		List<String> expected = new ArrayList<>();
		for (String topic : SampleConfiguration.order().routedTopics()) {
			expected.addAll(List.of(topic, topic + "-dlt"));
		}
		assertThat(SampleConfiguration.inventory().routedTopics())
			.containsExactlyInAnyOrderElementsOf(SampleConfiguration.order().routedTopics());
		assertThat(manifests.all(KafkaTopic.class)).extracting((topic) -> topic.getMetadata().getName())
			.containsExactlyInAnyOrderElementsOf(expected);
		String cluster = manifests.all(Kafka.class).get(0).getMetadata().getName();
		assertThat(manifests.all(KafkaTopic.class)).allSatisfy((topic) -> {
			assertThat(topic.getMetadata().getLabels()).containsEntry("strimzi.io/cluster", cluster);
			assertThat(topic.getSpec().getPartitions()).isEqualTo(3);
		});
		int brokers = manifests.all(KafkaNodePool.class).get(0).getSpec().getReplicas();
		assertThat(manifests.all(KafkaTopic.class))
			.allSatisfy((topic) -> assertThat(topic.getSpec().getReplicas()).isEqualTo(brokers));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("manifests")
	void servicesFindKafkaThroughTheClustersBootstrapService(Manifests manifests) {
		Kafka kafka = manifests.all(Kafka.class).get(0);
		assertThat(manifests.all(KafkaNodePool.class)).singleElement().satisfies((pool) -> {
			assertThat(pool.getMetadata().getLabels()).containsEntry("strimzi.io/cluster",
					kafka.getMetadata().getName());
			assertThat(pool.getSpec().getRoles()).extracting(Object::toString)
				.containsExactlyInAnyOrder("CONTROLLER", "BROKER");
		});
		int port = kafka.getSpec().getKafka().getListeners().get(0).getPort();
		ConfigMap config = manifests.named(ConfigMap.class, "microkit-services");
		assertThat(config.getData()).containsEntry("SPRING_KAFKA_BOOTSTRAP_SERVERS",
				kafka.getMetadata().getName() + "-kafka-bootstrap:" + port);
		Service postgres = manifests.named(Service.class, "postgres");
		assertThat(config.getData()).containsEntry("POSTGRES_HOST", postgres.getMetadata().getName())
			.containsEntry("POSTGRES_PORT", String.valueOf(postgres.getSpec().getPorts().get(0).getPort()));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("manifests")
	void theOrderServiceFindsEveryInventoryPodThroughAHeadlessService(Manifests manifests) {
		SampleConfiguration order = SampleConfiguration.order().withProfile("dns-discovery");
		assertThat(order.get("microkit.discovery.dns.enabled")).isEqualTo("true");
		Service inventory = manifests.named(Service.class, "inventory-service");
		assertThat(inventory.getSpec().getClusterIP()).isEqualTo("None");
		assertThat(order.get("microkit.discovery.dns.services.inventory-service.port")).contains("INVENTORY_PORT");
		String inventoryPort = env(manifests.named(Deployment.class, "order-service"), "INVENTORY_PORT");
		assertThat(Integer.parseInt(inventoryPort)).isEqualTo(inventory.getSpec().getPorts().get(0).getPort())
			.isEqualTo(SampleConfiguration.inventory().serverPort());
		assertThat(order.get("microkit.calls.clients.inventory-service.grpc.port")).contains("INVENTORY_GRPC_PORT");
		String grpcPort = env(manifests.named(Deployment.class, "order-service"), "INVENTORY_GRPC_PORT");
		assertThat(inventory.getSpec().getPorts()).filteredOn((port) -> port.getName().equals("grpc"))
			.singleElement()
			.satisfies((port) -> assertThat(port.getPort()).isEqualTo(Integer.parseInt(grpcPort))
				.isEqualTo(SampleConfiguration.inventory().grpcPort()));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("manifests")
	void selectorsMatchTheirWorkloads(Manifests manifests) {
		for (Service service : manifests.all(Service.class)) {
			assertThat(podLabels(manifests, service.getMetadata().getName()))
				.containsAllEntriesOf(service.getSpec().getSelector());
		}
		for (PodDisruptionBudget budget : manifests.all(PodDisruptionBudget.class)) {
			assertThat(podLabels(manifests, budget.getMetadata().getName()))
				.containsAllEntriesOf(budget.getSpec().getSelector().getMatchLabels());
		}
		assertThat(manifests.all(HorizontalPodAutoscaler.class)).singleElement().satisfies((hpa) -> {
			assertThat(hpa.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
			Deployment target = manifests.named(Deployment.class, hpa.getSpec().getScaleTargetRef().getName());
			assertThat(hpa.getSpec().getMinReplicas()).isEqualTo(target.getSpec().getReplicas());
		});
		List<GenericKubernetesResource> monitors = manifests.ofKind("ServiceMonitor");
		assertThat(monitors).extracting((monitor) -> monitor.getMetadata().getName())
			.containsExactlyInAnyOrderElementsOf(SERVICES.keySet());
		for (GenericKubernetesResource monitor : monitors) {
			Service service = manifests.named(Service.class, monitor.getMetadata().getName());
			Map<String, Object> endpoint = monitor.<List<Map<String, Object>>>get("spec", "endpoints").get(0);
			assertThat(service.getMetadata().getLabels())
				.containsAllEntriesOf(monitor.<Map<String, String>>get("spec", "selector", "matchLabels"));
			assertThat(service.getSpec().getPorts())
				.anySatisfy((port) -> assertThat(port.getName()).isEqualTo(endpoint.get("port")));
			assertThat(endpoint.get("path")).isEqualTo("/actuator/prometheus");
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("manifests")
	void credentialsComeFromASecretAndOnlyTheDevOverlayCarriesDemoOnes(Manifests manifests) {
		for (Deployment deployment : manifests.all(Deployment.class)) {
			assertThat(deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv())
				.filteredOn((variable) -> variable.getName().startsWith("POSTGRES_USER")
						|| variable.getName().startsWith("POSTGRES_PASSWORD"))
				.hasSize(2)
				.allSatisfy((variable) -> assertThat(variable.getValueFrom().getSecretKeyRef().getName())
					.isEqualTo("postgres-credentials"));
		}
		List<Secret> secrets = manifests.all(Secret.class);
		if (manifests.name().equals("dev")) {
			assertThat(secrets).extracting((secret) -> secret.getMetadata().getName())
				.containsExactly("postgres-credentials");
		}
		else {
			assertThat(secrets).isEmpty();
		}
	}

	private static Map<String, String> podLabels(Manifests manifests, String name) {
		return Stream
			.concat(manifests.all(Deployment.class)
				.stream()
				.map((d) -> Map.entry(d.getMetadata().getName(), d.getSpec().getTemplate())),
					manifests.all(StatefulSet.class)
						.stream()
						.map((s) -> Map.entry(s.getMetadata().getName(), s.getSpec().getTemplate())))
			.filter((entry) -> entry.getKey().equals(name))
			.map((entry) -> entry.getValue().getMetadata().getLabels())
			.findFirst()
			.orElseThrow(() -> new AssertionError("No workload " + name + " in " + manifests));
	}

	/**
	 * The rabbitmq overlay: the dev system with a RabbitmqCluster of the RabbitMQ Cluster
	 * Operator instead of Strimzi's Kafka, the services on their rabbitmq profile and the
	 * operator's default user.
	 */
	@Test
	void theRabbitmqOverlaySwitchesEventsToARabbitmqCluster() {
		Manifests rabbitmq = Manifests.overlay("rabbitmq").orElse(null);
		Assumptions.assumeTrue(rabbitmq != null, "kubectl is not installed");
		assertThat(rabbitmq.all(Kafka.class)).isEmpty();
		assertThat(rabbitmq.all(KafkaNodePool.class)).isEmpty();
		assertThat(rabbitmq.all(KafkaTopic.class)).isEmpty();
		List<GenericKubernetesResource> clusters = rabbitmq.ofKind("RabbitmqCluster");
		assertThat(clusters).hasSize(1);
		GenericKubernetesResource cluster = clusters.get(0);
		assertThat(cluster.getApiVersion()).isEqualTo("rabbitmq.com/v1beta1");
		assertThat(((Number) ((Map<?, ?>) cluster.getAdditionalProperties().get("spec")).get("replicas")).intValue())
			.as("quorum queues need a majority of three")
			.isEqualTo(3);
		String host = cluster.getMetadata().getName();
		SERVICES.forEach((name, configuration) -> {
			Deployment deployment = rabbitmq.named(Deployment.class, name);
			String profiles = env(deployment, "SPRING_PROFILES_ACTIVE");
			assertThat(profiles.split(",")).contains("rabbitmq", "postgres");
			for (String profile : profiles.split(",")) {
				assertThat(configuration.hasProfile(profile)).as(name + " has profile " + profile).isTrue();
			}
			assertThat(configuration.withProfile("rabbitmq").get("microkit.events.transport")).isEqualTo("rabbitmq");
			assertThat(env(deployment, "SPRING_RABBITMQ_HOST")).isEqualTo(host);
			for (String variable : List.of("SPRING_RABBITMQ_USERNAME", "SPRING_RABBITMQ_PASSWORD")) {
				EnvVar credential = deployment.getSpec()
					.getTemplate()
					.getSpec()
					.getContainers()
					.get(0)
					.getEnv()
					.stream()
					.filter((candidate) -> candidate.getName().equals(variable))
					.findFirst()
					.orElseThrow();
				assertThat(credential.getValueFrom().getSecretKeyRef().getName()).isEqualTo(host + "-default-user");
			}
		});
	}

	private static String env(Deployment deployment, String name) {
		return deployment.getSpec()
			.getTemplate()
			.getSpec()
			.getContainers()
			.get(0)
			.getEnv()
			.stream()
			.filter((variable) -> variable.getName().equals(name))
			.map(EnvVar::getValue)
			.findFirst()
			.orElseThrow(() -> new AssertionError(deployment.getMetadata().getName() + " does not set " + name));
	}

}
