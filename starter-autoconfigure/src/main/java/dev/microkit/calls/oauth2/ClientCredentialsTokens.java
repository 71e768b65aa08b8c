package dev.microkit.calls.oauth2;

import java.net.http.HttpClient;
import java.time.Duration;

import dev.microkit.calls.CallsProperties;
import dev.microkit.calls.ClientSettingsResolver;
import dev.microkit.calls.ServiceToken;
import dev.microkit.calls.ServiceTokens;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.converter.FormHttpMessageConverter;
import org.springframework.security.oauth2.client.endpoint.RestClientClientCredentialsTokenResponseClient;
import org.springframework.security.oauth2.client.http.OAuth2ErrorResponseErrorHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.http.converter.OAuth2AccessTokenResponseHttpMessageConverter;
import org.springframework.web.client.RestClient;

/**
 * Client-credentials tokens of Spring Security's OAuth2 client registrations
 * ({@code spring.security.oauth2.client.registration.<id>}): calls to a service carry a
 * token of the registration that
 * {@code microkit.calls.clients.<service-id>.oauth2.registration-id} names, else of the
 * registration whose id is the service id (as Spring Cloud OpenFeign's OAuth2 support
 * picks it), else none. Spring Security fetches each token; caching is microkit's,
 * because Spring's authorized-client managers let every caller that finds the token near
 * its expiry fetch a new one at once.
 */
public class ClientCredentialsTokens implements ServiceTokens {

	private final ObjectProvider<ClientRegistrationRepository> registrations;

	private final ClientSettingsResolver settings;

	private final MeterRegistry meterRegistry;

	/**
	 * Where tokens are fetched: a thread for each fetch, as fetches are rare and short.
	 */
	private final SimpleAsyncTaskExecutor fetches = new SimpleAsyncTaskExecutor("microkit-token-");

	public ClientCredentialsTokens(ObjectProvider<ClientRegistrationRepository> registrations,
			ClientSettingsResolver settings, MeterRegistry meterRegistry) {
		this.registrations = registrations;
		this.settings = settings;
		this.meterRegistry = meterRegistry;
		this.fetches.setDaemon(true);
	}

	@Override
	public ServiceToken forService(String serviceId) {
		CallsProperties.OAuth2 settings = this.settings.resolve(serviceId).getOauth2();
		ClientRegistrationRepository registrations = this.registrations.getIfAvailable();
		String configured = settings.getRegistrationId();
		if (configured == null) {
			ClientRegistration registration = (registrations != null) ? registrations.findByRegistrationId(serviceId)
					: null;
			return (registration != null) ? token(serviceId, registration, settings) : null;
		}
		String property = this.settings.propertyName(serviceId, "oauth2.registration-id");
		ClientRegistration registration = (registrations != null) ? registrations.findByRegistrationId(configured)
				: null;
		if (registration == null) {
			throw new InvalidConfigurationPropertyValueException(property, configured,
					"There is no registration '" + configured + "' under spring.security.oauth2.client.registration.");
		}
		return token(serviceId, registration, settings);
	}

	private ServiceToken token(String serviceId, ClientRegistration registration, CallsProperties.OAuth2 settings) {
		if (!AuthorizationGrantType.CLIENT_CREDENTIALS.equals(registration.getAuthorizationGrantType())) {
			throw new InvalidConfigurationPropertyValueException(
					"spring.security.oauth2.client.registration." + registration.getRegistrationId()
							+ ".authorization-grant-type",
					registration.getAuthorizationGrantType().getValue(), "Calls to " + serviceId
							+ " carry this registration's token, which they get with client_credentials.");
		}
		RestClientClientCredentialsTokenResponseClient tokenEndpoint = new RestClientClientCredentialsTokenResponseClient();
		tokenEndpoint.setRestClient(tokenEndpointClient(settings.getTokenTimeout()));
		return new ClientCredentialsToken(serviceId, registration, tokenEndpoint,
				new TokenRequestTimers(this.meterRegistry, serviceId), this.fetches);
	}

	/**
	 * A client as Spring Security's own, with timeouts: Spring's has none, so a token
	 * endpoint that does not answer would hold calls forever.
	 */
	private static RestClient tokenEndpointClient(Duration timeout) {
		JdkClientHttpRequestFactory requestFactory = new JdkClientHttpRequestFactory(
				HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build());
		requestFactory.setReadTimeout(timeout);
		return RestClient.builder().requestFactory(requestFactory).messageConverters((converters) -> {
			converters.clear();
			converters.add(new FormHttpMessageConverter());
			converters.add(new OAuth2AccessTokenResponseHttpMessageConverter());
		}).defaultStatusHandler(new OAuth2ErrorResponseErrorHandler()).build();
	}

}
