package dev.microkit.testsupport.process;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports nothing listens on now, for servers started later with a fixed port (a sample
 * process, a broker whose controller is named by port in its configuration).
 * <p>
 * A port the kernel picks for {@code new ServerSocket(0)} comes from its ephemeral range,
 * the same range outbound connections take their local ports from, so between choosing it
 * and the server binding it a client socket of any process can take it. These ports come
 * from below that range (Linux: 32768–60999, Windows and macOS: 49152 and up), where no
 * outbound connection lands, and each is handed out once per JVM.
 */
public final class FreePorts {

	private static final int LOWEST = 20000;

	private static final int HIGHEST = 32767;

	private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

	private FreePorts() {
	}

	/**
	 * A port below the ephemeral range that nothing listens on now and that this JVM has
	 * not handed out before.
	 * @return the port
	 */
	public static int next() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		for (int attempt = 0; attempt < 1000; attempt++) {
			int port = random.nextInt(LOWEST, HIGHEST + 1);
			if (isFree(port) && HANDED_OUT.add(port)) {
				return port;
			}
		}
		throw new IllegalStateException("No free port between " + LOWEST + " and " + HIGHEST);
	}

	/**
	 * Whether a server could bind the port on every address now. The check binds as the
	 * JDK's servers do (Tomcat, Netty, Kafka): on Linux and macOS with
	 * {@code SO_REUSEADDR}, so that connections of an earlier server on the port still in
	 * {@code TIME_WAIT} (a minute after it stopped) do not make it look taken.
	 * @param port the port
	 * @return whether nothing listens on it
	 */
	public static boolean isFree(int port) {
		try (ServerSocket socket = new ServerSocket()) {
			socket.bind(new InetSocketAddress(port));
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
