package dev.microkit.calls.instances;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microkit.calls.instances.RecentOutcomes;

class RecentOutcomesTests {

	private final RecentOutcomes outcomes = new RecentOutcomes(4);

	@Test
	void beforeAnyAttemptTheMeanIsZeroAndEveryAttemptSucceeded() {
		assertThat(this.outcomes.meanNanos()).isZero();
		assertThat(this.outcomes.successRate()).isEqualTo(1.0);
	}

	@Test
	void failuresCountInTheMeanWithTheirLatency() {
		this.outcomes.add(100, true);
		this.outcomes.add(300, false);
		assertThat(this.outcomes.meanNanos()).isEqualTo(200.0);
		assertThat(this.outcomes.successRate()).isEqualTo(0.5);
	}

	@Test
	void onlyTheLastAttemptsOfTheWindowCount() {
		for (int i = 0; i < 4; i++) {
			this.outcomes.add(1_000, false);
		}
		for (int i = 0; i < 4; i++) {
			this.outcomes.add(10, true);
		}
		assertThat(this.outcomes.meanNanos()).isEqualTo(10.0);
		assertThat(this.outcomes.successRate()).isEqualTo(1.0);
	}

	@Test
	void aFailureWithNoLatencyIsStillAFailure() {
		this.outcomes.add(0, false);
		assertThat(this.outcomes.successRate()).isZero();
		assertThat(this.outcomes.meanNanos()).isZero();
	}

}
