package dev.microkit.deployment;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.strimzi.api.kafka.model.user.KafkaUser;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code docker-compose.yml}, the Prometheus and Grafana configuration it mounts, and the
 * dashboards, checked against the sample services' configuration.
 */
@SuppressWarnings("unchecked")
class DockerComposeTests {

	private final Map<String, Object> compose = new Yaml().load(Project.read("docker-compose.yml"));

	private final ComposeKafka kafka = new ComposeKafka(this.compose);

	@Test
	void theWholeSystemIsThere() {
		assertThat(services().keySet()).containsExactlyInAnyOrder("kafka", "kafka-topics", "kafka-acls", "rabbitmq",
				"postgres", "authorization-server", "inventory-service", "order-service", "prometheus", "grafana",
				"zipkin");
		for (String name : List.of("kafka", "kafka-topics", "kafka-acls")) {
			assertThat(service(name).get("image")).as(name).isEqualTo(service("kafka").get("image"));
		}
		assertThat(service("kafka").get("image").toString()).startsWith("apache/kafka:");
		assertThat(this.kafka.serverProperties()).containsEntry("process.roles", "broker,controller");
		assertThat(map(service("inventory-service"), "deploy")).containsEntry("replicas", 2);
	}

	@Test
	void sampleServicesListenWhereTheirConfigurationSaysAndAreHealthChecked() {
		SampleConfiguration inventory = SampleConfiguration.inventory();
		assertPortAndHealthcheck("inventory-service", inventory, "8081-8082:" + inventory.serverPort(),
				"9081-9082:" + inventory.grpcPort());
		assertPortAndHealthcheck("order-service", SampleConfiguration.order(), "8080:8080");
	}

	@Test
	void theOrderServiceFindsInventoryOverGrpcWhereItListens() {
		Map<String, Object> order = environment("order-service");
		assertThat(order).containsEntry("INVENTORY_GRPC_PORT",
				String.valueOf(SampleConfiguration.inventory().grpcPort()));
		assertThat(order.get("ORDER_INVENTORY_PROTOCOL").toString()).contains("http");
		assertThat(SampleConfiguration.order()
			.withProfile("dns-discovery")
			.get("microkit.calls.clients.inventory-service.grpc.port")).contains("INVENTORY_GRPC_PORT");
	}

	@Test
	void theIssuerIsBuiltLikeTheServicesAndHealthChecked() {
		Map<String, Object> build = map(service("authorization-server"), "build");
		Map<String, Object> serviceBuild = map(service("order-service"), "build");
		assertThat(build).containsEntry("context", serviceBuild.get("context"));
		assertThat(map(build, "args")).containsOnlyKeys(map(serviceBuild, "args").keySet())
			.containsEntry("SERVICE", "sample-authorization-server");
		assertThat(Project.read("Dockerfile")).contains("ARG SERVICE");
		SampleConfiguration issuer = SampleConfiguration.authorizationServer();
		assertThat(issuer.get("management.endpoint.health.probes.enabled")).isEqualTo("true");
		assertPortAndHealthcheck("authorization-server", issuer, issuer.serverPort() + ":" + issuer.serverPort());
	}

	@Test
	void bothServicesTrustTheIssuerAndReachItByItsServiceName() {
		SampleConfiguration issuer = SampleConfiguration.authorizationServer();
		assertThat(issuer.get("spring.security.oauth2.authorizationserver.issuer"))
			.startsWith("${MICROKIT_ISSUER_URI:");
		String issuerUri = environment("authorization-server").get("MICROKIT_ISSUER_URI").toString();
		assertThat(issuerUri).isEqualTo("http://authorization-server:" + issuer.serverPort());
		for (String name : List.of("inventory-service", "order-service")) {
			SampleConfiguration configuration = name.startsWith("inventory") ? SampleConfiguration.inventory()
					: SampleConfiguration.order();
			assertThat(configuration.get("spring.security.oauth2.resourceserver.jwt.issuer-uri"))
				.startsWith("${MICROKIT_ISSUER_URI:");
			assertThat(configuration.get("spring.security.oauth2.resourceserver.jwt.jwk-set-uri"))
				.startsWith("${MICROKIT_ISSUER_LOCATION:");
			// one iss for all three, whatever address a token was asked for at
			assertThat(environment(name)).as(name).containsEntry("MICROKIT_ISSUER_URI", issuerUri);
			URI location = URI.create(environment(name).get("MICROKIT_ISSUER_LOCATION").toString());
			assertThat(services()).as(name).containsKey(location.getHost());
			assertThat(location.getHost()).isEqualTo("authorization-server");
			assertThat(location.getPort()).isEqualTo(issuer.serverPort());
		}
		assertThat(SampleConfiguration.order().get("spring.security.oauth2.client.provider.microkit-issuer.token-uri"))
			.startsWith("${MICROKIT_ISSUER_LOCATION:");
	}

