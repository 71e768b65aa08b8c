package dev.microkit.samples.inventory;

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
 * Inventory is an OAuth2 resource server: every operation of its HTTP API (its gRPC API:
 * {@link GrpcSecurityConfiguration}) wants a JWT from the issuer with the operation's
 * scope — {@code inventory:read} to read stock, {@code inventory:write} to change it or
 * to reserve and release. Without a token the answer is 401, without the scope 403, both
 * as problem details. Health, info and Prometheus stay open for probes and scrapes, as
 * does the read-only console.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	static final String READ = "SCOPE_inventory:read";

	static final String WRITE = "SCOPE_inventory:write";

	@Bean
	SecurityFilterChain api(HttpSecurity http, ProblemDetailsAuthenticationEntryPoint entryPoint,
			ProblemDetailsAccessDeniedHandler accessDenied) throws Exception {
		http.authorizeHttpRequests((requests) -> requests.dispatcherTypeMatchers(DispatcherType.ERROR)
			.permitAll()
			.requestMatchers(HttpMethod.GET, "/api/inventory/*")
			.hasAuthority(READ)
			.requestMatchers("/api/inventory/**")
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
