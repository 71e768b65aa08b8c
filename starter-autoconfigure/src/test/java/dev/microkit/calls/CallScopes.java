package dev.microkit.calls;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Binds calls to the test's thread as the call policy does, and unbinds the last one
 * after each test, so that no test sees the call of another. Register it with
 * {@code @RegisterExtension}.
 */
public final class CallScopes implements AfterEachCallback {

	private CallAttempts.Scope scope;

	/**
	 * Ends the call begun before, if any, and begins a new one.
	 * @param serviceId the service called
	 * @param deadlineNanos {@link System#nanoTime()} by which the call must be over
	 * @return the call's attempts
	 */
	public CallAttempts begin(String serviceId, long deadlineNanos) {
		end();
		this.scope = CallAttempts.begin(serviceId, deadlineNanos);
		return this.scope.attempts();
	}

	@Override
	public void afterEach(ExtensionContext context) {
		end();
	}

	private void end() {
		if (this.scope != null) {
			this.scope.close();
			this.scope = null;
		}
	}

}
