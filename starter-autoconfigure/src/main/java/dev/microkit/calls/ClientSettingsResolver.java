package dev.microkit.calls;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.microkit.calls.CallsProperties.ClientProperties;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.core.env.Environment;

/**
 * Resolves the effective settings of one client: built-in defaults, then
 * {@code microkit.calls.defaults.*}, then {@code microkit.calls.clients.<id>.*}, key by
 * key.
 */
public class ClientSettingsResolver {

	static final String PREFIX = "microkit.calls";

	private final Binder binder;

	private final Map<String, ClientProperties> resolved = new ConcurrentHashMap<>();

	public ClientSettingsResolver(Environment environment) {
		ApplicationConversionService conversionService = new ApplicationConversionService();
		conversionService.addConverter(new LoadBalancerTypeConverter());
		this.binder = new Binder(ConfigurationPropertySources.get(environment), null, conversionService);
	}

	public ClientProperties resolve(String serviceId) {
		return this.resolved.computeIfAbsent(serviceId, this::bind);
	}

	private ClientProperties bind(String serviceId) {
		ClientProperties settings = new ClientProperties();
		this.binder.bind(PREFIX + ".defaults", Bindable.ofInstance(settings));
		this.binder.bind(PREFIX + ".clients." + serviceId, Bindable.ofInstance(settings));
		return settings;
	}

	/**
	 * Names the property that set a client's key, for messages: the client's own key when
	 * it is set, else the defaults key.
	 * @param serviceId the client
	 * @param key the key below the client, such as {@code timeout}
	 * @return the full property name
	 */
	public String propertyName(String serviceId, String key) {
		String own = PREFIX + ".clients." + serviceId + "." + key;
		return this.binder.bind(own, Bindable.of(String.class)).isBound() ? own : PREFIX + ".defaults." + key;
	}

}