	private void assertPortAndHealthcheck(String name, SampleConfiguration configuration, String... published) {
		int port = configuration.serverPort();
		assertThat(list(service(name), "ports")).containsExactly(published);
		String healthcheck = String.join(" ", list(map(service(name), "healthcheck"), "test"));
		assertThat(healthcheck).contains("/dev/tcp/127.0.0.1/" + port).contains("/actuator/health/readiness");
	}

	@Test
	void sampleServicesRunThePostgresProfileOnTheirOwnDatabase() {
		String databases = Project.read("docker/postgres/create-databases.sql");
		for (String name : List.of("inventory-service", "order-service")) {
			SampleConfiguration configuration = name.startsWith("inventory") ? SampleConfiguration.inventory()
					: SampleConfiguration.order();
			Map<String, Object> environment = environment(name);
			String profiles = environment.get("SPRING_PROFILES_ACTIVE").toString();
			assertThat(profiles).contains("postgres");
			for (String profile : profiles.split(",")) {
				assertThat(configuration.hasProfile(profile)).as(name + " has profile " + profile).isTrue();
			}
			assertThat(configuration.withProfile("postgres").get("spring.datasource.url")).contains("${POSTGRES_DB:");
			assertThat(databases).contains("CREATE DATABASE " + environment.get("POSTGRES_DB") + ";");
			assertThat(environment).containsEntry("POSTGRES_HOST", "postgres")
				.containsEntry("SPRING_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092");
		}
		assertThat(this.kafka.serverProperties().getProperty("advertised.listeners").split(","))
			.contains("SASL_PLAINTEXT://kafka:9092");
		assertThat(environment("order-service")).containsEntry("INVENTORY_PORT",
				String.valueOf(SampleConfiguration.inventory().serverPort()));
	}

	@Test
	void theRabbitmqProfileStartsRabbitMqAndSwitchesTheServicesToIt() {
		assertThat(list(service("rabbitmq"), "profiles")).containsExactly("rabbitmq");
		assertThat(service("rabbitmq").get("image").toString()).startsWith("rabbitmq:").contains("management");
		assertThat(service("rabbitmq")).containsKey("healthcheck");
		for (String name : List.of("inventory-service", "order-service")) {
			SampleConfiguration configuration = name.startsWith("inventory") ? SampleConfiguration.inventory()
					: SampleConfiguration.order();
			// COMPOSE_PROFILES=rabbitmq starts the broker and includes the Spring profile
			// of
			// the same name
			assertThat(environment(name)).containsEntry("SPRING_PROFILES_INCLUDE", "${COMPOSE_PROFILES:-}")
				.containsEntry("SPRING_RABBITMQ_HOST", "rabbitmq");
			assertThat(configuration.withProfile("rabbitmq").get("microkit.events.transport")).isEqualTo("rabbitmq");
			assertThat(map(service(name), "depends_on")).containsEntry("rabbitmq",
					Map.of("condition", "service_healthy", "required", false));
		}
	}

