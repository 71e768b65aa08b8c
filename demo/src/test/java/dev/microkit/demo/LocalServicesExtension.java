package dev.microkit.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives test classes one {@link SampleSystem} for the whole run: the first class that
 * asks for it starts it, the end of the run stops it. Starting four JVMs takes a minute
 * or more on a small machine, so the classes share one start; each leaves the system as
 * the next expects it (see the class order in {@code junit-platform.properties}).
 */
class SampleSystemExtension implements ParameterResolver {

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace
		.create(SampleSystemExtension.class);

	@Override
	public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
		return parameter.getParameter().getType() == SampleSystem.class;
	}

	@Override
	public SampleSystem resolveParameter(ParameterContext parameter, ExtensionContext context) {
		return context.getRoot()
			.getStore(NAMESPACE)
			.getOrComputeIfAbsent(SampleSystem.class, (key) -> new Running(start()), Running.class)
			.system();
	}

	private static SampleSystem start() {
		try {
			SampleSystem system = new SampleSystem(SampleSystem.freshFolder("system"));
			try {
				system.start();
			}
			catch (IOException | SQLException | RuntimeException ex) {
				system.close();
				throw ex;
			}
			return system;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not start the database server", ex);
		}
	}

	/**
	 * The started system, stopped when the run ends.
	 */
	private record Running(SampleSystem system) implements ExtensionContext.Store.CloseableResource {

		@Override
		public void close() {
			this.system.close();
		}

	}

}
