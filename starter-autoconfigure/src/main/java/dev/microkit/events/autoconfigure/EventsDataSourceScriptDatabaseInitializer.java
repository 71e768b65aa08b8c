package dev.microkit.events.autoconfigure;

import java.util.List;

import javax.sql.DataSource;

import org.springframework.boot.jdbc.init.DataSourceScriptDatabaseInitializer;
import org.springframework.boot.jdbc.init.PlatformPlaceholderDatabaseDriverResolver;
import org.springframework.boot.sql.init.DatabaseInitializationSettings;

import dev.microkit.events.EventsProperties;

/**
 * Creates the starter's tables from the script for the application's database, as
 * {@code microkit.events.jdbc.initialize-schema} says.
 */
public class EventsDataSourceScriptDatabaseInitializer extends DataSourceScriptDatabaseInitializer {

	public EventsDataSourceScriptDatabaseInitializer(DataSource dataSource, EventsProperties.Jdbc properties) {
		super(dataSource, settings(dataSource, properties));
	}

	static DatabaseInitializationSettings settings(DataSource dataSource, EventsProperties.Jdbc properties) {
		List<String> locations = new PlatformPlaceholderDatabaseDriverResolver().resolveAll(dataSource,
				properties.getSchema());
		DatabaseInitializationSettings settings = new DatabaseInitializationSettings();
		settings.setSchemaLocations(locations);
		settings.setMode(properties.getInitializeSchema());
		return settings;
	}

}
