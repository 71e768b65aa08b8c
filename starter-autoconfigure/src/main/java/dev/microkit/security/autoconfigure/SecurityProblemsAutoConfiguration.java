package dev.microkit.security.autoconfigure;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.microkit.security.ProblemDetailsAccessDeniedHandler;
import dev.microkit.security.ProblemDetailsAuthenticationEntryPoint;
import dev.microkit.security.ProblemDetailsRequestRejectedHandler;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * Auto-configuration of the answers of an OAuth2 resource server to requests it refuses:
 * problem details — with the bearer-token {@code WWW-Authenticate} header for 401 and
 * 403, for the application's security filter chain to use, and for requests the firewall
 * refuses, which Spring Security picks up itself:
 *
 * <pre class="code">
 * http.oauth2ResourceServer((server) -&gt; server.jwt(Customizer.withDefaults())
 *     .authenticationEntryPoint(entryPoint)
 *     .accessDeniedHandler(accessDeniedHandler));
 * </pre>
 */
@AutoConfiguration(after = JacksonAutoConfiguration.class)
@ConditionalOnClass({ BearerTokenAuthenticationEntryPoint.class, ObjectMapper.class })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class SecurityProblemsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ProblemDetailsAuthenticationEntryPoint microkitProblemDetailsAuthenticationEntryPoint(
			ObjectProvider<ObjectMapper> objectMapper) {
		return new ProblemDetailsAuthenticationEntryPoint(objectMapper.getIfAvailable(ObjectMapper::new));
	}

	@Bean
	@ConditionalOnMissingBean(RequestRejectedHandler.class)
	ProblemDetailsRequestRejectedHandler microkitProblemDetailsRequestRejectedHandler(
			ObjectProvider<ObjectMapper> objectMapper) {
		return new ProblemDetailsRequestRejectedHandler(objectMapper.getIfAvailable(ObjectMapper::new));
	}

	@Bean
	@ConditionalOnMissingBean
	ProblemDetailsAccessDeniedHandler microkitProblemDetailsAccessDeniedHandler(
			ObjectProvider<ObjectMapper> objectMapper) {
		return new ProblemDetailsAccessDeniedHandler(objectMapper.getIfAvailable(ObjectMapper::new));
	}

}
