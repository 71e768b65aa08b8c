package dev.microkit.localkafka;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Settings of a local broker: the command line of {@link LocalKafka}, or what a
 * {@link KraftBroker} in the calling JVM is started with.
 *
 * @param port the broker's port
 * @param controllerPort the KRaft controller's port
 * @param dataDir where Kafka keeps its data
 * @param topics topics to create, each with a {@code -dlt} twin; others are created when
 * first used
 * @param partitions partitions of each topic
 */
public record LocalKafkaSettings(int port, int controllerPort, Path dataDir, List<String> topics, int partitions) {

	/**
	 * Reads the command line; {@code --topics=} with no names creates none.
	 */
	public static LocalKafkaSettings parse(String... args) {
		int port = 9092;
		int controllerPort = 9093;
		Path dataDir = Path.of(".microkit", "kafka");
		List<String> topics = List.of("orders", "inventory");
		int partitions = 3;
		for (String arg : args) {
			String[] option = arg.split("=", 2);
			if (option.length != 2) {
				throw new IllegalArgumentException("Unknown argument '" + arg + "'; options are --port=, "
						+ "--controller-port=, --data-dir=, --topics=, --partitions=");
			}
			switch (option[0]) {
				case "--port" -> port = Integer.parseInt(option[1]);
				case "--controller-port" -> controllerPort = Integer.parseInt(option[1]);
				case "--data-dir" -> dataDir = Path.of(option[1]);
				case "--topics" -> topics = Arrays.stream(option[1].split(","))
					.map(String::trim)
					.filter((topic) -> !topic.isEmpty())
					.toList();
				case "--partitions" -> partitions = Integer.parseInt(option[1]);
				default -> throw new IllegalArgumentException("Unknown option '" + option[0] + "'; options are "
						+ "--port=, --controller-port=, --data-dir=, --topics=, --partitions=");
			}
		}
		return new LocalKafkaSettings(port, controllerPort, dataDir, topics, partitions);
	}

	/**
	 * Where clients reach the broker.
	 */
	public String bootstrapServers() {
		return "localhost:" + this.port;
	}

}
