package dev.microkit.localkafka;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.kafka.common.Uuid;

/**
 * The broker's data folder: its {@code server.properties}, and the storage Kafka formats
 * once, so that a broker started again on the same folder keeps its topics and records.
 */
final class BrokerStorage {

	private BrokerStorage() {
	}

	/**
	 * Writes the broker's configuration and formats the data folder if it is new.
	 * @param out where Kafka's storage tool reports
	 * @return the configuration file
	 */
	static Path prepare(LocalKafkaSettings settings, PrintStream out) throws IOException {
		Path config = BrokerConfig.write(settings);
		format(settings.dataDir(), config, out);
		return config;
	}

	private static void format(Path dataDir, Path config, PrintStream out) throws IOException {
		Path clusterIdFile = dataDir.resolve("cluster.id");
		if (Files.exists(dataDir.resolve("logs").resolve("meta.properties"))) {
			return;
		}
		String clusterId = Files.exists(clusterIdFile) ? Files.readString(clusterIdFile).trim()
				: Uuid.randomUuid().toString();
		Files.writeString(clusterIdFile, clusterId);
		int exit = kafka.tools.StorageTool
			.execute(new String[] { "format", "-t", clusterId, "-c", config.toString(), "--ignore-formatted" }, out);
		if (exit != 0) {
			throw new IllegalStateException("Could not format Kafka's data folder " + dataDir.toAbsolutePath());
		}
	}

}
