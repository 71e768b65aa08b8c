package dev.microkit.calls.resilience;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RetryBudgetTests {

	private static final long SECOND = 1_000_000_000L;

	private final AtomicLong clock = new AtomicLong(1000 * SECOND);

	@Test
	void allowsAShareOfRequests() {
		RetryBudget budget = new RetryBudget(20, 0, Duration.ofSeconds(10), this.clock::get);
		for (int i = 0; i < 100; i++) {
			budget.deposit();
		}
		assertThat(withdrawals(budget, 1000)).isEqualTo(20);
	}

	@Test
	void allowsTheMinimumPerSecondWithoutTraffic() {
		RetryBudget budget = new RetryBudget(20, 10, Duration.ofSeconds(10), this.clock::get);
		assertThat(withdrawals(budget, 1000)).isEqualTo(100);
	}

	@Test
	void forgetsRequestsAndRetriesOlderThanTheTtl() {
		RetryBudget budget = new RetryBudget(20, 0, Duration.ofSeconds(10), this.clock::get);
		for (int i = 0; i < 100; i++) {
			budget.deposit();
		}
		assertThat(withdrawals(budget, 1000)).isEqualTo(20);
		this.clock.addAndGet(11 * SECOND);
		assertThat(withdrawals(budget, 1000)).isZero();
		for (int i = 0; i < 50; i++) {
			budget.deposit();
		}
		assertThat(withdrawals(budget, 1000)).isEqualTo(10);
	}

	private static int withdrawals(RetryBudget budget, int tries) {
		int granted = 0;
		for (int i = 0; i < tries; i++) {
			granted += budget.tryWithdraw() ? 1 : 0;
		}
		return granted;
	}

}
