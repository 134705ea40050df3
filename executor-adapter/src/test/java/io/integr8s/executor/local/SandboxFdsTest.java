package io.integr8s.executor.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SandboxFdsTest {

    @TempDir
    Path temp;

    @Test
    void theShellTextIsFixedAndOpensThePathsItGetsAsArgumentsAsFds345() throws Exception {
        Path dir = Files.createDirectory(temp.resolve("with 'quotes' $(touch pwned) ;"));
        Path script = Files.writeString(dir.resolve("main.py"), "the script");
        Path status = Files.createFile(dir.resolve("status"));
        Path filter = Files.writeString(dir.resolve("filter.bpf"), "the filter");

        List<String> argv = SandboxFds.opening(script, status, filter,
                List.of("/bin/sh", "-c", "cat <&4; cat <&3; echo written >&5"));

        assertThat(argv.subList(0, 7)).containsExactly("/bin/sh", "-c", SandboxFds.SHELL_TEXT, "integr8s-sandbox",
                script.toString(), status.toString(), filter.toString());
        Process shell = new ProcessBuilder(argv).directory(temp.toFile()).redirectErrorStream(true).start();
        assertThat(new String(shell.getInputStream().readAllBytes())).isEqualTo("the scriptthe filter");
        assertThat(shell.waitFor()).isZero();
        assertThat(status).hasContent("written");
        assertThat(temp.resolve("pwned")).doesNotExist();
    }

    @Test
    void withoutAFilterFd3StaysClosedAndAMissingFileIsReportedInOurWords() throws Exception {
        Path script = Files.writeString(temp.resolve("main.py"), "x");
        Path status = Files.createFile(temp.resolve("status"));

        Process noFilter = new ProcessBuilder(SandboxFds.opening(script, status, null,
                List.of("/bin/sh", "-c", "test -e /proc/self/fd/3 && echo open || echo closed"))).start();
        assertThat(new String(noFilter.getInputStream().readAllBytes())).isEqualTo("closed\n");

        Process missing = new ProcessBuilder(SandboxFds.opening(temp.resolve("nope.py"), status, null,
                List.of("/bin/true"))).start();
        assertThat(new String(missing.getErrorStream().readAllBytes()))
                .startsWith("integr8s-sandbox: cannot open the staged script " + temp.resolve("nope.py"));
        assertThat(missing.waitFor()).isEqualTo(1);
    }
}
