package dev.microkit.calls;

/**
 * The access token that calls to one service carry, in the {@code Authorization} header
 * (HTTP) or metadata (gRPC) of each attempt. An attempt that already carries one keeps
 * its own.
 */
public interface ServiceToken {

	/**
	 * The header value for the next attempt, cached until shortly before the token
	 * expires.
	 * @return the value, such as {@code Bearer eyJ…}
	 * @throws CallTokenException when no token could be had
	 */
	String authorization();

	/**
	 * The service answered 401 (gRPC: UNAUTHENTICATED) to an attempt with this value: it
	 * is dropped, so that the next attempt carries a new token, unless a new one would
	 * not help.
	 * @param authorization the value the attempt carried
	 * @return whether the next attempt carries another token, so that sending it again
	 * may succeed
	 */
	boolean rejected(String authorization);

}
