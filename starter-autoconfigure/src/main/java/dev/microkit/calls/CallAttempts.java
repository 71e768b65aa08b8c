package dev.microkit.calls;

import java.util.ArrayList;
import java.util.List;

/**
 * The attempts of one logical call, visible to the balancer and the HTTP layer of the
 * thread making it. Feign calls are blocking, so a thread-bound holder is how the
 * resilience layer above Feign hands the deadline and the instances already tried to the
 * layers below it. Only the calling thread changes it; its fields are volatile rather
 * than guarded by a lock, so that code the call is handed to on another thread, such as a
 * balancer's reactive pipeline, sees them.
 */
public final class CallAttempts {

	private static final ThreadLocal<CallAttempts> CURRENT = new ThreadLocal<>();

	private final String serviceId;

	private final long deadlineNanos;

	private volatile List<String> triedInstances = List.of();

	private volatile int attempts;

	private volatile boolean idempotent;

	private volatile boolean declaredIdempotent;

	private volatile boolean cutByDeadline;

	CallAttempts(String serviceId, long deadlineNanos) {
		this.serviceId = serviceId;
		this.deadlineNanos = deadlineNanos;
	}

	/**
	 * Binds a new call to the current thread until the returned scope is closed, which
	 * binds again the call it interrupted, if any.
	 * @param serviceId the service called
	 * @param deadlineNanos {@link System#nanoTime()} by which the call must be over
	 * @return the scope of the call, to close when the call is over
	 */
	public static Scope begin(String serviceId, long deadlineNanos) {
		Scope scope = new Scope(CURRENT.get(), new CallAttempts(serviceId, deadlineNanos));
		CURRENT.set(scope.attempts());
		return scope;
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

	public void beginAttempt() {
		// Not atomic, and need not be: only the calling thread writes.
		this.attempts++;
	}

	public int attempts() {
		return this.attempts;
	}

	public void markIdempotent(boolean idempotent) {
		this.idempotent = idempotent;
	}

	/**
	 * Notes that the caller declared the whole call safe to repeat (an {@link Idempotent}
	 * method of a client whose requests do not carry their method), whatever each attempt
	 * is marked.
	 */
	public void declareIdempotent() {
		this.declaredIdempotent = true;
	}

	/**
	 * Notes whether the current attempt's timeout was shortened to end by the deadline,
	 * so that its timing out is not held against the instance.
	 * @param cut whether the timeout was shortened
	 */
	public void markCutByDeadline(boolean cut) {
		this.cutByDeadline = cut;
	}

	public boolean isCutByDeadline() {
		return this.cutByDeadline;
	}

	public boolean isIdempotent() {
		return this.idempotent || this.declaredIdempotent;
	}

	public void tried(String instanceKey) {
		if (this.triedInstances.isEmpty()) {
			this.triedInstances = List.of(instanceKey);
			return;
		}
		List<String> tried = new ArrayList<>(this.triedInstances.size() + 1);
		tried.addAll(this.triedInstances);
		tried.add(instanceKey);
		this.triedInstances = List.copyOf(tried);
	}

	public List<String> triedInstances() {
		return this.triedInstances;
	}

	public long remainingNanos() {
		return this.deadlineNanos - System.nanoTime();
	}

	/**
	 * The time one call is bound to its thread. Closing it binds again the call it
	 * interrupted, or leaves the thread without a call. The thread keeps an empty slot
	 * rather than removing it: a thread making call after call would otherwise remove and
	 * add its entry in its thread-local map every time.
	 */
	public static final class Scope implements AutoCloseable {

		private final CallAttempts outer;

		private final CallAttempts attempts;

		private Scope(CallAttempts outer, CallAttempts attempts) {
			this.outer = outer;
			this.attempts = attempts;
		}

		public CallAttempts attempts() {
			return this.attempts;
		}

		@Override
		public void close() {
			CURRENT.set(this.outer);
		}

	}

}
