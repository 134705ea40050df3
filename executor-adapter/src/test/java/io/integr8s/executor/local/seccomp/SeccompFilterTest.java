package io.integr8s.executor.local.seccomp;

import io.integr8s.executor.local.seccomp.SeccompFilter.Instruction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static io.integr8s.executor.local.seccomp.SeccompFilter.*;
import static io.integr8s.executor.local.seccomp.X86_64Syscalls.*;
import static org.assertj.core.api.Assertions.assertThat;

/** The BPF program as bytes and as behaviour (run by a small classic-BPF interpreter here), without any process. */
class SeccompFilterTest {

    private static final int AUDIT_ARCH_I386 = 0x40000003;
    private static final int ALLOW = SECCOMP_RET_ALLOW;
    private static final int DENY = SECCOMP_RET_ERRNO | EPERM;

    private final SeccompFilter filter = SeccompFilter.x86_64();

    @Test
    void theProgramStartsWithTheArchitectureCheckAndTheX32Guard() {
        List<Instruction> program = filter.instructions();

        assertThat(program.get(0)).isEqualTo(new Instruction(LD_W_ABS, 0, 0, OFFSET_ARCH));
        assertThat(program.get(1)).isEqualTo(new Instruction(JEQ_K, 1, 0, AUDIT_ARCH_X86_64));
        assertThat(program.get(2)).isEqualTo(new Instruction(RET_K, 0, 0, SECCOMP_RET_KILL_PROCESS));
        assertThat(program.get(3)).isEqualTo(new Instruction(LD_W_ABS, 0, 0, OFFSET_NR));
        assertThat(program.get(4).code()).isEqualTo(JGE_K);
        assertThat(program.get(4).k()).isEqualTo(0x40000000);
        assertThat(program.get(5)).isEqualTo(new Instruction(JGT_K, program.get(5).jt(), 0, 467));
        // 6 header + clone3/clone/socket/socketpair/personality + ja + 2 (clone) + 2 (socket) + 4 (personality)
        // + 4 shared returns + a jeq/ret pair per allowed call + the default
        assertThat(program).hasSize(6 + 5 + 1 + 2 + 2 + 4 + 4 + 2 * X86_64Syscalls.ALLOWED.size() + 1);
        assertThat(program.get(program.size() - 1)).as("default deny").isEqualTo(new Instruction(RET_K, 0, 0, DENY));
    }

    @Test
    void itIsSerializedAsTheKernelsSockFilterArrayLittleEndian() {
        byte[] bytes = filter.toBytes();

        assertThat(bytes).hasSize(filter.instructions().size() * 8);
        assertThat(Arrays.copyOf(bytes, 24)).containsExactly(
                0x20, 0x00, 0, 0, 0x04, 0x00, 0x00, 0x00,                    // ld [4]
                0x15, 0x00, 1, 0, 0x3e, 0x00, 0x00, (byte) 0xc0,             // jeq #0xc000003e, +1, +0
                0x06, 0x00, 0, 0, 0x00, 0x00, 0x00, (byte) 0x80);            // ret KILL_PROCESS
    }