	@Test
	void rabbitMqImportsTheMountedDefinitionsIntoTheServicesVhost() {
		List<String> volumes = list(service("rabbitmq"), "volumes");
		String configuration = volumes.stream()
			.filter((volume) -> containerPath(volume).startsWith("/etc/rabbitmq/conf.d/"))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No configuration file mounted into /etc/rabbitmq/conf.d/"));
		assertThat(configuration).endsWith(".conf:ro");
		String definitions = Project.read(hostPath(configuration))
			.lines()
			.filter((line) -> line.startsWith("load_definitions"))
			.map((line) -> line.substring(line.indexOf('=') + 1).trim())
			.findFirst()
			.orElseThrow(() -> new AssertionError(hostPath(configuration) + " sets no load_definitions"));
		assertThat(volumes).extracting(DockerComposeTests::containerPath).contains(definitions);
		// the file the Kubernetes overlay's users and permissions are checked against
		assertThat(volumes).extracting(DockerComposeTests::hostPath).contains(RabbitMqDefinitions.COMPOSE);
		List<Object> vhosts = rabbitMqDefinitions().<List<Map<String, Object>>>get("vhosts")
			.stream()
			.map((vhost) -> vhost.get("name"))
			.toList();
		for (String name : List.of("inventory-service", "order-service")) {
			assertThat(vhosts).as(name).contains(environment(name).get("SPRING_RABBITMQ_VIRTUAL_HOST"));
		}
	}

	@Test
	void eachServiceLogsInToRabbitMqAsAUserOfItsOwn() throws Exception {
		RabbitMqDefinitions definitions = rabbitMqDefinitions();
		List<Object> users = new ArrayList<>();
		for (String name : List.of("inventory-service", "order-service")) {
			Map<String, Object> environment = environment(name);
			Object username = environment.get("SPRING_RABBITMQ_USERNAME");
			users.add(username);
			Map<String, Object> user = definitions.user(String.valueOf(username));
			assertThat((List<?>) user.get("tags")).as(name + " is no administrator").isEmpty();
			assertThat(user).containsEntry("hashing_algorithm", "rabbit_password_hashing_sha256");
			// RabbitMQ's hash: a 4-byte salt, then SHA-256 of the salt and the password
			byte[] hash = Base64.getDecoder().decode(user.get("password_hash").toString());
			MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
			sha256.update(hash, 0, 4);
			sha256.update(environment.get("SPRING_RABBITMQ_PASSWORD").toString().getBytes(StandardCharsets.UTF_8));
			assertThat(Arrays.copyOfRange(hash, 4, hash.length)).as(name + "'s password").isEqualTo(sha256.digest());
		}
		assertThat(users).doesNotHaveDuplicates().doesNotContain("guest", "admin");
	}

	@Test
	void eachRabbitMqUserMayUseOnlyWhatItsServiceDeclaresPublishesAndConsumes() {
		RabbitMqDefinitions definitions = rabbitMqDefinitions();
		List<SampleConfiguration> samples = List.of(SampleConfiguration.inventory(), SampleConfiguration.order());
		for (SampleConfiguration sample : samples) {
			String name = sample.applicationName();
			String group = sample.group();
			Map<String, Object> environment = environment(name);
			Map<String, Object> permission = definitions.permission(environment.get("SPRING_RABBITMQ_USERNAME"),
					environment.get("SPRING_RABBITMQ_VIRTUAL_HOST"));
			Pattern configure = Pattern.compile(permission.get("configure").toString());
			Pattern write = Pattern.compile(permission.get("write").toString());
			Pattern read = Pattern.compile(permission.get("read").toString());
			// microkit's names on RabbitMQ: exchange <topic>, dead letters through
			// exchange
			// <topic>.dlx into queue <group>.dlq, the group's queue <topic>.<group>
			for (String topic : sample.publishedTopics()) {
				assertMatches(name, "configure", configure, topic);
				assertMatches(name, "write", write, topic);
				assertThat(read.matcher(topic).matches()).as(name + " may bind queues to " + topic).isFalse();
			}
			for (String topic : sample.handledTopics()) {
				assertMatches(name, "configure", configure, topic, topic + ".dlx", topic + "." + group, group + ".dlq");
				assertMatches(name, "write", write, topic + ".dlx", topic + "." + group, group + ".dlq");
				assertMatches(name, "read", read, topic, topic + ".dlx", topic + "." + group);
				assertThat(write.matcher(topic).matches()).as(name + " may publish to " + topic).isFalse();
			}
			String replies = group + ".replies.0b5e5a8e-8a5a-4c57-9d8e-4b8d1f2a6c1d";
			if (sample.sendsRequests()) {
				assertMatches(name, "configure", configure, replies);
				assertMatches(name, "read", read, replies);
			}
			boolean answers = samples.stream()
				.filter(SampleConfiguration::sendsRequests)
				.anyMatch(
						(requester) -> sample.handledTopics().stream().anyMatch(requester.publishedTopics()::contains));
			if (answers) {
				// replies go to the requester's queue through the default exchange
				assertMatches(name, "write", write, "amq.default");
			}
			for (SampleConfiguration other : samples) {
				if (other != sample) {
					String otherQueues = other.handledTopics().get(0) + "." + other.group();
					String otherReplies = other.group() + ".replies.0b5e5a8e-8a5a-4c57-9d8e-4b8d1f2a6c1d";
					for (Pattern pattern : List.of(configure, write, read)) {
						assertThat(pattern.matcher(otherQueues).matches()).as(name + ": " + pattern + " " + otherQueues)
							.isFalse();
						assertThat(pattern.matcher(otherReplies).matches())
							.as(name + ": " + pattern + " " + otherReplies)
							.isFalse();
						assertThat(pattern.matcher(other.group() + ".dlq").matches()).as(name + ": " + pattern)
							.isFalse();
					}
				}
			}
			for (Pattern pattern : List.of(configure, write, read)) {
				assertThat(pattern.matcher("any-other-queue").matches()).as(name + ": " + pattern).isFalse();
			}
		}
	}

