package dev.microkit.samples.inventory;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Names the instance that answered in every response, so that a caller can see where its
 * load balancer sent each call. Metrics carry the same id as a common tag. First of the
 * filters, so that answers other filters give without going on (the request body limit's
 * 413) carry it too.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class InstanceIdHeaderFilter extends OncePerRequestFilter {

	static final String HEADER = "X-Instance-Id";

	private final String instanceId;

	InstanceIdHeaderFilter(@Value("${inventory.instance-id}") String instanceId) {
		this.instanceId = instanceId;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		response.setHeader(HEADER, this.instanceId);
		chain.doFilter(request, response);
	}

}
