package dev.microkit.health;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.health.AdditionalHealthEndpointPath;
import org.springframework.boot.actuate.health.HealthEndpointGroup;
import org.springframework.boot.actuate.health.HealthEndpointGroups;
import org.springframework.boot.actuate.health.HealthEndpointGroupsPostProcessor;
import org.springframework.boot.actuate.health.HttpCodeStatusMapper;
import org.springframework.boot.actuate.health.StatusAggregator;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * Adds health contributors to the {@code readiness} group, next to the members the
 * application gives it. Spring Boot fills a group from
 * {@code management.endpoint.health.group.readiness.include} alone, and a default for
 * that property would be replaced, not extended, by the application's own list; so the
 * group is decorated instead, as Spring Boot decorates the groups for its Kubernetes
 * probes. A contributor the application excludes from the group stays out of it. Without
 * a readiness group (probes off and no group of that name) nothing changes.
 * <p>
 * Spring Boot's post-processor that creates the probe groups has the lowest precedence:
 * an auto-configuration registers this one after it, so that this one runs after it and
 * finds the group.
 */
public class ReadinessGroupMembers implements HealthEndpointGroupsPostProcessor {

	private static final String READINESS = "readiness";

	private final Set<String> members;

	/**
	 * Creates a post-processor that adds the given contributors to the readiness group.
	 * @param environment where the application's exclusions from the group are read
	 * @param contributorNames the names of the contributors
	 */
	public ReadinessGroupMembers(Environment environment, String... contributorNames) {
		Set<String> excluded = Binder.get(environment)
			.bind("management.endpoint.health.group." + READINESS + ".exclude", Bindable.setOf(String.class))
			.orElse(Set.of());
		this.members = excluded.contains("*") ? Set.of()
				: Arrays.stream(contributorNames)
					.filter((name) -> !excluded.contains(name))
					.collect(Collectors.toUnmodifiableSet());
	}

	@Override
	public HealthEndpointGroups postProcessHealthEndpointGroups(HealthEndpointGroups groups) {
		HealthEndpointGroup readiness = groups.get(READINESS);
		if (readiness == null || this.members.isEmpty()) {
			return groups;
		}
		return new ReadinessReplacingGroups(groups, new ExtendedGroup(readiness, this.members));
	}

	private static final class ReadinessReplacingGroups implements HealthEndpointGroups {

		private final HealthEndpointGroups groups;

		private final HealthEndpointGroup readiness;

		ReadinessReplacingGroups(HealthEndpointGroups groups, HealthEndpointGroup readiness) {
			this.groups = groups;
			this.readiness = readiness;
		}

		@Override
		public HealthEndpointGroup getPrimary() {
			return this.groups.getPrimary();
		}

		@Override
		public Set<String> getNames() {
			return this.groups.getNames();
		}

		@Override
		public HealthEndpointGroup get(String name) {
			return READINESS.equals(name) ? this.readiness : this.groups.get(name);
		}

	}

	/**
	 * The application's group with more members; everything else is the group's own.
	 */
	private static final class ExtendedGroup implements HealthEndpointGroup {

		private final HealthEndpointGroup group;

		private final Set<String> members;

		ExtendedGroup(HealthEndpointGroup group, Set<String> members) {
			this.group = group;
			this.members = members;
		}

		@Override
		public boolean isMember(String name) {
			return this.group.isMember(name) || this.members.contains(name);
		}

		@Override
		public boolean showComponents(SecurityContext securityContext) {
			return this.group.showComponents(securityContext);
		}

		@Override
		public boolean showDetails(SecurityContext securityContext) {
			return this.group.showDetails(securityContext);
		}

		@Override
		public StatusAggregator getStatusAggregator() {
			return this.group.getStatusAggregator();
		}

		@Override
		public HttpCodeStatusMapper getHttpCodeStatusMapper() {
			return this.group.getHttpCodeStatusMapper();
		}

		@Override
		public AdditionalHealthEndpointPath getAdditionalPath() {
			return this.group.getAdditionalPath();
		}

	}

}
