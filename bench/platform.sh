# Sourced by bench/run and bench/rebuild: starts and stops the platform (bin/integr8s) on its embedded default, in a
# given home, on a free loopback port. Sets platform_pid, platform_port and platform_log.

platform_pid=""
# the bench reads the platform's heap from /actuator/prometheus, which needs this token (ADR 0013); exported for it
INTEGR8S_MANAGEMENT_SCRAPE_TOKEN="$(python3 -c 'import secrets; print(secrets.token_hex(32))')"
export INTEGR8S_MANAGEMENT_SCRAPE_TOKEN

# start_platform <home> [java options...] -- [application arguments...]
start_platform() {
    local home="$1"; shift
    local java_options=() arguments=()
    while (($#)) && [[ "$1" != "--" ]]; do java_options+=("$1"); shift; done
    (($#)) && shift
    arguments=("$@")
    platform_port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
    platform_log="$home/platform.log"
    echo "[bench] starting the platform on 127.0.0.1:$platform_port (home $home, log $platform_log)" >&2
    # through the README's start command, so the figures are those of the embedded default with its JVM settings; the
    # load driver signs in as the demo accounts
    INTEGR8S_HOME="$home" SERVER_PORT="$platform_port" SERVER_ADDRESS=127.0.0.1 INTEGR8S_DEMO_USERS=true \
        JAVA_OPTS="${java_options[*]}" \
        bin/integr8s "${arguments[@]}" >>"$platform_log" 2>&1 &
    platform_pid=$!
    local second
    for second in $(seq 1 180); do
        if curl -sf "http://127.0.0.1:$platform_port/api/v1/health/ready" >/dev/null; then
            echo "[bench] platform ready after ${second} s" >&2
            return 0
        fi
        if ! kill -0 "$platform_pid" 2>/dev/null; then
            echo "[bench] the platform exited while starting; see the end of its log:" >&2
            tail -20 "$platform_log" >&2
            exit 1
        fi
        sleep 1
    done
    echo "[bench] not ready after 180 s; see $platform_log" >&2
    exit 1
}

# stop_platform: SIGTERM (a graceful stop: the processors release their tokens) and wait for the process to end
stop_platform() {
    if [[ -n "$platform_pid" ]]; then
        kill "$platform_pid" 2>/dev/null || true
        wait "$platform_pid" 2>/dev/null || true
        platform_pid=""
    fi
}

# print_profile <recording.jfr>: the methods most often on CPU (JFR execution samples, by top frame)
print_profile() {
    echo
    echo "methods most often on CPU in the platform (JFR execution samples, top frame; $1):"
    jfr print --events jdk.ExecutionSample "$1" | awk '/stackTrace = \[/ { getline; sub(/^[ \t]+/, ""); sub(/line:.*/, ""); top[$0]++; total++ }
        END { for (f in top) printf "%6.1f%%  %s\n", 100 * top[f] / total, f }' | sort -rn | head -25
}