    @Test
    void theSyscallNumbersAreTheX86_64Ones() {
        // spot checks against arch/x86/entry/syscalls/syscall_64.tbl
        assertThat(DENIED).containsAllEntriesOf(Map.of("ptrace", 101, "mount", 165, "unshare", 272, "setns", 308,
                "bpf", 321, "perf_event_open", 298, "userfaultfd", 323, "keyctl", 250, "io_uring_setup", 425,
                "open_tree_attr", 467));
        assertThat(DENIED).containsAllEntriesOf(Map.of("modify_ldt", 154, "mbind", 237, "set_mempolicy", 238,
                "migrate_pages", 256, "move_pages", 279));
        assertThat(ALLOWED).containsAllEntriesOf(Map.of("read", 0, "write", 1, "futex", 202, "execve", 59,
                "openat", 257, "fchmodat2", 452, "futex_wake", 454, "mseal", 462));
        assertThat(List.copyOf(ALLOWED.keySet())).isSorted().doesNotContainAnyElementsOf(DENIED.keySet());
        assertThat(java.util.stream.Stream.concat(ALLOWED.values().stream(), DENIED.values().stream()).toList())
                .doesNotHaveDuplicates().doesNotContain(NR_SOCKET, NR_SOCKETPAIR, NR_CLONE, NR_CLONE3, NR_PERSONALITY)
                .allMatch(nr -> nr >= 0 && nr <= HIGHEST_KNOWN);
        Path header = Path.of("/usr/include/x86_64-linux-gnu/asm/unistd_64.h");
        if (Files.isReadable(header)) {
            try {
                String text = Files.readString(header);
                // the header of an older kernel lacks the newest calls: those it has must match
                java.util.stream.Stream.of(ALLOWED, DENIED).flatMap(table -> table.entrySet().stream())
                        .filter(call -> text.contains("#define __NR_" + call.getKey() + " "))
                        .forEach(call -> assertThat(text).as(call.getKey())
                                .containsPattern("#define __NR_" + call.getKey() + "\\s+" + call.getValue() + "\\b"));
                assertThat(text).containsPattern("#define __NR_clone3\\s+435\\b").containsPattern("#define __NR_socket\\s+41\\b")
                        .containsPattern("#define __NR_socketpair\\s+53\\b").containsPattern("#define __NR_clone\\s+56\\b")
                        .containsPattern("#define __NR_personality\\s+135\\b");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Test
    void theProgramDecidesAsSpecified() {
        assertThat(run(AUDIT_ARCH_I386, 20, 0)).as("i386 ABI").isEqualTo(SECCOMP_RET_KILL_PROCESS);
        assertThat(run(AUDIT_ARCH_X86_64, 0x40000000 | 39, 0)).as("x32 getpid").isEqualTo(DENY);
        assertThat(run(AUDIT_ARCH_X86_64, -1, 0)).as("nr -1").isEqualTo(DENY);
        DENIED.forEach((name, nr) -> assertThat(run(AUDIT_ARCH_X86_64, nr, 0)).as(name).isEqualTo(DENY));
        ALLOWED.forEach((name, nr) -> assertThat(run(AUDIT_ARCH_X86_64, nr, 0)).as(name).isEqualTo(ALLOW));
        for (int unlisted : new int[]{170, 171, 174, 214, 236}) { // sethostname, setdomainname, create_module, …
            assertThat(run(AUDIT_ARCH_X86_64, unlisted, 0)).as("nr %d", unlisted).isEqualTo(DENY);
        }
        for (int newer : new int[]{HIGHEST_KNOWN + 1, 469, 1000, 0x3fffffff}) {
            assertThat(run(AUDIT_ARCH_X86_64, newer, 0)).as("nr %d", newer).isEqualTo(SECCOMP_RET_ERRNO | ENOSYS);
        }
        assertThat(run(AUDIT_ARCH_X86_64, NR_CLONE3, 0)).isEqualTo(SECCOMP_RET_ERRNO | ENOSYS);
        // clone: threads (glibc's flags) and fork (SIGCHLD) pass, any namespace flag does not
        assertThat(run(AUDIT_ARCH_X86_64, NR_CLONE, 0x3d0f00)).isEqualTo(ALLOW);
        assertThat(run(AUDIT_ARCH_X86_64, NR_CLONE, 0x01200011)).isEqualTo(ALLOW);
        for (int flag : new int[]{0x00020000, 0x02000000, 0x04000000, 0x08000000, 0x10000000, 0x20000000, 0x40000000}) {
            assertThat(run(AUDIT_ARCH_X86_64, NR_CLONE, flag | 17)).as("clone flag %x", flag).isEqualTo(DENY);
        }
        assertThat(run(AUDIT_ARCH_X86_64, NR_SOCKET, AF_UNIX)).isEqualTo(ALLOW);
        assertThat(run(AUDIT_ARCH_X86_64, NR_SOCKETPAIR, AF_UNIX)).isEqualTo(ALLOW);
        for (int family : new int[]{0, 2, 10, 16, 17, 38, 40}) {
            assertThat(run(AUDIT_ARCH_X86_64, NR_SOCKET, family)).as("family %d", family)
                    .isEqualTo(SECCOMP_RET_ERRNO | EAFNOSUPPORT);
            assertThat(run(AUDIT_ARCH_X86_64, NR_SOCKETPAIR, family)).isEqualTo(SECCOMP_RET_ERRNO | EAFNOSUPPORT);
        }
        assertThat(run(AUDIT_ARCH_X86_64, NR_PERSONALITY, 0)).isEqualTo(ALLOW);
        assertThat(run(AUDIT_ARCH_X86_64, NR_PERSONALITY, 0xffffffff)).isEqualTo(ALLOW);
        assertThat(run(AUDIT_ARCH_X86_64, NR_PERSONALITY, 0x0040000)).isEqualTo(DENY);
    }

    @Test
    void theFileIsWrittenWholeAndReadOnly(@TempDir Path dir) throws IOException {
        Path file = filter.writeTo(dir);

        assertThat(Files.readAllBytes(file)).isEqualTo(filter.toBytes());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("r--r--r--");
        assertThat(filter.writeTo(dir)).as("rewritable at the next start").isEqualTo(file);
        try (var entries = Files.list(dir)) {
            assertThat(entries.toList()).containsExactly(file);
        }
    }

    @Test
    void otherArchitecturesAreRefusedWithAClearMessage() {
        assertThat(SeccompFilter.unsupportedReason("amd64")).isEmpty();
        assertThat(SeccompFilter.unsupportedReason("aarch64")).hasValueSatisfying(message ->
                assertThat(message).contains("x86_64", "aarch64", "integr8s.executor.local.seccomp=false"));
    }

    /** A classic-BPF interpreter for the instructions the filter uses, over a struct seccomp_data. */
    private int run(int arch, int nr, long arg0) {
        ByteBuffer data = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        data.putInt(0, nr).putInt(4, arch).putLong(8, 0x401000L).putLong(16, arg0);
        List<Instruction> program = filter.instructions();
        int accumulator = 0;
        for (int pc = 0; pc < program.size(); pc++) {
            Instruction i = program.get(pc);
            switch (i.code()) {
                case LD_W_ABS -> accumulator = data.getInt(i.k());
                case JEQ_K -> pc += accumulator == i.k() ? i.jt() : i.jf();
                case JGE_K -> pc += Integer.compareUnsigned(accumulator, i.k()) >= 0 ? i.jt() : i.jf();
                case JGT_K -> pc += Integer.compareUnsigned(accumulator, i.k()) > 0 ? i.jt() : i.jf();
                case JA -> pc += i.k();
                case JSET_K -> pc += (accumulator & i.k()) != 0 ? i.jt() : i.jf();
                case RET_K -> {
                    return i.k();
                }
                default -> throw new IllegalStateException("unexpected opcode " + i.code());
            }
        }
        throw new IllegalStateException("fell off the end of the program");
    }
}
