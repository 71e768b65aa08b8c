/**
 * Input hardening for the application's own HTTP endpoints: request-body limits,
 * malformed media types and problem-detail answers for what Spring MVC and Tomcat reject
 * before a controller runs. Imports nothing else of microkit.
 */
package dev.microkit.web;
