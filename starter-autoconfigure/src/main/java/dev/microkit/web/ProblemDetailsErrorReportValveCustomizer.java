package dev.microkit.web;

import org.apache.catalina.Context;
import org.apache.catalina.Pipeline;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;

import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;

/**
 * Puts a {@link ProblemDetailsErrorReportValve} in place of the error report valve that
 * Tomcat, or Spring Boot's own customizer, gives the host.
 */
public class ProblemDetailsErrorReportValveCustomizer
		implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

	@Override
	public int getOrder() {
		// after Spring Boot's customizer, which adds its valve in a context customizer
		return Ordered.LOWEST_PRECEDENCE;
	}

	@Override
	public void customize(TomcatServletWebServerFactory factory) {
		factory.addContextCustomizers(ProblemDetailsErrorReportValveCustomizer::replaceErrorReportValve);
	}

	private static void replaceErrorReportValve(Context context) {
		Pipeline pipeline = context.getParent().getPipeline();
		for (Valve valve : pipeline.getValves()) {
			if (valve instanceof ErrorReportValve) {
				pipeline.removeValve(valve);
			}
		}
		pipeline.addValve(new ProblemDetailsErrorReportValve());
		if (context.getParent() instanceof StandardHost host) {
			// the host adds a valve of this class when it starts, unless it has one
			host.setErrorReportValveClass(ProblemDetailsErrorReportValve.class.getName());
		}
	}

}
