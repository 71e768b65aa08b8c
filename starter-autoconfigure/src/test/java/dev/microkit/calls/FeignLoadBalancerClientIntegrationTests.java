package dev.microkit.calls;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import feign.Client;
import feign.FeignException;
import feign.hc5.ApacheHttp5Client;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.CompletionContext;
import org.springframework.cloud.client.loadbalancer.LoadBalancerLifecycle;
import org.springframework.cloud.client.loadbalancer.Request;
import org.springframework.cloud.client.loadbalancer.RequestDataContext;
import org.springframework.cloud.client.loadbalancer.Response;
import org.springframework.cloud.client.loadbalancer.ResponseData;
import org.springframework.cloud.openfeign.EnableFeignClients;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.cloud.openfeign.loadbalancer.LoadBalancerFeignRequestTransformer;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.GetMapping;

import dev.microkit.calls.feign.RoutingFeignLoadBalancerClient;
import dev.microkit.calls.instances.InstanceKeys;
import dev.microkit.testsupport.http.LoopbackBackend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The starter's load-balancing Feign client does what Spring Cloud OpenFeign's does for
 * lifecycles, transformers, hints and URLs, against real HTTP servers on loopback.
 */
class FeignLoadBalancerClientIntegrationTests extends LoopbackBackendsTests {

	@Test
	void callsGoThroughTheRoutingClientToTheInstanceWithPathAndQueryAsFeignEncodedThem() {
		BackendClient client = start("microkit.calls.clients.backend.load-balancer=round-robin");
		Client feignClient = this.context.getBean(Client.class);
		assertThat(feignClient).isInstanceOf(RoutingFeignLoadBalancerClient.class);
		assertThat(((RoutingFeignLoadBalancerClient) feignClient).getDelegate()).isInstanceOf(ApacheHttp5Client.class);
		for (int i = 0; i < 3; i++) {
			client.search("café au lait", "a b&c/d");
		}
		for (LoopbackBackend backend : this.backends) {
			assertThat(backend.lastRequestTarget()).isEqualTo("/search/caf%C3%A9%20au%20lait?q=a%20b%26c%2Fd");
		}
	}

	@Test
	void lifecyclesSeeEveryAttemptWithItsRequestInstanceAndAnswer() {
		backend(0).answering(503);
		start(WithLifecycleAndTransformer.class, "microkit.calls.clients.backend.load-balancer=round-robin",
				"microkit.calls.clients.backend.ejection.enabled=false",
				"spring.cloud.loadbalancer.hint.backend=canary");
		RecordingLifecycle lifecycle = this.context.getBean(RecordingLifecycle.class);
		for (int i = 0; i < 6; i++) {
			assertThat(this.context.getBean(BackendClient.class).workWithKey("key-" + i)).isIn("b", "c");
		}
		assertThat(lifecycle.started).allSatisfy((request) -> {
			assertThat(request.getContext().getHint()).isEqualTo("canary");
			assertThat(request.getContext().getClientRequest().getUrl()).hasToString("http://backend/work");
			assertThat(request.getContext().getClientRequest().getHeaders().getFirst("X-Hash-Key")).startsWith("key-");
		});
		assertThat(lifecycle.completed).hasSize(lifecycle.started.size()).allSatisfy((completion) -> {
			assertThat(completion.status()).isEqualTo(CompletionContext.Status.SUCCESS);
			ServiceInstance instance = completion.getLoadBalancerResponse().getServer();
			ResponseData answer = completion.getClientResponse();
			assertThat(answer.getRequestData().getUrl()).hasToString(instance.getUri() + "/work");
			assertThat(answer.getRequestData().getHeaders().getFirst("X-Instance"))
				.isEqualTo(InstanceKeys.of(instance));
			int expected = instance.getPort() == backend(0).port() ? 503 : 200;
			assertThat(answer.getHttpStatus().value()).isEqualTo(expected);
		});
		assertThat(lifecycle.completed).anySatisfy(
				(completion) -> assertThat(completion.getClientResponse().getHttpStatus().value()).isEqualTo(503));
		assertThat(backend(1).lastRequestHeader("X-Instance")).isEqualTo(InstanceKeys.of(instanceOf(lifecycle, 1)));
	}

