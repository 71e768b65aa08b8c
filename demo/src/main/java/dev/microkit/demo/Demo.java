package dev.microkit.demo;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;

import dev.microkit.testsupport.process.JavaProcess;
import dev.microkit.testsupport.process.ProcessNotReadyException;
import dev.microkit.testsupport.rabbitmq.RabbitMqServer;

/**
 * {@code ./demo.sh}: starts the local system, runs the order scenario and prints what
 * happened; then keeps the system running until Ctrl-C and tells how to kill an instance.
 * With {@code --once} it kills one under load itself, then stops the system and exits 0
 * only if every order reached a final status. {@code --transport=rabbitmq} sends the
 * events through the RabbitMQ on this machine instead of a Kafka broker it starts;
 * {@code --calls=grpc} makes the sync orders' calls to inventory over gRPC instead of
 * HTTP.
 */
public final class Demo {

	private static final PrintStream out = System.out;

	private static final String TRANSPORT = "--transport=";

	private static final String CALLS = "--calls=";

	private static final String USAGE = "Usage: ./demo.sh [--once] [--transport=kafka|rabbitmq] [--calls=http|grpc]";

	/**
	 * The RabbitMQ of {@code --transport=rabbitmq}: localhost, as the services' own
	 * defaults have it.
	 */
	private static final RabbitMqServer DEMO_RABBITMQ = new RabbitMqServer("localhost", 5672, "guest", "guest");

	private Demo() {
	}

	public static void main(String[] args) {
		boolean once = false;
		EventTransport transport = EventTransport.KAFKA;
		CallProtocol calls = CallProtocol.HTTP;
		for (String option : args) {
			if (option.equals("--once")) {
				once = true;
			}
			else if (option.startsWith(TRANSPORT)) {
				try {
					transport = EventTransport.of(option.substring(TRANSPORT.length()));
				}
				catch (IllegalArgumentException ex) {
					usage(ex.getMessage());
				}
			}
			else if (option.startsWith(CALLS)) {
				try {
					calls = CallProtocol.of(option.substring(CALLS.length()));
				}
				catch (IllegalArgumentException ex) {
					usage(ex.getMessage());
				}
			}
			else {
				usage("Unknown option " + option);
			}
		}
		System.exit(run(once, transport, calls));
	}

	private static void usage(String problem) {
		System.err.println(problem);
		System.err.println(USAGE);
		System.exit(2);
	}

	private static int run(boolean once, EventTransport transport, CallProtocol calls) {
		Path home = Path.of("").toAbsolutePath();
		LocalServices services = new LocalServices(home, home.resolve(".microkit"), LocalServices.Ports.demo(), out,
				transport, DEMO_RABBITMQ, calls.serviceArguments());
		Thread stopper = new Thread(() -> stop(services));
		Runtime.getRuntime().addShutdownHook(stopper);
		out.println("microkit demo; sync calls over " + calls.name() + ", events over " + transport.name()
				+ "; logs in " + services.logs());
		try {
			services.start();
			ShopClient shop = new ShopClient(services.orderService(), services.issuer());
			boolean allFinal = new DemoScenario(shop, services.inventoryInstances(), out).run();
			if (once) {
				allFinal &= new InstanceDeathPhase(services, shop, out).run().stream().allMatch(OrderView::isFinal);
			}
			out.println();
			out.println(allFinal ? "Every order reached a final status." : "Some orders are still PENDING.");
			if (once) {
				return allFinal ? 0 : 1;
			}
			printWhatToTry(services);
			new CountDownLatch(1).await();
			return 0;
		}
		catch (PortInUseException | ProcessNotReadyException | BrokerUnavailableException ex) {
			System.err.println(ex.getMessage());
			return 2;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return 130;
		}
		catch (ExecutionException ex) {
			System.err.println("The demo failed: " + ex.getCause().getMessage());
			System.err.println("Logs are in " + services.logs());
			return 1;
		}
		catch (RuntimeException ex) {
			System.err.println("The demo failed: " + ex.getMessage());
			System.err.println("Logs are in " + services.logs());
			return 1;
		}
	}

	private static void printWhatToTry(LocalServices services) {
		URI orders = services.orderService();
		out.println();
		out.println("Running until Ctrl-C. Watch the calls and events live at " + services.consoleUris().get(0)
				+ " and try:");
		out.println("  curl -s -XPOST " + orders + "/api/orders -H 'Content-Type: application/json' "
				+ "-d '{\"sku\":\"demo-shift\",\"quantity\":1,\"mode\":\"sync\"}'");
		out.println("  curl -s " + orders + "/actuator/calls");
		out.println("  curl -s " + orders + "/actuator/prometheus | grep microkit_");
		int last = services.inventoryInstances().size() - 1;
		JavaProcess victim = services.inventoryProcess(last);
		out.println();
		out.println("Kill an inventory instance, as a crash would, while you place sync orders:");
		out.println("  kill -9 " + victim.pid() + "    # " + victim.name());
		out.println("and watch the order service keep confirming them by the call: the instance's calls fail, it is");
		out.println("ejected and the other instance takes them (curl -s " + orders + "/actuator/calls).");
		out.println("Start it again as the demo did (in another terminal; Ctrl-C stops it):");
		out.println("  " + RestartScript.write(services.logs().getParent().resolve("restart-" + victim.name() + ".sh"),
				services.inventoryCommand(last), services.logs().resolve(victim.name() + ".log")));
	}

	private static void stop(LocalServices services) {
		out.println("Stopping the demo's services…");
		services.close();
	}

}
