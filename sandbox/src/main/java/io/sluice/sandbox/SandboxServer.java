package io.sluice.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

/**
 * A sandbox's JDK server, on loopback only: nothing outside the machine can mistake it for the vendor. A
 * subclass registers its handlers in its constructor, and its {@code start} methods hand it out through
 * {@link #listening}, so no request arrives before every handler is in place.
 */
public abstract class SandboxServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor;

    /** @param port 0 picks a free port */
    protected SandboxServer(String vendor, int port) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot bind the " + vendor + " sandbox to 127.0.0.1:" + port, e);
        }
        String threadName = vendor.toLowerCase(Locale.ROOT) + "-sandbox-";
        AtomicInteger threads = new AtomicInteger();
        // daemon threads: a test or demo that forgets to close its sandbox still exits
        executor = Executors.newFixedThreadPool(8, runnable -> {
            Thread thread = new Thread(runnable, threadName + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
    }

    protected static <S extends SandboxServer> S listening(S sandbox) {
        ((SandboxServer) sandbox).server.start();
        return sandbox;
    }

    protected final void serve(String path, HttpHandler handler) {
        server.createContext(path, handler);
    }

    public final String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public final void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
