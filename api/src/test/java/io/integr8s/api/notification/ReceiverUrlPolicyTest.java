package io.integr8s.api.notification;

import io.netty.util.NetUtil;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static io.integr8s.api.notification.ReceiverAddressesTest.ip;
import static org.assertj.core.api.Assertions.assertThat;

/** Receiver URLs: scheme, one resolution whose every address is checked, the checked address kept; nothing connects. */
class ReceiverUrlPolicyTest {

    private static final NotificationChannel WEBHOOK = NotificationChannel.WEBHOOK;

    private static ReceiverUrlPolicy policy(List<String> allowed, ReceiverUrlPolicy.HostResolver resolver) {
        return policy(allowed, false, resolver);
    }

    private static ReceiverUrlPolicy policy(List<String> allowed, boolean httpLoopback,
                                            ReceiverUrlPolicy.HostResolver resolver) {
        NotificationProperties properties = new NotificationProperties(null,
                new NotificationProperties.Outbound(allowed, httpLoopback, Duration.ofMillis(300)), null, null, null,
                null);
        return new ReceiverUrlPolicy(properties, new ReceiverAddresses(properties), resolver);
    }

    private static ReceiverUrlPolicy.HostResolver dns(Map<String, List<String>> answers) {
        return host -> {
            if (NetUtil.isValidIpV4Address(host)) {
                return new InetAddress[]{ip(host)};
            }
            List<String> addresses = answers.get(host);
            if (addresses == null) {
                throw new UnknownHostException(host);
            }
            return addresses.stream().map(ReceiverAddressesTest::ip).toArray(InetAddress[]::new);
        };
    }

    @Test
    void aNameThatResolvesToLoopbackIsRefusedWhenLoopbackIsNotAllowed() {
        // the system resolver: localhost comes from /etc/hosts, no query leaves the host
        ReceiverUrlPolicy policy = policy(List.of(), InetAddress::getAllByName);
        assertThat(policy.refusal(WEBHOOK, "https://localhost/hook")).get().asString()
                .contains("The host localhost resolves to").contains("loopback");
    }

    @Test
    void theCloudMetadataAddressIsRefused() {
        assertThat(policy(List.of(), dns(Map.of())).refusal(WEBHOOK, "https://169.254.169.254/latest/meta-data/"))
                .get().asString().contains("169.254.169.254").contains("link-local");
    }

    @Test
    void oneRefusedAddressAmongTheAnswersRefusesTheUrl() {
        ReceiverUrlPolicy policy = policy(List.of(), dns(Map.of("receiver.example", List.of("1.1.1.1", "10.0.0.5"))));
        assertThat(policy.refusal(WEBHOOK, "https://receiver.example/hook")).get().asString().contains("10.0.0.5");
    }

    @Test
    void theReceiverKeepsTheAddressThatWasCheckedAndResolvesOnlyOnce() {
        AtomicInteger lookups = new AtomicInteger();
        ReceiverUrlPolicy policy = policy(List.of(), host -> {
            // a rebinding name: public the first time, loopback after
            return new InetAddress[]{ip(lookups.incrementAndGet() == 1 ? "93.184.215.14" : "127.0.0.1")};
        });
        Receiver receiver = policy.receiver(WEBHOOK, "https://rebind.example:8443/hook?x=1");
        assertThat(lookups.get()).isEqualTo(1);
        assertThat(receiver.address()).isEqualTo(ip("93.184.215.14"));
        assertThat(receiver.host()).isEqualTo("rebind.example");
        assertThat(receiver.port()).isEqualTo(8443);
    }

    @Test
    void anUnresolvableHostIsRefusedSayingSo() {
        assertThat(policy(List.of(), dns(Map.of())).refusal(WEBHOOK, "https://nowhere.example/hook")).get().asString()
                .isEqualTo("The host nowhere.example cannot be resolved; check the URL");
    }

    @Test
    void theSchemeComesFirstAndTheAllowListOpensAnOnPremisesReceiver() {
        ReceiverUrlPolicy policy = policy(List.of("10.1.0.0/16"), dns(Map.of("hooks.internal", List.of("10.1.2.3"))));
        assertThat(policy.refusal(WEBHOOK, "http://hooks.internal/hook")).get().asString()
                .startsWith("The URL must start with https://");
        assertThat(policy.refusal(WEBHOOK, "https://hooks.internal/hook")).isEmpty();
        assertThat(policy.refusal(NotificationChannel.SLACK, "https://hooks.internal/hook")).get().asString()
                .contains("https://hooks.slack.com/");
    }

    @Test
    void theTestsHttpLoopbackExceptionIsForThatHostOnly() {
        ReceiverUrlPolicy policy = policy(List.of("127.0.0.1"), true, dns(Map.of("elsewhere.example",
                List.of("93.184.215.14"))));
        assertThat(policy.refusal(WEBHOOK, "http://127.0.0.1:8080/hook")).isEmpty();
        assertThat(policy.refusal(WEBHOOK, "http://127.0.0.1:8080@elsewhere.example/hook")).get().asString()
                .startsWith("The URL must start with https://");
        assertThat(policy.refusal(WEBHOOK, "http://127.0.0.1.elsewhere.example/hook")).get().asString()
                .startsWith("The URL must start with https://");
    }

    @Test
    void savingASubscriptionResolvesOffTheCallersThreadAndGivesUpAfterTheTimeout() {
        AtomicReference<String> resolvedOn = new AtomicReference<>();
        ReceiverUrlPolicy policy = policy(List.of(), host -> {
            resolvedOn.set(Thread.currentThread().getName());
            try {
                Thread.sleep(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new InetAddress[]{ip("1.1.1.1")};
        });
        long start = System.nanoTime();
        Optional<String> refusal = Mono.defer(() -> policy.refusalOffTheEventLoop(WEBHOOK, "https://slow.example/"))
                .subscribeOn(Schedulers.parallel()).block(Duration.ofSeconds(3));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        assertThat(refusal).get().asString().isEqualTo("The host slow.example did not resolve within 300 ms; check the URL");
        assertThat(resolvedOn.get()).startsWith("boundedElastic");
    }
}
