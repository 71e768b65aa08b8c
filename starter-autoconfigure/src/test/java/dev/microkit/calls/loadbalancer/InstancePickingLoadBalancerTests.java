package dev.microkit.calls.loadbalancer;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.DefaultRequest;
import org.springframework.cloud.client.loadbalancer.Request;
import org.springframework.cloud.client.loadbalancer.Response;
import org.springframework.cloud.loadbalancer.core.SameInstancePreferenceServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.support.ServiceInstanceListSuppliers;

import static dev.microkit.calls.loadbalancer.BalancerTestSupport.instances;
import static dev.microkit.calls.loadbalancer.BalancerTestSupport.loads;
import static org.assertj.core.api.Assertions.assertThat;

class InstancePickingLoadBalancerTests {

	private final List<ServiceInstance> instances = instances(3);

	private final ServiceInstanceListSupplier discovery = ServiceInstanceListSuppliers.from("backend",
			this.instances.toArray(ServiceInstance[]::new));

	@Test
	void picksOnTheCallingThreadFromInstancesAtHand() {
		CachedInstancesServiceInstanceListSupplier cached = new CachedInstancesServiceInstanceListSupplier(
				this.discovery, Duration.ofMinutes(1));
		LeastRequestsLoadBalancer balancer = new LeastRequestsLoadBalancer(provider(cached), loads());
		assertThat(balancer.chooseNow(new DefaultRequest<>())).isNull();
		Response<ServiceInstance> chosen = balancer.choose(new DefaultRequest<>()).block();
		assertThat(chosen.getServer()).isIn(this.instances);
		assertThat(balancer.chooseNow(new DefaultRequest<>()).getServer()).isIn(this.instances);
	}

	@Test
	void withoutInstancesAtHandOnlyTheReactivePickAnswers() {
		LeastRequestsLoadBalancer balancer = new LeastRequestsLoadBalancer(provider(this.discovery), loads());
		assertThat(balancer.chooseNow(new DefaultRequest<>())).isNull();
		assertThat(balancer.choose(new DefaultRequest<>()).block().getServer()).isIn(this.instances);
	}

	@Test
	void anEmptyListAtHandIsAnEmptyAnswer() {
		ImmediateEmptySupplier empty = new ImmediateEmptySupplier();
		LeastRequestsLoadBalancer balancer = new LeastRequestsLoadBalancer(provider(empty), loads());
		assertThat(balancer.chooseNow(new DefaultRequest<>()).hasServer()).isFalse();
	}

	@Test
	void theSupplierIsLookedUpOnce() {
		AtomicInteger lookups = new AtomicInteger();
		ObjectProvider<ServiceInstanceListSupplier> counting = new ObjectProvider<>() {

			@Override
			public ServiceInstanceListSupplier getObject(Object... args) {
				return getObject();
			}

			@Override
			public ServiceInstanceListSupplier getObject() {
				lookups.incrementAndGet();
				return InstancePickingLoadBalancerTests.this.discovery;
			}

			@Override
			public ServiceInstanceListSupplier getIfAvailable() {
				return getObject();
			}

			@Override
			public ServiceInstanceListSupplier getIfUnique() {
				return getObject();
			}

		};
		LeastRequestsLoadBalancer balancer = new LeastRequestsLoadBalancer(counting, loads());
		for (int i = 0; i < 3; i++) {
			assertThat(balancer.choose(new DefaultRequest<>()).block().getServer()).isIn(this.instances);
		}
		assertThat(lookups).hasValue(1);
	}

	@Test
	void thePickReachesASupplierThatPrefersTheSameInstanceThroughTheChain() {
		SameInstancePreferenceServiceInstanceListSupplier sameInstance = new SameInstancePreferenceServiceInstanceListSupplier(
				this.discovery);
		ServiceInstanceListSupplier chain = new TriedInstanceAvoidingServiceInstanceListSupplier(
				new OutlierEjectingServiceInstanceListSupplier(sameInstance, loads()));
		LeastRequestsLoadBalancer balancer = new LeastRequestsLoadBalancer(provider(chain), loads());
		ServiceInstance chosen = balancer.choose(new DefaultRequest<>()).block().getServer();
		assertThat(sameInstance.get(new DefaultRequest<>()).blockFirst()).containsExactly(chosen);
	}

	private static ObjectProvider<ServiceInstanceListSupplier> provider(ServiceInstanceListSupplier supplier) {
		StaticListableBeanFactory beans = new StaticListableBeanFactory();
		beans.addBean("supplier", supplier);
		return beans.getBeanProvider(ServiceInstanceListSupplier.class);
	}

	private static final class ImmediateEmptySupplier
			implements ServiceInstanceListSupplier, ImmediateServiceInstanceListSupplier {

		@Override
		public String getServiceId() {
			return "backend";
		}

		@Override
		public Flux<List<ServiceInstance>> get() {
			return Flux.just(List.of());
		}

		@Override
		public List<ServiceInstance> getNow(Request<?> request) {
			return List.of();
		}

	}

}
