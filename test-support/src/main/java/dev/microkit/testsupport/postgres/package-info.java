/**
 * PostgreSQL for tests and benchmarks:
 * {@link dev.microkit.testsupport.postgres.PostgresServer} says where a server is and
 * runs statements on it, {@link dev.microkit.testsupport.postgres.TestPostgres} picks the
 * tests' server — a Testcontainers one where Docker is, else the local one — and hands
 * out schemas. Imports JDBC, Testcontainers, JUnit's assumptions and Spring's test
 * context; nothing of the starter.
 */
package dev.microkit.testsupport.postgres;
