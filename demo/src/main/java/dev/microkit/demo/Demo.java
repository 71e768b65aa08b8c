package dev.microkit.demo;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./demo.sh}: starts the local system, runs the order scenario and prints what
 * happened; then keeps the system running until Ctrl-C, or with {@code --once} stops it
 * and exits 0 only if every order reached a final status.
 */
public final class Demo {

	private static final PrintStream out = System.out;

	private Demo() {
	}

	public static void main(String[] args) {
		List<String> options = List.of(args);
		if (!options.stream().allMatch("--once"::equals)) {
			System.err.println("Usage: ./demo.sh [--once]");
			System.exit(2);
		}
		System.exit(run(options.contains("--once")));
	}

	private static int run(boolean once) {
		LocalServices services = new LocalServices(Path.of("").toAbsolutePath(), out);
		Thread stopper = new Thread(() -> stop(services));
		Runtime.getRuntime().addShutdownHook(stopper);
		out.println("microkit demo; logs in " + services.logs());
		try {
			services.start();
			ShopClient shop = new ShopClient(services.orderService());
			boolean allFinal = new DemoScenario(shop, services.inventoryInstances(), out).run();
			out.println();
			out.println(allFinal ? "Every order reached a final status." : "Some orders are still PENDING.");
			if (once) {
				return allFinal ? 0 : 1;
			}
			printWhatToTry(services);
			new CountDownLatch(1).await();
			return 0;
		}
		catch (PortInUseException | ServiceFailedException ex) {
			System.err.println(ex.getMessage());
			return 2;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return 130;
		}
		catch (RuntimeException ex) {
			System.err.println("The demo failed: " + ex.getMessage());
			System.err.println("Logs are in " + services.logs());
			return 1;
		}
	}

	private static void printWhatToTry(LocalServices services) {
		out.println();
		out.println("Running until Ctrl-C. Try:");
		out.println("  curl -s -XPOST " + services.orderService() + "/api/orders -H 'Content-Type: application/json' "
				+ "-d '{\"sku\":\"demo-shift\",\"quantity\":1,\"mode\":\"sync\"}'");
		out.println("  curl -s " + services.orderService() + "/actuator/calls");
		out.println("  curl -s " + services.orderService() + "/actuator/prometheus | grep microkit_");
	}

	private static void stop(LocalServices services) {
		out.println("Stopping the demo's services…");
		services.close();
	}

}
