package io.integr8s.api.notification;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIMatcher;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.StandardConstants;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.integr8s.api.notification.ReceiverAddressesTest.ip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Posting to a checked receiver, against servers on loopback only. */
class ReceiverPosterTest {

    private static final InetAddress LOOPBACK = ip("127.0.0.1");

    private final List<HttpServer> servers = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopServers() {
        servers.forEach(server -> server.stop(0));
    }

    private static ReceiverPoster poster(Duration timeout, int attempts) {
        return new ReceiverPoster(new NotificationProperties(new NotificationProperties.Webhook("poster-test-secret",
                timeout, attempts, Duration.ofMillis(10), 2), null, null, null, null, null));
    }

    private record Request(String host, String body) {
    }

    private HttpServer server(List<Request> requests, int status, String location) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(LOOPBACK, 0), 0);
        server.createContext("/", exchange -> {
            requests.add(new Request(exchange.getRequestHeaders().getFirst("Host"),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            if (location != null) {
                exchange.getResponseHeaders().set("Location", location);
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
        servers.add(server);
        return server;
    }

    @Test
    void thePostGoesToTheCheckedAddressWithTheUrlsHostAsHostHeader() throws IOException {
        List<Request> requests = new CopyOnWriteArrayList<>();
        int port = server(requests, 204, null).getAddress().getPort();
        // receiver.test is never looked up: the checked address is the only answer the post gets for it
        Receiver receiver = new Receiver(URI.create("http://receiver.test:" + port + "/hook"), LOOPBACK);

        assertThat(poster(Duration.ofSeconds(2), 1).post(receiver, "n-1", "{\"a\":\"ü\"}")).isEqualTo(1);
        assertThat(requests).containsExactly(new Request("receiver.test:" + port, "{\"a\":\"ü\"}"));
    }

    @Test
    void overTlsTheServerNameAndTheCertificateCheckUseTheUrlsHostWhileTheConnectionGoesToTheCheckedAddress(
            @TempDir Path dir) throws Exception {
        KeyStore keys = selfSigned(dir, "receiver.test");
        List<String> serverNames = new CopyOnWriteArrayList<>();
        List<Request> requests = new CopyOnWriteArrayList<>();
        int port = tlsServer(keys, serverNames, requests).getAddress().getPort();
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(keys);
        ReceiverPoster poster = new ReceiverPoster(new NotificationProperties(new NotificationProperties.Webhook(
                "poster-test-secret", Duration.ofSeconds(5), 1, Duration.ofMillis(10), 2), null, null, null, null,
                null), trust);

        Receiver named = new Receiver(URI.create("https://receiver.test:" + port + "/hook"), LOOPBACK);
        assertThat(poster.post(named, "n-4", "{}")).isEqualTo(1);
        assertThat(serverNames).containsExactly("receiver.test");
        assertThat(requests).containsExactly(new Request("receiver.test:" + port, "{}"));

        // the same server and address under a name its certificate does not carry: refused before any request
        Receiver otherName = new Receiver(URI.create("https://other.test:" + port + "/hook"), LOOPBACK);
        assertThatThrownBy(() -> poster.post(otherName, "n-5", "{}")).isInstanceOf(DeliveryFailedException.class);
        assertThat(requests).hasSize(1);
    }

    /** A key pair and self-signed certificate for {@code host}, made by the JDK's keytool. */
    private static KeyStore selfSigned(Path dir, String host) throws Exception {
        Path file = dir.resolve("receiver.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "receiver", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=" + host, "-ext", "SAN=dns:" + host, "-storetype", "PKCS12", "-keystore",
                file.toString(), "-storepass", "changeit", "-keypass", "changeit")
                .redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(keytool.waitFor()).as(output).isZero();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(file)) {
            keys.load(in, "changeit".toCharArray());
        }
        return keys;
    }

    private HttpsServer tlsServer(KeyStore keys, List<String> serverNames, List<Request> requests) throws Exception {
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, "changeit".toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), null, null);
        HttpsServer server = HttpsServer.create(new InetSocketAddress(LOOPBACK, 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(context) {
            @Override
            public void configure(HttpsParameters parameters) {
                SSLParameters ssl = context.getDefaultSSLParameters();
                ssl.setSNIMatchers(List.of(new SNIMatcher(StandardConstants.SNI_HOST_NAME) {
                    @Override
                    public boolean matches(SNIServerName name) {
                        serverNames.add(new String(name.getEncoded(), StandardCharsets.US_ASCII));
                        return true;
                    }
                }));
                parameters.setSSLParameters(ssl);
            }
        });
        server.createContext("/", exchange -> {
            requests.add(new Request(exchange.getRequestHeaders().getFirst("Host"),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        servers.add(server);
        return server;
    }

    @Test
    void aRedirectIsAFailedAttemptAndIsNotFollowed() throws IOException {
        List<Request> redirected = new CopyOnWriteArrayList<>();
        int elsewhere = server(redirected, 204, null).getAddress().getPort();
        List<Request> requests = new CopyOnWriteArrayList<>();
        int port = server(requests, 302, "http://127.0.0.1:" + elsewhere + "/internal").getAddress().getPort();
        Receiver receiver = new Receiver(URI.create("http://127.0.0.1:" + port + "/hook"), LOOPBACK);

        assertThatThrownBy(() -> poster(Duration.ofSeconds(2), 2).post(receiver, "n-2", "{}"))
                .isInstanceOf(DeliveryFailedException.class).hasMessageContaining("HTTP 302");
        assertThat(requests).hasSize(2);
        assertThat(redirected).isEmpty();
    }

    @Test
    void aReceiverThatNeverAnswersFailsTheAttemptAfterTheTimeout() throws IOException {
        List<Socket> held = new CopyOnWriteArrayList<>();
        try (ServerSocket silent = new ServerSocket(0, 50, LOOPBACK)) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (!silent.isClosed()) {
                        held.add(silent.accept());
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            Receiver receiver = new Receiver(URI.create("http://127.0.0.1:" + silent.getLocalPort() + "/hook"),
                    LOOPBACK);

            long start = System.nanoTime();
            assertThatThrownBy(() -> poster(Duration.ofMillis(500), 1).post(receiver, "n-3", "{}"))
                    .isInstanceOf(DeliveryFailedException.class).hasMessageContaining("after 1 attempts");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
            assertThat(held).isNotEmpty();
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
        }
    }
}
