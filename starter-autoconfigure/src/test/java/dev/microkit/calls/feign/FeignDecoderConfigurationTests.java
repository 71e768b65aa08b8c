package dev.microkit.calls.feign;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import dev.microkit.calls.autoconfigure.CallsAutoConfiguration;
import feign.Request;
import feign.Response;
import feign.codec.Decoder;
import io.github.resilience4j.springboot3.bulkhead.autoconfigure.BulkheadAutoConfiguration;
import io.github.resilience4j.springboot3.circuitbreaker.autoconfigure.CircuitBreakerAutoConfiguration;
import io.github.resilience4j.springboot3.ratelimiter.autoconfigure.RateLimiterAutoConfiguration;
import io.github.resilience4j.springboot3.retry.autoconfigure.RetryAutoConfiguration;
import io.github.resilience4j.springboot3.timelimiter.autoconfigure.TimeLimiterAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.http.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.openfeign.FeignAutoConfiguration;
import org.springframework.cloud.openfeign.FeignClientFactory;
import org.springframework.cloud.openfeign.EnableFeignClients;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.cloud.openfeign.support.HttpMessageConverterCustomizer;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Scope;
import org.springframework.web.bind.annotation.GetMapping;

import static org.assertj.core.api.Assertions.assertThat;

class FeignDecoderConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CallsAutoConfiguration.class, CircuitBreakerAutoConfiguration.class,
				RetryAutoConfiguration.class, BulkheadAutoConfiguration.class, RateLimiterAutoConfiguration.class,
				TimeLimiterAutoConfiguration.class, FeignAutoConfiguration.class, JacksonAutoConfiguration.class,
				HttpMessageConvertersAutoConfiguration.class))
		.withUserConfiguration(CountedCustomizerConfiguration.class);

	@Test
	void decodesWithCustomizersLookedUpOnce() {
		this.contextRunner.run((context) -> {
			Decoder decoder = decoder(context, "backend");
			assertThat(decoder.decode(jsonAnswer(), Item.class)).isEqualTo(new Item("pen", 2));
			assertThat(decoder.decode(jsonAnswer(), Item.class)).isEqualTo(new Item("pen", 2));
			CountedCustomizerConfiguration counts = context.getBean(CountedCustomizerConfiguration.class);
			assertThat(counts.created).hasValue(1);
			assertThat(counts.applied).hasValue(2);
		});
	}

	@Test
	void springCloudOpenFeignsOwnDecoderLooksThemUpOnEveryAnswerWithMicrokitOff() {
		this.contextRunner.withPropertyValues("microkit.calls.enabled=false").run((context) -> {
			Decoder decoder = decoder(context, "backend");
			assertThat(decoder.decode(jsonAnswer(), Item.class)).isEqualTo(new Item("pen", 2));
			assertThat(decoder.decode(jsonAnswer(), Item.class)).isEqualTo(new Item("pen", 2));
			assertThat(context.getBean(CountedCustomizerConfiguration.class).created).hasValue(2);
		});
	}

	@Test
	void aClientsOwnDecoderWins() {
		this.contextRunner.withUserConfiguration(OwnDecoderClient.class).run((context) -> {
			assertThat(decoder(context, "backend")).isSameAs(OwnDecoderConfiguration.DECODER);
			assertThat(decoder(context, "other")).isNotSameAs(OwnDecoderConfiguration.DECODER);
		});
	}

	// The client contexts take the default configurations in the order of a hash map, by
	// the name of the class that enables the clients: three names, so that some come
	// before microkit's.
	@ParameterizedTest
	@ValueSource(classes = { DefaultDecoderClients.class, MoreDefaultDecoderClients.class,
			YetMoreDefaultDecoderClients.class })
	void aDecoderOfTheDefaultConfigurationWins(Class<?> clients) {
		this.contextRunner.withUserConfiguration(clients)
			.run((context) -> assertThat(decoder(context, "backend")).isSameAs(OwnDecoderConfiguration.DECODER));
	}

	@Test
	void aDecoderOfTheApplicationWins() {
		this.contextRunner.withUserConfiguration(OwnDecoderConfiguration.class)
			.run((context) -> assertThat(decoder(context, "backend")).isSameAs(OwnDecoderConfiguration.DECODER));
	}

	private static Decoder decoder(ApplicationContext context, String client) {
		return context.getBean(FeignClientFactory.class).getInstance(client, Decoder.class);
	}

	private static Response jsonAnswer() {
		Map<String, Collection<String>> headers = Map.of("Content-Type", List.of("application/json"));
		return Response.builder()
			.status(200)
			.headers(headers)
			.body("{\"name\":\"pen\",\"count\":2}", StandardCharsets.UTF_8)
			.request(Request.create(Request.HttpMethod.GET, "http://backend/items/1", Map.of(), null,
					StandardCharsets.UTF_8, null))
			.build();
	}

	record Item(String name, int count) {
	}

	@Configuration(proxyBeanMethods = false)
	static class CountedCustomizerConfiguration {

		final AtomicInteger created = new AtomicInteger();

		final AtomicInteger applied = new AtomicInteger();

		// A new customizer each time the bean factory is asked for one.
		@Bean
		@Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE)
		HttpMessageConverterCustomizer countedCustomizer() {
			this.created.incrementAndGet();
			return (converters) -> this.applied.incrementAndGet();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnDecoderConfiguration {

		static final Decoder DECODER = (response, type) -> "own";

		@Bean
		Decoder ownDecoder() {
			return DECODER;
		}

	}

	@FeignClient(name = "backend", url = "http://127.0.0.1:9", configuration = OwnDecoderConfiguration.class)
	interface ItemsClient {

		@GetMapping("/items/1")
		Item item();

	}

	@Configuration(proxyBeanMethods = false)
	@EnableFeignClients(clients = ItemsClient.class)
	static class OwnDecoderClient {

	}

	@FeignClient(name = "backend", url = "http://127.0.0.1:9")
	interface PlainItemsClient {

		@GetMapping("/items/1")
		Item item();

	}

	@Configuration(proxyBeanMethods = false)
	@EnableFeignClients(clients = PlainItemsClient.class, defaultConfiguration = OwnDecoderConfiguration.class)
	static class DefaultDecoderClients {

	}

	@Configuration(proxyBeanMethods = false)
	@EnableFeignClients(clients = PlainItemsClient.class, defaultConfiguration = OwnDecoderConfiguration.class)
	static class MoreDefaultDecoderClients {

	}

	@Configuration(proxyBeanMethods = false)
	@EnableFeignClients(clients = PlainItemsClient.class, defaultConfiguration = OwnDecoderConfiguration.class)
	static class YetMoreDefaultDecoderClients {

	}

}