	@Test
	void aFailedAttemptCompletesAsFailedWithItsException() {
		this.backends.forEach(LoopbackBackend::stop);
		start(WithLifecycleAndTransformer.class, "resilience4j.retry.instances.backend.max-attempts=1");
		assertThatExceptionOfType(FeignException.class)
			.isThrownBy(() -> this.context.getBean(BackendClient.class).work());
		RecordingLifecycle lifecycle = this.context.getBean(RecordingLifecycle.class);
		assertThat(lifecycle.completed).singleElement().satisfies((completion) -> {
			assertThat(completion.status()).isEqualTo(CompletionContext.Status.FAILED);
			assertThat(completion.getThrowable()).isNotNull();
		});
	}

	@Test
	void noInstanceAnswers503AndDiscardsTheRequest() {
		this.backends.forEach(LoopbackBackend::close);
		this.backends.clear();
		start(WithLifecycleAndTransformer.class, "resilience4j.retry.instances.backend.max-attempts=1");
		assertThatExceptionOfType(FeignException.ServiceUnavailable.class)
			.isThrownBy(() -> this.context.getBean(BackendClient.class).work())
			.withMessageContaining("does not contain an instance for the service backend");
		RecordingLifecycle lifecycle = this.context.getBean(RecordingLifecycle.class);
		assertThat(lifecycle.completed).singleElement()
			.satisfies((completion) -> assertThat(completion.status()).isEqualTo(CompletionContext.Status.DISCARD));
	}

	@Test
	void aClientWithAUrlCallsThatUrlOnly() {
		start(WithDirectClient.class, "direct.url=" + backend(2).uri());
		DirectClient direct = this.context.getBean(DirectClient.class);
		for (int i = 0; i < 10; i++) {
			assertThat(direct.work()).isEqualTo("c");
		}
		assertThat(backend(2).requests()).isEqualTo(10);
		assertThat(backend(0).requests() + backend(1).requests()).isZero();
	}

	private void start(Class<?> application, String... properties) {
		this.context = CallsTestApplication.run(application, this.backends, properties);
	}

	private ServiceInstance instanceOf(RecordingLifecycle lifecycle, int backend) {
		return lifecycle.completed.stream()
			.map((completion) -> completion.getLoadBalancerResponse().getServer())
			.filter((instance) -> instance.getPort() == backend(backend).port())
			.findFirst()
			.orElseThrow();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@EnableFeignClients(clients = BackendClient.class)
	static class WithLifecycleAndTransformer {

		@Bean
		RecordingLifecycle recordingLifecycle() {
			return new RecordingLifecycle();
		}

		@Bean
		LoadBalancerFeignRequestTransformer instanceHeader() {
			return (request, instance) -> {
				Map<String, java.util.Collection<String>> headers = new java.util.HashMap<>(request.headers());
				headers.put("X-Instance", List.of(InstanceKeys.of(instance)));
				return feign.Request.create(request.httpMethod(), request.url(), headers, request.body(),
						request.charset(), request.requestTemplate());
			};
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@EnableFeignClients(clients = { BackendClient.class, DirectClient.class })
	static class WithDirectClient {

	}

	@FeignClient(name = "direct", url = "${direct.url}")
	interface DirectClient {

		@GetMapping("/work")
		String work();

	}

	static class RecordingLifecycle
			implements LoadBalancerLifecycle<RequestDataContext, ResponseData, ServiceInstance> {

		final List<Request<RequestDataContext>> started = new CopyOnWriteArrayList<>();

		final List<CompletionContext<ResponseData, ServiceInstance, RequestDataContext>> completed = new CopyOnWriteArrayList<>();

		@Override
		public void onStart(Request<RequestDataContext> request) {
			this.started.add(request);
		}

		@Override
		public void onStartRequest(Request<RequestDataContext> request, Response<ServiceInstance> lbResponse) {
		}

		@Override
		public void onComplete(CompletionContext<ResponseData, ServiceInstance, RequestDataContext> completion) {
			this.completed.add(completion);
		}

	}

}
