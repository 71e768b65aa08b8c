package dev.microkit.calls.resilience;

import java.util.LinkedHashSet;
import java.util.Set;

import dev.microkit.calls.CallsProperties;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.cloud.openfeign.FeignClientFactoryBean;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

/**
 * Prepares the service of every Feign client and every configured client once the
 * application's singletons exist: creates its policy, so that a setting that cannot work
 * stops startup rather than the first call, and its load-balancer context, so that the
 * first call does not spend its deadline building it.
 */
public class ClientCallPoliciesInitializer implements SmartInitializingSingleton {

	private static final boolean FEIGN_PRESENT = ClassUtils.isPresent(
			"org.springframework.cloud.openfeign.FeignClientFactoryBean",
			ClientCallPoliciesInitializer.class.getClassLoader());

	private final ClientCallPolicies policies;

	private final CallsProperties properties;

	private final ConfigurableListableBeanFactory beanFactory;

	private final Environment environment;

	private final ObjectProvider<LoadBalancerClientFactory> loadBalancers;

	public ClientCallPoliciesInitializer(ClientCallPolicies policies, CallsProperties properties,
			ConfigurableListableBeanFactory beanFactory, Environment environment,
			ObjectProvider<LoadBalancerClientFactory> loadBalancers) {
		this.policies = policies;
		this.properties = properties;
		this.beanFactory = beanFactory;
		this.environment = environment;
		this.loadBalancers = loadBalancers;
	}

	@Override
	public void afterSingletonsInstantiated() {
		Set<String> serviceIds = new LinkedHashSet<>(this.properties.getClients().keySet());
		if (FEIGN_PRESENT) {
			for (String name : this.beanFactory.getBeanDefinitionNames()) {
				String serviceId = FeignClients.serviceId(this.beanFactory.getBeanDefinition(name));
				if (serviceId != null) {
					serviceIds.add(this.environment.resolvePlaceholders(serviceId));
				}
			}
		}
		serviceIds.forEach(this.policies::forService);
		LoadBalancerClientFactory factory = this.loadBalancers.getIfAvailable();
		if (factory != null) {
			serviceIds.forEach(factory::getInstance);
		}
	}

	/**
	 * The Feign clients among the bean definitions, in a class of its own so that Feign's
	 * types are loaded only where Feign is.
	 */
	private static final class FeignClients {

		private static final String LAZY_FACTORY_BEAN_ATTRIBUTE = "feignClientsRegistrarFactoryBean";

		static String serviceId(BeanDefinition definition) {
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

}
