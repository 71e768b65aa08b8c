package dev.microkit.testsupport.process;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ports are free when a server could bind them, and taken while one listens.
 */
class FreePortsTests {

	@Test
	void aPortAServerListensOnIsTakenAndFreeOnceItStops() throws IOException {
		int port = FreePorts.next();
		try (ServerSocket server = new ServerSocket()) {
			server.bind(new InetSocketAddress(port));
			assertThat(FreePorts.isFree(port)).isFalse();
		}
		assertThat(FreePorts.isFree(port)).isTrue();
	}

	@Test
	void connectionsOfAStoppedServerLeftInTimeWaitDoNotTakeItsPort() throws IOException {
		int port = FreePorts.next();
		try (ServerSocket server = new ServerSocket()) {
			server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
			try (Socket client = new Socket(InetAddress.getLoopbackAddress(), port);
					Socket accepted = server.accept()) {
				// the side that closes first keeps the connection in TIME_WAIT: here the
				// server's, on its own port, as when a service stops before its clients
				accepted.close();
			}
		}
		assertThat(FreePorts.isFree(port)).isTrue();
	}

	@Test
	void eachPortIsHandedOutOnce() {
		assertThat(FreePorts.next()).isNotEqualTo(FreePorts.next());
	}

}
