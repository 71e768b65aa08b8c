package dev.microkit.calls;

import dev.microkit.calls.grpc.GrpcClients;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.cloud.openfeign.EnableFeignClients;
import org.springframework.context.annotation.Bean;

/**
 * An application with two kinds of client of {@code backend}: the Feign
 * {@link BackendClient} and the gRPC {@link BackendGrpc.Client}.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@EnableFeignClients(clients = BackendClient.class)
class GrpcTestApplication {

	@Bean
	BackendGrpc.Client backendGrpcClient(GrpcClients clients) {
		return new BackendGrpc.Client(clients.channel("backend"));
	}

}
