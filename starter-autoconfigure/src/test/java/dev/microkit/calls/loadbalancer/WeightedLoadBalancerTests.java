package dev.microkit.calls.loadbalancer;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.microkit.calls.CallsProperties.ClientProperties;
import dev.microkit.calls.instances.ServiceLoads;
import org.junit.jupiter.api.Test;

import org.springframework.cloud.client.ServiceInstance;

import static dev.microkit.calls.loadbalancer.BalancerTestSupport.instance;
import static dev.microkit.calls.loadbalancer.BalancerTestSupport.loads;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

class WeightedLoadBalancerTests {

	private final List<ServiceInstance> instances = List.of(instance(0, Map.of("weight", "1")),
			instance(1, Map.of("weight", "3")), instance(2, Map.of()));

	@Test
	void picksInProportionToWeightWithinTwoPercentOverTenThousandPicks() {
		ClientProperties settings = new ClientProperties();
		settings.getWeighted().setWarmUp(Duration.ZERO);
		WeightedLoadBalancer balancer = new WeightedLoadBalancer(null, loads(settings), new InstanceWeights());
		Map<ServiceInstance, Integer> picks = new HashMap<>();
		for (int i = 0; i < 10_000; i++) {
			picks.merge(balancer.pick(this.instances, null), 1, Integer::sum);
		}
		// weights 1, 3 and the default 1: shares 20 %, 60 %, 20 %
		assertThat(picks.get(this.instances.get(0)) / 10_000.0).isBetween(0.18, 0.22);
		assertThat(picks.get(this.instances.get(1)) / 10_000.0).isBetween(0.58, 0.62);
		assertThat(picks.get(this.instances.get(2)) / 10_000.0).isBetween(0.18, 0.22);
	}

	@Test
	void newInstanceStartsAtATenthOfItsWeightAndRampsUp() {
		ClientProperties settings = new ClientProperties();
		settings.getWeighted().setWarmUp(Duration.ofSeconds(10));
		ServiceLoads loads = loads(settings);
		WeightedLoadBalancer balancer = new WeightedLoadBalancer(null, loads, new InstanceWeights());
		ServiceInstance fresh = this.instances.get(1);
		long seen = loads.of(fresh).firstSeenNanos();
		assertThat(balancer.effectiveWeight(fresh, seen)).isCloseTo(0.3, within(1e-9));
		assertThat(balancer.effectiveWeight(fresh, seen + Duration.ofSeconds(5).toNanos())).isCloseTo(1.5,
				within(1e-9));
		assertThat(balancer.effectiveWeight(fresh, seen + Duration.ofSeconds(20).toNanos())).isEqualTo(3.0);
	}

	@Test
	void wrongWeightsAreRejectedByParseAndTreatedAsOneAtRunTime() {
		assertThatIllegalArgumentException().isThrownBy(() -> InstanceWeights.parse("heavy"))
			.withMessageContaining("'heavy'");
		assertThatIllegalArgumentException().isThrownBy(() -> InstanceWeights.parse("-2"));
		assertThat(new InstanceWeights().of(instance(0, Map.of("weight", "heavy")))).isEqualTo(1.0);
	}

}
