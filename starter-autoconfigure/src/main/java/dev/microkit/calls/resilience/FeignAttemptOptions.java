package dev.microkit.calls.resilience;

import java.util.concurrent.TimeUnit;

import feign.Request;

/**
 * The Feign options of each attempt of one client's calls: its timeouts end it by the
 * call's deadline. Unless the Feign client sets its own, an attempt may take its share of
 * the deadline to read and at most a second to connect.
 */
final class FeignAttemptOptions {

	private static final Request.Options FEIGN_DEFAULTS = new Request.Options();

	private final ClientTimeouts timeouts;

	/**
	 * The options of the latest attempt, handed out again while an attempt's timeouts
	 * come out the same — as they do for every first attempt: Feign's options are
	 * immutable, and each new one also brings a map of its own.
	 */
	private volatile AttemptOptions latest = new AttemptOptions(null, FEIGN_DEFAULTS);

	FeignAttemptOptions(ClientTimeouts timeouts) {
		this.timeouts = timeouts;
	}

	/**
	 * Whether an attempt's read timeout is shorter than it would have been without the
	 * deadline: its timing out says nothing about the instance.
	 */
	boolean isCutByDeadline(Request.Options configured, long remainingNanos) {
		return ClientTimeouts.remainingMillis(remainingNanos) < ownRead(configured);
	}

	/**
	 * Options of one attempt.
	 * @param configured the Feign client's options
	 * @param remainingNanos what is left of the deadline
	 * @return options that end the attempt by the deadline
	 */
	Request.Options forAttempt(Request.Options configured, long remainingNanos) {
		long remaining = ClientTimeouts.remainingMillis(remainingNanos);
		long connect = Math.min(ownConnect(configured), remaining);
		long read = Math.min(ownRead(configured), remaining);
		AttemptOptions latest = this.latest;
		if (latest.configured() == configured && latest.options().connectTimeoutMillis() == connect
				&& latest.options().readTimeoutMillis() == read) {
			return latest.options();
		}
		Request.Options options = new Request.Options(connect, TimeUnit.MILLISECONDS, read, TimeUnit.MILLISECONDS,
				configured.isFollowRedirects());
		this.latest = new AttemptOptions(configured, options);
		return options;
	}

	private long ownRead(Request.Options configured) {
		if (this.timeouts.ownReadMillis() != null) {
			return this.timeouts.ownReadMillis();
		}
		return isFeignDefault(configured) ? this.timeouts.attemptShareMillis() : configured.readTimeoutMillis();
	}

	private long ownConnect(Request.Options configured) {
		if (this.timeouts.ownConnectMillis() != null) {
			return this.timeouts.ownConnectMillis();
		}
		return isFeignDefault(configured) ? this.timeouts.connectMillis() : configured.connectTimeoutMillis();
	}

	// Options set in Java (a Request.Options bean) count as the client's own; Feign's
	// defaults (10 s connect, 60 s read) mean the client set none.
	private static boolean isFeignDefault(Request.Options configured) {
		return configured.readTimeoutMillis() == FEIGN_DEFAULTS.readTimeoutMillis()
				&& configured.connectTimeoutMillis() == FEIGN_DEFAULTS.connectTimeoutMillis();
	}

	/**
	 * Options made for an attempt from the Feign client's options.
	 */
	private record AttemptOptions(Request.Options configured, Request.Options options) {
	}

}