	private static void assertMatches(String name, String permission, Pattern pattern, String... resources) {
		for (String resource : resources) {
			assertThat(pattern.matcher(resource).matches()).as(name + " may " + permission + " " + resource).isTrue();
		}
	}

	private RabbitMqDefinitions rabbitMqDefinitions() {
		String definitions = list(service("rabbitmq"), "volumes").stream()
			.filter((volume) -> containerPath(volume).endsWith(".json"))
			.map(DockerComposeTests::hostPath)
			.findFirst()
			.orElseThrow(() -> new AssertionError("No definitions file mounted into rabbitmq"));
		return RabbitMqDefinitions.read(definitions);
	}

	private static String hostPath(String volume) {
		return volume.substring(volume.startsWith("./") ? 2 : 0, volume.indexOf(':'));
	}

	private static String containerPath(String volume) {
		String[] parts = volume.split(":");
		return parts[1];
	}

	@Test
	void startupWaitsForWhatEachServiceNeeds() {
		assertThat(map(service("kafka-topics"), "depends_on")).containsEntry("kafka",
				Map.of("condition", "service_healthy"));
		assertThat(map(service("kafka-acls"), "depends_on")).containsEntry("kafka",
				Map.of("condition", "service_healthy"));
		Map<String, Object> inventory = map(service("inventory-service"), "depends_on");
		assertThat(inventory).containsEntry("kafka-topics", Map.of("condition", "service_completed_successfully"))
			.containsEntry("kafka-acls", Map.of("condition", "service_completed_successfully"))
			.containsEntry("postgres", Map.of("condition", "service_healthy"));
		Map<String, Object> order = map(service("order-service"), "depends_on");
		assertThat(order).containsEntry("inventory-service", Map.of("condition", "service_healthy"))
			.containsEntry("authorization-server", Map.of("condition", "service_healthy"))
			.containsEntry("kafka-topics", Map.of("condition", "service_completed_successfully"))
			.containsEntry("kafka-acls", Map.of("condition", "service_completed_successfully"))
			.containsEntry("postgres", Map.of("condition", "service_healthy"));
		for (String name : List.of("kafka", "postgres", "authorization-server", "inventory-service", "order-service")) {
			assertThat(service(name)).as(name).containsKey("healthcheck");
		}
	}

	@Test
	void theTopicsCreatedAreTheRoutedTopicsAndTheirDeadLetterTopics() {
		String command = String.join(" ", list(service("kafka-topics"), "command"));
		List<String> expected = new ArrayList<>();
		for (String topic : SampleConfiguration.order().routedTopics()) {
			expected.addAll(List.of(topic, topic + "-dlt"));
		}
		String loop = command.substring(command.indexOf("for topic in ") + 13, command.indexOf("; do"));
		assertThat(loop.split(" ")).containsExactlyInAnyOrderElementsOf(expected);
		assertThat(command).contains("--partitions 3");
	}

