package dev.microkit.localkafka;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.kafka.common.Uuid;

/**
 * Runs a real Kafka broker — Kafka's own KRaft server, broker and controller in one JVM —
 * on localhost for the demo, with its data in a local folder, so a restart keeps topics
 * and messages; creates the demo's topics with 3 partitions once it is up.
 *
 * <pre>
 * java -jar local-kafka.jar [--port=9092] [--controller-port=9093] [--data-dir=.microkit/kafka]
 *                           [--topics=orders,inventory] [--partitions=3]
 * </pre>
 */
public final class LocalKafka {

	private LocalKafka() {
	}

	public static void main(String[] args) throws Exception {
		LocalKafkaSettings settings = LocalKafkaSettings.parse(args);
		PrintStream out = System.out;
		refuseBusyPort(settings.port(), "--port");
		refuseBusyPort(settings.controllerPort(), "--controller-port");
		Path config = BrokerConfig.write(settings);
		format(settings.dataDir(), config, out);
		TopicCreator.createWhenReady(settings, out);
		out.println("Starting Kafka on localhost:" + settings.port() + ", data in " + settings.dataDir().toAbsolutePath());
		kafka.Kafka.main(new String[] { config.toString() });
	}

	private static void format(Path dataDir, Path config, PrintStream out) throws IOException {
		Path clusterIdFile = dataDir.resolve("cluster.id");
		if (Files.exists(dataDir.resolve("logs").resolve("meta.properties"))) {
			return;
		}
		String clusterId = Files.exists(clusterIdFile) ? Files.readString(clusterIdFile).trim()
				: Uuid.randomUuid().toString();
		Files.writeString(clusterIdFile, clusterId);
		int exit = kafka.tools.StorageTool.execute(new String[] { "format", "-t", clusterId, "-c", config.toString(),
				"--ignore-formatted" }, out);
		if (exit != 0) {
			throw new IllegalStateException("Could not format Kafka's data folder " + dataDir.toAbsolutePath());
		}
	}

	private static void refuseBusyPort(int port, String option) {
		try (ServerSocket socket = new ServerSocket()) {
			socket.setReuseAddress(true);
			socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
		}
		catch (IOException ex) {
			System.err.println("Port " + port + " is in use: is another Kafka running? Stop it, or choose another port with "
					+ option + "=<port>.");
			System.exit(2);
		}
	}

	/**
	 * The demo's topics and their dead-letter topics.
	 */
	static List<String> topicsWithDeadLetters(List<String> topics) {
		return topics.stream().flatMap((topic) -> List.of(topic, topic + "-dlt").stream()).toList();
	}

}
