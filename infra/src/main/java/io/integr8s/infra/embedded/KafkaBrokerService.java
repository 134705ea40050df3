package io.integr8s.infra.embedded;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Features;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A single-node Kafka broker in KRaft mode (broker and controller in one), run in-process from Kafka's own classes,
 * with its log in {@code <home>/kafka}. The storage is formatted once, when meta.properties is absent. Both listeners
 * are on 127.0.0.1 and take only SASL PLAIN with the one user {@code integr8s}, whose password is generated into
 * {@code <home>/secrets/kafka}; the clients get it through {@code spring.kafka.properties.*} and
 * {@code axon.kafka.properties.*}.
 */
final class KafkaBrokerService implements EmbeddedService {

    private static final String HOST = "127.0.0.1";
    private static final int NODE_ID = 1;
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final String BROKER_LISTENER = "BROKER";
    static final String SECRET = "kafka";
    private static final String USER = "integr8s";
    private static final String PLAIN_LOGIN = "org.apache.kafka.common.security.plain.PlainLoginModule";

    private final Path logDirectory;
    private final KafkaTopicProperties topic;
    private final HomeSecrets secrets;
    private KafkaRaftServer server;
    private int brokerPort;
    private String password;

    KafkaBrokerService(Path home, KafkaTopicProperties topic, HomeSecrets secrets) {
        this.logDirectory = home.resolve("kafka");
        this.topic = topic;
        this.secrets = secrets;
    }

    private static final int BIND_ATTEMPTS = 3;

    @Override
    public String name() {
        return "Kafka (KRaft)";
    }

    @Override
    public void start() throws Exception {
        Exit.setExitProcedure(KafkaBrokerService::refuseToEndTheProcess);
        Exit.setHaltProcedure(KafkaBrokerService::refuseToEndTheProcess);
        PrivateFiles.directory(logDirectory);
        password = secrets.get(SECRET);
        if (!Files.exists(logDirectory.resolve("meta.properties"))) {
            format();
        }
        for (int attempt = 1; ; attempt++) {
            int[] ports = FreePort.distinct(2);
            brokerPort = ports[0];
            server = new KafkaRaftServer(KafkaConfig.fromProps(brokerProperties(brokerPort, ports[1]), false), Time.SYSTEM);
            try {
                server.startup();
                break;
            } catch (RuntimeException e) {
                // a free port found a moment ago may be taken by another socket before the broker binds it
                stop();
                if (attempt == BIND_ATTEMPTS || !FreePort.isBindFailure(e)) {
                    throw e;
                }
            }
        }
        createTopicIfAbsent();
    }

    /**
     * Kafka ends its process on a fatal fault. Here that process is integr8s, and during start-up its logging is not
     * set up yet, so it would vanish without a word: the fault fails the broker's caller loudly instead.
     */
    private static void refuseToEndTheProcess(int statusCode, String message) {
        IllegalStateException fault = new IllegalStateException("The embedded Kafka broker hit a fatal fault and asked"
                + " to end the process (status " + statusCode + (message == null ? "" : ", " + message) + "). Restart"
                + " integr8s; Kafka's log lines before this one say what failed.");
        fault.printStackTrace(); // to standard error: during start-up the logging system is not initialised yet
        throw fault;
    }

    private Properties brokerProperties(int port, int controllerPort) {
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", Integer.toString(NODE_ID));
        props.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
        props.put("listeners", BROKER_LISTENER + "://" + HOST + ":" + port + ","
                + CONTROLLER_LISTENER + "://" + HOST + ":" + controllerPort);
        props.put("advertised.listeners", BROKER_LISTENER + "://" + HOST + ":" + port);
        props.put("controller.listener.names", CONTROLLER_LISTENER);
        props.put("listener.security.protocol.map",
                BROKER_LISTENER + ":SASL_PLAINTEXT," + CONTROLLER_LISTENER + ":SASL_PLAINTEXT");
        props.put("inter.broker.listener.name", BROKER_LISTENER);
        props.put("sasl.enabled.mechanisms", "PLAIN");
        props.put("sasl.mechanism.inter.broker.protocol", "PLAIN");
        props.put("sasl.mechanism.controller.protocol", "PLAIN");
        // the server side of each listener knows the one user; the controller's entry also logs the broker in
        String serverLogin = PLAIN_LOGIN + " required username=\"" + USER + "\" password=\"" + password + "\" user_"
                + USER + "=\"" + password + "\";";
        for (String listener : List.of(BROKER_LISTENER, CONTROLLER_LISTENER)) {
            props.put("listener.name." + listener.toLowerCase() + ".plain.sasl.jaas.config", serverLogin);
            props.put("listener.name." + listener.toLowerCase() + ".sasl.enabled.mechanisms", "PLAIN");
        }
        props.put("log.dirs", logDirectory.toAbsolutePath().toString());
        props.put("auto.create.topics.enable", "true");
        props.put("num.partitions", "1");
        props.put("offsets.topic.replication.factor", "1");
        // the default 50 offsets partitions make the first consumer group slow to appear on one node
        props.put("offsets.topic.num.partitions", "5");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("transaction.state.log.num.partitions", "5");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("num.network.threads", "2");
        props.put("num.io.threads", "4");
        props.put("log.cleaner.dedupe.buffer.size", Integer.toString(2 * 1024 * 1024));
        return props;
    }

    private void format() throws Exception {
        String directory = logDirectory.toAbsolutePath().toString();
        new Formatter()
                .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                .setSupportedFeatures(Features.PRODUCTION_FEATURES)
                .setClusterId(Uuid.randomUuid().toString())
                .setNodeId(NODE_ID)
                .setControllerListenerName(CONTROLLER_LISTENER)
                .setMetadataLogDirectory(directory)
                .setDirectories(List.of(directory))
                .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                .run();
    }

    private void createTopicIfAbsent() throws InterruptedException, ExecutionException {
        Map<String, Object> config = new HashMap<>(clientSecurity());
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        try (Admin admin = Admin.create(config)) {
            admin.createTopics(List.of(new NewTopic(topic.getTopic(), topic.getPartitions(), (short) 1)))
                    .all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("Kafka did not create topic " + topic.getTopic() + " within 30 s", e);
        }
    }

    private String bootstrapServers() {
        return HOST + ":" + brokerPort;
    }

    /** What a client needs besides the bootstrap servers. */
    private Map<String, String> clientSecurity() {
        return Map.of(
                "security.protocol", "SASL_PLAINTEXT",
                "sasl.mechanism", "PLAIN",
                "sasl.jaas.config", PLAIN_LOGIN + " required username=\"" + USER + "\" password=\"" + password + "\";");
    }

    @Override
    public Map<String, String> connectionProperties() {
        Map<String, String> properties = new HashMap<>();
        properties.put("spring.kafka.bootstrap-servers", bootstrapServers());
        properties.put("axon.kafka.bootstrap-servers", bootstrapServers());
        clientSecurity().forEach((key, value) -> {
            properties.put("spring.kafka.properties." + key, value);
            properties.put("axon.kafka.properties." + key, value);
        });
        return properties;
    }

    @Override
    public void stop() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
        }
    }
}
