package dev.microkit.calls.feign;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.LoadBalancerUriTools;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceUrlTests {

	private static final List<ServiceInstance> INSTANCES = List.of(instance("10.0.0.1", 8081, false, Map.of()),
			instance("10.0.0.2", 8443, true, Map.of()), instance("10.0.0.3", -1, false, Map.of()),
			instance("10.0.0.4", -1, true, Map.of()), instance("[fe80::1]", 8080, false, Map.of()),
			new DefaultServiceInstance("e", "backend", "backend-e.internal", 9000, false) {
				@Override
				public String getScheme() {
					return "https";
				}
			});

	@ParameterizedTest
	@ValueSource(strings = { "http://backend/work", "http://backend", "http://backend/",
			"http://backend/search/caf%C3%A9?q=a%20b&r=%2F", "http://backend?q=1", "https://backend/x#frag",
			"http://backend/a/b/../c?x=%zz" })
	void instanceUrlIsWhatSpringReconstructs(String url) {
		ServiceUrl serviceUrl = ServiceUrl.parse(url);
		assertThat(serviceUrl).isNotNull();
		assertThat(serviceUrl.serviceId()).isEqualTo("backend");
		for (ServiceInstance instance : INSTANCES) {
			if (!url.contains("%zz")) {
				assertThat(serviceUrl.on(instance))
					.isEqualTo(LoadBalancerUriTools.reconstructURI(instance, URI.create(url)).toString());
			}
		}
	}

	@Test
	void aBareIpv6HostIsBracketed() {
		ServiceInstance instance = instance("fe80::1", 8080, false, Map.of());
		assertThat(ServiceUrl.parse("http://backend/work?q=1").on(instance))
			.isEqualTo("http://[fe80::1]:8080/work?q=1");
	}

	@ParameterizedTest
	@ValueSource(strings = { "http://backend:8080/work", "http://user@backend/work", "http://[::1]/work",
			"backend/work", "http:///work", "://backend" })
	void urlsWithMoreThanAServiceIdAreLeftToSpring(String url) {
		assertThat(ServiceUrl.parse(url)).isNull();
	}

	private static ServiceInstance instance(String host, int port, boolean secure, Map<String, String> metadata) {
		return new DefaultServiceInstance(host, "backend", host, port, secure, metadata);
	}

}
