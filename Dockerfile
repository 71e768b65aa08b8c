# One image per sample service: docker build --build-arg SERVICE=sample-order-service .
# Stage 1 builds the service's executable jar with the Maven wrapper.
FROM eclipse-temurin:17-jdk AS build
ARG SERVICE
WORKDIR /workspace
COPY . .
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -q -DskipTests -pl "${SERVICE}" -am package \
 && cp "${SERVICE}"/target/"${SERVICE}"-*.jar /workspace/application.jar

# Stage 2 splits the jar into Spring Boot's layers, so that a code change rebuilds only the last one.
FROM eclipse-temurin:17-jre AS layers
WORKDIR /layers
COPY --from=build /workspace/application.jar application.jar
RUN java -Djarmode=tools -jar application.jar extract --layers --launcher --destination extracted

# Stage 3: a JRE, a non-root user, one layer per COPY.
FROM eclipse-temurin:17-jre
RUN groupadd --system --gid 10001 app && useradd --system --uid 10001 --gid app --no-create-home app
WORKDIR /application
COPY --from=layers /layers/extracted/dependencies/ ./
COPY --from=layers /layers/extracted/spring-boot-loader/ ./
COPY --from=layers /layers/extracted/snapshot-dependencies/ ./
COPY --from=layers /layers/extracted/application/ ./
USER 10001:10001
# Heap sized from the container's memory limit; a JVM out of memory exits so that it is restarted.
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError -Djava.io.tmpdir=/tmp"
# Exec form: the JVM is PID 1 and gets SIGTERM itself, so that Spring shuts down gracefully.
ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]
