package dev.microkit.benchmarks.calls;

import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.CloseableHttpResponse;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.HttpVersion;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.http.message.BasicClassicHttpResponse;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.io.CloseMode;

/**
 * An HttpClient 5 that answers every request from memory with a 200: the client stack
 * above it runs as it would, without a network or a server to share the CPU with.
 */
final class InMemoryHttpClient extends CloseableHttpClient {

	@Override
	protected CloseableHttpResponse doExecute(HttpHost target, ClassicHttpRequest request, HttpContext context) {
		BasicClassicHttpResponse response = new BasicClassicHttpResponse(200, "OK");
		response.setVersion(HttpVersion.HTTP_1_1);
		response.setEntity(new StringEntity("backend", ContentType.TEXT_PLAIN));
		return CloseableHttpResponse.adapt(response);
	}

	@Override
	public void close(CloseMode closeMode) {
	}

	@Override
	public void close() {
	}

}
