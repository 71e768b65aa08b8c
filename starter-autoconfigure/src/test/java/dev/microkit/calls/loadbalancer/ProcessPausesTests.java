package dev.microkit.calls.loadbalancer;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProcessPausesTests {

	private static final long MS = 1_000_000L;

	private final ProcessPauses pauses = new ProcessPauses();

	@Test
	void aSpanIsStalledForTheStallsItOverlaps() {
		this.pauses.woke(0, 31 * MS);
		this.pauses.woke(100 * MS, 106 * MS);
		assertThat(this.pauses.stalledNanos(0, 200 * MS)).isEqualTo(35 * MS);
		assertThat(this.pauses.stalledNanos(20 * MS, 103 * MS)).isEqualTo(13 * MS);
		assertThat(this.pauses.stalledNanos(40 * MS, 90 * MS)).isZero();
		assertThat(this.pauses.stalledNanos(107 * MS, 300 * MS)).isZero();
	}

	@Test
	void wakingALittleLateIsNoStall() {
		this.pauses.woke(0, MS + ProcessPauses.THRESHOLD_NANOS - 1);
		assertThat(this.pauses.stalledNanos(0, 100 * MS)).isZero();
	}

	@Test
	void onlyTheLatestStallsAreRemembered() {
		for (int i = 0; i < ProcessPauses.REMEMBERED + 44; i++) {
			this.pauses.woke(i * 10 * MS, i * 10 * MS + 6 * MS);
		}
		assertThat(this.pauses.stalledNanos(0, Long.MAX_VALUE / 2)).isEqualTo(ProcessPauses.REMEMBERED * 5 * MS);
	}

	@Test
	void theSleeperRunsBetweenStartAndStop() throws InterruptedException {
		this.pauses.start();
		assertThat(this.pauses.isRunning()).isTrue();
		Thread sleeper = Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.getName().equals("microkit-pause-detector"))
			.findFirst()
			.orElseThrow();
		assertThat(sleeper.isDaemon()).isTrue();
		this.pauses.stop();
		sleeper.join(5_000);
		assertThat(sleeper.isAlive()).isFalse();
		assertThat(this.pauses.isRunning()).isFalse();
	}

}
