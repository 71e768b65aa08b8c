package dev.microkit.calls.feign;

import java.net.URI;
import java.util.Map;
import java.util.Objects;

import org.springframework.cloud.client.loadbalancer.RequestData;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.util.MultiValueMap;

/**
 * Request data whose URL is parsed the first time a lifecycle or supplier asks for it.
 * Spring parses the balanced and the sent URL of every call into a {@link URI} — a
 * microsecond together — while microkit's own lifecycle reads neither. Equal to another
 * of its kind with the same parts (a plain {@link RequestData} compares fields this class
 * leaves empty, so equality with one could not be symmetric).
 */
final class ParsedOnDemandRequestData extends RequestData {

	private final String url;

	private volatile URI parsed;

	ParsedOnDemandRequestData(HttpMethod httpMethod, String url, HttpHeaders headers,
			MultiValueMap<String, String> cookies, Map<String, Object> attributes) {
		super(httpMethod, null, headers, cookies, attributes);
		this.url = url;
	}

	@Override
	public URI getUrl() {
		URI parsed = this.parsed;
		if (parsed == null) {
			parsed = URI.create(this.url);
			this.parsed = parsed;
		}
		return parsed;
	}

	@Override
	public boolean equals(Object other) {
		if (this == other) {
			return true;
		}
		return other instanceof ParsedOnDemandRequestData that && Objects.equals(getHttpMethod(), that.getHttpMethod())
				&& Objects.equals(getUrl(), that.getUrl()) && Objects.equals(getHeaders(), that.getHeaders())
				&& Objects.equals(getCookies(), that.getCookies())
				&& Objects.equals(getAttributes(), that.getAttributes());
	}

	@Override
	public int hashCode() {
		return Objects.hash(getHttpMethod(), getUrl(), getHeaders(), getCookies(), getAttributes());
	}

	@Override
	public String toString() {
		return "RequestData{httpMethod=" + getHttpMethod() + ", url=" + getUrl() + ", headers=" + getHeaders()
				+ ", cookies=" + getCookies() + ", attributes=" + getAttributes() + "}";
	}

}
