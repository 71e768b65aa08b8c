package dev.microkit.calls;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.microkit.calls.CallsProperties.ClientProperties;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.core.env.Environment;

/**
 * Resolves the effective settings of one client: built-in defaults, then
 * {@code microkit.calls.defaults.*}, then {@code microkit.calls.clients.<id>.*}, key by
 * key, placeholders resolved. Service ids are used as map keys in brackets, so any id
 * discovery hands out (upper case, camel case, underscores) names its own entry.
 */
public class ClientSettingsResolver {

	static final String PREFIX = "microkit.calls";

	private final Binder binder;

	private final Map<String, ClientProperties> resolved = new ConcurrentHashMap<>();

	public ClientSettingsResolver(Environment environment) {
		ApplicationConversionService conversionService = new ApplicationConversionService();
		conversionService.addConverter(new LoadBalancerTypeConverter());
		this.binder = new Binder(ConfigurationPropertySources.get(environment),
				new PropertySourcesPlaceholdersResolver(environment), conversionService);
	}

	public ClientProperties resolve(String serviceId) {
		return this.resolved.computeIfAbsent(serviceId, this::bind);
	}

	private ClientProperties bind(String serviceId) {
		ClientProperties settings = new ClientProperties();
		this.binder.bind(PREFIX + ".defaults", Bindable.ofInstance(settings));
		this.binder.bind(clientPrefix(serviceId), Bindable.ofInstance(settings));
		checkEjectionTimes(serviceId, settings);
		return settings;
	}

	private void checkEjectionTimes(String serviceId, ClientProperties settings) {
		CallsProperties.Ejection ejection = settings.getEjection();
		if (ejection.getMaxTime().compareTo(ejection.getBaseTime()) < 0) {
			throw new InvalidConfigurationPropertyValueException(propertyName(serviceId, "ejection.max-time"),
					ejection.getMaxTime(), "It is shorter than " + propertyName(serviceId, "ejection.base-time") + " ("
							+ ejection.getBaseTime() + "); the longest ejection cannot be shorter than the first.");
		}
	}

	/**
	 * Names the property that set a client's key, for messages: the client's own key when
	 * it is set, else the defaults key.
	 * @param serviceId the client
	 * @param key the key below the client, such as {@code timeout}
	 * @return the full property name
	 */
	public String propertyName(String serviceId, String key) {
		String own = clientPrefix(serviceId) + "." + key;
		return this.binder.bind(own, Bindable.of(String.class)).isBound() ? own : PREFIX + ".defaults." + key;
	}

	/**
	 * Whether the application set a client's key, for the client or in the defaults.
	 * @param serviceId the client
	 * @param key the key below the client, such as {@code timeout}
	 * @return whether a property sets it
	 */
	public boolean isSet(String serviceId, String key) {
		return this.binder.bind(propertyName(serviceId, key), Bindable.of(String.class)).isBound();
	}

	private static String clientPrefix(String serviceId) {
		return mapEntry(PREFIX + ".clients", serviceId);
	}

	/**
	 * The property name of a map entry: {@code prefix.key} when the key is a valid name
	 * element, else {@code prefix[key]}, which keeps upper case and other characters.
	 * @param prefix the map's property name
	 * @param key the entry's key
	 * @return the entry's property name
	 */
	public static String mapEntry(String prefix, String key) {
		return ConfigurationPropertyName.isValid(key) ? prefix + "." + key : prefix + "[" + key + "]";
	}

}
