package dev.microkit.benchmarks.calls;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import reactor.core.publisher.Mono;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.DefaultRequest;
import org.springframework.cloud.client.loadbalancer.Request;
import org.springframework.cloud.client.loadbalancer.RequestData;
import org.springframework.cloud.client.loadbalancer.RequestDataContext;
import org.springframework.cloud.client.loadbalancer.Response;
import org.springframework.cloud.client.loadbalancer.reactive.ReactiveLoadBalancer;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;

/**
 * What choosing an instance costs: {@code choose()} of the balancer the starter builds
 * for a client — discovery, cache, ejection filter, tried-instance filter and the
 * balancer itself — at 3, 30 and 300 instances. The instances are never called.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PickCostBenchmark {

	@Param({ "round-robin", "random", "weighted", "least-requests", "peak-ewma", "consistent-hash" })
	public String balancer;

	@Param({ "3", "30", "300" })
	public int instances;

	private ConfigurableApplicationContext context;

	private ReactiveLoadBalancer<ServiceInstance> loadBalancer;

	private Request<RequestDataContext> request;

	@Setup(Level.Trial)
	public void start() {
		List<String> uris = new ArrayList<>();
		for (int i = 0; i < this.instances; i++) {
			uris.add("http://10.0." + (i / 250) + "." + (i % 250 + 1) + ":8080");
		}
		this.context = PickCostApplication.start(uris, this.balancer);
		this.loadBalancer = this.context.getBean(LoadBalancerClientFactory.class).getInstance("backend");
		HttpHeaders headers = new HttpHeaders();
		headers.add("X-Hash-Key", "customer-42");
		this.request = new DefaultRequest<>(new RequestDataContext(
				new RequestData(HttpMethod.GET, URI.create("http://backend/work"), headers, null, null)));
	}

	@Benchmark
	public Response<ServiceInstance> choose() {
		return Mono.from(this.loadBalancer.choose(this.request)).block();
	}

	@TearDown(Level.Trial)
	public void stop() {
		this.context.close();
	}

}
