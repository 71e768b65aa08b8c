package dev.microkit.calls.resilience;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.microkit.calls.CallsProperties.ClientProperties;
import dev.microkit.calls.ClientSettingsResolver;
import dev.microkit.calls.ServiceTokens;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.core.env.Environment;

/**
 * The {@link ClientCallPolicy} of every service, shared by all its clients (Feign, HTTP
 * interface), created and checked when a client is built, so that a wrong setting fails
 * startup.
 */
public class ClientCallPolicies {

	private final Map<String, ClientCallPolicy> policies = new ConcurrentHashMap<>();

	private final ClientSettingsResolver settings;

	private final ResilienceInstances resilience;

	private final Environment environment;

	private final MeterRegistry meterRegistry;

	private final ServiceTokens tokens;

	public ClientCallPolicies(ClientSettingsResolver settings, ResilienceInstances resilience, Environment environment,
			MeterRegistry meterRegistry) {
		this(settings, resilience, environment, meterRegistry, ServiceTokens.NONE);
	}

	public ClientCallPolicies(ClientSettingsResolver settings, ResilienceInstances resilience, Environment environment,
			MeterRegistry meterRegistry, ServiceTokens tokens) {
		this.settings = settings;
		this.resilience = resilience;
		this.environment = environment;
		this.meterRegistry = meterRegistry;
		this.tokens = tokens;
	}

	public ClientCallPolicy forService(String serviceId) {
		ClientCallPolicy policy = this.policies.get(serviceId);
		return (policy != null) ? policy : this.policies.computeIfAbsent(serviceId, this::create);
	}

	public Map<String, ClientCallPolicy> all() {
		return Map.copyOf(this.policies);
	}

	private ClientCallPolicy create(String serviceId) {
		ClientProperties client = this.settings.resolve(serviceId);
		ConfiguredValue<Integer> maxAttempts = maxAttempts(serviceId);
		TimeLimiter timeLimiter = this.resilience.timeLimiter(serviceId);
		ClientTimeouts timeouts = ClientTimeouts.resolve(serviceId, deadline(serviceId, client, timeLimiter),
				maxAttempts, this.environment);
		RetryBudget budget = new RetryBudget(client.getRetryBudget().getPercent(),
				client.getRetryBudget().getMinRetriesPerSecond(), client.getRetryBudget().getTtl(), System::nanoTime);
		ClientCallPolicy policy = new ClientCallPolicy(serviceId, timeouts, budget,
				counter("microkit.calls.retries", serviceId,
						"Retries of calls, each on another instance when one is left"),
				counter("microkit.calls.retry.budget.exhausted", serviceId,
						"Retries refused because the client's retry budget was spent"),
				new CallTimers(this.meterRegistry, serviceId), this.tokens.forService(serviceId));
		policy.use(this.resilience, maxAttempts.value(), timeLimiter);
		return policy;
	}

	private ConfiguredValue<Duration> deadline(String serviceId, ClientProperties client, TimeLimiter timeLimiter) {
		if (timeLimiter != null
				&& timeLimiter.getTimeLimiterConfig().getTimeoutDuration().compareTo(client.getTimeout()) < 0) {
			return new ConfiguredValue<>(timeLimiter.getTimeLimiterConfig().getTimeoutDuration(),
					"resilience4j.timelimiter.instances." + serviceId + ".timeout-duration", true);
		}
		return new ConfiguredValue<>(client.getTimeout(), this.settings.propertyName(serviceId, "timeout"),
				this.settings.isSet(serviceId, "timeout"));
	}

	private ConfiguredValue<Integer> maxAttempts(String serviceId) {
		int maxAttempts = this.resilience.configuredRetry(serviceId).getMaxAttempts();
		String own = "resilience4j.retry.instances." + serviceId;
		if (this.resilience.hasKeysUnder(own)) {
			return new ConfiguredValue<>(maxAttempts, own + ".max-attempts", true);
		}
		if (this.resilience.hasKeysUnder("resilience4j.retry.configs.default")) {
			return new ConfiguredValue<>(maxAttempts, "resilience4j.retry.configs.default.max-attempts", true);
		}
		return new ConfiguredValue<>(maxAttempts,
				own + ".max-attempts (not set; microkit's default is " + CallsResilienceDefaults.MAX_ATTEMPTS + ")",
				false);
	}

	private Counter counter(String name, String serviceId, String description) {
		return Counter.builder(name).tag("client", serviceId).description(description).register(this.meterRegistry);
	}

}
