package dev.microkit.discovery;

import java.time.Instant;

/**
 * What DNS last did for the name of one service: when it last answered, and since when
 * and why it has failed to answer after that.
 *
 * @param lastAnswer when DNS last answered, or {@code null} if it never has
 * @param failingSince when DNS first failed after its last answer, or {@code null} while
 * it answers
 * @param failure why DNS last failed, or {@code null} while it answers
 */
record ServiceResolution(Instant lastAnswer, Instant failingSince, String failure) {

	/**
	 * Not asked yet.
	 */
	static final ServiceResolution NONE = new ServiceResolution(null, null, null);

	static ServiceResolution answered(Instant now) {
		return new ServiceResolution(now, null, null);
	}

	ServiceResolution failed(Instant now, String failure) {
		return new ServiceResolution(this.lastAnswer, (this.failingSince != null) ? this.failingSince : now, failure);
	}

}
