package dev.microkit.calls;

import java.util.EnumSet;
import java.util.Set;

import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;

/**
 * How the status of a failed gRPC call is judged, to match what an HTTP status means to
 * the call policy: {@code UNAVAILABLE}, {@code DEADLINE_EXCEEDED},
 * {@code RESOURCE_EXHAUSTED}, {@code INTERNAL} and {@code UNKNOWN} (what a server answers
 * when its method throws) are the dependency's and may pass on another try, like 500,
 * 502, 503 and 504; {@code INVALID_ARGUMENT}, {@code NOT_FOUND} and the other statuses
 * about the request are the caller's, like a 4xx answer; {@code UNIMPLEMENTED} and
 * {@code DATA_LOSS} are failures that another try will not mend.
 *
 * <p>
 * Only used where grpc-java is on the class path.
 */
public final class GrpcStatuses {

	private static final Set<Status.Code> TRANSIENT = EnumSet.of(Status.Code.UNAVAILABLE, Status.Code.DEADLINE_EXCEEDED,
			Status.Code.RESOURCE_EXHAUSTED, Status.Code.INTERNAL, Status.Code.UNKNOWN);

	// CANCELLED is the caller's own choice, as a client that hangs up is (nginx's 499)
	private static final Set<Status.Code> CALLERS = EnumSet.of(Status.Code.CANCELLED, Status.Code.INVALID_ARGUMENT,
			Status.Code.NOT_FOUND, Status.Code.ALREADY_EXISTS, Status.Code.PERMISSION_DENIED,
			Status.Code.UNAUTHENTICATED, Status.Code.FAILED_PRECONDITION, Status.Code.OUT_OF_RANGE,
			Status.Code.ABORTED);

	private GrpcStatuses() {
	}

	/**
	 * Whether a failure is a gRPC status.
	 * @param failure the failure
	 * @return whether it carries a status
	 */
	public static boolean isStatus(Throwable failure) {
		return failure instanceof StatusRuntimeException || failure instanceof StatusException;
	}

	/**
	 * The status code of a failure that {@link #isStatus is a status}.
	 * @param failure the failure
	 * @return its code
	 */
	public static Status.Code code(Throwable failure) {
		return Status.fromThrowable(failure).getCode();
	}

	/**
	 * Whether a failure is a call the caller cancelled.
	 * @param failure the failure
	 * @return whether it is a {@code CANCELLED} status
	 */
	public static boolean isCancelled(Throwable failure) {
		return isStatus(failure) && code(failure) == Status.Code.CANCELLED;
	}

	public static boolean isTransient(Status.Code code) {
		return TRANSIENT.contains(code);
	}

	public static boolean isCallersError(Status.Code code) {
		return CALLERS.contains(code);
	}

	/**
	 * What a status says about the instance that answered with it.
	 * @param code the status code
	 * @return the kind, {@code null} for {@code OK} and the caller's errors
	 */
	public static FailureKind kindOf(Status.Code code) {
		if (code == Status.Code.OK || isCallersError(code)) {
			return null;
		}
		if (code == Status.Code.DEADLINE_EXCEEDED) {
			return FailureKind.TIMEOUT;
		}
		return (code == Status.Code.UNAVAILABLE) ? FailureKind.IO : FailureKind.SERVER_ERROR;
	}

	/**
	 * The HTTP status that means the same to metrics and balancers: 200 for {@code OK}, a
	 * 4xx for the caller's errors, 500 for the rest.
	 * @param code the status code
	 * @return the HTTP status
	 */
	public static int httpStatusOf(Status.Code code) {
		return switch (code) {
			case OK -> 200;
			case INVALID_ARGUMENT, FAILED_PRECONDITION, OUT_OF_RANGE -> 400;
			case UNAUTHENTICATED -> 401;
			case PERMISSION_DENIED -> 403;
			case NOT_FOUND -> 404;
			case ALREADY_EXISTS, ABORTED -> 409;
			case CANCELLED -> 499;
			case DEADLINE_EXCEEDED -> 504;
			case UNAVAILABLE -> 503;
			case UNIMPLEMENTED -> 501;
			default -> 500;
		};
	}

}
