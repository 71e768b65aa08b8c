package dev.microkit.calls.resilience;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import feign.Request;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.core.env.Environment;

/**
 * One deadline per call: {@code microkit.calls.clients.<id>.timeout} bounds every
 * attempt and wait of a call. Unless the Feign client sets its own, an attempt may take
 * {@code timeout / max-attempts} to read and at most a second to connect, so that a
 * black-holed instance leaves time to try another; and never more than what is left of
 * the deadline. Own Feign timeouts that cannot fit their attempts into the deadline fail
 * startup.
 */
public final class ClientTimeouts {

	/**
	 * Connect timeout of an attempt when the Feign client sets none: connecting takes a
	 * round trip, so a second means the instance is unreachable.
	 */
	static final long DEFAULT_CONNECT_MILLIS = 1000;

	private static final String FEIGN_CONFIG = "spring.cloud.openfeign.client.config.";

	private final long deadlineNanos;

	private final long attemptMillis;

	private final Integer ownConnectMillis;

	private final Integer ownReadMillis;

	private ClientTimeouts(Duration deadline, int maxAttempts, Integer ownConnectMillis, Integer ownReadMillis) {
		this.deadlineNanos = deadline.toNanos();
		this.attemptMillis = Math.max(1, deadline.toMillis() / maxAttempts);
		this.ownConnectMillis = ownConnectMillis;
		this.ownReadMillis = ownReadMillis;
	}

	/**
	 * Resolves and checks the timeouts of a client.
	 * @param serviceId the client
	 * @param deadline the client's {@code timeout}
	 * @param deadlineKey the property that set it
	 * @param maxAttempts attempts per call
	 * @param maxAttemptsKey the property that set them
	 * @param environment where the Feign client's own timeouts are configured
	 * @return the timeouts
	 * @throws InvalidConfigurationPropertyValueException when the Feign timeouts times the
	 * attempts exceed the deadline
	 */
	public static ClientTimeouts resolve(String serviceId, Duration deadline, String deadlineKey, int maxAttempts,
			String maxAttemptsKey, Environment environment) {
		Binder binder = Binder.get(environment);
		String connectKey = feignKey(binder, serviceId, "connect-timeout");
		String readKey = feignKey(binder, serviceId, "read-timeout");
		Integer connect = binder.bind(connectKey, Integer.class).orElse(null);
		Integer read = binder.bind(readKey, Integer.class).orElse(null);
		if (read != null && (long) read * maxAttempts > deadline.toMillis()) {
			throw new InvalidConfigurationPropertyValueException(deadlineKey, deadline,
					"A call makes up to " + maxAttempts + " attempts (" + maxAttemptsKey + ") of up to " + read
							+ " ms each (" + readKey + "), which does not fit into " + deadline.toMillis()
							+ " ms. Raise " + deadlineKey + ", or lower " + readKey + " or " + maxAttemptsKey + ".");
		}
		if (connect != null && connect > deadline.toMillis()) {
			throw new InvalidConfigurationPropertyValueException(deadlineKey, deadline, "It is shorter than the "
					+ connect + " ms of " + connectKey + ". Raise " + deadlineKey + " or lower " + connectKey + ".");
		}
		return new ClientTimeouts(deadline, maxAttempts, connect, read);
	}

	private static String feignKey(Binder binder, String serviceId, String key) {
		String own = FEIGN_CONFIG + serviceId + "." + key;
		return binder.bind(own, Integer.class).isBound() ? own : FEIGN_CONFIG + "default." + key;
	}

	public long deadlineNanos() {
		return this.deadlineNanos;
	}

	/**
	 * Options of one attempt.
	 * @param configured the Feign client's options
	 * @param remainingNanos what is left of the deadline
	 * @return options that end the attempt by the deadline
	 */
	public Request.Options forAttempt(Request.Options configured, long remainingNanos) {
		long remainingMillis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(remainingNanos));
		long read = (this.ownReadMillis != null) ? this.ownReadMillis : this.attemptMillis;
		long connect = (this.ownConnectMillis != null) ? this.ownConnectMillis
				: Math.min(this.attemptMillis, DEFAULT_CONNECT_MILLIS);
		return new Request.Options(Math.min(connect, remainingMillis), TimeUnit.MILLISECONDS,
				Math.min(read, remainingMillis), TimeUnit.MILLISECONDS, configured.isFollowRedirects());
	}

}
