package dev.microkit.benchmarks.samples;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import dev.microkit.calls.Idempotent;
import dev.microkit.calls.grpc.GrpcClients;
import dev.microkit.samples.inventory.v1.InventoryServiceGrpc;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cloud.openfeign.EnableFeignClients;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;

/**
 * A caller of the inventory service's reserve with the starter, as the order service
 * calls it: a Feign client of the HTTP API and a blocking stub of the gRPC API, both
 * under the same call policy of {@code inventory-service}.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@EnableFeignClients(clients = ReserveCallers.InventoryHttp.class)
class ReserveCallers {

	static final String SERVICE = "inventory-service";

	@Bean
	InventoryServiceGrpc.InventoryServiceBlockingStub inventoryGrpc(GrpcClients clients) {
		return InventoryServiceGrpc.newBlockingStub(clients.channel(SERVICE));
	}

	/**
	 * Starts the caller of the given inventory instances.
	 * @param httpUris the instances' HTTP base URIs
	 * @param grpcPorts their gRPC ports, in the same order
	 */
	static ConfigurableApplicationContext start(List<String> httpUris, List<Integer> grpcPorts, URI issuer) {
		List<String> properties = new ArrayList<>();
		// calls carry a token of the issuer, as the order service's do
		String registration = "spring.security.oauth2.client.registration." + SERVICE;
		properties.add(registration + ".client-id=order-service");
		properties.add(registration + ".client-secret=order-service-secret");
		properties.add(registration + ".authorization-grant-type=client_credentials");
		properties.add(registration + ".scope=inventory:read,inventory:write");
		properties.add(registration + ".provider=issuer");
		properties.add("spring.security.oauth2.client.provider.issuer.token-uri=" + issuer.resolve("/oauth2/token"));
		for (int i = 0; i < httpUris.size(); i++) {
			String instance = "spring.cloud.discovery.client.simple.instances." + SERVICE + "[" + i + "]";
			properties.add(instance + ".uri=" + httpUris.get(i));
			properties.add(instance + ".metadata.grpc-port=" + grpcPorts.get(i));
		}
		properties.add("microkit.calls.clients." + SERVICE + ".timeout=2s");
		properties.add("spring.main.banner-mode=off");
		properties.add("logging.level.root=warn");
		properties.add("spring.cloud.refresh.enabled=false");
		properties.add("microkit.events.enabled=false");
		properties.add("spring.autoconfigure.exclude="
				+ "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration,"
				+ "org.springframework.boot.autoconfigure.kafka.KafkaAutoConfiguration,"
				+ "org.springframework.boot.autoconfigure.amqp.RabbitAutoConfiguration");
		properties.add("spring.cloud.openfeign.httpclient.hc5.pool-concurrency-policy=lax");
		properties.add("spring.cloud.openfeign.httpclient.max-connections-per-route=200");
		return new SpringApplicationBuilder(ReserveCallers.class).web(WebApplicationType.NONE)
			.properties(properties.toArray(String[]::new))
			.run();
	}

	/**
	 * The HTTP API's reserve, as the order service's {@code InventoryClient} has it.
	 */
	@FeignClient(SERVICE)
	interface InventoryHttp {

		@Idempotent
		@PostMapping("/api/inventory/reservations")
		String reserve(@RequestBody ReservationRequest request);

	}

	record ReservationRequest(String orderId, String sku, int quantity) {
	}

}
