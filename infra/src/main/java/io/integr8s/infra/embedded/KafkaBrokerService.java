package io.integr8s.infra.embedded;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * with its log in {@code <home>/kafka}. The storage is formatted once, when meta.properties is absent.
 */
final class KafkaBrokerService implements EmbeddedService {

    private static final String HOST = "127.0.0.1";
    private static final int NODE_ID = 1;
    private static final String CONTROLLER_LISTENER = "CONTROLLER";

    private final Path logDirectory;
    private final KafkaTopicProperties topic;
    private KafkaRaftServer server;
    private int brokerPort;

    KafkaBrokerService(Path home, KafkaTopicProperties topic) {
        this.logDirectory = home.resolve("kafka");
        this.topic = topic;
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
        props.put("listeners", "PLAINTEXT://" + HOST + ":" + port + "," + CONTROLLER_LISTENER + "://" + HOST + ":" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + port);
        props.put("controller.listener.names", CONTROLLER_LISTENER);
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        props.put("inter.broker.listener.name", "PLAINTEXT");
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
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
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

    @Override
    public Map<String, String> connectionProperties() {
        return Map.of(
                "spring.kafka.bootstrap-servers", bootstrapServers(),
                "axon.kafka.bootstrap-servers", bootstrapServers());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
        }
    }
}
