package io.integr8s.executor.local;

import io.integr8s.command.execution.api.ExecutionResult;
import io.integr8s.command.execution.api.Outcome;
import io.integr8s.executor.SandboxResult;
import io.integr8s.executor.SandboxSpec;
import io.integr8s.executor.local.seccomp.SeccompFilter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The seccomp filter in real sandboxes (real bubblewrap, real python, node, bash, ruby): what it denies, and that
 * ordinary programs still run under it. A second factory without the filter shows that the denials come from it.
 */
class SeccompTest {

    private static final int UID = 61_040;
    private static final AtomicInteger ids = new AtomicInteger();
    private static LocalSandboxFactory filtered;
    private static LocalSandboxFactory unfiltered;

    /** Python helper: {@code call(name, nr, *args)} prints {@code name=OK} or {@code name=<ERRNO NAME>}. */
    private static final String SYSCALL_HELPER = """
            import ctypes, errno, os
            libc = ctypes.CDLL(None, use_errno=True)
            libc.syscall.restype = ctypes.c_long
            def call(name, nr, *args):
                ctypes.set_errno(0)
                r = libc.syscall(ctypes.c_long(nr), *[ctypes.c_long(a) if isinstance(a, int) else a for a in args])
                e = ctypes.get_errno()
                print(name + '=' + ('OK' if r >= 0 else errno.errorcode.get(e, str(e))), flush=True)
            """;

    @BeforeAll
    static void sandboxes() {
        assumeTrue(SeccompFilter.unsupportedReason().isEmpty(), "the seccomp filter is x86_64 only");
        LocalExecutorProperties properties = SandboxTestSupport.properties(UID, 2);
        assertThat(properties.seccomp()).as("on by default").isTrue();
        filtered = SandboxTestSupport.factory(properties);
        unfiltered = SandboxTestSupport.factory(properties.withSeccomp(false));
    }

    @AfterAll
    static void cleanUp() {
        if (filtered != null) {
            filtered.staging().close();
            unfiltered.staging().close();
        }
    }

    @Test
    void theFilterIsLoadedAndItsFileDescriptorIsNotLeftOpen() {
        String out = completed(filtered, python("""
                import os
                print([l.split()[1] for l in open('/proc/self/status') if l.startswith('Seccomp:')][0])
                print([l.split()[1] for l in open('/proc/self/status') if l.startswith('NoNewPrivs:')][0])
                print(sorted(int(fd) for fd in os.listdir('/proc/self/fd')))
                """)).stdout();

        assertThat(out.lines().toList()).as(out).startsWith("2", "1");
        // 0, 1, 2 and the fd listdir itself has open: bwrap closed fd 3 (the filter) after loading it
        assertThat(out.lines().skip(2).findFirst().orElseThrow()).isEqualTo("[0, 1, 2, 3]");
        assertThat(completed(unfiltered, python("""
                print([l.split()[1] for l in open('/proc/self/status') if l.startswith('Seccomp:')][0])
                """)).stdout()).isEqualTo("0\n");
    }

    @Test
    void networkSocketsAreDeniedAndUnixSocketsWork() {
        String script = """
                import socket, errno
                for name, family, kind in [('inet', socket.AF_INET, socket.SOCK_STREAM),
                                           ('inet_udp', socket.AF_INET, socket.SOCK_DGRAM),
                                           ('inet6', socket.AF_INET6, socket.SOCK_STREAM),
                                           ('netlink', socket.AF_NETLINK, socket.SOCK_RAW),
                                           ('packet', socket.AF_PACKET, socket.SOCK_RAW),
                                           ('unix', socket.AF_UNIX, socket.SOCK_STREAM)]:
                    try:
                        socket.socket(family, kind).close()
                        print(name + '=OK')
                    except OSError as e:
                        print(name + '=' + errno.errorcode[e.errno])
                a, b = socket.socketpair()
                a.sendall(b'ping')
                print('socketpair=' + b.recv(4).decode())
                try:
                    socket.socketpair(socket.AF_INET)
                except OSError as e:
                    print('socketpair_inet=' + errno.errorcode[e.errno])
                """;
        Map<String, String> results = results(completed(filtered, python(script)));

        assertThat(results).containsEntry("inet", "EAFNOSUPPORT").containsEntry("inet_udp", "EAFNOSUPPORT")
                .containsEntry("inet6", "EAFNOSUPPORT").containsEntry("netlink", "EAFNOSUPPORT")
                .containsEntry("packet", "EAFNOSUPPORT").containsEntry("unix", "OK")
                .containsEntry("socketpair", "ping").containsEntry("socketpair_inet", "EAFNOSUPPORT");
        // without the filter the sandbox's own network namespace (only lo) would hand out an AF_INET socket
        assertThat(results(completed(unfiltered, python(script)))).containsEntry("inet", "OK").containsEntry("inet6", "OK");
    }

