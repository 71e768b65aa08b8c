package dev.microkit.events.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The outbox's backlog as of the last refresh, behind its gauges and its health: reading
 * them from the table on every scrape would put a query on each one.
 */
class OutboxFigures {

	private final OutboxTable table;

	private final Clock clock;

	private volatile long backlog;

	private volatile long parked;

	private volatile Instant oldestUnsent;

	OutboxFigures(OutboxTable table, Clock clock, MeterRegistry meterRegistry) {
		this.table = table;
		this.clock = clock;
		Gauge.builder("microkit.events.outbox.backlog", this, OutboxFigures::backlog)
			.description("Events in the outbox not yet sent to Kafka")
			.register(meterRegistry);
		Gauge.builder("microkit.events.outbox.parked", this, OutboxFigures::parked)
			.description("Outbox events Kafka refused for good, kept with their error and not resent")
			.register(meterRegistry);
		Gauge
			.builder("microkit.events.outbox.oldest.age", this,
					(figures) -> figures.oldestUnsentAge().toMillis() / 1000.0)
			.description("Age of the oldest event in the outbox not yet sent to Kafka")
			.baseUnit("seconds")
			.register(meterRegistry);
	}

	void refresh() {
		this.table.readBacklog((backlog, oldest) -> {
			this.backlog = backlog;
			this.oldestUnsent = oldest;
		});
		this.parked = this.table.countParked();
	}

	/**
	 * Refreshes the figures after a failed pass, so that they show the backlog growing
	 * while Kafka is away rather than what the last pass that worked left.
	 */
	void refreshWhileFailing() {
		try {
			refresh();
		}
		catch (RuntimeException ex) {
			// the database is away as well: the figures stay as they were until it is
			// back
		}
	}

	/**
	 * Events not yet sent.
	 */
	long backlog() {
		return this.backlog;
	}

	/**
	 * Events Kafka refused for good.
	 */
	long parked() {
		return this.parked;
	}

	/**
	 * How long the oldest event not yet sent has waited; zero when there is none.
	 */
	Duration oldestUnsentAge() {
		Instant oldest = this.oldestUnsent;
		return (oldest != null) ? Duration.between(oldest, this.clock.instant()) : Duration.ZERO;
	}

}
