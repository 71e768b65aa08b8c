package dev.microkit.benchmarks.calls;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import dev.microkit.benchmarks.measure.OpenLoopLoad;
import org.HdrHistogram.Histogram;

/**
 * Applications measured in turns under the same load: each gets a slice of every round,
 * so that a pause of the shared machine (another process, the harness's own collector)
 * falls on all of them alike instead of on whichever was measured at the time. Measured
 * one after another, the floor's p99 alone moved between 9 and 15 ms from run to run, and
 * the ratios against it with it.
 */
final class MeasuredInTurns {

	private final int rate;

	private final int workers;

	private final int rounds;

	private final Duration settle;

	/**
	 * @param rate calls per second
	 * @param workers threads sending the calls
	 * @param rounds how many slices each application gets
	 * @param settle how long each application runs at the rate, uncounted, before each of
	 * its slices: an idle balancer's estimates have decayed while the others were
	 * measured
	 */
	MeasuredInTurns(int rate, int workers, int rounds, Duration settle) {
		this.rate = rate;
		this.workers = workers;
		this.rounds = rounds;
		this.settle = settle;
	}

	/**
	 * Measures the contenders for the given time each, in slices, the order rotating from
	 * round to round.
	 */
	void run(List<Contender> contenders, Duration measurement) {
		Duration slice = measurement.dividedBy(this.rounds);
		OpenLoopLoad load = new OpenLoopLoad(this.rate, this.workers);
		for (int round = 0; round < this.rounds; round++) {
			for (int i = 0; i < contenders.size(); i++) {
				Contender contender = contenders.get((round + i) % contenders.size());
				load.run(contender.call(), this.settle);
				List<Integer> before = contender.requests();
				OpenLoopLoad.Outcome outcome = load.run(contender.call(), slice);
				contender.add(outcome, before);
			}
		}
	}

	/**
	 * One application's call and what its slices added up to.
	 */
	static final class Contender {

		private final Runnable call;

		private final Supplier<List<Integer>> requests;

		private final Histogram latencies = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);

		private final List<Integer> measuredRequests = new ArrayList<>();

		private long failures;

		/**
		 * @param call the application's call
		 * @param requests how many requests each backend has answered so far
		 */
		Contender(Runnable call, Supplier<List<Integer>> requests) {
			this.call = call;
			this.requests = requests;
		}

		Runnable call() {
			return this.call;
		}

		List<Integer> requests() {
			return this.requests.get();
		}

		void add(OpenLoopLoad.Outcome slice, List<Integer> requestsBefore) {
			this.latencies.add(slice.latencies());
			this.failures += slice.failures();
			List<Integer> after = this.requests.get();
			for (int i = 0; i < after.size(); i++) {
				int added = after.get(i) - requestsBefore.get(i);
				if (i < this.measuredRequests.size()) {
					this.measuredRequests.set(i, this.measuredRequests.get(i) + added);
				}
				else {
					this.measuredRequests.add(added);
				}
			}
		}

		/**
		 * Each backend's requests in the measured slices.
		 */
		List<Integer> measuredRequests() {
			return List.copyOf(this.measuredRequests);
		}

		OpenLoopLoad.Outcome outcome() {
			return new OpenLoopLoad.Outcome(this.latencies, this.failures);
		}

	}

}
