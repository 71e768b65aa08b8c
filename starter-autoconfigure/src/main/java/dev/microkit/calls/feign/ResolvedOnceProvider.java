package dev.microkit.calls.feign;

import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

import org.springframework.beans.factory.ObjectProvider;

/**
 * The beans of a provider, looked up the first time they are streamed or iterated and
 * handed out from then on, in the same order. The other ways to get them ask the provider
 * each time: {@code SpringDecoder} only iterates.
 *
 * @param <T> the type of the beans
 */
final class ResolvedOnceProvider<T> implements ObjectProvider<T> {

	private final ObjectProvider<T> beans;

	private volatile List<T> resolved;

	ResolvedOnceProvider(ObjectProvider<T> beans) {
		this.beans = beans;
	}

	@Override
	public Stream<T> stream() {
		return resolved().stream();
	}

	@Override
	public Iterator<T> iterator() {
		return resolved().iterator();
	}

	@Override
	public Stream<T> orderedStream() {
		return this.beans.orderedStream();
	}

	@Override
	public T getObject(Object... args) {
		return this.beans.getObject(args);
	}

	@Override
	public T getObject() {
		return this.beans.getObject();
	}

	@Override
	public T getIfAvailable() {
		return this.beans.getIfAvailable();
	}

	@Override
	public T getIfUnique() {
		return this.beans.getIfUnique();
	}

	private List<T> resolved() {
		List<T> resolved = this.resolved;
		if (resolved == null) {
			resolved = this.beans.stream().toList();
			this.resolved = resolved;
		}
		return resolved;
	}

}
