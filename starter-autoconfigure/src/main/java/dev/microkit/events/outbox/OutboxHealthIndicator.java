package dev.microkit.events.outbox;

import java.time.Duration;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * Health of the transactional outbox: events waiting to be relayed ({@code backlog}), how
 * long the oldest of them has waited ({@code oldestAge}), and events Kafka refused for
 * good ({@code parked}), as the relay last counted them. The outbox is down once one of
 * them passes its limit ({@code management.health.outbox.*}).
 * <p>
 * By default only the age has a limit, of five minutes. The age measures what the outbox
 * promises, how late events reach Kafka, whatever the application's throughput: a backlog
 * of thousands is normal for a busy application and sent within seconds, while the relay
 * retries at least every {@code microkit.events.outbox.max-backoff} (10 s), so an event
 * five minutes old has outlived thirty attempts or waits behind more than the relay can
 * send. A backlog limit depends on that throughput, and parked events stay until someone
 * deals with them, so that a parked limit would keep the application down until then;
 * both are left to the application.
 * <p>
 * The indicator is not part of the readiness group: the outbox is there so that the
 * application keeps taking requests while Kafka is away, and taking every instance out of
 * traffic for it would turn a Kafka outage into an outage of the application.
 */
public class OutboxHealthIndicator implements HealthIndicator {

	private final OutboxFigures figures;

	private final OutboxHealthIndicatorProperties limits;

	public OutboxHealthIndicator(OutboxRelay relay, OutboxHealthIndicatorProperties limits) {
		this.figures = relay.figures();
		this.limits = limits;
	}

	@Override
	public Health health() {
		long backlog = this.figures.backlog();
		Duration oldestAge = this.figures.oldestUnsentAge();
		long parked = this.figures.parked();
		boolean down = oldestAge.compareTo(this.limits.getMaxOldestAge()) > 0
				|| isOver(backlog, this.limits.getMaxBacklog()) || isOver(parked, this.limits.getMaxParked());
		return (down ? Health.down() : Health.up()).withDetail("backlog", backlog)
			.withDetail("oldestAge", oldestAge.toString())
			.withDetail("parked", parked)
			.build();
	}

	private static boolean isOver(long value, Integer limit) {
		return limit != null && value > limit;
	}

}
