package dev.microkit.web;

import jakarta.servlet.MultipartConfigElement;
import org.apache.catalina.startup.Tomcat;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.SearchStrategy;
import org.springframework.boot.autoconfigure.web.servlet.error.ErrorMvcAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * Auto-configuration of what a servlet web application accepts: request bodies up to
 * {@code microkit.web.max-request-body-size} (uploads up to Spring Boot's multipart
 * limits), media type headers Spring MVC can take, and, when
 * {@code spring.mvc.problemdetails.enabled} asks for problem details, problem details
 * also for the errors that Spring MVC's exception handling never sees.
 */
@AutoConfiguration(before = ErrorMvcAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBooleanProperty(name = "microkit.web.enabled", matchIfMissing = true)
@EnableConfigurationProperties(WebInputProperties.class)
public class WebInputAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	RequestBodyLimitFilter requestBodyLimitFilter(WebInputProperties properties,
			ObjectProvider<MultipartConfigElement> multipartConfig) {
		// Spring Boot's multipart configuration makes the container limit uploads itself
		return new RequestBodyLimitFilter(properties.getMaxRequestBodySize(), multipartConfig.getIfAvailable() != null);
	}

	@Bean
	@ConditionalOnMissingBean
	MalformedMediaTypeHeaderFilter malformedMediaTypeHeaderFilter() {
		return new MalformedMediaTypeHeaderFilter();
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(DispatcherServlet.class)
	static class MvcConfiguration {

		@Bean
		@ConditionalOnMissingBean
		RequestBodyTooLargeExceptionResolver requestBodyTooLargeExceptionResolver() {
			return new RequestBodyTooLargeExceptionResolver();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(DispatcherServlet.class)
	@ConditionalOnBooleanProperty("spring.mvc.problemdetails.enabled")
	static class ProblemDetailsConfiguration {

		@Bean
		@ConditionalOnMissingBean(value = ErrorController.class, search = SearchStrategy.CURRENT)
		ProblemDetailsErrorController problemDetailsErrorController() {
			return new ProblemDetailsErrorController();
		}

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnClass(Tomcat.class)
		static class TomcatConfiguration {

			@Bean
			@ConditionalOnMissingBean
			ProblemDetailsErrorReportValveCustomizer problemDetailsErrorReportValveCustomizer() {
				return new ProblemDetailsErrorReportValveCustomizer();
			}

		}

	}

}
