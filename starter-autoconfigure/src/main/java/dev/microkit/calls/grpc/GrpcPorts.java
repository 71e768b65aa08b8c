package dev.microkit.calls.grpc;

import java.util.Map;

import io.grpc.Status;

import org.springframework.cloud.client.ServiceInstance;

/**
 * Where an instance serves gRPC: the port in its discovery metadata, else the one
 * configured for the service.
 */
final class GrpcPorts {

	/**
	 * Metadata key naming an instance's gRPC port.
	 */
	static final String METADATA_KEY = "grpc-port";

	/**
	 * The key grpc-spring-boot-starter registers, so that instances it registered are
	 * found as they are.
	 */
	static final String LEGACY_METADATA_KEY = "gRPC_port";

	private final String serviceId;

	private final Integer configured;

	GrpcPorts(String serviceId, Integer configured) {
		this.serviceId = serviceId;
		this.configured = configured;
	}

	int of(ServiceInstance instance) {
		Map<String, String> metadata = instance.getMetadata();
		String port = (metadata != null) ? metadata.getOrDefault(METADATA_KEY, metadata.get(LEGACY_METADATA_KEY))
				: null;
		if (port != null) {
			try {
				return Integer.parseInt(port.trim());
			}
			catch (NumberFormatException ex) {
				throw noPort(instance, "its metadata " + METADATA_KEY + " '" + port + "' is not a port");
			}
		}
		if (this.configured != null) {
			return this.configured;
		}
		throw noPort(instance, "it has no metadata " + METADATA_KEY);
	}

	// the caller's error, not the instance's: not retried, not held against it
	private RuntimeException noPort(ServiceInstance instance, String why) {
		return Status.FAILED_PRECONDITION
			.withDescription("No gRPC port for instance " + instance.getHost() + ":" + instance.getPort() + " of "
					+ this.serviceId + ": " + why + " and microkit.calls.clients." + this.serviceId
					+ ".grpc.port is not set")
			.asRuntimeException();
	}

}
