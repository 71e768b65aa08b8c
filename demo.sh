#!/usr/bin/env bash
# The local demo: a Kafka broker, the token issuer, two inventory instances and the order
# service on this machine, with only a JDK 17+. Usage: ./demo.sh [--once] [--transport=kafka|rabbitmq] [--calls=http|grpc]
set -euo pipefail
cd "$(dirname "$0")"

java_cmd="java"
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
  java_cmd="$JAVA_HOME/bin/java"
fi
if ! command -v "$java_cmd" >/dev/null 2>&1; then
  echo "The demo needs a JDK 17 or newer: no 'java' on the PATH and no JAVA_HOME set." >&2
  exit 2
fi
java_version=$("$java_cmd" -version 2>&1 | awk -F '"' '/version/ { print $2; exit }')
java_major=${java_version%%.*}
if [ "$java_major" = "1" ]; then
  java_major=$(echo "$java_version" | cut -d. -f2)
fi
if ! [ "$java_major" -ge 17 ] 2>/dev/null; then
  echo "The demo needs a JDK 17 or newer; '$java_cmd' is version ${java_version:-unknown}." >&2
  exit 2
fi

jars=(local-kafka/target/local-kafka-*-exec.jar
      sample-inventory-service/target/sample-inventory-service-*.jar
      sample-order-service/target/sample-order-service-*.jar
      sample-authorization-server/target/sample-authorization-server-*.jar
      demo/target/microkit-demo-*.jar)
for jar in "${jars[@]}"; do
  if [ ! -f "$jar" ]; then
    echo "Building the demo (once; ./mvnw -DskipTests package rebuilds it) …"
    ./mvnw -q -B -DskipTests package
    break
  fi
done

exec "$java_cmd" -jar demo/target/microkit-demo-*.jar "$@"
