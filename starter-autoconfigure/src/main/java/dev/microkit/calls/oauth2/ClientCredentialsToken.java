package dev.microkit.calls.oauth2;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;

import dev.microkit.calls.CallAttempts;
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
 * expires (30 seconds, or a tenth of its life when that is shorter); then the next one is
 * fetched in the background while calls go on with the current one. A failed fetch keeps
 * the current token until it expires, and after that each call fails with a
 * {@link CallTokenException} until a fetch succeeds. Calls with no token to use wait for
 * the one fetch under way, no longer than their own deadline. A failed fetch answers for
 * a second: calls that come within that time fail with its reason rather than ask the
 * endpoint again. A refused token is dropped unless it is under a second old.
 */
final class ClientCredentialsToken implements ServiceToken {

	private static final Log logger = LogFactory.getLog(ClientCredentialsToken.class);

	private static final Duration MAX_MARGIN = Duration.ofSeconds(30);

	private static final Duration MIN_AGE_TO_DROP = Duration.ofSeconds(1);

	/**
	 * How long a failed fetch answers for the token endpoint: calls that come within this
	 * time fail with its reason instead of asking again.
	 */
	private static final Duration FAILURE_HOLD = Duration.ofSeconds(1);

	private final String serviceId;

	private final ClientRegistration registration;

	private final OAuth2AccessTokenResponseClient<OAuth2ClientCredentialsGrantRequest> tokenEndpoint;

	private final TokenRequestTimers timers;

	private final Executor fetches;

	private final LongSupplier nanoTime;

	private volatile Cached cached;

	/**
	 * The fetch under way, if any; guarded by {@code this}.
	 */
	private CompletableFuture<String> fetching;

	/**
	 * The last fetch's failure, until a fetch succeeds; guarded by {@code this}.
	 */
	private Failure lastFailure;

	ClientCredentialsToken(String serviceId, ClientRegistration registration,
			OAuth2AccessTokenResponseClient<OAuth2ClientCredentialsGrantRequest> tokenEndpoint,
			TokenRequestTimers timers, Executor fetches) {
		this(serviceId, registration, tokenEndpoint, timers, fetches, System::nanoTime);
	}

	ClientCredentialsToken(String serviceId, ClientRegistration registration,
			OAuth2AccessTokenResponseClient<OAuth2ClientCredentialsGrantRequest> tokenEndpoint,
			TokenRequestTimers timers, Executor fetches, LongSupplier nanoTime) {
		this.serviceId = serviceId;
		this.registration = registration;
		this.tokenEndpoint = tokenEndpoint;
		this.timers = timers;
		this.fetches = fetches;
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
		CompletableFuture<String> fetch = fetch(now, usable);
		return usable ? current.authorization() : await(fetch);
	}

	/**
	 * The fetch under way, a new one, or the last failure while it still answers (none to
	 * a caller that has a token to use meanwhile).
	 */
	private synchronized CompletableFuture<String> fetch(long now, boolean usable) {
		if (this.fetching != null) {
			return this.fetching;
		}
		Cached current = this.cached;
		if (current != null && current.isFresh(now)) {
			return CompletableFuture.completedFuture(current.authorization());
		}
		Failure failure = this.lastFailure;
		if (failure != null && now - failure.at() < FAILURE_HOLD.toNanos()) {
			return usable ? null
					: CompletableFuture.failedFuture(new CallTokenException(failure.message(), failure.cause()));
		}
		CompletableFuture<String> fetch = new CompletableFuture<>();
		this.fetching = fetch;
		try {
			this.fetches.execute(() -> fetchInto(fetch));
		}
		catch (RejectedExecutionException ex) {
			fetchInto(fetch);
		}
		return fetch;
	}

	private void fetchInto(CompletableFuture<String> fetch) {
		long start = this.nanoTime.getAsLong();
		Cached fetched = null;
		CallTokenException failure = null;
		try {
			OAuth2AccessToken token = this.tokenEndpoint
				.getTokenResponse(new OAuth2ClientCredentialsGrantRequest(this.registration))
				.getAccessToken();
			this.timers.success(this.nanoTime.getAsLong() - start);
			fetched = Cached.of(token, start);
		}
		catch (RuntimeException | Error ex) {
			// an Error too: the callers waiting for this fetch must hear of it
			this.timers.failure(this.nanoTime.getAsLong() - start);
			failure = new CallTokenException("No access token for calls to " + this.serviceId + ": registration '"
					+ this.registration.getRegistrationId() + "' got none from "
					+ this.registration.getProviderDetails().getTokenUri() + ": " + ex.getMessage(), ex);
		}
		synchronized (this) {
			this.fetching = null;
			if (fetched != null) {
				this.cached = fetched;
				this.lastFailure = null;
			}
			else {
				this.lastFailure = new Failure(failure.getMessage(), failure.getCause(), this.nanoTime.getAsLong());
				Cached current = this.cached;
				if (current != null && current.isUnexpired(this.nanoTime.getAsLong())) {
					logger.warn(failure.getMessage() + "; calls keep the current token until it expires");
				}
			}
		}
		if (fetched != null) {
			fetch.complete(fetched.authorization());
		}
		else {
			fetch.completeExceptionally(failure);
		}
	}

	/**
	 * Waits for a fetch, no longer than the current call's deadline.
	 */
	private String await(CompletableFuture<String> fetch) {
		CallAttempts call = CallAttempts.current();
		try {
			return (call != null) ? fetch.get(Math.max(call.remainingNanos(), 0), TimeUnit.NANOSECONDS) : fetch.get();
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof CallTokenException failure) {
				throw new CallTokenException(failure.getMessage(), failure.getCause());
			}
			throw new CallTokenException("No access token for calls to " + this.serviceId + ": " + ex.getCause(),
					ex.getCause());
		}
		catch (TimeoutException ex) {
			throw new CallTokenException("No access token for calls to " + this.serviceId
					+ " within the call's deadline: " + "registration '" + this.registration.getRegistrationId()
					+ "' is still waiting for " + this.registration.getProviderDetails().getTokenUri(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new CallTokenException("Interrupted while waiting for an access token for calls to " + this.serviceId,
					ex);
		}
	}

	@Override
	public synchronized boolean rejected(String authorization) {
		Cached current = this.cached;
		if (current == null || !current.authorization().equals(authorization)) {
			// dropped already, or replaced: the next attempt carries the newer one
			return true;
		}
		if (this.nanoTime.getAsLong() - current.fetchedAt() < MIN_AGE_TO_DROP.toNanos()) {
			// a token refused right after it was issued says the client lacks a right;
			// fetching more would only load the issuer
			return false;
		}
		this.cached = null;
		return true;
	}

	/**
	 * A failed fetch: its message, its cause and when it failed.
	 */
	private record Failure(String message, Throwable cause, long at) {
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
