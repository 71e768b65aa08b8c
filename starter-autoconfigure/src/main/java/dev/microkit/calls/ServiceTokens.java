package dev.microkit.calls;

/**
 * Where the access tokens that calls carry come from: one {@link ServiceToken} per
 * service that calls carry a token to, none for the others.
 */
public interface ServiceTokens {

	/**
	 * Tokens of no service: calls carry none.
	 */
	ServiceTokens NONE = (serviceId) -> null;

	/**
	 * The token calls to a service carry.
	 * @param serviceId the service, as discovery knows it
	 * @return its token, or {@code null} when calls to it carry none
	 */
	ServiceToken forService(String serviceId);

}
