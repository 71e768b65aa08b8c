package dev.microkit.web;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.servlet.ServletException;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * Tomcat's error report as an RFC 9457 problem detail in place of its HTML page, for the
 * errors Tomcat answers before the application sees the request: a malformed request
 * line, URI or header, headers too large, a TRACE request. The JSON is written by hand
 * because the valve runs outside Spring, and its only members are the status and its
 * reason phrase.
 */
public class ProblemDetailsErrorReportValve extends ErrorReportValve {

	@Override
	public void invoke(Request request, Response response) throws IOException, ServletException {
		if (response.isError() && "TRACE".equals(request.getMethod())) {
			// refused by the connector; forwarded to the error page, the servlet's
			// doTrace would answer it with an empty body
			response.setSuspended(false);
			report(request, response, null);
			return;
		}
		super.invoke(request, response);
	}

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		int status = response.getStatus();
		if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		AtomicBoolean ioAllowed = new AtomicBoolean();
		response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
		if (!ioAllowed.get()) {
			return;
		}
		try {
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			response.setCharacterEncoding("UTF-8");
			Writer writer = response.getReporter();
			if (writer != null) {
				writer.write(problem(status));
				response.finishResponse();
			}
		}
		catch (IOException | IllegalStateException ex) {
			// the connection is gone or the response was taken over: nothing to report to
		}
	}

	static String problem(int status) {
		HttpStatus known = HttpStatus.resolve(status);
		String title = (known != null) ? known.getReasonPhrase() : "Error";
		return "{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status + "}";
	}

}
