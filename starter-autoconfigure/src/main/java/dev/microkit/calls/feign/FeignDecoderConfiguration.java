package dev.microkit.calls.feign;

import feign.codec.Decoder;
import feign.optionals.OptionalDecoder;

import org.springframework.beans.factory.ObjectFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.http.HttpMessageConverters;
import org.springframework.cloud.openfeign.support.HttpMessageConverterCustomizer;
import org.springframework.cloud.openfeign.support.ResponseEntityDecoder;
import org.springframework.cloud.openfeign.support.SpringDecoder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Fallback;
import org.springframework.util.function.SingletonSupplier;

/**
 * Configuration of every Feign client's context: the decoder Spring Cloud OpenFeign
 * builds by default, over message converters and customizers looked up once, at the first
 * answer. Its own decoder looks both up in the bean factory on every answer — a tenth of
 * what a call costs the calling thread — while its encoder has looked them up once since
 * spring-cloud-openfeign#951. Not too early either: a client's context is built while the
 * application's beans still are. Customizer beans of prototype scope are made once, not
 * for every answer. A decoder of the client's own configuration, of
 * {@code @EnableFeignClients(defaultConfiguration)}, of the application's context, or set
 * by {@code spring.cloud.openfeign.client.config.<name>.decoder} still wins.
 */
@Configuration(proxyBeanMethods = false)
public class FeignDecoderConfiguration {

	// A fallback, because the client contexts take their default configurations in no
	// set order: a decoder of @EnableFeignClients(defaultConfiguration) may come after.
	@Bean
	@Fallback
	@ConditionalOnMissingBean
	Decoder microkitFeignDecoder(ObjectProvider<HttpMessageConverters> messageConverters,
			ObjectProvider<HttpMessageConverterCustomizer> customizers) {
		ObjectFactory<HttpMessageConverters> converters = SingletonSupplier.of(messageConverters::getObject)::obtain;
		return new OptionalDecoder(
				new ResponseEntityDecoder(new SpringDecoder(converters, new ResolvedOnceProvider<>(customizers))));
	}

}
