package dev.microkit.calls.oauth2;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

import dev.microkit.calls.CallTokenException;
import dev.microkit.calls.ServiceToken;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.security.oauth2.client.endpoint.OAuth2AccessTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.OAuth2ClientCredentialsGrantRequest;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.OAuth2AccessToken;

/**
 * The client-credentials token of one service's calls. It is used until shortly before it
 * expires (30 seconds, or a tenth of its life when that is shorter), then one caller
 * fetches the next while the others keep using the current one; a failed fetch keeps the
 * current token until it expires, and after that each call fails with a
 * {@link CallTokenException} until a fetch succeeds. A failed fetch answers for a second:
 * callers that waited for it or come within that time fail with its reason rather than
 * ask the endpoint again. A refused token is dropped unless it is under a second old.
 */
final class ClientCredentialsToken implements ServiceToken {

	private static final Log logger = LogFactory.getLog(ClientCredentialsToken.class);

	private static final Duration MAX_MARGIN = Duration.ofSeconds(30);

	private static final Duration MIN_AGE_TO_DROP = Duration.ofSeconds(1);

	/**
	 * How long a failed fetch answers for the token endpoint: callers that waited for it,
	 * and those that come within this time, fail with its reason instead of asking again.
	 */
	private static final Duration FAILURE_HOLD = Duration.ofSeconds(1);

	private final String serviceId;

	private final ClientRegistration registration;

	private final OAuth2AccessTokenResponseClient<OAuth2ClientCredentialsGrantRequest> tokenEndpoint;

	private final TokenRequestTimers timers;

	private final LongSupplier nanoTime;

	private final ReentrantLock fetching = new ReentrantLock();

	private volatile Cached cached;

	private volatile Failure lastFailure;

	ClientCredentialsToken(String serviceId, ClientRegistration registration,
			OAuth2AccessTokenResponseClient<OAuth2ClientCredentialsGrantRequest> tokenEndpoint,
			TokenRequestTimers timers) {
		this(serviceId, registration, tokenEndpoint, timers, System::nanoTime);
	}

	ClientCredentialsToken(String serviceId, ClientRegistration registration,
			OAuth2AccessTokenResponseClient<OAuth2ClientCredentialsGrantRequest> tokenEndpoint,
			TokenRequestTimers timers, LongSupplier nanoTime) {
		this.serviceId = serviceId;
		this.registration = registration;
		this.tokenEndpoint = tokenEndpoint;
		this.timers = timers;
		this.nanoTime = nanoTime;
	}

	@Override
	public String authorization() {
		Cached current = this.cached;
		long now = this.nanoTime.getAsLong();
		if (current != null && current.isFresh(now)) {
			return current.authorization();
		}
		boolean usable = current != null && current.isUnexpired(now);
		if (usable && !this.fetching.tryLock()) {
			// another caller fetches the next token; this one has time to use the current
			return current.authorization();
		}
		if (!usable) {
			this.fetching.lock();
		}
		try {
			return fetch();
		}
		finally {
			this.fetching.unlock();
		}
	}

	private String fetch() {
		long now = this.nanoTime.getAsLong();
		Cached current = this.cached;
		if (current != null && current.isFresh(now)) {
			return current.authorization();
		}
		boolean usable = current != null && current.isUnexpired(now);
		Failure failure = this.lastFailure;
		if (failure != null && now - failure.at() < FAILURE_HOLD.toNanos()) {
			if (usable) {
				return current.authorization();
			}
			throw new CallTokenException(failure.message(), failure.cause());
		}
		try {
			OAuth2AccessToken token = this.tokenEndpoint
				.getTokenResponse(new OAuth2ClientCredentialsGrantRequest(this.registration))
				.getAccessToken();
			this.timers.success(this.nanoTime.getAsLong() - now);
			Cached fetched = Cached.of(token, now);
			this.cached = fetched;
			this.lastFailure = null;
			return fetched.authorization();
		}
		catch (RuntimeException ex) {
			long failedAt = this.nanoTime.getAsLong();
			this.timers.failure(failedAt - now);
			String message = "No access token for calls to " + this.serviceId + ": registration '"
					+ this.registration.getRegistrationId() + "' got none from "
					+ this.registration.getProviderDetails().getTokenUri() + ": " + ex.getMessage();
			this.lastFailure = new Failure(message, ex, failedAt);
			if (current != null && current.isUnexpired(failedAt)) {
				logger.warn(message + "; calls keep the current token until it expires");
				return current.authorization();
			}
			throw new CallTokenException(message, ex);
		}
	}

	@Override
	public boolean rejected(String authorization) {
		this.fetching.lock();
		try {
			Cached current = this.cached;
			if (current == null || !current.authorization().equals(authorization)) {
				// dropped already, or replaced: the next attempt carries the newer one
				return true;
			}
			if (this.nanoTime.getAsLong() - current.fetchedAt() < MIN_AGE_TO_DROP.toNanos()) {
				// a token refused right after it was issued says the client lacks a
				// right;
				// fetching more would only load the issuer
				return false;
			}
			this.cached = null;
			return true;
		}
		finally {
			this.fetching.unlock();
		}
	}

	/**
	 * A failed fetch: its message, its cause and when it failed.
	 */
	private record Failure(String message, RuntimeException cause, long at) {
	}

	/**
	 * A token with the times, on the {@code System.nanoTime()} scale, when it is to be
	 * renewed and when it expires.
	 */
	private record Cached(String authorization, long fetchedAt, long renewAt, long expiresAt) {

		static Cached of(OAuth2AccessToken token, long fetchedAt) {
			Instant issued = (token.getIssuedAt() != null) ? token.getIssuedAt() : Instant.now();
			Duration life = (token.getExpiresAt() != null) ? Duration.between(issued, token.getExpiresAt())
					: Duration.ZERO;
			Duration margin = life.dividedBy(10);
			if (margin.compareTo(MAX_MARGIN) > 0) {
				margin = MAX_MARGIN;
			}
			return new Cached(token.getTokenType().getValue() + " " + token.getTokenValue(), fetchedAt,
					fetchedAt + life.minus(margin).toNanos(), fetchedAt + life.toNanos());
		}

		boolean isFresh(long now) {
			return now - this.renewAt < 0;
		}

		boolean isUnexpired(long now) {
			return now - this.expiresAt < 0;
		}

	}

}
