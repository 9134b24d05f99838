package io.sluice.sandbox;

import java.io.IOException;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

/**
 * A sandbox handler, given the whole request body. The body is read before anything is answered, so that the
 * JDK server can reuse the connection, and the exchange is closed whatever the handler did.
 */
@FunctionalInterface
public interface SandboxHandler extends HttpHandler {

    void handle(HttpExchange exchange, byte[] body) throws IOException;

    @Override
    default void handle(HttpExchange exchange) throws IOException {
        try {
            handle(exchange, SandboxExchanges.readBody(exchange));
        } finally {
            exchange.close();
        }
    }
}
