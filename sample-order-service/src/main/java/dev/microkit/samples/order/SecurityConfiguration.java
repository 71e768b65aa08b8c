package dev.microkit.samples.order;

import dev.microkit.security.ProblemDetailsAccessDeniedHandler;
import dev.microkit.security.ProblemDetailsAuthenticationEntryPoint;
import jakarta.servlet.DispatcherType;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The order service is an OAuth2 resource server: every operation of its API wants a JWT
 * from the issuer with the operation's scope — {@code orders:read} to read orders and
 * quotes, {@code orders:write} to place and cancel orders. Without a token the answer is
 * 401, without the scope 403, both as problem details. Health, info and Prometheus stay
 * open for probes and scrapes, as does the read-only console. Its own calls to inventory
 * carry its own token, not its caller's (the {@code inventory-service} client
 * registration).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	static final String READ = "SCOPE_orders:read";

	static final String WRITE = "SCOPE_orders:write";

	@Bean
	SecurityFilterChain api(HttpSecurity http, ProblemDetailsAuthenticationEntryPoint entryPoint,
			ProblemDetailsAccessDeniedHandler accessDenied) throws Exception {
		http.authorizeHttpRequests((requests) -> requests.dispatcherTypeMatchers(DispatcherType.ERROR)
			.permitAll()
			.requestMatchers(HttpMethod.GET, "/api/orders/*", "/api/quotes/*")
			.hasAuthority(READ)
			.requestMatchers("/api/orders", "/api/orders/**")
			.hasAuthority(WRITE)
			.requestMatchers("/actuator/health/**", "/actuator/info", "/actuator/prometheus", "/microkit/**")
			.permitAll()
			.anyRequest()
			.authenticated())
			.oauth2ResourceServer((server) -> server.jwt(Customizer.withDefaults())
				.authenticationEntryPoint(entryPoint)
				.accessDeniedHandler(accessDenied))
			.exceptionHandling(
					(exceptions) -> exceptions.authenticationEntryPoint(entryPoint).accessDeniedHandler(accessDenied))
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf((csrf) -> csrf.disable());
		return http.build();
	}

}
