package dev.microkit.calls;

import io.grpc.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * gRPC statuses judged as their HTTP counterparts are: every code is either the
 * dependency's (transient or not) or the caller's, never both.
 */
class GrpcStatusesTests {

	@ParameterizedTest
	@EnumSource(value = Status.Code.class,
			names = { "UNAVAILABLE", "DEADLINE_EXCEEDED", "RESOURCE_EXHAUSTED", "INTERNAL", "UNKNOWN" })
	void theDependencysPassingFailuresAreTransientAndHeldAgainstTheInstance(Status.Code code) {
		assertThat(GrpcStatuses.isTransient(code)).isTrue();
		assertThat(GrpcStatuses.isCallersError(code)).isFalse();
		assertThat(GrpcStatuses.kindOf(code)).isNotNull();
		assertThat(GrpcStatuses.httpStatusOf(code)).isBetween(500, 599);
	}

	@ParameterizedTest
	@EnumSource(value = Status.Code.class, names = { "CANCELLED", "INVALID_ARGUMENT", "NOT_FOUND", "ALREADY_EXISTS",
			"PERMISSION_DENIED", "UNAUTHENTICATED", "FAILED_PRECONDITION", "OUT_OF_RANGE", "ABORTED" })
	void statusesAboutTheRequestAreTheCallersLikeA4xx(Status.Code code) {
		assertThat(GrpcStatuses.isCallersError(code)).isTrue();
		assertThat(GrpcStatuses.isTransient(code)).isFalse();
		assertThat(GrpcStatuses.kindOf(code)).isNull();
		assertThat(GrpcStatuses.httpStatusOf(code)).isBetween(400, 499);
	}

	@Test
	void unimplementedAndDataLossAreFailuresThatAnotherTryWillNotMend() {
		for (Status.Code code : new Status.Code[] { Status.Code.UNIMPLEMENTED, Status.Code.DATA_LOSS }) {
			assertThat(GrpcStatuses.isTransient(code)).isFalse();
			assertThat(GrpcStatuses.isCallersError(code)).isFalse();
			assertThat(GrpcStatuses.kindOf(code)).isEqualTo(FailureKind.SERVER_ERROR);
		}
	}

	@Test
	void aRefusedConnectionIsToldByTheCauseOfUnavailable() {
		Throwable refused = Status.UNAVAILABLE.withCause(new java.net.ConnectException("Connection refused"))
			.asRuntimeException();
		assertThat(FailureClassifier.ofException(refused)).isEqualTo(FailureKind.CONNECT);
		assertThat(FailureClassifier.ofException(Status.UNAVAILABLE.asRuntimeException())).isEqualTo(FailureKind.IO);
		assertThat(FailureClassifier.ofException(Status.DEADLINE_EXCEEDED.asRuntimeException()))
			.isEqualTo(FailureKind.TIMEOUT);
		assertThat(FailureClassifier.ofException(Status.NOT_FOUND.asRuntimeException())).isNull();
		assertThat(FailureClassifier.isLocal(Status.CANCELLED.asRuntimeException())).isTrue();
	}

	@Test
	void okIsNoFailure() {
		assertThat(GrpcStatuses.kindOf(Status.Code.OK)).isNull();
		assertThat(GrpcStatuses.httpStatusOf(Status.Code.OK)).isEqualTo(200);
	}

}
