package dev.microkit.events;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * A TCP proxy on loopback that a test can cut (every connection closed, new ones refused)
 * or turn into a black hole (connections open, nothing forwarded) and restore on the same
 * port: a server that becomes unreachable for one application while it keeps running for
 * everyone else. Written here because the fault-injecting proxies for Java tests
 * (Toxiproxy's client among them) drive a proxy server of their own, usually in Docker.
 */
public final class CuttableTcpProxy implements AutoCloseable {

	private static final int CONNECT_TIMEOUT_MILLIS = 2000;

	private final InetSocketAddress target;

	private final int port;

	private final List<Socket> sockets = new ArrayList<>();

	private ServerSocket server;

	private volatile boolean blackHole;

	CuttableTcpProxy(InetSocketAddress target) throws IOException {
		this.target = target;
		this.server = listen(0);
		this.port = this.server.getLocalPort();
		accept(this.server);
	}

	int port() {
		return this.port;
	}

	/**
	 * Closes every connection and the listening socket: connecting is refused until
	 * {@link #restore()}.
	 */
	public synchronized void cut() throws IOException {
		if (this.server != null) {
			this.server.close();
			this.server = null;
		}
		for (Socket socket : this.sockets) {
			socket.close();
		}
		this.sockets.clear();
	}

	/**
	 * Drops every byte from now on while keeping every connection open, and accepts new
	 * connections that never get an answer: a network that loses packets without a word.
	 */
	public void blackHole() {
		this.blackHole = true;
	}

	/**
	 * Listens on the same port again, and forwards again: bytes a black hole dropped stay
	 * lost, so a connection that waited for them keeps waiting.
	 */
	public synchronized void restore() throws IOException {
		this.blackHole = false;
		if (this.server == null) {
			this.server = listen(this.port);
			accept(this.server);
		}
	}

	@Override
	public void close() throws IOException {
		cut();
	}

	private static ServerSocket listen(int port) throws IOException {
		ServerSocket server = new ServerSocket();
		server.setReuseAddress(true);
		server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
		return server;
	}

	private void accept(ServerSocket listening) {
		daemon("proxy-accept-" + this.port, () -> {
			while (!listening.isClosed()) {
				try {
					connect(listening, listening.accept());
				}
				catch (IOException ex) {
					// closed by cut(), or a failed connection to the target
				}
			}
		});
	}

	private void connect(ServerSocket listening, Socket client) throws IOException {
		Socket upstream = new Socket();
		synchronized (this) {
			// a connection accepted as the proxy was cut does not survive the cut
			if (this.server != listening) {
				client.close();
				return;
			}
			this.sockets.add(client);
			this.sockets.add(upstream);
		}
		if (this.blackHole) {
			daemon("proxy-hole-" + this.port, () -> drain(client));
			return;
		}
		try {
			// as the clients themselves: without it each small message waits for an ack
			client.setTcpNoDelay(true);
			upstream.setTcpNoDelay(true);
			upstream.connect(this.target, CONNECT_TIMEOUT_MILLIS);
		}
		catch (IOException ex) {
			drop(client, upstream);
			throw ex;
		}
		daemon("proxy-up-" + this.port, () -> pipe(client, upstream));
		daemon("proxy-down-" + this.port, () -> pipe(upstream, client));
	}

	private void pipe(Socket from, Socket to) {
		byte[] buffer = new byte[16 * 1024];
		try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
			for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
				if (!this.blackHole) {
					out.write(buffer, 0, read);
					out.flush();
				}
			}
		}
		catch (IOException ex) {
			// the other side or cut() closed the connection
		}
		finally {
			drop(from, to);
		}
	}

	private void drain(Socket client) {
		byte[] buffer = new byte[16 * 1024];
		try (InputStream in = client.getInputStream()) {
			while (in.read(buffer) >= 0) {
				// dropped
			}
		}
		catch (IOException ex) {
			// cut() closed the connection
		}
	}

	private synchronized void drop(Socket... pair) {
		for (Socket socket : pair) {
			try {
				socket.close();
			}
			catch (IOException ex) {
				// already closed
			}
			this.sockets.remove(socket);
		}
	}

	private static void daemon(String name, Runnable work) {
		Thread thread = new Thread(work, name);
		thread.setDaemon(true);
		thread.start();
	}

}
