package dev.microkit.demo;

import java.util.List;

/**
 * Thrown when a port the demo needs is taken.
 */
public class PortInUseException extends RuntimeException {

	public PortInUseException(int port, List<Integer> needed) {
		super("Port " + port + " is in use. The demo needs ports " + needed
				+ "; stop what uses it (an earlier demo still running?) and try again.");
	}

}
