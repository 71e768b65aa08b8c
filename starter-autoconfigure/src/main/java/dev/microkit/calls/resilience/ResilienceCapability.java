package dev.microkit.calls.resilience;

import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.Map;

import feign.Capability;
import feign.Client;
import feign.InvocationHandlerFactory;
import feign.InvocationHandlerFactory.MethodHandler;
import feign.Target;

/**
 * Puts every Feign client's calls under its {@link ClientCallPolicy}: the method handlers
 * are wrapped, beneath any {@code @FeignClient} fallback, and the HTTP client bounds each
 * attempt by the deadline. Spring Cloud OpenFeign applies every {@link Capability} bean
 * to every client.
 */
public class ResilienceCapability implements Capability {

	private final ClientCallPolicies policies;

	public ResilienceCapability(ClientCallPolicies policies) {
		this.policies = policies;
	}

	@Override
	public InvocationHandlerFactory enrich(InvocationHandlerFactory factory) {
		return (target, dispatch) -> factory.create(target, decorate(target, dispatch));
	}

	/**
	 * Wraps the method handlers of a Feign client in its policy. Default methods are left
	 * alone: they call the other methods, which are already wrapped.
	 */
	private Map<Method, MethodHandler> decorate(Target<?> target, Map<Method, MethodHandler> dispatch) {
		ClientCallPolicy policy = this.policies.forService(target.name());
		Map<Method, MethodHandler> decorated = new LinkedHashMap<>();
		dispatch.forEach((method, handler) -> decorated.put(method,
				method.isDefault() ? handler : (args) -> policy.call(() -> handler.invoke(args))));
		return decorated;
	}

	@Override
	public Client enrich(Client client) {
		return new DeadlineAwareClient(client, this.policies);
	}

}
