package dev.microkit.events.outbox;

import java.util.concurrent.atomic.AtomicInteger;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The relay is woken for the shards a transaction wrote to when, and only when, that
 * transaction commits.
 */
class OutboxWakeUpsTests {

	private final OutboxWakeUps wakeUps = new OutboxWakeUps();

	private final TransactionTemplate transaction = new TransactionTemplate(
			new DataSourceTransactionManager(dataSource()));

	@Test
	void aCommitWakesTheShardsItsTransactionWroteTo() {
		this.transaction.executeWithoutResult((status) -> {
			this.wakeUps.wroteTo(1);
			this.wakeUps.wroteTo(3);
			this.wakeUps.wroteTo(1);
			assertThat(this.wakeUps.take()).as("before the commit").isZero();
		});
		assertThat(this.wakeUps.take()).isEqualTo(0b1010);
		assertThat(this.wakeUps.take()).as("taken once").isZero();
	}

	@Test
	void aRollbackWakesNothing() {
		this.transaction.executeWithoutResult((status) -> {
			this.wakeUps.wroteTo(2);
			status.setRollbackOnly();
		});
		assertThat(this.wakeUps.take()).isZero();
	}

	@Test
	void aTransactionOfItsOwnInsideAnotherWakesItsShardsAtItsOwnCommit() {
		TransactionTemplate inner = new TransactionTemplate(this.transaction.getTransactionManager());
		inner.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		AtomicInteger wokenByTheInnerCommit = new AtomicInteger();
		this.transaction.executeWithoutResult((status) -> {
			this.wakeUps.wroteTo(1);
			inner.executeWithoutResult((innerStatus) -> this.wakeUps.wroteTo(4));
			wokenByTheInnerCommit.set(this.wakeUps.take());
			this.wakeUps.wroteTo(2);
		});
		assertThat(wokenByTheInnerCommit).hasValue(0b10000);
		assertThat(this.wakeUps.take()).isEqualTo(0b110);
	}

	@Test
	void eachTransactionOnAThreadStartsWithNoShards() {
		this.transaction.executeWithoutResult((status) -> this.wakeUps.wroteTo(5));
		this.wakeUps.take();
		this.transaction.executeWithoutResult((status) -> this.wakeUps.wroteTo(6));
		assertThat(this.wakeUps.take()).isEqualTo(0b1000000);
	}

	@Test
	void withoutATransactionNothingIsWokenAndThePollFindsTheRow() {
		this.wakeUps.wroteTo(1);
		assertThat(this.wakeUps.take()).isZero();
	}

	private static JdbcDataSource dataSource() {
		JdbcDataSource dataSource = new JdbcDataSource();
		dataSource.setURL("jdbc:h2:mem:wake-ups");
		return dataSource;
	}

}
