package dev.microkit.calls.feign;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;

class FeignHeadersTests {

	private final Map<String, Collection<String>> feignHeaders = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

	FeignHeadersTests() {
		this.feignHeaders.put("Content-Type", List.of("application/json"));
		this.feignHeaders.put("X-Trace", List.of("a", "b"));
	}

	@Test
	void theyReadAsACopyInSpringsHeadersWould() {
		HttpHeaders copied = new HttpHeaders();
		this.feignHeaders.forEach((name, values) -> copied.addAll(name, List.copyOf(values)));
		HttpHeaders headers = FeignHeaders.of(this.feignHeaders);
		assertThat(headers).isEqualTo(copied).hasSameHashCodeAs(copied);
		assertThat(headers.get("x-trace")).containsExactly("a", "b");
		assertThat(headers.getFirst("CONTENT-TYPE")).isEqualTo("application/json");
		assertThat(headers.containsKey("content-type")).isTrue();
		assertThat(headers.keySet()).containsExactly("Content-Type", "X-Trace");
		assertThat(headers.keySet().contains("x-trace")).isTrue();
		assertThat(headers.get("Accept")).isNull();
	}

	@Test
	void theyCanBeChangedWithoutChangingFeignsHeaders() {
		HttpHeaders headers = FeignHeaders.of(this.feignHeaders);
		headers.add("x-trace", "c");
		headers.set("Accept", "text/plain");
		headers.remove("content-type");
		assertThat(headers.get("X-Trace")).containsExactly("a", "b", "c");
		assertThat(headers.keySet()).containsExactly("X-Trace", "Accept");
		headers.keySet().remove("ACCEPT");
		assertThat(headers.keySet()).containsExactly("X-Trace");
		assertThat(this.feignHeaders.get("X-Trace")).containsExactly("a", "b");
		assertThat(this.feignHeaders).containsKey("Content-Type").doesNotContainKey("Accept");
	}

	@Test
	void namesAreFoldedInEnglishWhateverTheDefaultLocale() {
		Locale defaultLocale = Locale.getDefault();
		Locale.setDefault(Locale.forLanguageTag("tr-TR"));
		try {
			this.feignHeaders.put("X-Trace-ID", List.of("1"));
			assertThat(FeignHeaders.of(this.feignHeaders).getFirst("x-trace-id")).isEqualTo("1");
		}
		finally {
			Locale.setDefault(defaultLocale);
		}
	}

	@Test
	void feignsHeadersAreCopiedOnFirstUseOnly() {
		AtomicInteger copies = new AtomicInteger();
		Map<String, Collection<String>> counting = new TreeMap<>(this.feignHeaders) {

			@Override
			public void forEach(BiConsumer<? super String, ? super Collection<String>> action) {
				copies.incrementAndGet();
				super.forEach(action);
			}

		};
		HttpHeaders headers = FeignHeaders.of(counting);
		assertThat(copies).hasValue(0);
		assertThat(headers.getFirst("X-Trace")).isEqualTo("a");
		assertThat(headers.size()).isEqualTo(2);
		assertThat(copies).hasValue(1);
	}

}
