package dev.microkit.events.listener;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.Type;

import org.springframework.aop.support.AopUtils;
import org.springframework.util.ReflectionUtils;

import dev.microkit.events.Delivery;
import dev.microkit.events.EventHandler;
import dev.microkit.events.EventMetadata;

/**
 * One {@link EventHandler} method of a bean.
 */
final class EventHandlerMethod {

	private final Object bean;

	private final Method method;

	private final EventHandler annotation;

	private final Type payloadType;

	private final int payloadIndex;

	private final int metadataIndex;

	private EventHandlerMethod(Object bean, Method method, EventHandler annotation, Type payloadType, int payloadIndex,
			int metadataIndex) {
		this.bean = bean;
		this.method = method;
		this.annotation = annotation;
		this.payloadType = payloadType;
		this.payloadIndex = payloadIndex;
		this.metadataIndex = metadataIndex;
	}

	/**
	 * Reads a handler method.
	 * @throws IllegalStateException when it does not take exactly one payload parameter
	 * (and optionally an {@link EventMetadata})
	 */
	static EventHandlerMethod of(Object bean, Method method, EventHandler annotation) {
		int payloadIndex = -1;
		int metadataIndex = -1;
		Parameter[] parameters = method.getParameters();
		for (int i = 0; i < parameters.length; i++) {
			if (parameters[i].getType() == EventMetadata.class && metadataIndex < 0) {
				metadataIndex = i;
			}
			else if (payloadIndex < 0) {
				payloadIndex = i;
			}
			else {
				throw new IllegalStateException("@EventHandler method " + describe(method)
						+ " must take one payload parameter and optionally an EventMetadata");
			}
		}
		if (payloadIndex < 0) {
			throw new IllegalStateException("@EventHandler method " + describe(method) + " has no payload parameter");
		}
		Method invocable = AopUtils.selectInvocableMethod(method, bean.getClass());
		ReflectionUtils.makeAccessible(invocable);
		return new EventHandlerMethod(bean, invocable, annotation, method.getGenericParameterTypes()[payloadIndex],
				payloadIndex, metadataIndex);
	}

	String type() {
		return this.annotation.value();
	}

	Delivery delivery() {
		return this.annotation.delivery();
	}

	boolean idempotent() {
		return this.annotation.idempotent();
	}

	Type payloadType() {
		return this.payloadType;
	}

	/**
	 * Calls the handler.
	 * @return what it returned: the reply, when the event is a request
	 */
	Object invoke(Object payload, EventMetadata metadata) throws Exception {
		Object[] arguments = new Object[this.method.getParameterCount()];
		arguments[this.payloadIndex] = payload;
		if (this.metadataIndex >= 0) {
			arguments[this.metadataIndex] = metadata;
		}
		try {
			return this.method.invoke(this.bean, arguments);
		}
		catch (InvocationTargetException ex) {
			if (ex.getTargetException() instanceof Exception exception) {
				throw exception;
			}
			throw ex;
		}
	}

	@Override
	public String toString() {
		return describe(this.method);
	}

	private static String describe(Method method) {
		return method.getDeclaringClass().getName() + "." + method.getName();
	}

}
