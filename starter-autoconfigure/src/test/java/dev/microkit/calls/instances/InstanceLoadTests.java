package dev.microkit.calls.instances;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

class InstanceLoadTests {

	private static final long MS = 1_000_000;

	private static final long DECAY = 10_000 * MS;

	private final InstanceLoad load = new InstanceLoad("a:80", DECAY, 30 * MS, 0);

	@Test
	void aFastFailureCountsAsTenTimesTheLatencyOfSuccesses() {
		this.load.started(0);
		this.load.completed(50 * MS, true, 1);
		this.load.started(0);
		this.load.completed(1_000, false, 2);
		assertThat(this.load.peakEwmaNanos(2)).isCloseTo(500.0 * MS, withinPercentage(1));
	}

	@Test
	void failuresInARowDoNotMultiplyTheirPenalty() {
		this.load.started(0);
		this.load.completed(5 * MS, true, 1);
		for (int i = 0; i < 20; i++) {
			this.load.started(0);
			this.load.completed(1_000, false, 2 + i);
		}
		// the base is at least the default latency, 30 ms
		assertThat(this.load.peakEwmaNanos(22)).isLessThanOrEqualTo(300.0 * MS);
		assertThat(this.load.ewmaNanos(22)).isCloseTo(5.0 * MS, withinPercentage(1));
	}

	@Test
	void failedProbesOfAnInstanceThatIsDownDoNotSlowItsReturn() {
		answer(5 * MS, 0, 1);
		this.load.started(1);
		this.load.completed(1_000, false, 2);
		double penalty = this.load.peakEwmaNanos(2);
		this.load.started(DECAY);
		this.load.completed(1_000, false, DECAY);
		assertThat(this.load.peakEwmaNanos(2 * DECAY)).isCloseTo(penalty * Math.exp(-1), withinPercentage(1));
	}

	@Test
	void slowProbesOfAnInstanceThatIsSlowAllAlongBackOff() {
		answer(50 * MS, 0, 1);
		answer(50 * MS, 0, DECAY);
		assertThat(this.load.peakEwmaNanos(2 * DECAY)).isCloseTo(50 * MS * Math.exp(-0.5), withinPercentage(1));
	}

	@Test
	void aStallOfTheCallerKeepsAnAnswerFromRaisingTheEstimate() {
		answer(10 * MS, 0, 1);
		answer(50 * MS, 45 * MS, 2);
		assertThat(this.load.peakEwmaNanos(2)).isCloseTo(10.0 * MS, withinPercentage(1));
	}

	@Test
	void aStallOfTheCallerNeverPushesTheEstimateDown() {
		answer(10 * MS, 0, 1);
		long now = 1;
		for (int i = 0; i < 100; i++) {
			now += 50 * MS;
			answer(12 * MS, 12 * MS, now);
		}
		assertThat(this.load.peakEwmaNanos(now)).isCloseTo(10.0 * MS, withinPercentage(1));
	}

	@Test
	void whatIsSlowerThanTheEstimateEvenWithoutTheStallRaisesIt() {
		answer(10 * MS, 0, 1);
		answer(50 * MS, 20 * MS, 2);
		assertThat(this.load.peakEwmaNanos(2)).isCloseTo(30.0 * MS, withinPercentage(1));
	}

	@Test
	void inFlightCountsFollowStartsAndCompletions() {
		this.load.started(0);
		this.load.started(0);
		this.load.completed(MS, true, 1);
		assertThat(this.load.inFlight()).isOne();
		assertThat(this.load.requests()).isOne();
	}

	@Test
	void aRequestInFlightLongerThanTheEstimateMakesTheInstanceCostThatLong() {
		answer(5 * MS, 0, 1);
		this.load.started(10 * MS);
		assertThat(this.load.cost(12 * MS)).isCloseTo(2 * 5.0 * MS, withinPercentage(1));
		assertThat(this.load.cost(60 * MS)).isCloseTo(2 * 50.0 * MS, withinPercentage(1));
	}

	@Test
	void anAnswerWhileOthersAreInFlightShowsProgress() {
		answer(5 * MS, 0, 1);
		this.load.started(10 * MS);
		this.load.started(20 * MS);
		this.load.completed(5 * MS, true, 58 * MS);
		assertThat(this.load.cost(60 * MS)).isCloseTo(2 * 5.0 * MS, withinPercentage(5));
	}

	private void answer(long latencyNanos, long stalledNanos, long nowNanos) {
		this.load.started(0);
		this.load.completed(latencyNanos, stalledNanos, true, nowNanos);
	}

}
