package dev.microkit.deployment;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.kafka.KafkaAuthorizationSimple;
import io.strimzi.api.kafka.model.kafka.listener.GenericKafkaListener;
import io.strimzi.api.kafka.model.kafka.listener.KafkaListenerAuthenticationScramSha512;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;
import io.strimzi.api.kafka.model.user.KafkaUserAuthorizationSimple;
import io.strimzi.api.kafka.model.user.KafkaUserScramSha512ClientAuthentication;
import io.strimzi.api.kafka.model.user.acl.AclResourcePatternType;
import io.strimzi.api.kafka.model.user.acl.AclRule;
import io.strimzi.api.kafka.model.user.acl.AclRuleTopicResource;
import io.strimzi.api.kafka.model.user.acl.AclRuleTransactionalIdResource;
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

	private static final Optional<Manifests> RABBITMQ = Manifests.overlay("rabbitmq");

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
		assertThat(pods).hasSize(4);
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
		for (String name : SERVICES.keySet()) {
			assertThat(Manifests.containerEnv(manifests.named(Deployment.class, name)))
				.filteredOn((variable) -> variable.getName().startsWith("POSTGRES_USER")
						|| variable.getName().startsWith("POSTGRES_PASSWORD"))
				.hasSize(2)
				.allSatisfy((variable) -> assertThat(variable.getValueFrom().getSecretKeyRef().getName())
					.isEqualTo("postgres-credentials"));
		}
		for (Deployment deployment : manifests.all(Deployment.class)) {
			assertThat(Manifests.containerEnv(deployment))
				.filteredOn(
						(variable) -> variable.getName().endsWith("PASSWORD") || variable.getName().endsWith("SECRET"))
				.allSatisfy((variable) -> {
					assertThat(variable.getValue()).as(variable.getName()).isNull();
					assertThat(variable.getValueFrom().getSecretKeyRef()).as(variable.getName()).isNotNull();
				});
		}
		List<Secret> secrets = manifests.all(Secret.class);
		if (manifests.name().equals("dev")) {
			assertThat(secrets).extracting((secret) -> secret.getMetadata().getName())
				.containsExactlyInAnyOrder("postgres-credentials", "order-service-oauth2-client");
			// every Secret a pod reads is here, or is a KafkaUser's that Strimzi's User
			// Operator makes
			List<String> kafkaUsers = manifests.all(KafkaUser.class)
				.stream()
				.map((user) -> user.getMetadata().getName())
				.toList();
			for (Deployment deployment : manifests.all(Deployment.class)) {
				for (SecretKeySelector reference : secretReferences(deployment)) {
					if (!kafkaUsers.contains(reference.getName())) {
						assertThat(manifests.named(Secret.class, reference.getName()).getData())
							.as(deployment.getMetadata().getName() + " reads " + reference.getName())
							.containsKey(reference.getKey());
					}
				}
			}
		}
		else {
			assertThat(secrets).isEmpty();
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("manifests")
	void theOrderServiceTakesItsClientSecretFromASecret(Manifests manifests) {
		assertThat(SampleConfiguration.order()
			.get("spring.security.oauth2.client.registration.inventory-service.client-secret"))
			.startsWith("${ORDER_SERVICE_CLIENT_SECRET:");
		EnvVar secret = envVar(manifests.named(Deployment.class, "order-service"), "ORDER_SERVICE_CLIENT_SECRET");
		assertThat(secret.getValue()).isNull();
		assertThat(secret.getValueFrom().getSecretKeyRef().getName()).isEqualTo("order-service-oauth2-client");
		assertThat(secret.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("client-secret");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("manifests")
	void theIssuerRunsAsOneInstanceProbedWhereItListens(Manifests manifests) {
		SampleConfiguration issuer = SampleConfiguration.authorizationServer();
		Deployment deployment = manifests.named(Deployment.class, "authorization-server");
		// its signing key is made at start: one instance, never two during an update
		assertThat(deployment.getSpec().getReplicas()).isEqualTo(1);
		assertThat(deployment.getSpec().getStrategy().getType()).isEqualTo("Recreate");
		Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
		assertThat(container.getImage()).startsWith("microkit/sample-authorization-server:");
		assertThat(container.getPorts()).singleElement().satisfies((port) -> {
			assertThat(port.getName()).isEqualTo("http");
			assertThat(port.getContainerPort()).isEqualTo(issuer.serverPort());
		});
		assertThat(issuer.get("management.endpoint.health.probes.enabled")).isEqualTo("true");
		assertHttpProbe(container.getReadinessProbe(), "/actuator/health/readiness");
		assertHttpProbe(container.getLivenessProbe(), "/actuator/health/liveness");
		assertHttpProbe(container.getStartupProbe(), "/actuator/health/liveness");
		Service service = manifests.named(Service.class, "authorization-server");
		assertThat(service.getSpec().getPorts()).singleElement().satisfies((port) -> {
			assertThat(port.getPort()).isEqualTo(issuer.serverPort());
			assertThat(port.getTargetPort().getStrVal()).isEqualTo("http");
		});
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("manifests")
	void bothServicesTrustTheIssuerAndReachItThroughItsService(Manifests manifests) {
		assertThat(SampleConfiguration.authorizationServer().get("spring.security.oauth2.authorizationserver.issuer"))
			.startsWith("${MICROKIT_ISSUER_URI:");
		Service service = manifests.named(Service.class, "authorization-server");
		String address = "http://" + service.getMetadata().getName() + ":"
				+ service.getSpec().getPorts().get(0).getPort();
		String issuer = env(manifests.named(Deployment.class, "authorization-server"), "MICROKIT_ISSUER_URI");
		assertThat(issuer).isEqualTo(address);
		SERVICES.forEach((name, configuration) -> {
			Deployment deployment = manifests.named(Deployment.class, name);
			assertThat(configuration.get("spring.security.oauth2.resourceserver.jwt.issuer-uri"))
				.startsWith("${MICROKIT_ISSUER_URI:");
			assertThat(configuration.get("spring.security.oauth2.resourceserver.jwt.jwk-set-uri"))
				.startsWith("${MICROKIT_ISSUER_LOCATION:");
			// the iss of the issuer's tokens, whatever address a token was asked for at
			assertThat(env(deployment, "MICROKIT_ISSUER_URI")).as(name).isEqualTo(issuer);
			assertThat(env(deployment, "MICROKIT_ISSUER_LOCATION")).as(name).isEqualTo(address);
		});
		assertThat(SampleConfiguration.order().get("spring.security.oauth2.client.provider.microkit-issuer.token-uri"))
			.startsWith("${MICROKIT_ISSUER_LOCATION:");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("manifests")
	void theServicesKafkaListenerAuthenticatesWithScramAndKafkaAuthorizesByAcls(Manifests manifests) {
		Kafka kafka = manifests.all(Kafka.class).get(0);
		assertThat(servicesListener(manifests).getAuth()).isInstanceOf(KafkaListenerAuthenticationScramSha512.class);
		assertThat(kafka.getSpec().getKafka().getAuthorization()).isInstanceOf(KafkaAuthorizationSimple.class);
		assertThat(kafka.getSpec().getEntityOperator().getUserOperator())
			.as("the User Operator makes the KafkaUsers' credentials and ACLs")
			.isNotNull();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("manifests")
	void eachServiceLogsInToKafkaAsItsOwnScramUser(Manifests manifests) {
		GenericKafkaListener listener = servicesListener(manifests);
		String cluster = manifests.all(Kafka.class).get(0).getMetadata().getName();
		assertThat(manifests.all(KafkaUser.class)).extracting((user) -> user.getMetadata().getName())
			.containsExactlyInAnyOrderElementsOf(SERVICES.keySet());
		SERVICES.forEach((name, configuration) -> {
			Deployment deployment = manifests.named(Deployment.class, name);
			assertThat(env(deployment, "SPRING_KAFKA_SECURITY_PROTOCOL"))
				.isEqualTo(listener.isTls() ? "SASL_SSL" : "SASL_PLAINTEXT");
			assertThat(env(deployment, "SPRING_KAFKA_PROPERTIES_SASL_MECHANISM")).isEqualTo("SCRAM-SHA-512");
			String jaas = env(deployment, "SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG");
			assertThat(jaas).startsWith("org.apache.kafka.common.security.scram.ScramLoginModule required ")
				.contains(" password=\"$(KAFKA_PASSWORD)\"")
				.endsWith(";");
			Matcher username = Pattern.compile(" username=\"([^\"]+)\"").matcher(jaas);
			assertThat(username.find()).as(name + "'s JAAS configuration names a user").isTrue();
			assertThat(username.group(1)).isEqualTo(name);
			KafkaUser user = manifests.named(KafkaUser.class, username.group(1));
			assertThat(user.getMetadata().getLabels()).containsEntry("strimzi.io/cluster", cluster);
			assertThat(user.getSpec().getAuthentication()).isInstanceOf(KafkaUserScramSha512ClientAuthentication.class);
			// the User Operator's Secret, named after the user; defined before the JAAS
			// line, so that Kubernetes expands $(KAFKA_PASSWORD) in it
			SecretKeySelector password = envVar(deployment, "KAFKA_PASSWORD").getValueFrom().getSecretKeyRef();
			assertThat(password.getName()).isEqualTo(user.getMetadata().getName());
			assertThat(password.getKey()).isEqualTo("password");
			List<String> names = Manifests.containerEnv(deployment).stream().map(EnvVar::getName).toList();
			assertThat(names.indexOf("KAFKA_PASSWORD"))
				.isLessThan(names.indexOf("SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG"));
		});
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("manifests")
	void eachKafkaUserMayDoWhatItsServiceDoesAndNoMore(Manifests manifests) {
		List<SampleConfiguration> samples = List.copyOf(SERVICES.values());
		List<String> topics = manifests.all(KafkaTopic.class)
			.stream()
			.map((topic) -> topic.getMetadata().getName())
			.toList();
		for (SampleConfiguration sample : samples) {
			KafkaUser user = manifests.named(KafkaUser.class, sample.applicationName());
			KafkaAcls.of(user).assertMayDoWhatItsServiceDoesAndNoMore(sample, samples, topics);
			List<AclRule> acls = ((KafkaUserAuthorizationSimple) user.getSpec().getAuthorization()).getAcls();
			// no producer is transactional, so no user needs transactional ids
			assertThat(sample.get("spring.kafka.producer.transaction-id-prefix"))
				.as("a transactional producer needs TransactionalId ACLs")
				.isNull();
			assertThat(acls).noneMatch((rule) -> rule.getResource() instanceof AclRuleTransactionalIdResource);
			// every topic an ACL names is one of the cluster's
			assertThat(acls).extracting(AclRule::getResource)
				.filteredOn((resource) -> resource instanceof AclRuleTopicResource topic
						&& topic.getPatternType() != AclResourcePatternType.PREFIX)
				.extracting((resource) -> ((AclRuleTopicResource) resource).getName())
				.isSubsetOf(topics);
		}
	}

	/**
	 * The Kafka listener the services connect to: the one on the port of their bootstrap
	 * servers.
	 */
	private static GenericKafkaListener servicesListener(Manifests manifests) {
		String servers = manifests.named(ConfigMap.class, "microkit-services")
			.getData()
			.get("SPRING_KAFKA_BOOTSTRAP_SERVERS");
		int port = Integer.parseInt(servers.substring(servers.lastIndexOf(':') + 1));
		List<GenericKafkaListener> listeners = manifests.all(Kafka.class)
			.get(0)
			.getSpec()
			.getKafka()
			.getListeners()
			.stream()
			.filter((listener) -> listener.getPort() == port)
			.toList();
		assertThat(listeners).as("the listener on port " + port).hasSize(1);
		return listeners.get(0);
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
	 * Operator instead of Strimzi's Kafka, and the services on their rabbitmq profile.
	 */
	@Test
	void theRabbitmqOverlaySwitchesEventsToARabbitmqCluster() {
		Manifests rabbitmq = rabbitmqOverlay();
		assertThat(rabbitmq.all(Kafka.class)).isEmpty();
		assertThat(rabbitmq.all(KafkaNodePool.class)).isEmpty();
		assertThat(rabbitmq.all(KafkaTopic.class)).isEmpty();
		assertThat(rabbitmq.all(KafkaUser.class)).isEmpty();
		GenericKubernetesResource cluster = rabbitmqCluster(rabbitmq);
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
			// no Kafka login: without KafkaUsers no Secret of Strimzi's would come
			assertThat(Manifests.containerEnv(deployment)).extracting(EnvVar::getName)
				.doesNotContain("KAFKA_PASSWORD", "SPRING_KAFKA_SECURITY_PROTOCOL",
						"SPRING_KAFKA_PROPERTIES_SASL_MECHANISM", "SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG");
		});
		// every Secret a pod reads is here
		for (Deployment deployment : rabbitmq.all(Deployment.class)) {
			for (SecretKeySelector reference : secretReferences(deployment)) {
				assertThat(rabbitmq.named(Secret.class, reference.getName()).getData())
					.as(deployment.getMetadata().getName() + " reads " + reference.getName())
					.containsKey(reference.getKey());
			}
		}
		assertThat(Manifests.containerEnv(rabbitmq.named(Deployment.class, "authorization-server")))
			.extracting(EnvVar::getName)
			.as("the issuer has no events")
			.noneMatch((name) -> name.startsWith("SPRING_RABBITMQ_"));
		// the pods reach the cluster by its Service's short name, and the Topology
		// Operator
		// looks for it in the namespace of its resources
		String namespace = rabbitmq.named(Deployment.class, "order-service").getMetadata().getNamespace();
		assertThat(namespace).isNotBlank();
		assertThat(rabbitmq.resources()).allSatisfy((resource) -> assertThat(resource.getMetadata().getNamespace())
			.as(resource.getKind() + " " + resource.getMetadata().getName())
			.isEqualTo(namespace));
	}

	@Test
	void eachServiceLogsInToRabbitmqOnTheMicrokitVhostAsAUserOfItsOwnFromItsOwnSecret() {
		Manifests rabbitmq = rabbitmqOverlay();
		String cluster = rabbitmqCluster(rabbitmq).getMetadata().getName();
		assertThat(rabbitmq.ofKind("Vhost")).singleElement().satisfies((vhost) -> {
			assertTopologyResource(vhost, cluster);
			assertThat(vhost.<String>get("spec", "name")).isEqualTo("microkit");
		});
		List<String> clients = rabbitmq.all(Deployment.class)
			.stream()
			.filter((deployment) -> Manifests.containerEnv(deployment)
				.stream()
				.anyMatch((variable) -> variable.getName().startsWith("SPRING_RABBITMQ_")))
			.map((deployment) -> deployment.getMetadata().getName())
			.toList();
		assertThat(clients).containsExactlyInAnyOrderElementsOf(SERVICES.keySet());
		List<String> secrets = new ArrayList<>();
		List<String> usernames = new ArrayList<>();
		for (String name : clients) {
			Deployment deployment = rabbitmq.named(Deployment.class, name);
			assertThat(env(deployment, "SPRING_RABBITMQ_VIRTUAL_HOST")).as(name).isEqualTo("microkit");
			EnvVar username = envVar(deployment, "SPRING_RABBITMQ_USERNAME");
			EnvVar password = envVar(deployment, "SPRING_RABBITMQ_PASSWORD");
			assertThat(username.getValue()).as(name + "'s username comes from a Secret").isNull();
			assertThat(password.getValue()).as(name + "'s password comes from a Secret").isNull();
			SecretKeySelector usernameKey = username.getValueFrom().getSecretKeyRef();
			SecretKeySelector passwordKey = password.getValueFrom().getSecretKeyRef();
			assertThat(usernameKey.getKey()).isEqualTo("username");
			assertThat(passwordKey.getKey()).isEqualTo("password");
			assertThat(passwordKey.getName()).as(name + " takes both from one Secret").isEqualTo(usernameKey.getName());
			String secret = usernameKey.getName();
			secrets.add(secret);
			// the User made with the very credentials the service logs in with
			assertThat(rabbitmq.ofKind("User"))
				.filteredOn((user) -> secret.equals(user.get("spec", "importCredentialsSecret", "name")))
				.as("the User whose credentials are " + name + "'s Secret " + secret)
				.singleElement()
				.satisfies((user) -> {
					assertTopologyResource(user, cluster);
					assertThat(user.<List<String>>get("spec", "tags")).as(name + " is no administrator")
						.isNullOrEmpty();
				});
			// named after the service, as in compose
			String login = secretValue(rabbitmq, secret, "username");
			assertThat(login).isEqualTo(name);
			usernames.add(login);
			assertThat(secretValue(rabbitmq, secret, "password")).as(name + "'s password").isNotBlank();
		}
		assertThat(secrets).as("one Secret per service").doesNotHaveDuplicates();
		assertThat(usernames).as("one user per service").doesNotHaveDuplicates().doesNotContain("guest", "admin");
	}

	@Test
	void eachRabbitmqUserHasThePermissionsComposeImportsForIt() {
		Manifests rabbitmq = rabbitmqOverlay();
		String cluster = rabbitmqCluster(rabbitmq).getMetadata().getName();
		RabbitMqDefinitions definitions = RabbitMqDefinitions.read(RabbitMqDefinitions.COMPOSE);
		assertThat(rabbitmq.ofKind("Vhost")).extracting((vhost) -> vhost.<String>get("spec", "name"))
			.containsExactlyInAnyOrderElementsOf(definitions.<List<Map<String, Object>>>get("vhosts")
				.stream()
				.map((vhost) -> String.valueOf(vhost.get("name")))
				.toList());
		// compose's users and their tags, each named by the Secret it imports
		Map<String, GenericKubernetesResource> users = new LinkedHashMap<>();
		for (GenericKubernetesResource user : rabbitmq.ofKind("User")) {
			assertTopologyResource(user, cluster);
			String secret = user.get("spec", "importCredentialsSecret", "name");
			assertThat(secret).as("User " + user.getMetadata().getName() + " imports its credentials").isNotNull();
			String username = secretValue(rabbitmq, secret, "username");
			assertThat(secretValue(rabbitmq, secret, "password")).as(username + "'s password").isNotBlank();
			assertThat(users.put(username, user)).as("two Users named " + username).isNull();
			List<Object> tags = user.get("spec", "tags");
			assertThat((tags != null) ? tags : List.of()).as(username + "'s tags")
				.containsExactlyInAnyOrderElementsOf((List<?>) definitions.user(username).get("tags"));
		}
		assertThat(users.keySet()).containsExactlyInAnyOrderElementsOf(
				definitions.users().stream().map((user) -> String.valueOf(user.get("name"))).toList());
		// one Permission per user, on its User, with the very regexes of compose
		List<GenericKubernetesResource> permissions = rabbitmq.ofKind("Permission");
		assertThat(permissions).hasSameSizeAs(users.values());
		users.forEach((username, user) -> {
			String reference = user.getMetadata().getName();
			assertThat(permissions)
				.filteredOn((permission) -> reference.equals(permission.get("spec", "userReference", "name")))
				.as(username + "'s Permission")
				.singleElement()
				.satisfies((permission) -> {
					assertTopologyResource(permission, cluster);
					assertThat(permission.<String>get("spec", "user")).as("the user by reference to its User").isNull();
					assertThat(permission.<String>get("spec", "vhost")).isEqualTo("microkit");
					Map<String, Object> expected = definitions.permission(username, "microkit");
					assertThat(permission.<Map<String, Object>>get("spec", "permissions"))
						.as(username + "'s permissions")
						.containsExactlyInAnyOrderEntriesOf(Map.of("configure", expected.get("configure"), "write",
								expected.get("write"), "read", expected.get("read")));
				});
		});
	}

	@Test
	void noDeploymentLogsInAsTheRabbitmqClustersDefaultUser() {
		Manifests rabbitmq = rabbitmqOverlay();
		// the Cluster Operator's Secret, an administrator the Topology Operator uses
		String defaultUser = rabbitmqCluster(rabbitmq).getMetadata().getName() + "-default-user";
		for (Deployment deployment : rabbitmq.all(Deployment.class)) {
			String name = deployment.getMetadata().getName();
			PodSpec pod = deployment.getSpec().getTemplate().getSpec();
			List<String> secrets = new ArrayList<>();
			Stream.concat(pod.getContainers().stream(), pod.getInitContainers().stream()).forEach((container) -> {
				container.getEnv()
					.stream()
					.filter((variable) -> variable.getValueFrom() != null
							&& variable.getValueFrom().getSecretKeyRef() != null)
					.forEach((variable) -> secrets.add(variable.getValueFrom().getSecretKeyRef().getName()));
				container.getEnvFrom()
					.stream()
					.filter((source) -> source.getSecretRef() != null)
					.forEach((source) -> secrets.add(source.getSecretRef().getName()));
			});
			pod.getVolumes()
				.stream()
				.filter((volume) -> volume.getSecret() != null)
				.forEach((volume) -> secrets.add(volume.getSecret().getSecretName()));
			assertThat(secrets).as(name + "'s Secrets").doesNotContain(defaultUser);
		}
	}

	private static Manifests rabbitmqOverlay() {
		Assumptions.assumeTrue(RABBITMQ.isPresent(), "kubectl is not installed");
		return RABBITMQ.get();
	}

	private static GenericKubernetesResource rabbitmqCluster(Manifests manifests) {
		List<GenericKubernetesResource> clusters = manifests.ofKind("RabbitmqCluster");
		assertThat(clusters).hasSize(1);
		return clusters.get(0);
	}

	/**
	 * A resource of the Messaging Topology Operator, for the overlay's cluster.
	 */
	private static void assertTopologyResource(GenericKubernetesResource resource, String cluster) {
		String what = resource.getKind() + " " + resource.getMetadata().getName();
		assertThat(resource.getApiVersion()).as(what).isEqualTo("rabbitmq.com/v1beta1");
		assertThat(resource.<String>get("spec", "rabbitmqClusterReference", "name")).as(what).isEqualTo(cluster);
	}

	private static String secretValue(Manifests manifests, String secret, String key) {
		Secret resource = manifests.named(Secret.class, secret);
		if (resource.getStringData() != null && resource.getStringData().containsKey(key)) {
			return resource.getStringData().get(key);
		}
		assertThat(resource.getData()).as("Secret " + secret).containsKey(key);
		return new String(Base64.getDecoder().decode(resource.getData().get(key)), StandardCharsets.UTF_8);
	}

	private static EnvVar envVar(Deployment deployment, String name) {
		return Manifests.containerEnv(deployment)
			.stream()
			.filter((variable) -> variable.getName().equals(name))
			.findFirst()
			.orElseThrow(() -> new AssertionError(deployment.getMetadata().getName() + " does not set " + name));
	}

	private static List<SecretKeySelector> secretReferences(Deployment deployment) {
		return Manifests.containerEnv(deployment)
			.stream()
			.filter((variable) -> variable.getValueFrom() != null && variable.getValueFrom().getSecretKeyRef() != null)
			.map((variable) -> variable.getValueFrom().getSecretKeyRef())
			.toList();
	}

	private static String env(Deployment deployment, String name) {
		return envVar(deployment, name).getValue();
	}

}
