package com.example.orders;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * One inventory instance on a loopback port: answers stock and reservations with JSON, or
 * with a chosen error status.
 */
final class InventoryBackend implements AutoCloseable {

    private final HttpServer server;

    private final AtomicInteger requests = new AtomicInteger();

    private volatile int status = 200;

    private volatile String lastAuthorization;

    InventoryBackend() throws IOException {
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        this.server.createContext("/api/inventory/", this::answer);
        this.server.start();
    }

    private void answer(HttpExchange exchange) throws IOException {
        this.requests.incrementAndGet();
        this.lastAuthorization = exchange.getRequestHeaders().getFirst("Authorization");
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String path = exchange.getRequestURI().getPath();
        boolean post = "POST".equals(exchange.getRequestMethod());
        String json = post ? body : "{\"sku\":\"" + path.substring(path.lastIndexOf('/') + 1) + "\",\"available\":5,\"reserved\":0}";
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        int answer = (this.status != 200) ? this.status : (post ? 201 : 200);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(answer, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    String uri() {
        return "http://127.0.0.1:" + this.server.getAddress().getPort();
    }

    String lastAuthorization() {
        return this.lastAuthorization;
    }

    int requests() {
        return this.requests.get();
    }

    void answerWith(int status) {
        this.status = status;
    }

    void stop() {
        this.server.stop(0);
    }

    @Override
    public void close() {
        stop();
    }

}
