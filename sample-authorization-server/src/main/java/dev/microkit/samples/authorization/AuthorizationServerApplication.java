package dev.microkit.samples.authorization;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The samples' token issuer: Spring Authorization Server with the clients of both
 * services and of the demo, configured under
 * {@code spring.security.oauth2.authorizationserver.*}.
 */
@SpringBootApplication
public class AuthorizationServerApplication {

	public static void main(String[] args) {
		SpringApplication.run(AuthorizationServerApplication.class, args);
	}

}
