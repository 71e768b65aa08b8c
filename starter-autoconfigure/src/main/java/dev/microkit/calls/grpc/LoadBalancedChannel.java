package dev.microkit.calls.grpc;

import java.io.IOException;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import dev.microkit.calls.CallAttempts;
import dev.microkit.calls.GrpcStatuses;
import dev.microkit.calls.resilience.ClientCallPolicy;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptors;
import io.grpc.Deadline;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.LoadBalancerClient;
import org.springframework.cloud.client.loadbalancer.LoadBalancerRequestAdapter;
import org.springframework.cloud.client.loadbalancer.RequestData;
import org.springframework.cloud.client.loadbalancer.RequestDataContext;
import org.springframework.cloud.client.loadbalancer.ResponseData;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;

/**
 * The channel of one service: each unary call is one call of the service's policy, and
 * each of its attempts goes to the instance the service's balancer picks, over that
 * instance's own channel. Streaming calls go to one picked instance, with no retry, with
 * the service's access token too.
 */
class LoadBalancedChannel extends Channel {

	static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization",
			Metadata.ASCII_STRING_MARSHALLER);

	private final ClientCallPolicy policy;

	private final LoadBalancerClient loadBalancer;

	private final InstanceChannels channels;

	private final GrpcPorts ports;

	private final Set<String> idempotentMethods;

	private final Executor executor;

	LoadBalancedChannel(ClientCallPolicy policy, LoadBalancerClient loadBalancer, InstanceChannels channels,
			GrpcPorts ports, Set<String> idempotentMethods, Executor executor) {
		this.policy = policy;
		this.loadBalancer = loadBalancer;
		this.channels = channels;
		this.ports = ports;
		this.idempotentMethods = idempotentMethods;
		this.executor = executor;
	}

	@Override
	public <ReqT, RespT> ClientCall<ReqT, RespT> newCall(MethodDescriptor<ReqT, RespT> method,
			CallOptions callOptions) {
		if (method.getType() != MethodDescriptor.MethodType.UNARY) {
			ServiceInstance instance = choose(method, new Metadata());
			ClientCall<ReqT, RespT> call = channelOf(instance).newCall(method, callOptions);
			return (this.policy.carriesTokens() && callOptions.getCredentials() == null)
					? new StreamingCallWithToken<>(call, this.policy) : call;
		}
		Executor executor = (callOptions.getExecutor() != null) ? callOptions.getExecutor() : this.executor;
		return new PolicyUnaryCall<>(this, method, callOptions, executor);
	}

	@Override
	public String authority() {
		return this.policy.serviceId();
	}

	/**
	 * Makes one unary call under the policy, on the calling thread.
	 */
	@SuppressWarnings("unchecked")
	<ReqT, RespT> RespT call(MethodDescriptor<ReqT, RespT> method, CallOptions callOptions, Metadata headers,
			ReqT request) throws Throwable {
		boolean idempotent = method.isIdempotent() || method.isSafe()
				|| this.idempotentMethods.contains(method.getFullMethodName());
		return (RespT) this.policy.call(() -> attempt(method, callOptions, headers, request), idempotent);
	}

	/**
	 * One attempt, with the service's access token when its calls carry one and the
	 * caller's metadata has none; an UNAUTHENTICATED answer drops the token and makes the
	 * attempt once more with a new one.
	 */
	private <ReqT, RespT> RespT attempt(MethodDescriptor<ReqT, RespT> method, CallOptions callOptions, Metadata headers,
			ReqT request) throws IOException {
		CallAttempts attempts = this.policy.currentCall();
		this.policy.beforeAttempt(attempts);
		String authorization = carriesOwnCredentials(callOptions, headers) ? null : this.policy.authorization();
		if (authorization == null) {
			return attempt(method, callOptions, headers, request, attempts);
		}
		try {
			return attempt(method, callOptions, withAuthorization(headers, authorization), request, attempts);
		}
		catch (StatusRuntimeException ex) {
			String renewed = (ex.getStatus().getCode() == Status.Code.UNAUTHENTICATED)
					? this.policy.renewAuthorization(authorization) : null;
			if (renewed == null) {
				throw ex;
			}
			return attempt(method, callOptions, withAuthorization(headers, renewed), request, attempts);
		}
	}

	/**
	 * Whether the caller authorizes the call itself: with an {@code authorization} header
	 * of its own, or with call credentials on its stub, which gRPC adds to the headers
	 * after this channel.
	 */
	private static boolean carriesOwnCredentials(CallOptions callOptions, Metadata headers) {
		return callOptions.getCredentials() != null || headers.containsKey(AUTHORIZATION);
	}

	private static Metadata withAuthorization(Metadata headers, String authorization) {
		Metadata attemptHeaders = new Metadata();
		attemptHeaders.merge(headers);
		attemptHeaders.put(AUTHORIZATION, authorization);
		return attemptHeaders;
	}

	private <ReqT, RespT> RespT attempt(MethodDescriptor<ReqT, RespT> method, CallOptions callOptions, Metadata headers,
			ReqT request, CallAttempts attempts) throws IOException {
		RequestData requestData = requestData(method, headers);
		Attempt<ReqT, RespT> attempt = new Attempt<>(method, attemptOptions(callOptions, attempts), headers, request,
				requestData);
		LoadBalancerRequestAdapter<ResponseData, RequestDataContext> lbRequest = new LoadBalancerRequestAdapter<>(
				attempt::send, new RequestDataContext(requestData));
		ServiceInstance instance = choose(lbRequest);
		attempt.port = this.ports.of(instance);
		this.loadBalancer.execute(this.policy.serviceId(), instance, lbRequest);
		return attempt.answer();
	}

	private CallOptions attemptOptions(CallOptions callOptions, CallAttempts attempts) {
		long millis = this.policy.timeouts().attemptMillis(attempts.remainingNanos());
		Deadline deadline = Deadline.after(millis, TimeUnit.MILLISECONDS);
		Deadline own = callOptions.getDeadline();
		return callOptions.withDeadline((own != null) ? own.minimum(deadline) : deadline);
	}

	private ServiceInstance choose(MethodDescriptor<?, ?> method, Metadata headers) {
		return choose(new LoadBalancerRequestAdapter<>((chosen) -> null,
				new RequestDataContext(requestData(method, headers))));
	}

	private ServiceInstance choose(LoadBalancerRequestAdapter<?, RequestDataContext> request) {
		ServiceInstance instance = this.loadBalancer.choose(this.policy.serviceId(), request);
		if (instance == null) {
			throw Status.UNAVAILABLE.withDescription("No instance of " + this.policy.serviceId() + " is available")
				.asRuntimeException();
		}
		return instance;
	}

	private Channel channelOf(ServiceInstance instance) {
		return this.channels.of(instance.getHost(), this.ports.of(instance));
	}

	/**
	 * What balancers see of a gRPC request: a POST to its method, with its text metadata
	 * as headers (a consistent-hash key among them).
	 */
	private RequestData requestData(MethodDescriptor<?, ?> method, Metadata metadata) {
		HttpHeaders headers = new HttpHeaders();
		for (String key : metadata.keys()) {
			if (!key.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
				Iterable<String> values = metadata.getAll(Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER));
				if (values != null) {
					values.forEach((value) -> headers.add(key, value));
				}
			}
		}
		URI uri = URI.create("grpc://" + this.policy.serviceId() + "/" + method.getFullMethodName());
		return new RequestData(HttpMethod.POST, uri, headers, null, null);
	}

	/**
	 * One attempt on one instance. A status about the request is an answer to the
	 * balancer and to the instance's load (like a 4xx), and is thrown to the policy
	 * afterwards.
	 */
	private final class Attempt<ReqT, RespT> {

		private final MethodDescriptor<ReqT, RespT> method;

		private final CallOptions options;

		private final Metadata headers;

		private final ReqT request;

		private final RequestData requestData;

		private int port;

		private RespT response;

		private StatusRuntimeException callersError;

		Attempt(MethodDescriptor<ReqT, RespT> method, CallOptions options, Metadata headers, ReqT request,
				RequestData requestData) {
			this.method = method;
			this.options = options;
			this.headers = headers;
			this.request = request;
			this.requestData = requestData;
		}

		ResponseData send(ServiceInstance instance) {
			Channel channel = ClientInterceptors.intercept(
					LoadBalancedChannel.this.channels.of(instance.getHost(), this.port),
					MetadataUtils.newAttachHeadersInterceptor(this.headers));
			Status.Code code = Status.Code.OK;
			try {
				this.response = ClientCalls.blockingUnaryCall(channel, this.method, this.options, this.request);
			}
			catch (StatusRuntimeException ex) {
				if (!GrpcStatuses.isCallersError(ex.getStatus().getCode())) {
					throw ex;
				}
				this.callersError = ex;
				code = ex.getStatus().getCode();
			}
			return new ResponseData(HttpStatusCode.valueOf(GrpcStatuses.httpStatusOf(code)), new HttpHeaders(), null,
					this.requestData);
		}

		RespT answer() {
			if (this.callersError != null) {
				throw this.callersError;
			}
			return this.response;
		}

	}

}
