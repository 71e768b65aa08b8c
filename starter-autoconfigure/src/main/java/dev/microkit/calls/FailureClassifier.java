package dev.microkit.calls;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;

import org.springframework.util.ClassUtils;

/**
 * Sorts the failures of attempts into {@link FailureKind kinds}.
 */
public final class FailureClassifier {

	private static final boolean GRPC_PRESENT = ClassUtils.isPresent("io.grpc.Status",
			FailureClassifier.class.getClassLoader());

	private FailureClassifier() {
	}

	/**
	 * The kind of a response status, or {@code null} when the status is not a failure of
	 * the instance (2xx, 3xx and 4xx are answers).
	 * @param status the HTTP status
	 * @return the kind or {@code null}
	 */
	public static FailureKind ofStatus(int status) {
		return (status >= 500) ? FailureKind.SERVER_ERROR : null;
	}

	/**
	 * The kind of an exception thrown while sending a request or reading its response.
	 * @param failure the exception
	 * @return the kind, {@code null} when it is not an I/O failure
	 */
	public static FailureKind ofException(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (GRPC_PRESENT && GrpcStatuses.isStatus(cause)) {
				// a refused connection is told by the cause of UNAVAILABLE
				FailureKind underlying = ofException(cause.getCause());
				return (underlying != null) ? underlying : GrpcStatuses.kindOf(GrpcStatuses.code(cause));
			}
			FailureKind kind = ofCause(cause);
			if (kind != null) {
				return kind;
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return null;
	}

	/**
	 * Whether an attempt failed on the caller's side before reaching the instance: no
	 * connection could be had from the client's own pool in time, or the caller cancelled
	 * its gRPC call.
	 * @param failure the exception
	 * @return whether the instance is not to blame
	 */
	public static boolean isLocal(Throwable failure) {
		for (Throwable cause = failure; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
			if (cause instanceof CallTokenException || (GRPC_PRESENT && GrpcStatuses.isCancelled(cause))) {
				return true;
			}
			if (cause.getClass().getSimpleName().equals("ConnectionRequestTimeoutException")) {
				return true;
			}
		}
		return false;
	}

	private static FailureKind ofCause(Throwable cause) {
		if (cause instanceof ConnectException || cause instanceof NoRouteToHostException
				|| cause instanceof UnknownHostException || isConnectTimeout(cause)) {
			return FailureKind.CONNECT;
		}
		if (cause instanceof SocketTimeoutException || cause instanceof InterruptedIOException) {
			return FailureKind.TIMEOUT;
		}
		if (cause instanceof IOException && cause.getCause() == null) {
			return FailureKind.IO;
		}
		return null;
	}

	private static boolean isConnectTimeout(Throwable cause) {
		return cause.getClass().getSimpleName().equals("ConnectTimeoutException");
	}

}
