package dev.microkit.calls;

import dev.microkit.calls.http.HttpInterfaceClients;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.cloud.openfeign.EnableFeignClients;
import org.springframework.context.annotation.Bean;

/**
 * An application with both kinds of client of {@code backend}: the Feign
 * {@link BackendClient} and the HTTP interface {@link BackendHttpClient}.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@EnableFeignClients(clients = BackendClient.class)
class HttpInterfaceTestApplication {

	@Bean
	BackendHttpClient backendHttpClient(HttpInterfaceClients clients) {
		return clients.create("backend", BackendHttpClient.class);
	}

}
