package dev.microkit.events.listener;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;

import dev.microkit.events.EventHandler;

/**
 * Finds the {@link EventHandler} methods of every bean.
 */
public class EventHandlerRegistry implements BeanPostProcessor {

	private final List<EventHandlerMethod> handlers = Collections.synchronizedList(new ArrayList<>());

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		Class<?> type = AopUtils.getTargetClass(bean);
		Map<Method, EventHandler> methods = MethodIntrospector.selectMethods(type,
				(MethodIntrospector.MetadataLookup<EventHandler>) (method) -> AnnotatedElementUtils
					.findMergedAnnotation(method, EventHandler.class));
		methods.forEach((method, annotation) -> add(EventHandlerMethod.of(bean, method, annotation)));
		return bean;
	}

	private void add(EventHandlerMethod handler) {
		synchronized (this.handlers) {
			for (EventHandlerMethod existing : this.handlers) {
				if (existing.type().equals(handler.type()) && existing.delivery() == handler.delivery()) {
					throw new IllegalStateException("Events of type '" + handler.type() + "' (" + handler.delivery()
							+ ") have two handlers, " + existing + " and " + handler + "; keep one");
				}
			}
			this.handlers.add(handler);
		}
	}

	List<EventHandlerMethod> handlers() {
		synchronized (this.handlers) {
			return List.copyOf(this.handlers);
		}
	}

}
