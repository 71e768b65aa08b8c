package dev.microkit.testsupport.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * Makes a service under test check the tokens of {@link TestJwtIssuer#shared()} in place
 * of its issuer's: import it into a {@code @SpringBootTest}.
 */
@Configuration(proxyBeanMethods = false)
public class TestJwtDecoderConfiguration {

	@Bean
	JwtDecoder jwtDecoder() {
		return TestJwtIssuer.shared().decoder();
	}

}
