package io.integr8s.executor.local;

import io.integr8s.executor.CappedOutput;
import io.integr8s.executor.LiveOutput;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Coalescing and bounding of live output: chunk size, rate, order, offsets, character boundaries. */
class LiveChunksTest {

    record Chunk(long atNanos, String stream, long offset, String text) {
    }

    private final List<Chunk> chunks = new CopyOnWriteArrayList<>();
    private final LiveOutput recorder = (executionId, stream, offset, text) ->
            chunks.add(new Chunk(System.nanoTime(), stream, offset, text));
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    private static void write(CappedOutput.Tap tap, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        tap.accept(bytes, 0, bytes.length);
    }

    @Test
    void theFirstLineGoesOutAtOnce() {
        LiveChunks live = new LiveChunks(recorder, "run-1", scheduler);

        write(live.stdout(), "hello\n");

        await().atMost(Duration.ofMillis(500)).until(() -> chunks.size() == 1);
        assertThat(chunks.get(0)).extracting(Chunk::stream, Chunk::offset, Chunk::text)
                .containsExactly("stdout", 0L, "hello\n");
    }

    @Test
    void aFloodIsMergedIntoChunksOfAtMost8KiBAtMostTenPerSecondWithContiguousOffsets() {
        LiveChunks live = new LiveChunks(recorder, "run-2", scheduler);
        StringBuilder all = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            String line = "line " + i + "\n";
            all.append(line);
            write(live.stdout(), line);
        }
        live.stdout().end();

        int total = all.length();
        await().atMost(Duration.ofSeconds(10)).until(() -> chunks.stream().mapToInt(c -> c.text().length()).sum() == total);
        assertThat(chunks).allSatisfy(chunk -> assertThat(chunk.text().length()).isLessThanOrEqualTo(8192));
        assertThat(chunks.size()).as("%d bytes in chunks of 8 KiB", total).isBetween(total / 8192, total / 8192 + 3);
        for (int i = 1; i < chunks.size(); i++) {
            Chunk previous = chunks.get(i - 1);
            assertThat(chunks.get(i).offset()).isEqualTo(previous.offset() + previous.text().length());
            assertThat(Duration.ofNanos(chunks.get(i).atNanos() - previous.atNanos())).isGreaterThan(Duration.ofMillis(95));
        }
        assertThat(String.join("", chunks.stream().map(Chunk::text).toList())).isEqualTo(all.toString());
    }

    @Test
    void bothStreamsShareTheRateAndKeepTheirOwnOffsets() throws InterruptedException {
        LiveChunks live = new LiveChunks(recorder, "run-3", scheduler);
        long start = System.nanoTime();
        for (int i = 0; i < 20; i++) {
            write(live.stdout(), "out " + i + "\n");
            write(live.stderr(), "err " + i + "\n");
            Thread.sleep(25);
        }
        live.stdout().end();
        live.stderr().end();

        await().atMost(Duration.ofSeconds(5)).until(() -> joined("stdout").endsWith("out 19\n")
                && joined("stderr").endsWith("err 19\n"));
        double seconds = (chunks.get(chunks.size() - 1).atNanos() - start) / 1e9;
        assertThat(chunks.size()).isLessThanOrEqualTo((int) Math.ceil(seconds * 10) + 1);
        assertThat(joined("stdout")).startsWith("out 0\nout 1\n");
        assertThat(chunks.stream().filter(c -> c.stream().equals("stderr")).findFirst().orElseThrow().offset()).isZero();
    }

    @Test
    void aCharacterSplitAcrossReadsIsNeverSplitAcrossChunks() throws InterruptedException {
        LiveChunks live = new LiveChunks(recorder, "run-4", scheduler);
        byte[] euro = "€".getBytes(StandardCharsets.UTF_8); // 3 bytes

        live.stdout().accept(new byte[]{'a', euro[0]}, 0, 2);
        await().atMost(Duration.ofMillis(500)).until(() -> chunks.size() == 1);
        Thread.sleep(150);
        live.stdout().accept(euro, 1, 2);
        live.stdout().end();

        await().atMost(Duration.ofMillis(500)).until(() -> chunks.size() == 2);
        assertThat(chunks).extracting(Chunk::text).containsExactly("a", "€");
        assertThat(chunks.get(1).offset()).isEqualTo(1);
    }

    @Test
    void anIncompleteCharacterAtTheEndOfTheStreamStillGoesOut() {
        LiveChunks live = new LiveChunks(recorder, "run-5", scheduler);

        live.stderr().accept(new byte[]{'x', (byte) 0xE2, (byte) 0x82}, 0, 3);
        live.stderr().end();

        await().atMost(Duration.ofMillis(800)).until(() -> joined("stderr").length() >= 2);
        assertThat(joined("stderr")).startsWith("x").contains("\uFFFD");
    }

    @Test
    void characterBoundaries() {
        byte[] text = "ab€".getBytes(StandardCharsets.UTF_8);
        assertThat(LiveChunks.characterBoundary(text, 5)).isIn(5, 2).isEqualTo(5);
        assertThat(LiveChunks.characterBoundary(text, 4)).isEqualTo(2);
        assertThat(LiveChunks.characterBoundary(text, 3)).isEqualTo(2);
        assertThat(LiveChunks.characterBoundary(text, 2)).isEqualTo(2);
        assertThat(LiveChunks.characterBoundary(new byte[]{(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 'a'}, 4))
                .isEqualTo(4);
    }

    @Test
    void theCappedReaderFeedsTheTapUpToTheLimitOnly() throws InterruptedException {
        LiveChunks live = new LiveChunks(recorder, "run-6", scheduler);
        ByteArrayOutputStream big = new ByteArrayOutputStream();
        for (int i = 0; i < 3000; i++) {
            big.writeBytes("0123456789\n".getBytes(StandardCharsets.UTF_8));
        }
        CappedOutput out = CappedOutput.start("stdout", 20_000, new java.io.ByteArrayInputStream(big.toByteArray()),
                () -> { }, "test-reader", live.stdout());
        out.awaitEnd(Duration.ofSeconds(2));

        await().atMost(Duration.ofSeconds(3)).until(() -> joined("stdout").length() == 20_000);
        Thread.sleep(300);
        assertThat(joined("stdout")).hasSize(20_000);
        assertThat(chunks).hasSizeLessThanOrEqualTo(4);
        assertThat(out.exceeded()).isTrue();
    }

    @Test
    void withoutALiveOutputNothingIsBuffered() {
        LiveChunks live = new LiveChunks(LiveOutput.NONE, "run-7", scheduler);
        write(live.stdout(), "x".repeat(100_000));
        assertThat(live.chunksSent()).isZero();
    }

    private String joined(String stream) {
        return String.join("", chunks.stream().filter(c -> c.stream().equals(stream)).map(Chunk::text).toList());
    }
}
