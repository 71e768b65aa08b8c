package dev.microkit.discovery;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link DnsDiscoveryHealthIndicator} on a {@link DnsDiscoveryClient} asking a DNS server
 * on loopback.
 */
class DnsDiscoveryHealthIndicatorTests {

	private static final Duration FIRST_ANSWER_TIMEOUT = Duration.ofMinutes(1);

	private StubDnsServer dns;

	private DnsDiscoveryClient client;

	@BeforeEach
	void start() throws Exception {
		this.dns = new StubDnsServer();
		DnsDiscoveryProperties properties = new DnsDiscoveryProperties();
		DnsDiscoveryProperties.Service service = new DnsDiscoveryProperties.Service();
		service.setPort(8081);
		properties.setServices(Map.of("inventory-service", service));
		this.client = new DnsDiscoveryClient(properties, new DnsResolver(this.dns.address(), Duration.ofMillis(300)),
				Clock.systemUTC());
	}

	@AfterEach
	void stop() throws Exception {
		this.dns.close();
	}

	@Test
	void aServiceDnsAnswersForIsUp() {
		this.dns.answer("inventory-service", "10.0.0.5", "10.0.0.6");
		this.client.refresh();
		Health health = healthSeenLater(Duration.ZERO);
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(service(health)).containsEntry("instances", 2)
			.containsKey("lastAnswer")
			.doesNotContainKey("failingSince");
	}

	@Test
	void aServiceDnsAnsweredForBeforeStaysUpWhileDnsFails() {
		this.dns.answer("inventory-service", "10.0.0.5");
		this.client.refresh();
		this.dns.silence(true);
		this.client.refresh();
		Health health = healthSeenLater(FIRST_ANSWER_TIMEOUT.multipliedBy(10));
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(service(health)).containsEntry("instances", 1)
			.containsKeys("lastAnswer", "failingSince")
			.hasEntrySatisfying("failure", (failure) -> assertThat(failure).asString().contains("inventory-service"));
	}

	@Test
	void aNameWithoutAddressesIsAnAnswer() {
		this.client.refresh();
		Health health = healthSeenLater(Duration.ZERO);
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(service(health)).containsEntry("instances", 0).containsKey("lastAnswer");
	}

	@Test
	void aServiceDnsNeverAnsweredForIsOutOfServiceAtFirst() {
		this.dns.silence(true);
		this.client.refresh();
		Health health = healthSeenLater(Duration.ZERO);
		assertThat(health.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
		assertThat(service(health)).containsEntry("instances", 0)
			.containsKeys("failingSince", "failure")
			.doesNotContainKey("lastAnswer");
	}

	@Test
	void aServiceDnsNeverAnsweredForIsDownAfterTheFirstAnswerTimeout() {
		this.dns.silence(true);
		this.client.refresh();
		assertThat(healthSeenLater(FIRST_ANSWER_TIMEOUT.plusSeconds(1)).getStatus()).isEqualTo(Status.DOWN);
	}

	@Test
	void aServiceNotAskedForYetIsOutOfService() {
		assertThat(healthSeenLater(FIRST_ANSWER_TIMEOUT.multipliedBy(10)).getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
	}

	private Health healthSeenLater(Duration later) {
		return new DnsDiscoveryHealthIndicator(this.client, FIRST_ANSWER_TIMEOUT,
				Clock.offset(Clock.systemUTC(), later))
			.health();
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> service(Health health) {
		return (Map<String, Object>) health.getDetails().get("inventory-service");
	}

}
