package dev.microkit.benchmarks.measure;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;

/**
 * Repeats uncounted rounds until the JIT compiler has been idle for two whole rounds, or
 * for at most a while. On 2 cores its one C2 thread works through a queue of a few
 * hundred methods for a minute or more, and code still waiting in it runs several times
 * slower: whatever has the most code to compile would pay, and rates measured meanwhile
 * climb from round to round.
 *
 * @param seconds how long the warm-up took
 * @param jitIdle whether the JIT compiler was idle at its end
 */
public record JitWarmUp(double seconds, boolean jitIdle) {

	/**
	 * Runs rounds until the compiler is idle.
	 * @param round one round of everything compared
	 * @param roundTime how long a round takes
	 * @param max the longest warm-up
	 * @return how it went
	 */
	public static JitWarmUp run(Runnable round, Duration roundTime, Duration max) {
		CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
		long start = System.nanoTime();
		long end = start + max.toNanos();
		// Idle: compiling for less than 1 % of the round's time.
		long idleMillis = roundTime.toMillis() / 100;
		// Two idle rounds in a row: one can fall in a lull between compilations.
		int idleRounds = 0;
		while (idleRounds < 2 && System.nanoTime() < end) {
			long compiling = jit.getTotalCompilationTime();
			round.run();
			idleRounds = (jit.getTotalCompilationTime() - compiling <= idleMillis) ? idleRounds + 1 : 0;
		}
		return new JitWarmUp((System.nanoTime() - start) / 1e9, idleRounds == 2);
	}

	/**
	 * For a report: how long, and whether the compiler was idle at the end.
	 */
	public String describe() {
		return Math.round(this.seconds) + " s of warm-up rounds that are not counted ("
				+ (this.jitIdle ? "until the JIT compiler was idle" : "the JIT compiler was still busy at its end")
				+ ")";
	}

}
