package dev.microkit.calls.instances;

import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.microkit.calls.ClientSettingsResolver;
import dev.microkit.calls.instances.InstanceKeys;
import dev.microkit.calls.instances.InstanceLoad;
import dev.microkit.calls.instances.InstanceLoadRegistry;
import dev.microkit.calls.instances.ServiceLoads;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.core.env.StandardEnvironment;

import static dev.microkit.calls.loadbalancer.BalancerTestSupport.instances;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class RequestTimersTests {

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final InstanceLoadRegistry registry = new InstanceLoadRegistry(
			new ClientSettingsResolver(new StandardEnvironment()), this.meters);

	@Test
	void eachInstanceAndOutcomeHasOneTimer() {
		ServiceInstance instance = instances(1).get(0);
		InstanceLoad load = this.registry.forService("backend").of(instance);
		Timer success = this.registry.requestTimers().get("backend", load, "success");
		assertThat(this.registry.requestTimers().get("backend", load, "success")).isSameAs(success);
		assertThat(this.registry.requestTimers().get("backend", load, "timeout")).isNotSameAs(success);
		assertThat(success.getId().getTags()).extracting("key", "value")
			.contains(tuple("client", "backend"), tuple("instance", load.key()), tuple("outcome", "success"));
	}

	@Test
	void anInstanceSeenAgainAfterItRetiredRecordsIntoARegisteredTimer() {
		ServiceInstance instance = instances(1).get(0);
		ServiceLoads loads = this.registry.forService("backend");
		loads.discovered(List.of(instance));
		this.registry.requestTimers().get("backend", loads.of(instance), "success").record(1, TimeUnit.MILLISECONDS);
		loads.sweep(List.of(), 0);
		loads.sweep(List.of(), ServiceLoads.RETIREMENT_NANOS);
		assertThat(this.meters.find("microkit.calls.requests").timer()).isNull();
		this.registry.requestTimers().get("backend", loads.of(instance), "success").record(1, TimeUnit.MILLISECONDS);
		assertThat(
				this.meters.get("microkit.calls.requests").tag("instance", InstanceKeys.of(instance)).timer().count())
			.isEqualTo(1);
	}

}
