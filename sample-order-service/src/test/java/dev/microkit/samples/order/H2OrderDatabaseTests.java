package dev.microkit.samples.order;

/**
 * Orders on embedded H2, the default database.
 */
class H2OrderDatabaseTests extends OrderDatabaseTests {

}
