package dev.microkit.calls.resilience;

import java.util.LinkedHashSet;
import java.util.Set;

import dev.microkit.calls.CallsProperties;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.cloud.openfeign.FeignClientFactoryBean;
import org.springframework.core.env.Environment;

/**
 * Prepares the policy of every Feign client and every configured client once the
 * application's singletons exist: Feign proxies are built lazily, and a setting that
 * cannot work must stop startup rather than fail the first call.
 */
public class ClientCallPoliciesInitializer implements SmartInitializingSingleton {

	private static final String LAZY_FACTORY_BEAN_ATTRIBUTE = "feignClientsRegistrarFactoryBean";

	private final ClientCallPolicies policies;

	private final CallsProperties properties;

	private final ConfigurableListableBeanFactory beanFactory;

	private final Environment environment;

	public ClientCallPoliciesInitializer(ClientCallPolicies policies, CallsProperties properties,
			ConfigurableListableBeanFactory beanFactory, Environment environment) {
		this.policies = policies;
		this.properties = properties;
		this.beanFactory = beanFactory;
		this.environment = environment;
	}

	@Override
	public void afterSingletonsInstantiated() {
		Set<String> serviceIds = new LinkedHashSet<>(this.properties.getClients().keySet());
		for (String name : this.beanFactory.getBeanDefinitionNames()) {
			String serviceId = feignClientName(this.beanFactory.getBeanDefinition(name));
			if (serviceId != null) {
				serviceIds.add(this.environment.resolvePlaceholders(serviceId));
			}
		}
		serviceIds.forEach(this.policies::forService);
	}

	private static String feignClientName(BeanDefinition definition) {
		if (definition.getAttribute(LAZY_FACTORY_BEAN_ATTRIBUTE) instanceof FeignClientFactoryBean factoryBean) {
			return factoryBean.getName();
		}
		if (FeignClientFactoryBean.class.getName().equals(definition.getBeanClassName())) {
			Object name = definition.getPropertyValues().get("name");
			return (name != null) ? name.toString() : null;
		}
		return null;
	}

}
