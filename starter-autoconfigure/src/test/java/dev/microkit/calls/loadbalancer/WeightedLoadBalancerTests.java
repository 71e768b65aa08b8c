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
	void aNewInstanceIsPickedForATenthOfItsWeightThenItsWholeWeight() throws InterruptedException {
		ClientProperties settings = new ClientProperties();
		settings.getWeighted().setWarmUp(Duration.ofMillis(300));
		ServiceLoads loads = loads(settings);
		WeightedLoadBalancer balancer = new WeightedLoadBalancer(null, loads, new InstanceWeights());
		loads.of(this.instances.get(0));
		loads.of(this.instances.get(2));
		Thread.sleep(400);
		// the instance of weight 3 is new: 0.3 against 1 and 1, about 13 % of the picks
		assertThat(shareOfPicks(balancer, this.instances.get(1), 2_000)).isBetween(0.05, 0.30);
		Thread.sleep(400);
		assertThat(shareOfPicks(balancer, this.instances.get(1), 10_000)).isBetween(0.57, 0.63);
	}

	private double shareOfPicks(WeightedLoadBalancer balancer, ServiceInstance instance, int picks) {
		int count = 0;
		for (int i = 0; i < picks; i++) {
			if (balancer.pick(this.instances, null) == instance) {
				count++;
			}
		}
		return (double) count / picks;
	}

	@Test
	void wrongWeightsAreRejectedByParseAndTreatedAsOneAtRunTime() {
		assertThatIllegalArgumentException().isThrownBy(() -> InstanceWeights.parse("heavy"))
			.withMessageContaining("'heavy'");
		assertThatIllegalArgumentException().isThrownBy(() -> InstanceWeights.parse("-2"));
		assertThat(new InstanceWeights().of(instance(0, Map.of("weight", "heavy")))).isEqualTo(1.0);
	}

}
