package dev.microkit.testsupport.rabbitmq;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;

/**
 * A RabbitMQ broker and how to log in to it.
 *
 * @param host its host
 * @param port its AMQP port
 * @param user the user to log in as
 * @param password the user's password
 */
public record RabbitMqServer(String host, int port, String user, String password) {

	/**
	 * The broker of this machine, as RabbitMQ installs itself: port 5672, user
	 * {@code guest}, which may log in from loopback only.
	 */
	public static final RabbitMqServer LOCAL = new RabbitMqServer("127.0.0.1", 5672, "guest", "guest");

	/**
	 * Whether something accepts connections on the broker's port within half a second.
	 */
	public boolean answers() {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(this.host, this.port), 500);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	public String address() {
		return this.host + ":" + this.port;
	}

	/**
	 * Boot's properties of a connection to the broker.
	 */
	public List<String> springProperties() {
		return List.of("spring.rabbitmq.host=" + this.host, "spring.rabbitmq.port=" + this.port,
				"spring.rabbitmq.username=" + this.user, "spring.rabbitmq.password=" + this.password);
	}

}
