package dev.microkit.samples.inventory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.grpc.server.GlobalServerInterceptor;
import org.springframework.grpc.server.security.AuthenticationProcessInterceptor;
import org.springframework.grpc.server.security.GrpcSecurity;
import org.springframework.security.config.Customizer;

/**
 * Inventory's gRPC API wants the same tokens and scopes as its HTTP API: a JWT from the
 * issuer with {@code inventory:read} for GetStock and {@code inventory:write} for Reserve
 * and Release; UNAUTHENTICATED without one, PERMISSION_DENIED without the scope. gRPC's
 * own services (health, reflection) stay open.
 */
@Configuration(proxyBeanMethods = false)
class GrpcSecurityConfiguration {

	@Bean
	@GlobalServerInterceptor
	AuthenticationProcessInterceptor grpcApi(GrpcSecurity grpc) throws Exception {
		return grpc
			.authorizeRequests((requests) -> requests.methods("microkit.samples.inventory.v1.InventoryService/GetStock")
				.hasAuthority(SecurityConfiguration.READ)
				.methods("microkit.samples.inventory.v1.InventoryService/*")
				.hasAuthority(SecurityConfiguration.WRITE)
				.methods("grpc.*/*")
				.permitAll()
				.allRequests()
				.denyAll())
			.oauth2ResourceServer((server) -> server.jwt(Customizer.withDefaults()))
			.build();
	}

}
