package dev.microkit.web;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.web.servlet.DispatcherServletAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.MultipartAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.error.BasicErrorController;
import org.springframework.boot.autoconfigure.web.servlet.error.ErrorMvcAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

class WebInputAutoConfigurationTests {

	private static final long TWO_MEGABYTES = 2 * 1024 * 1024;

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WebInputAutoConfiguration.class, ErrorMvcAutoConfiguration.class,
				DispatcherServletAutoConfiguration.class));

	@Test
	void limitsRequestBodiesToOneMegabyteByDefault() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(RequestBodyLimitFilter.class)
				.hasSingleBean(RequestBodyTooLargeExceptionResolver.class)
				.hasSingleBean(MalformedMediaTypeHeaderFilter.class);
			assertThat(context.getBean(WebInputProperties.class).getMaxRequestBodySize())
				.isEqualTo(DataSize.ofMegabytes(1));
			assertThat(statusFor(context.getBean(RequestBodyLimitFilter.class), 1024 * 1024 + 1)).isEqualTo(413);
			assertThat(statusFor(context.getBean(RequestBodyLimitFilter.class), 1024 * 1024)).isEqualTo(200);
		});
	}

	@Test
	void theLimitIsAProperty() {
		this.contextRunner.withPropertyValues("microkit.web.max-request-body-size=10KB")
			.run((context) -> assertThat(statusFor(context.getBean(RequestBodyLimitFilter.class), 10 * 1024 + 1))
				.isEqualTo(413));
	}

	@Test
	void minusOneMeansNoLimit() {
		this.contextRunner.withPropertyValues("microkit.web.max-request-body-size=-1")
			.run((context) -> assertThat(statusFor(context.getBean(RequestBodyLimitFilter.class), Long.MAX_VALUE))
				.isEqualTo(200));
	}

	@Test
	void leavesMultipartRequestsToSpringBootsMultipartLimits() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(MultipartAutoConfiguration.class)).run((context) -> {
			RequestBodyLimitFilter filter = context.getBean(RequestBodyLimitFilter.class);
			assertThat(statusFor(filter, "multipart/form-data; boundary=x", TWO_MEGABYTES)).isEqualTo(200);
			assertThat(statusFor(filter, "multipart/mixed; boundary=x", TWO_MEGABYTES)).isEqualTo(200);
		});
	}

	@Test
	void limitsMultipartRequestsWhenSpringBootsMultipartSupportIsOff() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(MultipartAutoConfiguration.class))
			.withPropertyValues("spring.servlet.multipart.enabled=false")
			.run((context) -> assertThat(statusFor(context.getBean(RequestBodyLimitFilter.class),
					"multipart/form-data; boundary=x", TWO_MEGABYTES))
				.isEqualTo(413));
	}

	@Test
	void limitsAWildcardContentTypeThatWouldMatchMultipart() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(MultipartAutoConfiguration.class))
			.run((context) -> assertThat(
					statusFor(context.getBean(RequestBodyLimitFilter.class), "multipart/*", TWO_MEGABYTES))
				.isEqualTo(413));
	}

	@Test
	void backsOffFromAUsersFilter() {
		this.contextRunner.withUserConfiguration(OwnFilterConfiguration.class)
			.run((context) -> assertThat(context.getBean(RequestBodyLimitFilter.class))
				.isSameAs(context.getBean(OwnFilterConfiguration.class).filter));
	}

	@Test
	void doesNothingWhenDisabled() {
		this.contextRunner.withPropertyValues("microkit.web.enabled=false", "spring.mvc.problemdetails.enabled=true")
			.run((context) -> assertThat(context).doesNotHaveBean(RequestBodyLimitFilter.class)
				.doesNotHaveBean(RequestBodyTooLargeExceptionResolver.class)
				.doesNotHaveBean(MalformedMediaTypeHeaderFilter.class)
				.doesNotHaveBean(ProblemDetailsErrorController.class)
				.hasSingleBean(BasicErrorController.class));
	}

	@Test
	void doesNothingOutsideAServletWebApplication() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(WebInputAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(RequestBodyLimitFilter.class));
	}

	@Test
	void theErrorPathAnswersProblemDetailsWhenSpringMvcDoes() {
		this.contextRunner.withPropertyValues("spring.mvc.problemdetails.enabled=true").run((context) -> {
			assertThat(context).hasSingleBean(ErrorController.class)
				.hasSingleBean(ProblemDetailsErrorController.class)
				.hasSingleBean(ProblemDetailsErrorReportValveCustomizer.class);
		});
	}

	@Test
	void theErrorPathIsSpringBootsWhenSpringMvcAnswersNoProblemDetails() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(BasicErrorController.class)
			.doesNotHaveBean(ProblemDetailsErrorController.class)
			.doesNotHaveBean(ProblemDetailsErrorReportValveCustomizer.class));
	}

	@Test
	void backsOffFromAUsersErrorController() {
		this.contextRunner.withPropertyValues("spring.mvc.problemdetails.enabled=true")
			.withUserConfiguration(OwnErrorControllerConfiguration.class)
			.run((context) -> assertThat(context).hasSingleBean(ErrorController.class)
				.doesNotHaveBean(ProblemDetailsErrorController.class));
	}

	@Test
	void keepsTomcatsErrorReportWithoutTomcat() {
		this.contextRunner.withPropertyValues("spring.mvc.problemdetails.enabled=true")
			.withClassLoader(new FilteredClassLoader("org.apache.catalina"))
			.run((context) -> assertThat(context).hasSingleBean(ProblemDetailsErrorController.class)
				.doesNotHaveBean(ProblemDetailsErrorReportValveCustomizer.class));
	}

	private static int statusFor(RequestBodyLimitFilter filter, long contentLength) throws Exception {
		return statusFor(filter, "application/json", contentLength);
	}

	private static int statusFor(RequestBodyLimitFilter filter, String contentType, long contentLength)
			throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/orders") {

			@Override
			public long getContentLengthLong() {
				return contentLength;
			}

		};
		request.setContentType(contentType);
		MockHttpServletResponse response = new MockHttpServletResponse();
		filter.doFilter(request, response, new MockFilterChain());
		return response.getStatus();
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnFilterConfiguration {

		final RequestBodyLimitFilter filter = new RequestBodyLimitFilter(DataSize.ofKilobytes(5), true);

		@Bean
		RequestBodyLimitFilter ownFilter() {
			return this.filter;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnErrorControllerConfiguration {

		@Bean
		ErrorController ownErrorController() {
			return new ErrorController() {
			};
		}

	}

}
