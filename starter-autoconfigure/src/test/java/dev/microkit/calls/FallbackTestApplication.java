package dev.microkit.calls;

import java.util.concurrent.atomic.AtomicReference;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.cloud.openfeign.EnableFeignClients;
import org.springframework.cloud.openfeign.FallbackFactory;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.GetMapping;

@SpringBootConfiguration
@EnableAutoConfiguration
@EnableFeignClients(
		clients = { FallbackTestApplication.WithFallback.class, FallbackTestApplication.WithFallbackFactory.class })
public class FallbackTestApplication {

	@Bean
	StaticFallback staticFallback() {
		return new StaticFallback();
	}

	@Bean
	RecordingFallbackFactory recordingFallbackFactory() {
		return new RecordingFallbackFactory();
	}

	@FeignClient(name = "backend", contextId = "withFallback", fallback = StaticFallback.class)
	public interface WithFallback {

		@GetMapping("/work")
		String work();

	}

	@FeignClient(name = "backend", contextId = "withFallbackFactory", fallbackFactory = RecordingFallbackFactory.class)
	public interface WithFallbackFactory {

		@GetMapping("/work")
		String work();

	}

	static class StaticFallback implements WithFallback {

		@Override
		public String work() {
			return "fallback";
		}

	}

	static class RecordingFallbackFactory implements FallbackFactory<WithFallbackFactory> {

		final AtomicReference<Throwable> cause = new AtomicReference<>();

		@Override
		public WithFallbackFactory create(Throwable cause) {
			this.cause.set(cause);
			return () -> "fallback for " + cause.getClass().getSimpleName();
		}

	}

}