	@Test
	void kafkaFormatsItsStorageWithTheScramUsersAndStartsOnTheMountedConfiguration() {
		Properties broker = this.kafka.serverProperties();
		String config = this.kafka.serverPropertiesPath();
		List<String> format = this.kafka.formatArguments();
		assertThat(format).containsSubsequence("--config", config).contains("--ignore-formatted");
		// a fixed cluster id, so that a restart finds the storage it formatted
		assertThat(format.get(format.indexOf("--cluster-id") + 1)).matches("[A-Za-z0-9_-]{22}");
		assertThat(this.kafka.startCommand()).containsExactly("/opt/kafka/bin/kafka-server-start.sh", config);
		// the storage is on the volume
		assertThat(list(service("kafka"), "volumes")).contains("kafka-data:" + broker.getProperty("log.dirs"));
		assertThat(broker).containsEntry("node.id", "1")
			.containsEntry("controller.quorum.voters", "1@localhost:9093")
			.containsEntry("num.partitions", "3")
			.containsEntry("offsets.topic.replication.factor", "1")
			.containsEntry("transaction.state.log.replication.factor", "1")
			.containsEntry("transaction.state.log.min.isr", "1");
	}

	@Test
	void kafkaAuthenticatesEveryClientWithScramAndAuthorizesItByAcls() {
		Properties broker = this.kafka.serverProperties();
		assertThat(broker)
			.containsEntry("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer")
			.containsEntry("allow.everyone.if.no.acl.found", "false")
			.containsEntry("sasl.enabled.mechanisms", "SCRAM-SHA-512");
		Map<String, String> protocols = new LinkedHashMap<>();
		for (String entry : broker.getProperty("listener.security.protocol.map").split(",")) {
			protocols.put(entry.split(":")[0], entry.split(":")[1]);
		}
		Map<String, String> listeners = new LinkedHashMap<>();
		for (String listener : broker.getProperty("listeners").split(",")) {
			listeners.put(listener.substring(0, listener.indexOf("://")), listener);
		}
		assertThat(protocols.keySet()).containsExactlyInAnyOrderElementsOf(listeners.keySet());
		String controller = broker.getProperty("controller.listener.names");
		listeners.forEach((name, listener) -> {
			if (name.equals(controller)) {
				// unauthenticated, as ANONYMOUS: reachable only inside the container
				assertThat(protocols.get(name)).isEqualTo("PLAINTEXT");
				assertThat(listener).isEqualTo(name + "://localhost:9093");
			}
			else {
				assertThat(protocols.get(name)).as(listener).isEqualTo("SASL_PLAINTEXT");
			}
		});
		// the services' listener: the one on their bootstrap servers' port
		String bootstrap = environment("order-service").get("SPRING_KAFKA_BOOTSTRAP_SERVERS").toString();
		String port = bootstrap.substring(bootstrap.indexOf(':') + 1);
		assertThat(listeners.values()).filteredOn((listener) -> listener.endsWith(":" + port))
			.singleElement()
			.satisfies((listener) -> assertThat(protocols.get(listener.substring(0, listener.indexOf("://"))))
				.isEqualTo("SASL_PLAINTEXT"));
		assertThat(broker.getProperty("advertised.listeners").split(",")).contains("SASL_PLAINTEXT://" + bootstrap);
		// the broker logs in to itself as admin, the super user; ANONYMOUS is only ever
		// the
		// controller listener above
		String interBroker = broker.getProperty("inter.broker.listener.name");
		assertThat(protocols.get(interBroker)).isEqualTo("SASL_PLAINTEXT");
		assertThat(broker).containsEntry("sasl.mechanism.inter.broker.protocol", "SCRAM-SHA-512");
		assertThat(broker.getProperty("super.users").split(";")).containsExactlyInAnyOrder("User:admin",
				"User:ANONYMOUS");
		assertJaas(
				broker.getProperty(
						"listener.name." + interBroker.toLowerCase(Locale.ROOT) + ".scram-sha-512.sasl.jaas.config"),
				"admin", "${env:SCRAM_ADMIN_PASSWORD}");
		assertThat(broker).containsEntry("config.providers.env.class",
				"org.apache.kafka.common.config.provider.EnvVarConfigProvider");
		assertThat(this.kafka.scramUsers()).containsEntry("admin",
				this.kafka.environment("kafka").get("SCRAM_ADMIN_PASSWORD"));
	}

