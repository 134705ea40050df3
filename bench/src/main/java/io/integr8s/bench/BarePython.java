package io.integr8s.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The baseline without any platform: {@code python3 -I -B -u -c 'print(1)'} (the flags the sandbox's python runtime
 * uses) started as a plain process, argv only.
 */
final class BarePython {

    private BarePython() {
    }

    static Percentiles measure(int runs) {
        List<Long> nanos = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            try {
                Process process = new ProcessBuilder("python3", "-I", "-B", "-u", "-c", "print(1)").redirectErrorStream(true).start();
                process.getInputStream().readAllBytes();
                if (process.waitFor() != 0) {
                    throw new IllegalStateException("python3 -c 'print(1)' failed; is python3 installed?");
                }
            } catch (IOException e) {
                throw new IllegalStateException("cannot start python3: " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            nanos.add(System.nanoTime() - start);
        }
        return Percentiles.of(nanos);
    }
}
