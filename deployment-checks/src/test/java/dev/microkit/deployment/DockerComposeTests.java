package dev.microkit.deployment;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

	@Test
	void theWholeSystemIsThere() {
		assertThat(services().keySet()).containsExactlyInAnyOrder("kafka", "kafka-topics", "rabbitmq", "postgres",
				"inventory-service", "order-service", "prometheus", "grafana", "zipkin");
		assertThat(service("kafka").get("image").toString()).startsWith("apache/kafka:");
		assertThat(environment("kafka")).containsEntry("KAFKA_PROCESS_ROLES", "broker,controller");
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
		assertThat(environment("kafka")).containsEntry("KAFKA_ADVERTISED_LISTENERS", "PLAINTEXT://kafka:9092");
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
	void startupWaitsForWhatEachServiceNeeds() {
		assertThat(map(service("kafka-topics"), "depends_on")).containsEntry("kafka",
				Map.of("condition", "service_healthy"));
		Map<String, Object> inventory = map(service("inventory-service"), "depends_on");
		assertThat(inventory).containsEntry("kafka-topics", Map.of("condition", "service_completed_successfully"))
			.containsEntry("postgres", Map.of("condition", "service_healthy"));
		Map<String, Object> order = map(service("order-service"), "depends_on");
		assertThat(order).containsEntry("inventory-service", Map.of("condition", "service_healthy"))
			.containsEntry("kafka-topics", Map.of("condition", "service_completed_successfully"))
			.containsEntry("postgres", Map.of("condition", "service_healthy"));
		for (String name : List.of("kafka", "postgres", "inventory-service", "order-service")) {
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
