package dev.microkit.calls.instances;

/**
 * Ejection bookkeeping of one instance. Written by {@link OutlierEjector} under its lock,
 * but for a success of an instance in good standing; {@link #isEjected(long)} is read on
 * every pick without one.
 */
public final class EjectionState {

	private volatile long ejectedUntilNanos;

	private volatile boolean ejectedOnce;

	private volatile int consecutiveFailures;

	private int ejections;

	private volatile boolean probation;

	public boolean isEjected(long nowNanos) {
		return this.ejectedOnce && nowNanos - this.ejectedUntilNanos < 0;
	}

	/**
	 * Nanoseconds until the instance returns, 0 when it is in rotation.
	 * @param nowNanos the time
	 * @return time left out of rotation
	 */
	public long remainingNanos(long nowNanos) {
		return isEjected(nowNanos) ? this.ejectedUntilNanos - nowNanos : 0;
	}

	public synchronized int ejections() {
		return this.ejections;
	}

	public boolean onProbation() {
		return this.probation;
	}

	void succeeded() {
		// Nearly every answer is a success of an instance in good standing: it takes no
		// lock.
		if (this.consecutiveFailures == 0 && !this.probation) {
			return;
		}
		synchronized (this) {
			this.consecutiveFailures = 0;
			this.probation = false;
		}
	}

	synchronized int failed() {
		return ++this.consecutiveFailures;
	}

	/**
	 * Takes the instance out of rotation.
	 * @param nowNanos the time
	 * @param quietNanos healthy time after which the ejection count starts over
	 * @return how many times it has now been ejected in a row
	 */
	synchronized int eject(long nowNanos, long quietNanos) {
		if (this.ejectedOnce && nowNanos - this.ejectedUntilNanos > quietNanos) {
			this.ejections = 0;
		}
		this.ejections++;
		this.consecutiveFailures = 0;
		this.probation = true;
		return this.ejections;
	}

	synchronized void ejectUntil(long untilNanos) {
		this.ejectedUntilNanos = untilNanos;
		this.ejectedOnce = true;
	}

}
