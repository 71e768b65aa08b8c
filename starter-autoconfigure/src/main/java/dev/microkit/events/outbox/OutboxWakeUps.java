package dev.microkit.events.outbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Wakes the relay as soon as a transaction that wrote outbox rows has committed, naming
 * the shards it wrote to, so that the rows are sent then rather than at the relay's next
 * poll. Only a wake-up travels this way, never a row: the relay sends the rows in its
 * usual pass, under the shards' locks and in id order, so the two ways of finding rows
 * cannot send one twice, and a row whose wake-up is lost (a crash right after the commit,
 * another instance's write) is found by the poll as before.
 */
public final class OutboxWakeUps {

	/**
	 * How long the relay waits before it tries again a woken shard that another relay
	 * held.
	 */
	private static final Duration HELD_SHARD_RETRY = Duration.ofMillis(5);

	private final AtomicInteger shards = new AtomicInteger();

	private volatile Thread relay;

	private int deferred;

	/**
	 * Records that a shard got a row in the current transaction, to wake the relay once
	 * after it commits. Nothing is woken after a rollback; without transaction
	 * synchronization, the relay's poll finds the row.
	 * @param shard the row's shard
	 */
	void wroteTo(int shard) {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			return;
		}
		WakeAfterCommit wake = (WakeAfterCommit) TransactionSynchronizationManager.getResource(this);
		if (wake == null) {
			wake = new WakeAfterCommit(this);
			TransactionSynchronizationManager.registerSynchronization(wake);
			TransactionSynchronizationManager.bindResource(this, wake);
		}
		wake.add(shard);
	}

	/**
	 * Wakes the relay for the given shards.
	 * @param shardMask one bit per shard
	 */
	public void wake(int shardMask) {
		if (shardMask == 0) {
			return;
		}
		this.shards.getAndAccumulate(shardMask, (pending, added) -> pending | added);
		Thread thread = this.relay;
		if (thread != null) {
			LockSupport.unpark(thread);
		}
	}

	/**
	 * The shards woken since the last call, as one bit per shard.
	 */
	int take() {
		return this.shards.getAndSet(0);
	}

	/**
	 * Wakes the relay for the given shards after its next pause, which lasts a few
	 * milliseconds at most. Called by the relay's thread only.
	 * @param shardMask one bit per shard
	 */
	void wakeLater(int shardMask) {
		this.deferred |= shardMask;
	}

	void relayThread(Thread thread) {
		this.relay = thread;
	}

	/**
	 * Waits for the given time, or less when a wake-up comes or a deferred one is due.
	 * Called by the relay's thread only.
	 * @return whether the thread was interrupted
	 */
	boolean pause(Duration duration) {
		Duration wait = (this.deferred != 0 && HELD_SHARD_RETRY.compareTo(duration) < 0) ? HELD_SHARD_RETRY : duration;
		long deadline = System.nanoTime() + wait.toNanos();
		try {
			while (this.shards.get() == 0) {
				long left = deadline - System.nanoTime();
				if (left <= 0) {
					return false;
				}
				LockSupport.parkNanos(this, left);
				if (Thread.interrupted()) {
					return true;
				}
			}
			return false;
		}
		finally {
			wake(this.deferred);
			this.deferred = 0;
		}
	}

	/**
	 * The shards whose bits are set, in ascending order.
	 */
	static List<Integer> shards(int shardMask) {
		List<Integer> shards = new ArrayList<>(Integer.bitCount(shardMask));
		for (int shard = 0; shard < OutboxWriter.SHARDS; shard++) {
			if ((shardMask & (1 << shard)) != 0) {
				shards.add(shard);
			}
		}
		return shards;
	}

	/**
	 * One bit per shard.
	 */
	static int mask(List<Integer> shards) {
		int mask = 0;
		for (int shard : shards) {
			mask |= 1 << shard;
		}
		return mask;
	}

	/**
	 * The shards one transaction wrote to, handed to the relay when it commits. It is
	 * bound to the thread as a transaction resource, so that each row finds it at once,
	 * and unbound while its transaction is suspended (a REQUIRES_NEW transaction inside
	 * it gets one of its own), as Spring's resource holders are.
	 */
	private static final class WakeAfterCommit implements TransactionSynchronization {

		private final OutboxWakeUps owner;

		private int shardMask;

		WakeAfterCommit(OutboxWakeUps owner) {
			this.owner = owner;
		}

		void add(int shard) {
			this.shardMask |= 1 << shard;
		}

		@Override
		public void suspend() {
			TransactionSynchronizationManager.unbindResourceIfPossible(this.owner);
		}

		@Override
		public void resume() {
			TransactionSynchronizationManager.bindResource(this.owner, this);
		}

		@Override
		public void afterCommit() {
			this.owner.wake(this.shardMask);
		}

		@Override
		public void afterCompletion(int status) {
			TransactionSynchronizationManager.unbindResourceIfPossible(this.owner);
		}

	}

}
