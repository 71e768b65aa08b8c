package dev.microkit.deployment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;
import org.yaml.snakeyaml.Yaml;

/**
 * A set of Kubernetes resources read into the Kubernetes and Strimzi model classes: the
 * kustomize base as written, or an overlay as {@code kubectl kustomize} renders it.
 */
record Manifests(String name, List<HasMetadata> resources) {

	private static final Map<String, Class<? extends HasMetadata>> MODELS = Map.ofEntries(
			Map.entry("Deployment", Deployment.class), Map.entry("StatefulSet", StatefulSet.class),
			Map.entry("Service", Service.class), Map.entry("ConfigMap", ConfigMap.class),
			Map.entry("Secret", Secret.class), Map.entry("ServiceAccount", ServiceAccount.class),
			Map.entry("PodDisruptionBudget", PodDisruptionBudget.class),
			Map.entry("HorizontalPodAutoscaler", HorizontalPodAutoscaler.class), Map.entry("Kafka", Kafka.class),
			Map.entry("KafkaNodePool", KafkaNodePool.class), Map.entry("KafkaTopic", KafkaTopic.class),
			Map.entry("KafkaUser", KafkaUser.class), Map.entry("ServiceMonitor", GenericKubernetesResource.class),
			Map.entry("RabbitmqCluster", GenericKubernetesResource.class),
			Map.entry("Vhost", GenericKubernetesResource.class), Map.entry("User", GenericKubernetesResource.class),
			Map.entry("Permission", GenericKubernetesResource.class));

	static Manifests base() {
		Map<String, Object> kustomization = new Yaml().load(Project.read("k8s/base/kustomization.yaml"));
		StringBuilder yaml = new StringBuilder();
		for (Object resource : (List<?>) kustomization.get("resources")) {
			yaml.append(Project.read("k8s/base/" + resource)).append("\n---\n");
		}
		return new Manifests("base", parse(yaml.toString()));
	}

	/**
	 * An overlay rendered by {@code kubectl kustomize}, when kubectl is installed.
	 */
	static Optional<Manifests> overlay(String overlay) {
		Path directory = Project.file("k8s/overlays/" + overlay);
		try {
			Process kubectl = new ProcessBuilder("kubectl", "kustomize", directory.toString()).redirectErrorStream(true)
				.start();
			String output = new String(kubectl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!kubectl.waitFor(60, TimeUnit.SECONDS) || kubectl.exitValue() != 0) {
				throw new IllegalStateException("kubectl kustomize " + directory + " failed:\n" + output);
			}
			return Optional.of(new Manifests(overlay, parse(output)));
		}
		catch (IOException ex) {
			return Optional.empty();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static List<HasMetadata> parse(String yaml) {
		List<HasMetadata> resources = new ArrayList<>();
		for (Object document : new Yaml().loadAll(yaml)) {
			if (document instanceof Map<?, ?> map) {
				String kind = (String) map.get("kind");
				Class<? extends HasMetadata> model = MODELS.get(kind);
				if (model == null) {
					throw new IllegalStateException("No model class for kind " + kind + "; add it to Manifests");
				}
				resources.add(Serialization.jsonMapper().convertValue(map, model));
			}
		}
		return resources;
	}

	<T extends HasMetadata> List<T> all(Class<T> type) {
		return this.resources.stream().filter(type::isInstance).map(type::cast).toList();
	}

	<T extends HasMetadata> T named(Class<T> type, String name) {
		return all(type).stream()
			.filter((resource) -> resource.getMetadata().getName().equals(name))
			.findFirst()
			.orElseThrow(() -> new AssertionError(this.name + " has no " + type.getSimpleName() + " " + name));
	}

	List<GenericKubernetesResource> ofKind(String kind) {
		return all(GenericKubernetesResource.class).stream().filter((r) -> kind.equals(r.getKind())).toList();
	}

	@Override
	public String toString() {
		return this.name;
	}

	/**
	 * The environment of a Deployment's (first and only) container.
	 */
	static List<EnvVar> containerEnv(Deployment deployment) {
		return deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv();
	}

}
