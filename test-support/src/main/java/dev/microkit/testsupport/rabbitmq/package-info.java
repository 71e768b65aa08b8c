/**
 * The RabbitMQ of the project's tests: a Testcontainers broker where Docker is available,
 * else the one on this machine.
 */
package dev.microkit.testsupport.rabbitmq;