    @Test
    void processesThreadsAndSubprocessesStillWork() {
        ExecutionResult result = completed(filtered, python("""
                import os, threading, subprocess, multiprocessing
                pid = os.fork()
                if pid == 0:
                    os._exit(7)
                print('fork=' + str(os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])))
                seen = []
                threads = [threading.Thread(target=seen.append, args=(i,)) for i in range(4)]
                [t.start() for t in threads]
                [t.join() for t in threads]
                print('threads=' + str(sorted(seen)))
                print('subprocess=' + str(subprocess.run(['/bin/true']).returncode))
                print('echo=' + subprocess.run(['/bin/sh', '-c', 'echo hi'], capture_output=True, text=True).stdout.strip())
                if __name__ == '__main__':
                    with multiprocessing.get_context('fork').Pool(2) as pool:
                        print('pool=' + str(pool.map(abs, [-1, -2])))
                """));

        assertThat(results(result)).as(result.stderr()).containsEntry("fork", "7").containsEntry("threads", "[0, 1, 2, 3]")
                .containsEntry("subprocess", "0").containsEntry("echo", "hi").containsEntry("pool", "[1, 2]");
    }

    @Test
    void ptraceNamespacesAndDangerousKernelInterfacesFailWithEperm() {
        // x86_64 numbers; arguments are valid enough that only a policy (the filter) answers EPERM
        String script = SYSCALL_HELPER + """
                call('ptrace', 101, 0, 0, 0, 0)                           # PTRACE_TRACEME
                call('unshare_user', 272, 0x10000000)                     # CLONE_NEWUSER
                call('unshare_net', 272, 0x40000000)
                call('clone_newuser', 56, 0x10000000 | 17, 0, 0, 0, 0)   # clone(CLONE_NEWUSER | SIGCHLD)
                call('clone_newpid', 56, 0x20000000 | 17, 0, 0, 0, 0)
                call('setns', 308, 0, 0)
                call('mount', 165, b'none', b'/tmp', b'tmpfs', 0, 0)
                call('umount2', 166, b'/tmp', 0)
                call('keyctl', 250, 0, -3, 0)                             # KEYCTL_GET_KEYRING_ID, session keyring
                call('add_key', 248, b'user', b'k', b'v', 1, -3)
                call('bpf', 321, 0, 0, 0)
                attr = ctypes.create_string_buffer(128)
                attr[4:8] = (128).to_bytes(4, 'little')                   # perf_event_attr.size; type 0 = hardware
                attr[0:4] = (1).to_bytes(4, 'little')                     # PERF_TYPE_SOFTWARE, config 0 = cpu-clock
                attr[40:48] = (0x20 | 0x40).to_bytes(8, 'little')         # exclude_kernel | exclude_hv
                call('perf_event_open', 298, attr, 0, -1, -1, 0)
                call('userfaultfd', 323, 1)                               # UFFD_USER_MODE_ONLY
                params = ctypes.create_string_buffer(120)
                call('io_uring_setup', 425, 8, params)
                call('process_vm_readv', 310, os.getpid(), 0, 0, 0, 0, 0)
                call('personality', 135, 0x0040000)                       # ADDR_NO_RANDOMIZE
                call('personality_query', 135, 0xffffffff)
                call('x32_getpid', 0x40000000 | 39)
                call('clone3', 435, 0, 0)
                call('getpid', 39)
                """;
        Map<String, String> denied = results(completed(filtered, python(script)));

        assertThat(denied).containsEntry("ptrace", "EPERM").containsEntry("unshare_user", "EPERM")
                .containsEntry("unshare_net", "EPERM").containsEntry("clone_newuser", "EPERM")
                .containsEntry("clone_newpid", "EPERM").containsEntry("setns", "EPERM")
                .containsEntry("mount", "EPERM").containsEntry("umount2", "EPERM")
                .containsEntry("keyctl", "EPERM").containsEntry("add_key", "EPERM").containsEntry("bpf", "EPERM")
                .containsEntry("perf_event_open", "EPERM").containsEntry("userfaultfd", "EPERM")
                .containsEntry("io_uring_setup", "EPERM").containsEntry("process_vm_readv", "EPERM")
                .containsEntry("personality", "EPERM").containsEntry("personality_query", "OK")
                .containsEntry("x32_getpid", "EPERM").containsEntry("clone3", "ENOSYS")
                .containsEntry("getpid", "OK");

        // the same calls without the filter: the kernel itself would have let these through (or said something else)
        Map<String, String> open = results(completed(unfiltered, python(script)));
        assertThat(open).containsEntry("ptrace", "OK").containsEntry("keyctl", "OK")
                .containsEntry("io_uring_setup", "OK").containsEntry("personality", "OK")
                .containsEntry("x32_getpid", "ENOSYS");
        assertThat(open.get("unshare_user")).isNotEqualTo("EPERM");
        assertThat(open.get("clone3")).isNotEqualTo("ENOSYS");
    }

