package dev.microkit.calls.instances;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microkit.calls.instances.ProcessPauses;

class ProcessPausesTests {

	private static final long MS = 1_000_000L;

	private static final long I = ProcessPauses.INTERVAL_NANOS;

	private final ProcessPauses pauses = new ProcessPauses();

	@Test
	void aSpanIsStalledForTheStallsItOverlaps() {
		wakeEveryInterval(I, 10 * I);
		long firstEnd = 11 * I + 30 * MS;
		this.pauses.woke(firstEnd);
		long lastWoken = wakeEveryInterval(firstEnd + I, firstEnd + 10 * I);
		long secondStart = lastWoken + I;
		this.pauses.woke(secondStart + 5 * MS);
		assertThat(this.pauses.stalledNanos(0, Long.MAX_VALUE / 2)).isEqualTo(35 * MS);
		assertThat(this.pauses.stalledNanos(11 * I + 10 * MS, secondStart + 2 * MS)).isEqualTo(22 * MS);
		assertThat(this.pauses.stalledNanos(firstEnd + MS, lastWoken)).isZero();
		assertThat(this.pauses.stalledNanos(secondStart + 6 * MS, Long.MAX_VALUE / 2)).isZero();
	}

	@Test
	void oneLateSleeperIsNoStallWhileAnotherWakes() {
		wakeEveryInterval(I, 19 * I);
		this.pauses.woke(20 * I);
		this.pauses.woke(15 * I);
		this.pauses.woke(21 * I);
		assertThat(this.pauses.stalledNanos(0, Long.MAX_VALUE / 2)).isZero();
	}

	@Test
	void wakingALittleLateIsNoStall() {
		this.pauses.woke(I + ProcessPauses.THRESHOLD_NANOS - 1);
		assertThat(this.pauses.stalledNanos(0, Long.MAX_VALUE / 2)).isZero();
		this.pauses.woke(2 * I + 2 * ProcessPauses.THRESHOLD_NANOS - 1);
		assertThat(this.pauses.stalledNanos(0, Long.MAX_VALUE / 2)).isEqualTo(ProcessPauses.THRESHOLD_NANOS);
	}

	@Test
	void onlyTheLatestStallsAreRemembered() {
		for (int i = 1; i <= ProcessPauses.REMEMBERED + 44; i++) {
			this.pauses.woke(i * 10 * I);
		}
		assertThat(this.pauses.stalledNanos(0, Long.MAX_VALUE / 2)).isEqualTo(ProcessPauses.REMEMBERED * 9 * I);
	}

	@Test
	void theSleepersRunBetweenStartAndStop() throws InterruptedException {
		Set<Thread> before = Thread.getAllStackTraces().keySet();
		this.pauses.start();
		assertThat(this.pauses.isRunning()).isTrue();
		List<Thread> sleepers = sleepersStartedSince(before);
		assertThat(sleepers).hasSize(ProcessPauses.SLEEPERS).allMatch(Thread::isDaemon);
		this.pauses.stop();
		for (Thread sleeper : sleepers) {
			sleeper.join(5_000);
		}
		assertThat(sleepers).noneMatch(Thread::isAlive);
		assertThat(this.pauses.isRunning()).isFalse();
	}

	@Test
	void stoppingRightAfterStartingEndsEverySleeper() throws InterruptedException {
		Set<Thread> before = Thread.getAllStackTraces().keySet();
		for (int i = 0; i < 20; i++) {
			ProcessPauses pauses = new ProcessPauses();
			pauses.start();
			pauses.stop();
		}
		long deadline = System.nanoTime() + 10_000 * MS;
		while (!sleepersStartedSince(before).isEmpty() && System.nanoTime() < deadline) {
			Thread.sleep(10);
		}
		assertThat(sleepersStartedSince(before)).isEmpty();
	}

	private static List<Thread> sleepersStartedSince(Set<Thread> before) {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> !before.contains(thread))
			.filter((thread) -> thread.getName().startsWith("microkit-pause-detector-"))
			.toList();
	}

	@Test
	void theSleepersWaitForACallWhenNoneWasMadeForASecondAndTheWaitIsNoStall() throws InterruptedException {
		long started = System.nanoTime();
		this.pauses.start();
		try {
			awaitWaitingSleepers(ProcessPauses.SLEEPERS);
			assertThat(System.nanoTime() - started).isGreaterThanOrEqualTo(ProcessPauses.IDLE_AFTER_MILLIS * MS);
			Thread.sleep(500);
			this.pauses.calling(System.nanoTime());
			awaitWaitingSleepers(0);
			Thread.sleep(4 * ProcessPauses.INTERVAL_MILLIS);
			assertThat(this.pauses.stalledNanos(started, System.nanoTime())).isLessThan(500 * MS);
		}
		finally {
			this.pauses.stop();
		}
	}

	private void awaitWaitingSleepers(int expected) throws InterruptedException {
		long deadline = System.nanoTime() + 10_000 * MS;
		while (this.pauses.waitingSleepers() != expected && System.nanoTime() < deadline) {
			Thread.sleep(10);
		}
		assertThat(this.pauses.waitingSleepers()).isEqualTo(expected);
	}

	/**
	 * @return the last wake-up
	 */
	private long wakeEveryInterval(long fromNanos, long toNanos) {
		long t = fromNanos;
		for (; t <= toNanos; t += I) {
			this.pauses.woke(t);
		}
		return t - I;
	}

}
