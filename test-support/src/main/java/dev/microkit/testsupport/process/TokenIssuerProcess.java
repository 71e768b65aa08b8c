package dev.microkit.testsupport.process;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The samples' token issuer (the {@code sample-authorization-server} jar) as a process,
 * and the arguments that point a sample at it: the services accept its tokens, and the
 * order service gets its own from it for its calls to inventory.
 */
public final class TokenIssuerProcess implements AutoCloseable {

	private static final Duration READINESS_POLL = Duration.ofMillis(100);

	/**
	 * A small heap, the client compiler only and the serial collector: the issuer answers
	 * a token request now and then, and starting it beside the services takes a third
	 * less CPU than with the JVM's defaults.
	 */
	private static final List<String> JVM_OPTIONS = List.of("-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

	private final JavaProcess process;

	private final URI uri;

	private TokenIssuerProcess(JavaProcess process, URI uri) {
		this.process = process;
		this.uri = uri;
	}

	/**
	 * Starts the issuer on a port; {@link #awaitReady} waits for it.
	 * @param jars the project's jars
	 * @param port its HTTP port
	 * @param workingDirectory the process's working directory
	 * @param log where its output goes
	 * @param moreArguments arguments beyond the port and issuer, such as a client's token
	 * lifetime
	 * @return the started process
	 */
	public static TokenIssuerProcess start(ProjectJars jars, int port, Path workingDirectory, Path log,
			String... moreArguments) {
		URI uri = URI.create("http://localhost:" + port);
		List<String> args = new ArrayList<>(
				List.of("--server.port=" + port, "--spring.security.oauth2.authorizationserver.issuer=" + uri));
		args.addAll(List.of(moreArguments));
		return new TokenIssuerProcess(
				JavaProcess.start("authorization-server",
						JavaProcess.jarCommand(jars.authorizationServer(), JVM_OPTIONS, args), workingDirectory, log),
				uri);
	}

	public URI uri() {
		return this.uri;
	}

	public JavaProcess process() {
		return this.process;
	}

	public Duration awaitReady(Duration timeout) {
		return this.process.awaitReady(this.uri.resolve("/actuator/health/readiness"), timeout, READINESS_POLL);
	}

	/**
	 * The arguments that make a sample accept this issuer's tokens.
	 */
	public List<String> resourceServerArguments() {
		return List.of("--spring.security.oauth2.resourceserver.jwt.issuer-uri=" + this.uri,
				"--spring.security.oauth2.resourceserver.jwt.jwk-set-uri=" + this.uri.resolve("/oauth2/jwks"));
	}

	/**
	 * The order service's arguments: it accepts this issuer's tokens and gets its own
	 * from it.
	 */
	public List<String> orderServiceArguments() {
		List<String> args = new ArrayList<>(resourceServerArguments());
		args.add("--spring.security.oauth2.client.provider.microkit-issuer.token-uri="
				+ this.uri.resolve("/oauth2/token"));
		return args;
	}

	@Override
	public void close() {
		this.process.close();
	}

}
