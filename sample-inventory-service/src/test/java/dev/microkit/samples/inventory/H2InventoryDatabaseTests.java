package dev.microkit.samples.inventory;

/**
 * The inventory on embedded H2, the default database.
 */
class H2InventoryDatabaseTests extends InventoryDatabaseTests {

}
