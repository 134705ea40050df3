package io.integr8s.executor.local.seccomp;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The seccomp filter of every sandbox: a classic-BPF program (the kernel's {@code struct sock_filter} array) that
 * {@code bwrap --seccomp FD} loads right before it executes the script's interpreter. Pure Java, x86_64 only.
 * A default-deny allowlist ({@link X86_64Syscalls}):
 * <ol>
 *   <li>{@code arch} must be AUDIT_ARCH_X86_64, else the process is killed (i386 {@code int 0x80} calls would see
 *       other syscall numbers);</li>
 *   <li>x32 ABI calls ({@code nr >= 0x40000000}) fail with EPERM;</li>
 *   <li>numbers above {@link X86_64Syscalls#HIGHEST_KNOWN} (calls newer than the list) and {@code clone3} fail with
 *       ENOSYS, as on a kernel without them, so libc and runtimes take their fallback ({@code clone3}: glibc falls
 *       back to {@code clone}, whose flags a filter can see; clone3's are in memory);</li>
 *   <li>{@code clone} with any namespace flag fails with EPERM; {@code socket}/{@code socketpair} of any family but
 *       AF_UNIX fail with EAFNOSUPPORT; {@code personality} other than query (0xffffffff) and PER_LINUX (0) fails
 *       with EPERM;</li>
 *   <li>the {@link X86_64Syscalls#ALLOWED} calls pass; everything else fails with EPERM.</li>
 * </ol>
 * Arguments are compared on their low 32 bits: the kernel reads {@code socket}'s domain and {@code personality}'s
 * persona as 32-bit ints and takes only the low 32 bits of {@code clone}'s flags, so the high half cannot smuggle
 * anything past the filter.
 */
public final class SeccompFilter {

    // struct seccomp_data (include/uapi/linux/seccomp.h): int nr; __u32 arch; __u64 instruction_pointer; __u64 args[6]
    static final int OFFSET_NR = 0;
    static final int OFFSET_ARCH = 4;
    static final int OFFSET_ARG0_LOW = 16;

    public static final int AUDIT_ARCH_X86_64 = 0xC000003E;
    /** __X32_SYSCALL_BIT: x32 ABI calls arrive with the x86_64 arch and this bit set in nr. */
    public static final int X32_SYSCALL_BIT = 0x40000000;

    public static final int SECCOMP_RET_KILL_PROCESS = 0x80000000;
    public static final int SECCOMP_RET_ERRNO = 0x00050000;
    public static final int SECCOMP_RET_ALLOW = 0x7FFF0000;

    public static final int EPERM = 1;
    public static final int ENOSYS = 38;
    public static final int EAFNOSUPPORT = 97;

    public static final int AF_UNIX = 1;
    /** CLONE_NEWNS | NEWCGROUP | NEWUTS | NEWIPC | NEWUSER | NEWPID | NEWNET (CLONE_NEWTIME only exists for clone3/unshare). */
    public static final int CLONE_NAMESPACE_FLAGS = 0x00020000 | 0x02000000 | 0x04000000 | 0x08000000 | 0x10000000
            | 0x20000000 | 0x40000000;
    public static final int PER_LINUX = 0;
    public static final int PERSONALITY_QUERY = 0xFFFFFFFF;

    // classic BPF opcodes (include/uapi/linux/filter.h)
    static final short LD_W_ABS = 0x20;   // BPF_LD | BPF_W | BPF_ABS
    static final short JEQ_K = 0x15;      // BPF_JMP | BPF_JEQ | BPF_K
    static final short JGE_K = 0x35;      // BPF_JMP | BPF_JGE | BPF_K
    static final short JGT_K = 0x25;      // BPF_JMP | BPF_JGT | BPF_K
    static final short JSET_K = 0x45;     // BPF_JMP | BPF_JSET | BPF_K
    static final short JA = 0x05;         // BPF_JMP | BPF_JA: k = forward offset, not limited to 255
    static final short RET_K = 0x06;      // BPF_RET | BPF_K

    /** BPF_MAXINSNS */
    private static final int MAX_INSTRUCTIONS = 4096;

    /** One {@code struct sock_filter}. */
    public record Instruction(short code, int jt, int jf, int k) {
        public Instruction {
            if (jt < 0 || jt > 255 || jf < 0 || jf > 255) {
                throw new IllegalArgumentException("A BPF jump reaches at most 255 instructions ahead: " + jt + "/" + jf);
            }
        }
    }

    private final List<Instruction> program;

    private SeccompFilter(List<Instruction> program) {
        this.program = List.copyOf(program);
    }

    /** Why this machine cannot use the filter (it is built for x86_64 only); empty if it can. */
    public static Optional<String> unsupportedReason() {
        return unsupportedReason(System.getProperty("os.arch", ""));
    }

    static Optional<String> unsupportedReason(String osArch) {
        String arch = osArch.toLowerCase(Locale.ROOT);
        if (arch.equals("amd64") || arch.equals("x86_64")) {
            return Optional.empty();
        }
        return Optional.of("the sandbox's seccomp filter is built for x86_64 syscall numbers only, this JVM runs on '"
                + osArch + "'; set integr8s.executor.local.seccomp=false to run sandboxes without it (weaker isolation)");
    }

    /** The filter for x86_64 (it can be built on any machine; it can only be used on x86_64). */
    public static SeccompFilter x86_64() {
        Assembler asm = new Assembler();
        asm.load(OFFSET_ARCH);
        asm.jumpIfEqual(AUDIT_ARCH_X86_64, Assembler.NEXT_BUT_ONE, Assembler.NEXT);
        asm.ret(SECCOMP_RET_KILL_PROCESS);
        asm.load(OFFSET_NR);
        asm.jump(JGE_K, X32_SYSCALL_BIT, "eperm", Assembler.NEXT_LABEL);
        asm.jump(JGT_K, X86_64Syscalls.HIGHEST_KNOWN, "enosys", Assembler.NEXT_LABEL);
        asm.jumpIfEqual(X86_64Syscalls.NR_CLONE3, "enosys");
        asm.jumpIfEqual(X86_64Syscalls.NR_CLONE, "clone");
        asm.jumpIfEqual(X86_64Syscalls.NR_SOCKET, "socket");
        asm.jumpIfEqual(X86_64Syscalls.NR_SOCKETPAIR, "socket");
        asm.jumpIfEqual(X86_64Syscalls.NR_PERSONALITY, "personality");
        asm.jumpAlways("allowlist");

        asm.label("clone");
        asm.load(OFFSET_ARG0_LOW);
        asm.jump(JSET_K, CLONE_NAMESPACE_FLAGS, "eperm", "allow");

        asm.label("socket");
        asm.load(OFFSET_ARG0_LOW);
        asm.jump(JEQ_K, AF_UNIX, "allow", "eafnosupport");

        asm.label("personality");
        asm.load(OFFSET_ARG0_LOW);
        asm.jumpIfEqual(PER_LINUX, "allow");
        asm.jumpIfEqual(PERSONALITY_QUERY, "allow");
        asm.ret(SECCOMP_RET_ERRNO | EPERM);

        asm.label("allow");
        asm.ret(SECCOMP_RET_ALLOW);
        asm.label("eperm");
        asm.ret(SECCOMP_RET_ERRNO | EPERM);
        asm.label("enosys");
        asm.ret(SECCOMP_RET_ERRNO | ENOSYS);
        asm.label("eafnosupport");
        asm.ret(SECCOMP_RET_ERRNO | EAFNOSUPPORT);

        // A still holds nr here. One "jeq nr; ret ALLOW" pair per allowed call, lowest number first (a shared
        // "allow" would lie more than 255 instructions ahead, the reach of a conditional jump)
        asm.label("allowlist");
        X86_64Syscalls.ALLOWED.values().stream().sorted().forEach(nr -> {
            asm.jumpIfEqual(nr, Assembler.NEXT, Assembler.NEXT_BUT_ONE);
            asm.ret(SECCOMP_RET_ALLOW);
        });
        asm.ret(SECCOMP_RET_ERRNO | EPERM);
        return new SeccompFilter(asm.resolve());
    }

    public List<Instruction> instructions() {
        return program;
    }

    /** The program as the kernel reads it: 8 bytes per instruction, little-endian (u16 code, u8 jt, u8 jf, u32 k). */
    public byte[] toBytes() {
        ByteBuffer buffer = ByteBuffer.allocate(program.size() * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (Instruction instruction : program) {
            buffer.putShort(instruction.code());
            buffer.put((byte) instruction.jt());
            buffer.put((byte) instruction.jf());
            buffer.putInt(instruction.k());
        }
        return buffer.array();
    }

    /**
     * Writes the program to {@code dir/seccomp-x86_64.bpf}, readable by everyone and writable by no one (it is no
     * secret; the sandbox uid must open it). Written to a temporary name and moved, so a reader never sees half of it.
     */
    public Path writeTo(Path dir) throws IOException {
        Path target = dir.resolve("seccomp-x86_64.bpf");
        Path temporary = Files.createTempFile(dir, ".seccomp-", ".tmp");
        try {
            Files.write(temporary, toBytes());
            Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("r--r--r--"));
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
        return target;
    }

    /** A tiny two-pass assembler: jumps name labels (or the next instructions), resolved to forward offsets. */
    private static final class Assembler {
        static final int NEXT = 0;
        static final int NEXT_BUT_ONE = 1;
        static final String NEXT_LABEL = "";

        private record Pending(short code, Object jt, Object jf, int k, String kTarget) {
            Pending(short code, Object jt, Object jf, int k) {
                this(code, jt, jf, k, null);
            }
        }

        private final List<Pending> pending = new ArrayList<>();
        private final Map<String, Integer> labels = new HashMap<>();

        void load(int offset) {
            pending.add(new Pending(LD_W_ABS, 0, 0, offset));
        }

        void ret(int value) {
            pending.add(new Pending(RET_K, 0, 0, value));
        }

        void jumpIfEqual(int value, int jt, int jf) {
            pending.add(new Pending(JEQ_K, jt, jf, value));
        }

        void jumpIfEqual(int value, String target) {
            jump(JEQ_K, value, target, NEXT_LABEL);
        }

        void jump(short code, int value, String jt, String jf) {
            pending.add(new Pending(code, jt, jf, value));
        }

        /** BPF_JA: its offset is the 32-bit k, so it reaches any label ahead. */
        void jumpAlways(String target) {
            pending.add(new Pending(JA, 0, 0, 0, target));
        }

        void label(String name) {
            if (labels.putIfAbsent(name, pending.size()) != null) {
                throw new IllegalStateException("Label " + name + " defined twice");
            }
        }

        List<Instruction> resolve() {
            List<Instruction> program = new ArrayList<>();
            for (int i = 0; i < pending.size(); i++) {
                Pending p = pending.get(i);
                int k = p.kTarget() == null ? p.k() : offset(i, p.kTarget());
                program.add(new Instruction(p.code(), offset(i, p.jt()), offset(i, p.jf()), k));
            }
            if (program.size() > MAX_INSTRUCTIONS) {
                throw new IllegalStateException("The seccomp program has " + program.size() + " instructions, the "
                        + "kernel takes at most " + MAX_INSTRUCTIONS);
            }
            return program;
        }

        private int offset(int at, Object target) {
            if (target instanceof Integer relative) {
                return relative;
            }
            String label = (String) target;
            if (label.isEmpty()) {
                return 0;
            }
            Integer position = labels.get(label);
            if (position == null || position <= at) {
                throw new IllegalStateException("BPF jumps go forward only; label '" + label + "' is not ahead of " + at);
            }
            return position - at - 1;
        }
    }
}
