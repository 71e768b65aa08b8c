package dev.microkit.localkafka;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs a real Kafka broker — Kafka's own KRaft server, broker and controller in one JVM —
 * on localhost for the demo, with its data in a local folder, so a restart keeps topics
 * and messages; creates the demo's topics with 3 partitions once it is up and then prints
 * {@value #READY}.
 *
 * <pre>
 * java -jar local-kafka-&lt;version&gt;-exec.jar [--port=9092] [--controller-port=9093]
 *     [--data-dir=.microkit/kafka] [--topics=orders,inventory] [--partitions=3]
 * </pre>
 */
public final class LocalKafka {

	/**
	 * The start of the line printed once the broker answers and has its topics.
	 */
	public static final String READY = "Kafka ready";

	/**
	 * The launcher's logging configuration; not {@code logback.xml}, which would
	 * configure the logging of every application that has this module on its classpath.
	 */
	private static final String LOGGING_CONFIGURATION = "local-kafka-logback.xml";

	private LocalKafka() {
	}

	public static void main(String[] args) throws Exception {
		if (System.getProperty("logback.configurationFile") == null) {
			System.setProperty("logback.configurationFile", LOGGING_CONFIGURATION);
		}
		LocalKafkaSettings settings = LocalKafkaSettings.parse(args);
		PrintStream out = System.out;
		refuseBusyPort(settings.port(), "--port");
		refuseBusyPort(settings.controllerPort(), "--controller-port");
		Path config = BrokerStorage.prepare(settings, out);
		TopicCreator.createWhenReady(settings, out);
		out.println(
				"Starting Kafka on localhost:" + settings.port() + ", data in " + settings.dataDir().toAbsolutePath());
		kafka.Kafka.main(new String[] { config.toString() });
	}

	private static void refuseBusyPort(int port, String option) {
		try (ServerSocket socket = new ServerSocket()) {
			socket.setReuseAddress(true);
			socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
		}
		catch (IOException ex) {
			System.err
				.println("Port " + port + " is in use: is another Kafka running? Stop it, or choose another port with "
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
