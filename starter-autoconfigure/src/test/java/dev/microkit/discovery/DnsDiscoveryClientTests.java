package dev.microkit.discovery;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.cloud.client.ServiceInstance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link DnsDiscoveryClient} against a DNS server on loopback.
 */
class DnsDiscoveryClientTests {

	private StubDnsServer dns;

	private DnsDiscoveryClient client;

	@BeforeEach
	void start() throws Exception {
		this.dns = new StubDnsServer();
		DnsDiscoveryProperties properties = new DnsDiscoveryProperties();
		properties.setNameserver(this.dns.address());
		properties.setTimeout(Duration.ofMillis(300));
		properties.setServices(Map.of("inventory-service", service(null, 8081), "orders", service("orders.svc", 8443)));
		properties.getServices().get("orders").setSecure(true);
		this.client = new DnsDiscoveryClient(properties,
				new DnsResolver(properties.getNameserver(), properties.getTimeout()), Clock.systemUTC());
	}

	@AfterEach
	void stop() throws Exception {
		this.dns.close();
	}

	@Test
	void everyAddressOfTheServiceIdsNameIsAnInstance() {
		this.dns.answer("inventory-service", "10.0.0.7", "10.0.0.5");
		assertThat(this.client.getInstances("inventory-service")).extracting(ServiceInstance::getUri)
			.map(Object::toString)
			.containsExactly("http://10.0.0.5:8081", "http://10.0.0.7:8081");
	}

	@Test
	void aConfiguredHostAndHttpsAreUsed() {
		this.dns.answer("orders.svc", "10.0.1.1");
		assertThat(this.client.getInstances("orders")).extracting(ServiceInstance::getUri)
			.map(Object::toString)
			.containsExactly("https://10.0.1.1:8443");
	}

	@Test
	void aRefreshFollowsInstancesComingAndGoing() {
		this.dns.answer("inventory-service", "10.0.0.5", "10.0.0.6");
		assertThat(this.client.getInstances("inventory-service")).hasSize(2);
		this.dns.answer("inventory-service", "10.0.0.6", "10.0.0.8", "10.0.0.9");
		this.client.refresh();
		assertThat(hosts("inventory-service")).containsExactly("10.0.0.6", "10.0.0.8", "10.0.0.9");
	}

	@Test
	void whenDnsDoesNotAnswerTheLastKnownInstancesStay() {
		this.dns.answer("inventory-service", "10.0.0.5");
		this.client.refresh();
		this.dns.silence(true);
		this.client.refresh();
		assertThat(hosts("inventory-service")).containsExactly("10.0.0.5");
	}

	@Test
	void aNameThatNoLongerExistsHasNoInstances() {
		this.dns.answer("inventory-service", "10.0.0.5");
		this.client.refresh();
		this.dns.forget("inventory-service");
		this.client.refresh();
		assertThat(this.client.getInstances("inventory-service")).isEmpty();
	}

	@Test
	void servicesNotConfiguredAreLeftToOtherDiscoveryClients() {
		assertThat(this.client.getInstances("payments")).isEmpty();
		assertThat(this.client.getServices()).containsExactlyInAnyOrder("inventory-service", "orders");
		assertThat(this.client.getOrder()).isNegative();
	}

	@Test
	void startResolvesAtOnceAndThenOnTheSchedule() throws Exception {
		this.dns.answer("inventory-service", "10.0.0.5");
		DnsDiscoveryProperties properties = new DnsDiscoveryProperties();
		properties.setRefreshInterval(Duration.ofMillis(100));
		properties.setServices(Map.of("inventory-service", service(null, 8081)));
		DnsDiscoveryClient scheduled = new DnsDiscoveryClient(properties,
				new DnsResolver(this.dns.address(), Duration.ofMillis(300)), Clock.systemUTC());
		scheduled.start();
		try {
			assertThat(scheduled.getInstances("inventory-service")).hasSize(1);
			this.dns.answer("inventory-service", "10.0.0.5", "10.0.0.6");
			await().atMost(Duration.ofSeconds(5))
				.untilAsserted(() -> assertThat(scheduled.getInstances("inventory-service")).hasSize(2));
		}
		finally {
			scheduled.stop();
		}
		assertThat(scheduled.isRunning()).isFalse();
	}

	private List<String> hosts(String serviceId) {
		return this.client.getInstances(serviceId).stream().map(ServiceInstance::getHost).toList();
	}

	private static DnsDiscoveryProperties.Service service(String host, int port) {
		DnsDiscoveryProperties.Service service = new DnsDiscoveryProperties.Service();
		service.setHost(host);
		service.setPort(port);
		return service;
	}

}
