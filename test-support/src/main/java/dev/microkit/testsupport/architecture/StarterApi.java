package dev.microkit.testsupport.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * What code outside the starter may use of it: the feature roots
 * {@code dev.microkit.calls} and {@code dev.microkit.events}, which hold the public API,
 * the packages of the client factories applications call and
 * {@code dev.microkit.security}; nothing else below them. The samples are what users
 * copy, so they keep to it; the benchmarks name each internal they measure directly, with
 * the reason beside it.
 */
public final class StarterApi {

	/**
	 * The packages of the starter's public API: the two features' root packages, the
	 * client factories applications call ({@code HttpInterfaceClients},
	 * {@code GrpcClients}) and the security answers their filter chains use.
	 */
	public static final String[] API_PACKAGES = { "dev.microkit.calls", "dev.microkit.calls.http",
			"dev.microkit.calls.grpc", "dev.microkit.events", "dev.microkit.security" };

	private StarterApi() {
	}

	/**
	 * Classes in the given packages use only the starter's public API.
	 * @param packages the packages checked, in ArchUnit's syntax, such as
	 * {@code dev.microkit.samples..}
	 * @param internals starter classes outside the public API the checked code may use
	 * @return the rule
	 */
	public static ArchRule onlyThePublicApi(String packages, Class<?>... internals) {
		DescribedPredicate<JavaClass> starterInternal = resideInAPackage("dev.microkit..")
			.and(DescribedPredicate.not(resideInAnyPackage(API_PACKAGES)))
			.and(DescribedPredicate.not(resideInAnyPackage(packages, "dev.microkit.samples..",
					"dev.microkit.testsupport..", "dev.microkit.localkafka..")))
			.and(DescribedPredicate.not(belongToAnyOf(internals)))
			.as("are starter classes outside its public API (" + String.join(", ", API_PACKAGES) + ")");
		return noClasses().that().resideInAPackage(packages).should().dependOnClassesThat(starterInternal);
	}

}