    @Test
    void itIsAnAllowlistCallsNotOnItFailWithEpermAndCallsNewerThanItWithEnosys() {
        String script = SYSCALL_HELPER + """
                call('open_tree_attr', 467, -100, b'/tmp', 0, 0, 0)      # AT_FDCWD, no flags: an O_PATH fd
                call('modify_ldt', 154, 0, ctypes.create_string_buffer(16), 16)   # read the LDT
                call('get_mempolicy', 239, 0, 0, 0, 0, 0)
                call('set_mempolicy', 238, 0, 0, 0)                       # MPOL_DEFAULT
                call('mbind', 237, 0, 0, 0, 0, 0, 0)
                call('migrate_pages', 256, 0, 0, 0, 0)
                call('move_pages', 279, 0, 0, 0, 0, 0, 0)
                call('sethostname', 170, b'x', 1)
                call('file_getattr', 468, -100, b'/tmp', 0, 0, 0)
                call('nr_1000', 1000)
                call('x32_getpid', 0x40000000 | 39)
                call('getpid', 39)
                call('getrandom', 318, ctypes.create_string_buffer(8), 8, 0)
                call('memfd_create', 319, b'm', 0)
                call('statx', 332, -100, b'/tmp', 0, 0x7ff, ctypes.create_string_buffer(256))
                call('sched_getaffinity', 204, 0, 128, ctypes.create_string_buffer(128))
                call('prlimit64', 302, 0, 7, 0, ctypes.create_string_buffer(16))   # RLIMIT_NOFILE
                """;
        Map<String, String> filteredResults = results(completed(filtered, python(script)));

        assertThat(filteredResults).containsEntry("open_tree_attr", "EPERM").containsEntry("modify_ldt", "EPERM")
                .containsEntry("get_mempolicy", "EPERM").containsEntry("set_mempolicy", "EPERM")
                .containsEntry("mbind", "EPERM").containsEntry("migrate_pages", "EPERM")
                .containsEntry("move_pages", "EPERM").containsEntry("sethostname", "EPERM")
                .containsEntry("file_getattr", "ENOSYS").containsEntry("nr_1000", "ENOSYS")
                .containsEntry("x32_getpid", "EPERM")
                .containsEntry("getpid", "OK").containsEntry("getrandom", "OK").containsEntry("memfd_create", "OK")
                .containsEntry("statx", "OK").containsEntry("sched_getaffinity", "OK").containsEntry("prlimit64", "OK");
        // without the filter these reach the kernel, which lets them through
        Map<String, String> open = results(completed(unfiltered, python(script)));
        assertThat(open).containsEntry("open_tree_attr", "OK").containsEntry("modify_ldt", "OK")
                .containsEntry("get_mempolicy", "OK").containsEntry("set_mempolicy", "OK");
    }

    @Test
    void nodeBashRubyAndGoStillRunUnderTheFilter() {
        assertThat(completed(filtered, new Script("node", "20", """
                const fs = require('fs');
                fs.writeFileSync('/tmp/x', 'data');
                const { execFileSync } = require('child_process');
                console.log('node', fs.readFileSync('/tmp/x', 'utf8'), execFileSync('/bin/echo', ['child']).toString().trim());
                """)).stdout()).isEqualTo("node data child\n");

        StringBuilder bash = new StringBuilder("""
                echo "bash $(( 6 * 7 )) $(echo sub)"
                ( sleep 0.1 & wait ) && echo background
                /usr/bin/ruby -e 'puts "ruby #{Thread.new { 1 + 1 }.value} #{`echo sub`.strip}"'
                """);
        boolean go = Files.isExecutable(Path.of("/usr/bin/go"));
        if (go) {
            bash.append("HOME=/tmp GOCACHE=/tmp/gocache /usr/bin/go version | cut -d' ' -f1,2\n");
        }
        ExecutionResult result = completed(filtered, new Script("bash", "5.2", bash.toString()));

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stdout()).startsWith("bash 42 sub\nbackground\nruby 2 sub\n");
        if (go) {
            assertThat(result.stdout()).contains("go version");
        }
    }

    // ---------------------------------------------------------------------------------------------------------------

    private record Script(String lang, String version, String code) {
    }

    private static Script python(String code) {
        return new Script("python", "3.11", code);
    }

    /** {@code name=value} lines of stdout. */
    private static Map<String, String> results(ExecutionResult result) {
        return result.stdout().lines().filter(line -> line.contains("="))
                .map(line -> line.split("=", 2))
                .collect(Collectors.toMap(pair -> pair[0], pair -> pair[1], (a, b) -> b, LinkedHashMap::new));
    }

    private static ExecutionResult completed(LocalSandboxFactory factory, Script script) {
        SandboxSpec spec = new SandboxSpec("seccomp-" + ids.incrementAndGet(), script.code(), script.lang(),
                script.version(), Duration.ofSeconds(20));
        SandboxResult result = factory.create(spec).run(() -> true).orElseThrow();
        assertThat(result.outcome()).as("%s", result).isEqualTo(Outcome.COMPLETED);
        assertThat(result.result().exitCode()).as("%s", result).isZero();
        return result.result();
    }
}
