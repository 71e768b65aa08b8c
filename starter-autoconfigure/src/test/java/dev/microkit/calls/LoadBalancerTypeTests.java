package dev.microkit.calls;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class LoadBalancerTypeTests {

	@Test
	void parsesConfigurationNames() {
		assertThat(LoadBalancerType.fromConfigName("peak-ewma")).isEqualTo(LoadBalancerType.PEAK_EWMA);
		assertThat(LoadBalancerType.fromConfigName("CONSISTENT_HASH")).isEqualTo(LoadBalancerType.CONSISTENT_HASH);
	}

	@Test
	void rejectsUnknownNamesListingTheAcceptedOnes() {
		assertThatIllegalArgumentException().isThrownBy(() -> LoadBalancerType.fromConfigName("fastest"))
			.withMessage("'fastest' is not a load balancer; accepted values are round-robin, random, weighted, "
					+ "least-requests, peak-ewma, consistent-hash");
	}

}
