package dev.microkit.calls.loadbalancer;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProcessPausesTests {

	private static final long MS = 1_000_000L;

	private final ProcessPauses pauses = new ProcessPauses();

	@Test
	void aSpanIsStalledForTheStallsItOverlaps() {
		wakeEveryMillisecond(1, 10);
		this.pauses.woke(41 * MS);
		wakeEveryMillisecond(42, 100);
		this.pauses.woke(106 * MS);
		assertThat(this.pauses.stalledNanos(0, 200 * MS)).isEqualTo(35 * MS);
		assertThat(this.pauses.stalledNanos(20 * MS, 103 * MS)).isEqualTo(23 * MS);
		assertThat(this.pauses.stalledNanos(50 * MS, 90 * MS)).isZero();
		assertThat(this.pauses.stalledNanos(107 * MS, 300 * MS)).isZero();
	}

	@Test
	void oneLateSleeperIsNoStallWhileAnotherWakes() {
		wakeEveryMillisecond(1, 19);
		this.pauses.woke(20 * MS);
		this.pauses.woke(15 * MS);
		this.pauses.woke(21 * MS);
		assertThat(this.pauses.stalledNanos(0, 100 * MS)).isZero();
	}

	@Test
	void wakingALittleLateIsNoStall() {
		this.pauses.woke(MS + ProcessPauses.THRESHOLD_NANOS - 1);
		assertThat(this.pauses.stalledNanos(0, 100 * MS)).isZero();
		this.pauses.woke(2 * MS + ProcessPauses.THRESHOLD_NANOS - 1 + ProcessPauses.THRESHOLD_NANOS);
		assertThat(this.pauses.stalledNanos(0, 100 * MS)).isEqualTo(ProcessPauses.THRESHOLD_NANOS);
	}

	@Test
	void onlyTheLatestStallsAreRemembered() {
		for (int i = 1; i <= ProcessPauses.REMEMBERED + 44; i++) {
			this.pauses.woke(i * 10 * MS);
		}
		assertThat(this.pauses.stalledNanos(0, Long.MAX_VALUE / 2)).isEqualTo(ProcessPauses.REMEMBERED * 9 * MS);
	}

	@Test
	void theSleepersRunBetweenStartAndStop() throws InterruptedException {
		Set<Thread> before = Thread.getAllStackTraces().keySet();
		this.pauses.start();
		assertThat(this.pauses.isRunning()).isTrue();
		List<Thread> sleepers = Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> !before.contains(thread))
			.filter((thread) -> thread.getName().startsWith("microkit-pause-detector-"))
			.toList();
		assertThat(sleepers).hasSize(ProcessPauses.SLEEPERS).allMatch(Thread::isDaemon);
		this.pauses.stop();
		for (Thread sleeper : sleepers) {
			sleeper.join(5_000);
		}
		assertThat(sleepers).noneMatch(Thread::isAlive);
		assertThat(this.pauses.isRunning()).isFalse();
	}

	private void wakeEveryMillisecond(int fromMillis, int toMillis) {
		for (long t = fromMillis; t <= toMillis; t++) {
			this.pauses.woke(t * MS);
		}
	}

}
