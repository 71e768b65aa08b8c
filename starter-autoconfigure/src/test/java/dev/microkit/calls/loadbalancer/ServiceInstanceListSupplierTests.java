package dev.microkit.calls.loadbalancer;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import dev.microkit.calls.CallAttempts;
import dev.microkit.calls.CallScopes;
import dev.microkit.calls.FailureKind;
import dev.microkit.calls.instances.InstanceKeys;
import dev.microkit.calls.instances.ServiceLoads;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.DefaultRequest;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.support.ServiceInstanceListSuppliers;

import static dev.microkit.calls.loadbalancer.BalancerTestSupport.instances;
import static dev.microkit.calls.loadbalancer.BalancerTestSupport.loads;
import static org.assertj.core.api.Assertions.assertThat;

class ServiceInstanceListSupplierTests {

	private final List<ServiceInstance> instances = instances(3);

	private final ServiceInstanceListSupplier discovery = ServiceInstanceListSuppliers.from("backend",
			this.instances.toArray(ServiceInstance[]::new));

	@RegisterExtension
	final CallScopes calls = new CallScopes();

	@Test
	void cachedInstancesAreServedWithoutAskingDiscoveryAgain() {
		AtomicInteger discoveries = new AtomicInteger();
		CachedInstancesServiceInstanceListSupplier supplier = new CachedInstancesServiceInstanceListSupplier(
				counting(discoveries, this.instances), Duration.ofMinutes(1));
		assertThat(supplier.get().blockFirst()).isEqualTo(this.instances);
		assertThat(supplier.get().blockFirst()).isEqualTo(this.instances);
		assertThat(discoveries).hasValue(1);
	}

	@Test
	void instancesAreDiscoveredAgainAfterTheTimeToLive() {
		AtomicInteger discoveries = new AtomicInteger();
		CachedInstancesServiceInstanceListSupplier supplier = new CachedInstancesServiceInstanceListSupplier(
				counting(discoveries, this.instances), Duration.ofNanos(1));
		supplier.get().blockFirst();
		assertThat(supplier.get().blockFirst()).isEqualTo(this.instances);
		assertThat(discoveries).hasValue(2);
	}

	@Test
	void anEmptyDiscoveryIsNotCached() {
		AtomicInteger discoveries = new AtomicInteger();
		CachedInstancesServiceInstanceListSupplier supplier = new CachedInstancesServiceInstanceListSupplier(
				counting(discoveries, List.of()), Duration.ofMinutes(1));
		supplier.get().blockFirst();
		assertThat(supplier.get().blockFirst()).isEmpty();
		assertThat(discoveries).hasValue(2);
	}

	private static ServiceInstanceListSupplier counting(AtomicInteger discoveries, List<ServiceInstance> instances) {
		return new ServiceInstanceListSupplier() {

			@Override
			public String getServiceId() {
				return "backend";
			}

			@Override
			public Flux<List<ServiceInstance>> get() {
				return Flux.defer(() -> {
					discoveries.incrementAndGet();
					return Flux.just(instances);
				});
			}

		};
	}

	@Test
	void ejectedInstancesAreLeftOut() {
		ServiceLoads loads = loads();
		String key = InstanceKeys.of(this.instances.get(1));
		for (int i = 0; i < 5; i++) {
			loads.started(key);
		}
		new OutlierEjectingServiceInstanceListSupplier(this.discovery, loads).get().blockFirst();
		for (int i = 0; i < 5; i++) {
			loads.completed(key, 1000, FailureKind.CONNECT);
		}
		List<ServiceInstance> offered = new OutlierEjectingServiceInstanceListSupplier(this.discovery, loads)
			.get(new DefaultRequest<>())
			.blockFirst();
		assertThat(offered).containsExactly(this.instances.get(0), this.instances.get(2));
	}

	@Test
	void withoutEjectionsTheListPassesUnchanged() {
		ServiceLoads loads = loads();
		OutlierEjectingServiceInstanceListSupplier supplier = new OutlierEjectingServiceInstanceListSupplier(
				this.discovery, loads);
		assertThat(supplier.withoutEjected(this.instances)).isSameAs(this.instances);
	}

	@Test
	void aRetryAvoidsTheInstancesAlreadyTried() {
		CallAttempts attempts = this.calls.begin("backend", Long.MAX_VALUE);
		attempts.tried(InstanceKeys.of(this.instances.get(0)));
		List<ServiceInstance> offered = new TriedInstanceAvoidingServiceInstanceListSupplier(this.discovery)
			.get(new DefaultRequest<>())
			.blockFirst();
		assertThat(offered).containsExactly(this.instances.get(1), this.instances.get(2));
	}

	@Test
	void whenEveryInstanceWasTriedAllAreOfferedAgain() {
		CallAttempts attempts = this.calls.begin("backend", Long.MAX_VALUE);
		this.instances.forEach((instance) -> attempts.tried(InstanceKeys.of(instance)));
		assertThat(new TriedInstanceAvoidingServiceInstanceListSupplier(this.discovery).get(new DefaultRequest<>())
			.blockFirst()).isEqualTo(this.instances);
	}

	@Test
	void cachedInstancesAreAtHandOnlyWhileFresh() {
		AtomicInteger discoveries = new AtomicInteger();
		CachedInstancesServiceInstanceListSupplier fresh = new CachedInstancesServiceInstanceListSupplier(
				counting(discoveries, this.instances), Duration.ofMinutes(1));
		assertThat(fresh.getNow(new DefaultRequest<>())).isNull();
		fresh.get().blockFirst();
		assertThat(fresh.getNow(new DefaultRequest<>())).isSameAs(this.instances);
		CachedInstancesServiceInstanceListSupplier expired = new CachedInstancesServiceInstanceListSupplier(
				counting(discoveries, this.instances), Duration.ofNanos(1));
		expired.get().blockFirst();
		assertThat(expired.getNow(new DefaultRequest<>())).isNull();
		assertThat(discoveries).hasValue(2);
	}

	@Test
	void aChainIsAtHandOnlyWhenItsSourceIs() {
		ServiceLoads loads = loads();
		assertThat(new TriedInstanceAvoidingServiceInstanceListSupplier(
				new OutlierEjectingServiceInstanceListSupplier(this.discovery, loads))
			.getNow(new DefaultRequest<>())).isNull();
		assertThat(ImmediateServiceInstanceListSupplier.of(this.discovery)).isNull();
	}

	@Test
	void instancesAtHandLeaveOutTheEjectedAndTheTriedAsTheReactiveChainDoes() {
		ServiceLoads loads = loads();
		CachedInstancesServiceInstanceListSupplier cached = new CachedInstancesServiceInstanceListSupplier(
				this.discovery, Duration.ofMinutes(1));
		TriedInstanceAvoidingServiceInstanceListSupplier chain = new TriedInstanceAvoidingServiceInstanceListSupplier(
				new OutlierEjectingServiceInstanceListSupplier(cached, loads));
		chain.get(new DefaultRequest<>()).blockFirst();
		String ejected = InstanceKeys.of(this.instances.get(1));
		for (int i = 0; i < 5; i++) {
			loads.started(ejected);
			loads.completed(ejected, 1000, FailureKind.CONNECT);
		}
		CallAttempts attempts = this.calls.begin("backend", Long.MAX_VALUE);
		attempts.tried(InstanceKeys.of(this.instances.get(0)));
		assertThat(chain.getNow(new DefaultRequest<>())).containsExactly(this.instances.get(2))
			.isEqualTo(chain.get(new DefaultRequest<>()).blockFirst());
	}

}