	@Test
	void eachServiceLogsInToKafkaAsAScramUserOfItsOwn() {
		Map<String, String> users = this.kafka.scramUsers();
		List<String> usernames = new ArrayList<>();
		Manifests kubernetes = Manifests.base();
		for (String name : List.of("inventory-service", "order-service")) {
			Map<String, Object> environment = environment(name);
			assertThat(environment).containsEntry("SPRING_KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT")
				.containsEntry("SPRING_KAFKA_PROPERTIES_SASL_MECHANISM", "SCRAM-SHA-512");
			String jaas = environment.get("SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG").toString();
			Matcher username = Pattern.compile(" username=\"([^\"]+)\"").matcher(jaas);
			assertThat(username.find()).as(name + "'s JAAS configuration names a user").isTrue();
			assertThat(username.group(1)).isEqualTo(name);
			// a user start.sh adds, with the password the service logs in with
			assertThat(users).as("start.sh's SCRAM users").containsKey(name);
			assertJaas(jaas, name, users.get(name));
			usernames.add(username.group(1));
			// the same variables as the service's Deployment on Kubernetes
			List<String> kubernetesKafkaVariables = Manifests.containerEnv(kubernetes.named(Deployment.class, name))
				.stream()
				.map(EnvVar::getName)
				.filter(DockerComposeTests::isKafkaLogin)
				.toList();
			assertThat(environment.keySet()).filteredOn(DockerComposeTests::isKafkaLogin)
				.containsExactlyInAnyOrderElementsOf(kubernetesKafkaVariables);
		}
		assertThat(usernames).doesNotHaveDuplicates().doesNotContain("admin");
		assertThat(users.keySet()).containsExactlyInAnyOrder("admin", "inventory-service", "order-service");
	}

	@Test
	void theSetupContainersAndTheHealthCheckLogInAsAdmin() {
		String adminProperties = "/etc/kafka/microkit/admin.properties";
		Properties admin = ComposeKafka.properties(Project.read(this.kafka.mounted("kafka", adminProperties)));
		assertThat(admin).containsEntry("security.protocol", "SASL_PLAINTEXT")
			.containsEntry("sasl.mechanism", "SCRAM-SHA-512")
			.containsEntry("config.providers.env.class",
					"org.apache.kafka.common.config.provider.EnvVarConfigProvider");
		assertJaas(admin.getProperty("sasl.jaas.config"), "admin", "${env:SCRAM_ADMIN_PASSWORD}");
		String password = this.kafka.environment("kafka").get("SCRAM_ADMIN_PASSWORD");
		for (String name : List.of("kafka-topics", "kafka-acls")) {
			assertThat(this.kafka.mounted(name, adminProperties)).as(name)
				.isEqualTo(this.kafka.mounted("kafka", adminProperties));
			assertThat(this.kafka.environment(name)).as(name).containsEntry("SCRAM_ADMIN_PASSWORD", password);
		}
		String healthcheck = String.join(" ", list(map(service("kafka"), "healthcheck"), "test"));
		assertThat(healthcheck).contains("--command-config " + adminProperties);
		assertThat(String.join(" ", list(service("kafka-topics"), "command")))
			.contains("--command-config " + adminProperties);
		assertThat(this.kafka.aclCommand())
			.containsSubsequence("--bootstrap-server",
					environment("order-service").get("SPRING_KAFKA_BOOTSTRAP_SERVERS").toString())
			.containsSubsequence("--command-config", adminProperties)
			.endsWith("--add");
	}

