package dev.microkit.calls.instances;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PeakEwmaTests {

	private static final long MS = 1_000_000L;

	private static final long DECAY = 10_000 * MS;

	private final PeakEwma ewma = new PeakEwma(DECAY, 30 * MS, 0, true);

	@Test
	void assumesTheDefaultLatencyUntilTheFirstAnswer() {
		assertThat(this.ewma.estimateNanos(0)).isEqualTo(30.0 * MS);
	}

	@Test
	void firstAnswerReplacesTheDefault() {
		this.ewma.observe(2 * MS, 1);
		assertThat(this.ewma.estimateNanos(1)).isEqualTo(2.0 * MS);
	}

	@Test
	void jumpsToANewPeakAtOnce() {
		this.ewma.observe(10 * MS, 1);
		this.ewma.observe(100 * MS, 2);
		assertThat(this.ewma.estimateNanos(2)).isEqualTo(100.0 * MS);
	}

	@Test
	void decaysTowardLowerLatenciesOverTheDecayTime() {
		this.ewma.observe(100 * MS, 0);
		this.ewma.observe(10 * MS, DECAY);
		double expected = 100 * MS * Math.exp(-1) + 10 * MS * (1 - Math.exp(-1));
		assertThat(this.ewma.estimateNanos(DECAY)).isCloseTo(expected, within(1.0));
	}

	@Test
	void barelyMovesForALowAnswerRightAfterAPeak() {
		this.ewma.observe(100 * MS, 0);
		this.ewma.observe(10 * MS, MS);
		assertThat(this.ewma.estimateNanos(MS)).isGreaterThan(99.0 * MS);
	}

	@Test
	void decaysTowardZeroWhileIdleSoASlowInstanceIsProbedAgain() {
		this.ewma.observe(100 * MS, 0);
		assertThat(this.ewma.estimateNanos(DECAY)).isCloseTo(100 * MS * Math.exp(-1), within(1.0));
		assertThat(this.ewma.estimateNanos(5 * DECAY)).isLessThan(1.0 * MS);
	}

	@Test
	void aProbeThatFindsTheInstanceAsSlowAsBeforeDoublesHowLongItsEstimateTakesToFall() {
		this.ewma.observe(100 * MS, 0);
		long probe = DECAY;
		this.ewma.observe(100 * MS, probe);
		assertThat(this.ewma.estimateNanos(probe + 2 * DECAY)).isCloseTo(100 * MS * Math.exp(-1), within(1.0));
	}

	@Test
	void aProbeThatFindsTheInstanceFastAgainEndsTheBackoff() {
		this.ewma.observe(100 * MS, 0);
		this.ewma.observe(100 * MS, DECAY);
		long probe = DECAY + 4 * DECAY;
		this.ewma.observe(MS, probe);
		double afterProbe = this.ewma.estimateNanos(probe);
		assertThat(afterProbe).isCloseTo(100 * MS * Math.exp(-2) + MS * (1 - Math.exp(-4)), within(1.0));
		assertThat(this.ewma.estimateNanos(probe + DECAY)).isCloseTo(afterProbe * Math.exp(-1), within(1.0));
	}

	@Test
	void backsOffAtMostEightDecayTimes() {
		long now = 0;
		this.ewma.observe(100 * MS, now);
		for (int probe = 0; probe < 6; probe++) {
			now += 8 * DECAY;
			this.ewma.observe(100 * MS, now);
		}
		assertThat(this.ewma.estimateNanos(now + 8 * DECAY)).isCloseTo(100 * MS * Math.exp(-1), within(1.0));
	}

	@Test
	void aPeakWhileTheInstanceGetsTrafficDoesNotBackOff() {
		this.ewma.observe(10 * MS, 0);
		this.ewma.observe(100 * MS, MS);
		assertThat(this.ewma.estimateNanos(MS + DECAY)).isCloseTo(100 * MS * Math.exp(-1), within(1.0));
	}

	@Test
	void failedProbesDoNotBackOffSoARestartedInstanceIsFoundAgainSoon() {
		this.ewma.observeFailure(100 * MS, 0);
		this.ewma.observeFailure(100 * MS, DECAY);
		assertThat(this.ewma.estimateNanos(2 * DECAY)).isCloseTo(100 * MS * Math.exp(-1), within(1.0));
	}

	@Test
	void plainEwmaDoesNotJumpToPeaks() {
		PeakEwma plain = new PeakEwma(DECAY, 30 * MS, 0, false);
		plain.observe(10 * MS, 1);
		plain.observe(100 * MS, 2);
		assertThat(plain.estimateNanos(2)).isLessThan(11.0 * MS);
	}

}
