package dev.microkit.localkafka;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The {@code server.properties} of a single combined broker and controller on loopback.
 */
final class BrokerConfig {

	private BrokerConfig() {
	}

	static Path write(LocalKafkaSettings settings) throws IOException {
		Files.createDirectories(settings.dataDir());
		Path config = settings.dataDir().resolve("server.properties");
		Files.writeString(config, String.join("\n", "process.roles=broker,controller", "node.id=1",
				"controller.quorum.voters=1@127.0.0.1:" + settings.controllerPort(),
				"listeners=PLAINTEXT://127.0.0.1:" + settings.port() + ",CONTROLLER://127.0.0.1:"
						+ settings.controllerPort(),
				"advertised.listeners=PLAINTEXT://localhost:" + settings.port(), "controller.listener.names=CONTROLLER",
				"listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
				"inter.broker.listener.name=PLAINTEXT",
				"log.dirs=" + settings.dataDir().resolve("logs").toAbsolutePath(),
				"num.partitions=" + settings.partitions(), "offsets.topic.replication.factor=1",
				"transaction.state.log.replication.factor=1", "transaction.state.log.min.isr=1",
				"group.initial.rebalance.delay.ms=0", "auto.create.topics.enable=true", ""));
		return config;
	}

}
