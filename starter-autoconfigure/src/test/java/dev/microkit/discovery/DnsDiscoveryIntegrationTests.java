package dev.microkit.discovery;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

import dev.microkit.calls.BackendClient;
import dev.microkit.calls.CallsTestApplication;
import dev.microkit.testsupport.http.LoopbackBackend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * A {@code @FeignClient} whose instances come from DNS: two real HTTP servers on two
 * loopback addresses, both behind one name of a DNS server on loopback.
 */
class DnsDiscoveryIntegrationTests {

	private StubDnsServer dns;

	private LoopbackBackend first;

	private LoopbackBackend second;

	private ConfigurableApplicationContext context;

	@BeforeEach
	void start() throws Exception {
		this.dns = new StubDnsServer();
		this.first = new LoopbackBackend("a", InetAddress.getByName("127.0.0.1"), 0);
		try {
			this.second = new LoopbackBackend("b", InetAddress.getByName("127.0.0.2"), this.first.port());
		}
		catch (IllegalStateException ex) {
			Assumptions.abort("This system cannot bind 127.0.0.2: " + ex.getMessage());
		}
	}

	@AfterEach
	void stop() throws Exception {
		if (this.context != null) {
			this.context.close();
		}
		this.first.close();
		if (this.second != null) {
			this.second.close();
		}
		this.dns.close();
	}

	@Test
	void callsAreBalancedOverEveryAddressOfTheName() {
		this.dns.answer("backend.test", "127.0.0.1", "127.0.0.2");
		BackendClient client = start("microkit.calls.clients.backend.load-balancer=round-robin");
		for (int i = 0; i < 20; i++) {
			client.work();
		}
		assertThat(List.of(this.first.requests(), this.second.requests())).containsExactly(10, 10);
	}

	@Test
	void anInstanceThatLeavesDnsGetsNoMoreCalls() {
		this.dns.answer("backend.test", "127.0.0.1", "127.0.0.2");
		BackendClient client = start("microkit.calls.clients.backend.load-balancer=round-robin",
				"microkit.discovery.dns.refresh-interval=100ms", "spring.cloud.loadbalancer.cache.enabled=false");
		client.work();
		this.dns.answer("backend.test", "127.0.0.1");
		this.context.getBean(DnsDiscoveryClient.class).refresh();
		this.second.resetCounts();
		for (int i = 0; i < 10; i++) {
			assertThat(client.work()).isEqualTo("a");
		}
		assertThat(this.second.requests()).isZero();
	}

	@Test
	void aServiceWithoutPortFailsAtStartupNamingTheProperty() {
		assertThatException()
			.isThrownBy(() -> CallsTestApplication.run(List.of(), "microkit.discovery.dns.enabled=true",
					"microkit.discovery.dns.services.backend.host=backend.test"))
			.havingRootCause()
			.withMessageContaining("microkit.discovery.dns.services.backend.port is null");
	}

	@Test
	void nothingIsDiscoveredByDnsUnlessEnabled() {
		this.context = CallsTestApplication.run(List.of(), "microkit.discovery.dns.services.backend.port=80");
		assertThat(this.context.getBeansOfType(DnsDiscoveryClient.class)).isEmpty();
	}

	private BackendClient start(String... properties) {
		List<String> all = new ArrayList<>(List.of("microkit.discovery.dns.enabled=true",
				"microkit.discovery.dns.nameserver=" + this.dns.address(),
				"microkit.discovery.dns.services.backend.host=backend.test",
				"microkit.discovery.dns.services.backend.port=" + this.first.port()));
		all.addAll(List.of(properties));
		this.context = CallsTestApplication.run(List.of(), all.toArray(String[]::new));
		return this.context.getBean(BackendClient.class);
	}

}
