package dev.microkit.events.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;

import org.springframework.kafka.core.KafkaAdmin;

/**
 * An admin client with the application's Kafka settings whose every operation, and whose
 * closing, gives up after a bound: without one, a broker that does not answer keeps the
 * caller in the admin client's own retries (a minute by default) and {@code close()}
 * waits for them.
 */
final class BoundedAdminClient implements AutoCloseable {

	private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(1);

	private final AdminClient client;

	BoundedAdminClient(KafkaAdmin admin, Duration timeout) {
		Map<String, Object> configuration = new HashMap<>(admin.getConfigurationProperties());
		configuration.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
		configuration.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
		this.client = AdminClient.create(configuration);
	}

	AdminClient client() {
		return this.client;
	}

	@Override
	public void close() {
		this.client.close(CLOSE_TIMEOUT);
	}

}