	@Test
	void theAclsGiveEachServiceWhatItsKafkaUserGetsOnKubernetes() {
		Map<String, KafkaAcls> compose = KafkaAcls.ofKafkaAclsCommands(this.kafka.aclArguments());
		Manifests kubernetes = Manifests.base();
		List<SampleConfiguration> samples = List.of(SampleConfiguration.inventory(), SampleConfiguration.order());
		List<String> topics = this.kafka.topics();
		assertThat(compose.keySet()).containsExactlyInAnyOrder("inventory-service", "order-service");
		for (SampleConfiguration sample : samples) {
			KafkaAcls acls = compose.get(sample.applicationName());
			assertThat(acls.acls()).as(sample.applicationName())
				.containsExactlyInAnyOrderElementsOf(
						KafkaAcls.of(kubernetes.named(KafkaUser.class, sample.applicationName())).acls());
			acls.assertMayDoWhatItsServiceDoesAndNoMore(sample, samples, topics);
		}
	}

	private static boolean isKafkaLogin(String variable) {
		return variable.startsWith("SPRING_KAFKA_SECURITY_") || variable.startsWith("SPRING_KAFKA_PROPERTIES_SASL_");
	}

	private static void assertJaas(String jaas, String username, String password) {
		assertThat(jaas).isEqualTo("org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
				+ username + "\" password=\"" + password + "\";");
	}

	@Test
	void prometheusScrapesEveryInstanceOfBothServices() {
		Map<String, Object> prometheus = new Yaml().load(Project.read("monitoring/prometheus/prometheus.yml"));
		List<Map<String, Object>> jobs = (List<Map<String, Object>>) prometheus.get("scrape_configs");
		assertThat(jobs).extracting((job) -> job.get("metrics_path")).containsOnly("/actuator/prometheus");
		Map<String, Object> order = job(jobs, "order-service");
		assertThat(((List<Map<String, Object>>) order.get("static_configs")).get(0).get("targets"))
			.isEqualTo(List.of("order-service:" + SampleConfiguration.order().serverPort()));
		Map<String, Object> inventory = ((List<Map<String, Object>>) job(jobs, "inventory-service")
			.get("dns_sd_configs")).get(0);
		assertThat(inventory).containsEntry("names", List.of("inventory-service"))
			.containsEntry("port", SampleConfiguration.inventory().serverPort());
		assertThat(list(service("prometheus"), "volumes"))
			.contains("./monitoring/prometheus/prometheus.yml:/etc/prometheus/prometheus.yml:ro");
	}

	@Test
	void grafanaIsProvisionedWithTheDashboardsAndTheirDataSource() throws Exception {
		for (String volume : list(service("grafana"), "volumes")) {
			assertThat(Files.isDirectory(Project.file(volume.substring(2, volume.indexOf(':'))))).as(volume).isTrue();
		}
		Map<String, Object> datasources = new Yaml()
			.load(Project.read("monitoring/grafana/provisioning/datasources/datasources.yml"));
		List<Object> uids = ((List<Map<String, Object>>) datasources.get("datasources")).stream()
			.map((source) -> source.get("uid"))
			.toList();
		ObjectMapper json = new ObjectMapper();
		for (String dashboard : List.of("calls.json", "events.json")) {
			JsonNode panels = json.readTree(Project.read("monitoring/grafana/dashboards/" + dashboard)).get("panels");
			assertThat(panels).isNotEmpty();
			for (JsonNode panel : panels) {
				assertThat(uids).contains(panel.at("/datasource/uid").asText());
				assertThat(panel.get("targets"))
					.allSatisfy((target) -> assertThat(target.get("expr").asText()).isNotBlank());
			}
		}
	}

	private Map<String, Object> job(List<Map<String, Object>> jobs, String name) {
		return jobs.stream().filter((job) -> name.equals(job.get("job_name"))).findFirst().orElseThrow();
	}

	private Map<String, Object> services() {
		return map(this.compose, "services");
	}

	private Map<String, Object> service(String name) {
		return map(services(), name);
	}

	private Map<String, Object> environment(String name) {
		return map(service(name), "environment");
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Map<String, Object> map, String key) {
		return (Map<String, Object>) map.get(key);
	}

	@SuppressWarnings("unchecked")
	private static List<String> list(Map<String, Object> map, String key) {
		return ((List<Object>) map.get(key)).stream().map(Object::toString).toList();
	}

}
