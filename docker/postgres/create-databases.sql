-- One database per service, as each service owns its data.
CREATE DATABASE inventory;
CREATE DATABASE orders;
