package dev.microkit.calls.feign;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

import org.springframework.http.HttpHeaders;
import org.springframework.util.CollectionUtils;
import org.springframework.util.LinkedCaseInsensitiveMap;

/**
 * The headers of a Feign request or response as Spring's {@link HttpHeaders}, copied on
 * first use. Spring's load-balancing client copies every header of every call into the
 * request and response data it hands the lifecycles, which seldom read them; this copies
 * the same headers only for a lifecycle that does.
 */
final class FeignHeaders extends AbstractMap<String, List<String>> {

	private final Map<String, ? extends Collection<String>> feignHeaders;

	private volatile Map<String, List<String>> copy;

	private FeignHeaders(Map<String, ? extends Collection<String>> feignHeaders) {
		this.feignHeaders = feignHeaders;
	}

	static HttpHeaders of(Map<String, ? extends Collection<String>> feignHeaders) {
		return new HttpHeaders(CollectionUtils.toMultiValueMap(new FeignHeaders(feignHeaders)));
	}

	private Map<String, List<String>> copy() {
		Map<String, List<String>> copy = this.copy;
		if (copy == null) {
			// As HttpHeaders folds names: in English, whatever the default locale.
			Map<String, List<String>> copied = new LinkedCaseInsensitiveMap<>(this.feignHeaders.size(), Locale.ENGLISH);
			this.feignHeaders.forEach((name, values) -> copied.put(name, new ArrayList<>(values)));
			this.copy = copied;
			copy = copied;
		}
		return copy;
	}

	@Override
	public Set<Entry<String, List<String>>> entrySet() {
		return copy().entrySet();
	}

	@Override
	public Set<String> keySet() {
		return copy().keySet();
	}

	@Override
	public Collection<List<String>> values() {
		return copy().values();
	}

	@Override
	public void forEach(BiConsumer<? super String, ? super List<String>> action) {
		copy().forEach(action);
	}

	@Override
	public boolean isEmpty() {
		return copy().isEmpty();
	}

	@Override
	public int size() {
		return copy().size();
	}

	@Override
	public boolean containsKey(Object name) {
		return copy().containsKey(name);
	}

	@Override
	public List<String> get(Object name) {
		return copy().get(name);
	}

	@Override
	public List<String> put(String name, List<String> values) {
		return copy().put(name, values);
	}

	@Override
	public List<String> remove(Object name) {
		return copy().remove(name);
	}

	@Override
	public void clear() {
		copy().clear();
	}

}
