package dev.microkit.console;

import java.time.Duration;
import java.util.List;

import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The 99th percentile of the last seconds, from cumulative histograms as the starter's
 * Prometheus registry keeps them.
 */
class LatencyWindowTests {

	private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

	private final Timer success = timer("success");

	private final Timer failure = timer("io_error");

	private final LatencyWindow window = new LatencyWindow(2);

	@Test
	void noAttemptsInTheWindowHaveNoPercentile() {
		assertThat(add()).isNull();
		record(this.success, 50, 5);
		assertThat(add()).isNotNull();
		assertThat(add()).isNotNull();
		assertThat(add()).isNull();
	}

	@Test
	void thePercentileIsTheBoundOfTheBucketItFallsInAcrossOutcomes() {
		add();
		record(this.success, 990, 5);
		record(this.failure, 10, 800);
		assertThat(add()).isBetween(5.0, 10.0);
		record(this.failure, 50, 800);
		assertThat(add()).isBetween(800.0, 1000.0);
	}

	@Test
	void attemptsOlderThanTheWindowNoLongerCount() {
		add();
		record(this.failure, 100, 800);
		assertThat(add()).isBetween(800.0, 1000.0);
		record(this.success, 100, 5);
		add();
		record(this.success, 100, 5);
		add();
		record(this.success, 100, 5);
		assertThat(add()).isBetween(5.0, 10.0);
	}

	private Double add() {
		return this.window.add(List.of(this.success.takeSnapshot(), this.failure.takeSnapshot()));
	}

	private Timer timer(String outcome) {
		return Timer.builder("microkit.calls.requests")
			.tags("client", "backend", "instance", "localhost:1", "outcome", outcome)
			.publishPercentileHistogram()
			.register(this.registry);
	}

	private static void record(Timer timer, int times, long millis) {
		for (int i = 0; i < times; i++) {
			timer.record(Duration.ofMillis(millis));
		}
	}

}
