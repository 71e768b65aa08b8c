package dev.microkit.calls.feign;

import java.net.URI;
import java.util.HashMap;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ParsedOnDemandRequestDataTests {

	@Test
	void theUrlIsParsedWhenAskedFor() {
		ParsedOnDemandRequestData data = data("http://backend/orders?id=1");
		assertThat(data.getUrl()).isEqualTo(URI.create("http://backend/orders?id=1")).isSameAs(data.getUrl());
		assertThat(data.getHttpMethod()).isEqualTo(HttpMethod.GET);
		assertThat(data.toString()).contains("url=http://backend/orders?id=1");
	}

	@Test
	void equalPartsAreEqual() {
		assertThat(data("http://backend/a")).isEqualTo(data("http://backend/a"))
			.hasSameHashCodeAs(data("http://backend/a"))
			.isNotEqualTo(data("http://backend/b"));
	}

	@Test
	void aBadUrlFailsAsSpringsParsingWould() {
		assertThatIllegalArgumentException().isThrownBy(() -> data("http://backend/a b").getUrl());
	}

	private static ParsedOnDemandRequestData data(String url) {
		HttpHeaders headers = new HttpHeaders();
		headers.add("X-Hash-Key", "k");
		return new ParsedOnDemandRequestData(HttpMethod.GET, url, headers, null, new HashMap<>());
	}

}
