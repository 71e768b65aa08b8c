package dev.microkit.calls.http;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;

import dev.microkit.calls.Idempotent;
import dev.microkit.calls.resilience.ClientCallPolicy;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;

import org.springframework.aop.ProxyMethodInvocation;
import org.springframework.aop.support.AopUtils;
import org.springframework.core.annotation.AnnotatedElementUtils;

/**
 * Makes each call of an HTTP interface client's method one call of the service's policy;
 * every retry invokes the method again, so that the balancer picks anew. A default method
 * runs on the proxy, so each method it calls is a call of its own; {@code Object}'s
 * methods are left alone.
 */
class CallPolicyInterceptor implements MethodInterceptor {

	private final ClientCallPolicy policy;

	CallPolicyInterceptor(ClientCallPolicy policy) {
		this.policy = policy;
	}

	@Override
	public Object invoke(MethodInvocation invocation) throws Throwable {
		Method method = invocation.getMethod();
		if (method.isDefault() && invocation instanceof ProxyMethodInvocation proxied) {
			// on this proxy, so that the methods it calls are calls of the policy
			return InvocationHandler.invokeDefault(proxied.getProxy(), method, invocation.getArguments());
		}
		if (AopUtils.isToStringMethod(method) || AopUtils.isEqualsMethod(method) || AopUtils.isHashCodeMethod(method)) {
			return invocation.proceed();
		}
		boolean idempotent = AnnotatedElementUtils.hasAnnotation(method, Idempotent.class);
		Object client = invocation.getThis();
		Object[] arguments = invocation.getArguments();
		return this.policy.call(() -> AopUtils.invokeJoinpointUsingReflection(client, method, arguments), idempotent);
	}

}
