package dev.microkit.discovery;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * A DNS server on a loopback UDP port that answers A queries from a table the test
 * changes, NXDOMAIN for names it does not know, and nothing at all while silenced.
 */
final class StubDnsServer implements AutoCloseable {

	private final DatagramSocket socket;

	private final Map<Name, List<InetAddress>> names = new ConcurrentHashMap<>();

	private final Thread thread;

	private volatile boolean silent;

	StubDnsServer() throws SocketException {
		this.socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
		this.thread = new Thread(this::serve, "stub-dns");
		this.thread.setDaemon(true);
		this.thread.start();
	}

	String address() {
		return "127.0.0.1:" + this.socket.getLocalPort();
	}

	void answer(String name, String... addresses) {
		this.names.put(Name.fromConstantString(name + "."),
				List.of(addresses).stream().map(StubDnsServer::parse).toList());
	}

	void forget(String name) {
		this.names.remove(Name.fromConstantString(name + "."));
	}

	void silence(boolean silent) {
		this.silent = silent;
	}

	private void serve() {
		byte[] buffer = new byte[512];
		while (!this.socket.isClosed()) {
			try {
				DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
				this.socket.receive(packet);
				if (!this.silent) {
					byte[] answer = answer(new Message(packet.getData())).toWire();
					this.socket.send(new DatagramPacket(answer, answer.length, packet.getSocketAddress()));
				}
			}
			catch (IOException ex) {
				// closed, or a query that is not DNS: either way there is nothing to
				// answer
			}
		}
	}

	private Message answer(Message query) {
		Record question = query.getQuestion();
		Message response = new Message(query.getHeader().getID());
		response.getHeader().setFlag(Flags.QR);
		response.getHeader().setFlag(Flags.AA);
		response.addRecord(question, Section.QUESTION);
		List<InetAddress> addresses = this.names.get(question.getName());
		if (addresses == null) {
			response.getHeader().setRcode(Rcode.NXDOMAIN);
		}
		else if (question.getType() == Type.A) {
			for (InetAddress address : addresses) {
				response.addRecord(new ARecord(question.getName(), DClass.IN, 1, address), Section.ANSWER);
			}
		}
		return response;
	}

	private static InetAddress parse(String address) {
		try {
			return InetAddress.getByName(address);
		}
		catch (IOException ex) {
			throw new IllegalArgumentException(address, ex);
		}
	}

	@Override
	public void close() throws InterruptedException {
		this.socket.close();
		this.thread.join(1000);
	}

}
