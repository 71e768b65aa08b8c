package dev.microkit.calls.instances;

import java.net.URI;
import java.util.concurrent.TimeUnit;

import dev.microkit.calls.CallScopes;
import dev.microkit.calls.CallAttempts;
import dev.microkit.calls.ClientSettingsResolver;
import dev.microkit.calls.instances.InstanceLoadRecorder;
import dev.microkit.calls.instances.InstanceLoadRegistry;
import dev.microkit.calls.instances.ProcessPauses;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.CompletionContext;
import org.springframework.cloud.client.loadbalancer.DefaultRequest;
import org.springframework.cloud.client.loadbalancer.DefaultResponse;
import org.springframework.cloud.client.loadbalancer.Request;
import org.springframework.cloud.client.loadbalancer.RequestData;
import org.springframework.cloud.client.loadbalancer.RequestDataContext;
import org.springframework.cloud.client.loadbalancer.Response;
import org.springframework.cloud.client.loadbalancer.ResponseData;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;

import static dev.microkit.calls.loadbalancer.BalancerTestSupport.instances;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class InstanceLoadRecorderTests {

	private static final long MS = 1_000_000L;

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final InstanceLoadRegistry registry = new InstanceLoadRegistry(
			new ClientSettingsResolver(new StandardEnvironment()), this.meters);

	private final ProcessPauses pauses = new ProcessPauses();

	private final InstanceLoadRecorder recorder = new InstanceLoadRecorder(this.registry, this.pauses);

	private final ServiceInstance instance = instances(1).get(0);

	@RegisterExtension
	final CallScopes calls = new CallScopes();

	@Test
	void theInstanceLearnsTheLatencyOfAnAnswerAndItIsTimed() {
		attemptTaking(50 * MS, 0);
		assertThat(timedMillis()).isGreaterThanOrEqualTo(50.0);
		assertThat(learnedMillis()).isCloseTo(timedMillis(), within(1.0));
		assertThat(this.registry.forService("backend").of(this.instance).inFlight()).isZero();
	}

	@Test
	void aStallOfThisProcessIsNotHeldAgainstTheInstanceButIsTimed() {
		attemptTaking(10 * MS, 0);
		double clean = learnedMillis();
		attemptTaking(50 * MS, 45 * MS);
		assertThat(timedMillis()).isGreaterThanOrEqualTo(50.0);
		assertThat(learnedMillis()).isCloseTo(clean, within(1.0));
	}

	@Test
	void anAttemptOutsideAMicrokitCallIsLeftAlone() {
		Request<RequestDataContext> request = request();
		this.recorder.onStartRequest(request, new DefaultResponse(this.instance));
		assertThat(this.registry.forService("backend").of(this.instance).inFlight()).isZero();
		assertThat(this.meters.find("microkit.calls.requests").timer()).isNull();
	}

	@Test
	void anAttemptToAnotherServiceInsideACallIsNotTheCallsAttempt() {
		this.calls.begin("other-service", System.nanoTime() + 10_000 * MS);
		this.recorder.onStartRequest(request(), new DefaultResponse(this.instance));
		assertThat(this.registry.forService("other-service").of(this.instance).inFlight()).isZero();
		assertThat(CallAttempts.current().triedInstances()).isEmpty();
	}

	/**
	 * One successful attempt that began {@code latency} ago, during the last
	 * {@code stall} of which this process was stalled.
	 */
	private void attemptTaking(long latency, long stall) {
		this.calls.begin("backend", System.nanoTime() + 10_000 * MS);
		Request<RequestDataContext> request = request();
		Response<ServiceInstance> chosen = new DefaultResponse(this.instance);
		this.recorder.onStartRequest(request, chosen);
		long now = System.nanoTime();
		request.getContext().setRequestStartTime(now - latency);
		if (stall > 0) {
			// the sleepers woke from before the attempt until the stall, then not until
			// after the attempt has ended, however late this thread records its end
			for (long t = now - latency - MS; t <= now - stall - ProcessPauses.INTERVAL_NANOS; t += MS) {
				this.pauses.woke(t);
			}
			this.pauses.woke(now + 1000 * MS);
		}
		ResponseData answer = new ResponseData(HttpStatus.OK, new HttpHeaders(), null,
				request.getContext().getClientRequest());
		this.recorder.onComplete(new CompletionContext<>(CompletionContext.Status.SUCCESS, request, chosen, answer));
	}

	private static Request<RequestDataContext> request() {
		return new DefaultRequest<>(new RequestDataContext(
				new RequestData(HttpMethod.GET, URI.create("http://backend/work"), new HttpHeaders(), null, null)));
	}

	private double learnedMillis() {
		return this.registry.forService("backend").of(this.instance).peakEwmaNanos(System.nanoTime()) / MS;
	}

	private double timedMillis() {
		return this.meters.get("microkit.calls.requests").tag("outcome", "success").timer().max(TimeUnit.MILLISECONDS);
	}

}
