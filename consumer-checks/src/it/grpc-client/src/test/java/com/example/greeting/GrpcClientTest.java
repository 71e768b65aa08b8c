package com.example.greeting;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;

import com.example.greeting.v1.GreeterGrpc;
import com.example.greeting.v1.HelloReply;
import com.example.greeting.v1.HelloRequest;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A gRPC stub over microkit's channel, against two real gRPC servers on loopback, one of
 * them UNAVAILABLE: the method the proto marks without side effects is retried on the
 * other, the one without a mark is not; both go through the service's breaker and meters.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class GrpcClientTest {

    static final Greeter healthy = new Greeter(false);

    static final Greeter unavailable = new Greeter(true);

    static final Server healthyServer = start(healthy);

    static final Server unavailableServer = start(unavailable);

    @Autowired
    GreeterGrpc.GreeterBlockingStub greeter;

    @Autowired
    CircuitBreakerRegistry breakers;

    @Autowired
    MeterRegistry meters;

    @DynamicPropertySource
    static void greeterService(DynamicPropertyRegistry registry) {
        int i = 0;
        for (Server server : new Server[] { healthyServer, unavailableServer }) {
            String instance = "spring.cloud.discovery.client.simple.instances.greeter-service[" + i++ + "]";
            registry.add(instance + ".uri", () -> "http://127.0.0.1:8080");
            registry.add(instance + ".metadata.grpc-port", server::getPort);
        }
    }

    @AfterAll
    static void stop() {
        healthyServer.shutdownNow();
        unavailableServer.shutdownNow();
    }

    @Test
    void aMethodWithoutSideEffectsIsRetriedOnTheOtherInstance() {
        for (int i = 0; i < 10; i++) {
            assertThat(this.greeter.sayHello(HelloRequest.newBuilder().setName("Ada").build()).getMessage())
                .isEqualTo("Hello, Ada");
        }
        assertThat(unavailable.calls).hasPositiveValue();
        assertThat(this.meters.get("microkit.calls.calls").tags("client", "greeter-service", "outcome", "success")
            .timer().count()).isGreaterThanOrEqualTo(10);
    }

    @Test
    void aMethodWithoutAMarkIsNotRetried() {
        int failed = 0;
        for (int i = 0; i < 10; i++) {
            try {
                this.greeter.enroll(HelloRequest.newBuilder().setName("Ada").build());
            }
            catch (StatusRuntimeException ex) {
                assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
                failed++;
            }
        }
        assertThat(failed).isEqualTo(5);
        assertThat(healthy.enrolls.get() + unavailable.enrolls.get()).isEqualTo(10);
        assertThat(this.breakers.circuitBreaker("greeter-service").getMetrics().getNumberOfFailedCalls())
            .isEqualTo(5);
    }

    private static Server start(Greeter greeter) {
        try {
            return NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)).addService(greeter).build()
                .start();
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }

    static final class Greeter extends GreeterGrpc.GreeterImplBase {

        final AtomicInteger calls = new AtomicInteger();

        final AtomicInteger enrolls = new AtomicInteger();

        private final boolean unavailable;

        Greeter(boolean unavailable) {
            this.unavailable = unavailable;
        }

        @Override
        public void sayHello(HelloRequest request, StreamObserver<HelloReply> answer) {
            answer(request, answer);
        }

        @Override
        public void enroll(HelloRequest request, StreamObserver<HelloReply> answer) {
            this.enrolls.incrementAndGet();
            answer(request, answer);
        }

        private void answer(HelloRequest request, StreamObserver<HelloReply> answer) {
            this.calls.incrementAndGet();
            if (this.unavailable) {
                answer.onError(Status.UNAVAILABLE.withDescription("shutting down").asRuntimeException());
                return;
            }
            answer.onNext(HelloReply.newBuilder().setMessage("Hello, " + request.getName()).build());
            answer.onCompleted();
        }

    }

}
