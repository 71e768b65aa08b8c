package dev.microkit.calls.resilience;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import dev.microkit.calls.ClientSettingsResolver;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.core.env.Environment;

/**
 * One deadline per call: {@code microkit.calls.clients.<id>.timeout} (or a shorter
 * Resilience4j time limiter) bounds every attempt and wait of a call. Unless the Feign
 * client sets its own, an attempt may take {@code timeout / max-attempts} to read and at
 * most a second to connect, so that a black-holed instance leaves time to try another;
 * and never more than what is left of the deadline. Own Feign timeouts longer than that
 * make a default deadline grow, and fail startup only against an explicit one.
 */
public final class ClientTimeouts {

	/**
	 * Connect timeout of an attempt when the Feign client sets none: connecting takes a
	 * round trip, so a second means the instance is unreachable.
	 */
	static final long DEFAULT_CONNECT_MILLIS = 1000;

	private static final String FEIGN_CONFIG = "spring.cloud.openfeign.client.config";

	private static final Log logger = LogFactory.getLog(ClientTimeouts.class);

	private final long deadlineNanos;

	private final String deadlineKey;

	private final long attemptMillis;

	private final Integer ownConnectMillis;

	private final Integer ownReadMillis;

	private ClientTimeouts(Duration deadline, String deadlineKey, int maxAttempts, Integer ownConnectMillis,
			Integer ownReadMillis) {
		this.deadlineNanos = deadline.toNanos();
		this.deadlineKey = deadlineKey;
		this.attemptMillis = Math.max(1, deadline.toMillis() / maxAttempts);
		this.ownConnectMillis = ownConnectMillis;
		this.ownReadMillis = ownReadMillis;
	}

	/**
	 * Resolves and checks the timeouts of a client. A default deadline that the Feign
	 * client's own read timeout, times the attempts, does not fit into grows to fit them;
	 * an explicit one is kept, and fails startup only when it contradicts other explicit
	 * settings.
	 * @param serviceId the client
	 * @param deadline the client's deadline
	 * @param maxAttempts attempts per call
	 * @param environment where the Feign client's own timeouts are configured
	 * @return the timeouts
	 * @throws InvalidConfigurationPropertyValueException when explicit settings
	 * contradict each other
	 */
	public static ClientTimeouts resolve(String serviceId, ConfiguredValue<Duration> deadline,
			ConfiguredValue<Integer> maxAttempts, Environment environment) {
		Binder binder = Binder.get(environment);
		String connectKey = feignKey(binder, serviceId, "connect-timeout");
		String readKey = feignKey(binder, serviceId, "read-timeout");
		Integer connect = binder.bind(connectKey, Integer.class).orElse(null);
		Integer read = binder.bind(readKey, Integer.class).orElse(null);
		Duration fitted = fit(serviceId, deadline, maxAttempts, readKey, read);
		if (connect != null && connect > fitted.toMillis()) {
			fitted = fitConnect(serviceId, deadline, connectKey, connect);
		}
		return new ClientTimeouts(fitted, deadline.key(), maxAttempts.value(), connect, read);
	}

	private static Duration fit(String serviceId, ConfiguredValue<Duration> deadline,
			ConfiguredValue<Integer> maxAttempts, String readKey, Integer read) {
		long deadlineMillis = deadline.value().toMillis();
		if (read == null || (long) read * maxAttempts.value() <= deadlineMillis) {
			return deadline.value();
		}
		String attempts = maxAttempts.value() + " attempts (" + maxAttempts.key() + ") of up to " + read + " ms each ("
				+ readKey + ")";
		if (!deadline.explicit()) {
			Duration grown = Duration.ofMillis((long) read * maxAttempts.value());
			logger.info(serviceId + ": the deadline is " + grown.toMillis() + " ms, not the default " + deadlineMillis
					+ " ms, so that " + attempts + " fit into it. Set " + deadline.key() + " to choose it.");
			return grown;
		}
		if (read > deadlineMillis || maxAttempts.explicit()) {
			throw new InvalidConfigurationPropertyValueException(deadline.key(), deadline.value(),
					"A call makes up to " + attempts + ", which does not fit into " + deadlineMillis + " ms. Raise "
							+ deadline.key() + ", or lower " + readKey + " or " + maxAttempts.key() + ".");
		}
		logger.info(serviceId + ": " + attempts + " do not fit into the " + deadlineMillis + " ms of " + deadline.key()
				+ "; a later attempt gets what is left of it.");
		return deadline.value();
	}

	private static Duration fitConnect(String serviceId, ConfiguredValue<Duration> deadline, String connectKey,
			int connect) {
		if (deadline.explicit()) {
			throw new InvalidConfigurationPropertyValueException(deadline.key(), deadline.value(),
					"It is shorter than the " + connect + " ms of " + connectKey + ". Raise " + deadline.key()
							+ " or lower " + connectKey + ".");
		}
		logger.info(serviceId + ": the deadline is " + connect + " ms, not the default " + deadline.value().toMillis()
				+ " ms, so that the " + connect + " ms of " + connectKey + " fit into it. Set " + deadline.key()
				+ " to choose it.");
		return Duration.ofMillis(connect);
	}

	private static String feignKey(Binder binder, String serviceId, String key) {
		String own = ClientSettingsResolver.mapEntry(FEIGN_CONFIG, serviceId) + "." + key;
		return binder.bind(own, Integer.class).isBound() ? own : FEIGN_CONFIG + ".default." + key;
	}

	public long deadlineNanos() {
		return this.deadlineNanos;
	}

	/**
	 * The property that set the deadline, for messages.
	 * @return the property name
	 */
	public String deadlineKey() {
		return this.deadlineKey;
	}

	/**
	 * Time a retry needs at least to be worth starting: half an attempt.
	 * @return nanoseconds
	 */
	public long minRetryNanos() {
		return TimeUnit.MILLISECONDS.toNanos(Math.max(5, this.attemptMillis / 2));
	}

	/**
	 * Read timeout of one attempt of a client without timeouts of its own: its share of
	 * the deadline, or what is left of it.
	 * @param remainingNanos what is left of the deadline
	 * @return the timeout in milliseconds
	 */
	public long attemptMillis(long remainingNanos) {
		return Math.min(this.attemptMillis, remainingMillis(remainingNanos));
	}

	/**
	 * Connect timeout of a client without timeouts of its own.
	 * @return milliseconds
	 */
	public long connectMillis() {
		return Math.min(this.attemptMillis, DEFAULT_CONNECT_MILLIS);
	}

	/**
	 * Whether the read timeout of an attempt of a client without timeouts of its own is
	 * shorter than its share of the deadline.
	 * @param remainingNanos what is left of the deadline
	 * @return whether the deadline cut it
	 */
	boolean isCutByDeadline(long remainingNanos) {
		return remainingMillis(remainingNanos) < this.attemptMillis;
	}

	/**
	 * The read timeout the Feign client configured by properties, if any.
	 * @return milliseconds or {@code null}
	 */
	Integer ownReadMillis() {
		return this.ownReadMillis;
	}

	/**
	 * The connect timeout the Feign client configured by properties, if any.
	 * @return milliseconds or {@code null}
	 */
	Integer ownConnectMillis() {
		return this.ownConnectMillis;
	}

	/**
	 * An attempt's share of the deadline: the deadline over the attempts of a call.
	 * @return milliseconds
	 */
	long attemptShareMillis() {
		return this.attemptMillis;
	}

	static long remainingMillis(long remainingNanos) {
		return Math.max(1, TimeUnit.NANOSECONDS.toMillis(remainingNanos));
	}

}
