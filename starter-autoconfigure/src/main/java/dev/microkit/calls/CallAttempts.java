package dev.microkit.calls;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The attempts of one logical call, visible to the balancer and the HTTP layer of the
 * thread making it. Feign calls are blocking, so a thread-bound holder is how the
 * resilience layer above Feign hands the deadline and the instances already tried to the
 * layers below it.
 */
public final class CallAttempts {

	private static final ThreadLocal<CallAttempts> CURRENT = new ThreadLocal<>();

	private final String serviceId;

	private final long deadlineNanos;

	private final List<String> triedInstances = new ArrayList<>(2);

	private int attempts;

	private boolean idempotent;

	private boolean cutByDeadline;

	CallAttempts(String serviceId, long deadlineNanos) {
		this.serviceId = serviceId;
		this.deadlineNanos = deadlineNanos;
	}

	/**
	 * Binds a new call to the current thread until the returned scope is closed.
	 * @param serviceId the service called
	 * @param deadlineNanos {@link System#nanoTime()} by which the call must be over
	 * @return the call's attempts
	 */
	public static CallAttempts start(String serviceId, long deadlineNanos) {
		CallAttempts attempts = new CallAttempts(serviceId, deadlineNanos);
		CURRENT.set(attempts);
		return attempts;
	}

	/**
	 * Rebinds a call, such as the one a nested call interrupted.
	 * @param attempts the call
	 */
	public static void bind(CallAttempts attempts) {
		CURRENT.set(attempts);
	}

	public static void clear() {
		CURRENT.remove();
	}

	/**
	 * The call on this thread, if any.
	 * @return the call or {@code null}
	 */
	public static CallAttempts current() {
		return CURRENT.get();
	}

	public String serviceId() {
		return this.serviceId;
	}

	public synchronized void beginAttempt() {
		this.attempts++;
	}

	public synchronized int attempts() {
		return this.attempts;
	}

	public synchronized void markIdempotent(boolean idempotent) {
		this.idempotent = idempotent;
	}

	/**
	 * Notes whether the current attempt's timeout was shortened to end by the deadline,
	 * so that its timing out is not held against the instance.
	 * @param cut whether the timeout was shortened
	 */
	public synchronized void markCutByDeadline(boolean cut) {
		this.cutByDeadline = cut;
	}

	public synchronized boolean isCutByDeadline() {
		return this.cutByDeadline;
	}

	public synchronized boolean isIdempotent() {
		return this.idempotent;
	}

	public synchronized void tried(String instanceKey) {
		this.triedInstances.add(instanceKey);
	}

	public synchronized List<String> triedInstances() {
		return this.triedInstances.isEmpty() ? Collections.emptyList() : List.copyOf(this.triedInstances);
	}

	public long remainingNanos() {
		return this.deadlineNanos - System.nanoTime();
	}

}
