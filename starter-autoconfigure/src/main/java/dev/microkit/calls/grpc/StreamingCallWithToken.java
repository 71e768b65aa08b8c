package dev.microkit.calls.grpc;

import dev.microkit.calls.CallTokenException;
import dev.microkit.calls.resilience.ClientCallPolicy;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptors;
import io.grpc.ForwardingClientCallListener;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusException;

/**
 * A streaming call with the service's access token in its metadata, unless it carries an
 * {@code authorization} of its own. A stream goes to one instance outside the policy and
 * cannot be sent again, so an UNAUTHENTICATED answer only drops the token for the calls
 * after it; no token to be had ends the call UNAVAILABLE before anything is sent.
 */
final class StreamingCallWithToken<ReqT, RespT> extends ClientInterceptors.CheckedForwardingClientCall<ReqT, RespT> {

	private final ClientCallPolicy policy;

	StreamingCallWithToken(ClientCall<ReqT, RespT> delegate, ClientCallPolicy policy) {
		super(delegate);
		this.policy = policy;
	}

	@Override
	protected void checkedStart(Listener<RespT> listener, Metadata headers) throws StatusException {
		if (headers.containsKey(LoadBalancedChannel.AUTHORIZATION)) {
			delegate().start(listener, headers);
			return;
		}
		String authorization;
		try {
			authorization = this.policy.authorization();
		}
		catch (CallTokenException ex) {
			throw Status.UNAVAILABLE.withDescription(ex.getMessage()).withCause(ex).asException();
		}
		headers.put(LoadBalancedChannel.AUTHORIZATION, authorization);
		delegate().start(new ForwardingClientCallListener.SimpleForwardingClientCallListener<>(listener) {

			@Override
			public void onClose(Status status, Metadata trailers) {
				if (status.getCode() == Status.Code.UNAUTHENTICATED) {
					StreamingCallWithToken.this.policy.dropAuthorization(authorization);
				}
				super.onClose(status, trailers);
			}

		}, headers);
	}

}
