package dev.microkit.calls.resilience;

import feign.Capability;
import feign.Client;
import feign.InvocationHandlerFactory;

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
		return (target, dispatch) -> factory.create(target, this.policies.decorate(target, dispatch));
	}

	@Override
	public Client enrich(Client client) {
		return new DeadlineAwareClient(client, this.policies);
	}

}
