#!/usr/bin/env bash
# Stops exactly the services start.sh started for STATE_DIR (by their pid files). Succeeds when
# they are already gone. --ssh-only leaves MariaDB running (start.sh uses it to retry a port).
set -uo pipefail

if [[ $# -lt 1 || -z "$1" ]]; then
    echo "usage: $0 STATE_DIR [--ssh-only]" >&2
    exit 2
fi
[[ -d "$1" ]] || exit 0
STATE_DIR="$(cd "$1" && pwd)"
SSH_ONLY=0
[[ "${2:-}" == "--ssh-only" ]] && SSH_ONLY=1

# Pid files may be stale and their pid reused: only a process whose command line names this
# state directory is ours.
ours() { # pid pattern
    [[ -r "/proc/$1/cmdline" ]] && tr '\0' ' ' <"/proc/$1/cmdline" | grep -qF -- "$2"
}

stop_pidfile() { # pidfile pattern
    local pidfile="$1" pattern="$2" pid i
    [[ -f "$pidfile" ]] || return 0
    pid="$(cat "$pidfile" 2>/dev/null)"
    if [[ "$pid" =~ ^[0-9]+$ ]] && ours "$pid" "$pattern"; then
        kill -TERM "$pid" 2>/dev/null
        for i in $(seq 1 100); do
            ours "$pid" "$pattern" || break
            sleep 0.1
        done
        if ours "$pid" "$pattern"; then
            echo "stop.sh: $pid did not stop on TERM; killing it" >&2
            kill -KILL "$pid" 2>/dev/null
        fi
    fi
    rm -f "$pidfile"
}

for pidfile in "$STATE_DIR"/ssh/sshd-*.pid; do
    [[ -e "$pidfile" ]] || continue
    conf="${pidfile%.pid}.conf"
    stop_pidfile "$pidfile" "$conf"
done
if ((!SSH_ONLY)); then
    stop_pidfile "$STATE_DIR/mariadb/mariadbd.pid" "$STATE_DIR/mariadb/data"
    # Projects the tests made under STATE_DIR/tmp (build.sh points TMPDIR there) may have started
    # their local default's MariaDB, nginx, PHP-FPM and Redis, which outlive the test process by
    # design: end those too. By command line, not pid file: a test may have deleted its folder with
    # the pid file in it.
    # Deploys to the test hosts put crons into this user's crontab, a block per environment root: those
    # under STATE_DIR go (every other line stays).
    # (Read once into a variable: under pipefail, `crontab -l | grep -q` fails when grep stops reading a long crontab early.)
    if command -v crontab >/dev/null 2>&1; then
        tab="$(crontab -l 2>/dev/null || true)"
        if [[ "$tab" == *"# BEGIN magento-cloud $STATE_DIR/"* ]]; then
            printf '%s\n' "$tab" | awk -v p="# BEGIN magento-cloud $STATE_DIR/" -v q="# END magento-cloud $STATE_DIR/" \
                'index($0, p) == 1 { s = 1; next } s && index($0, q) == 1 { s = 0; next } !s' | crontab -
        fi
    fi
    pattern="$STATE_DIR/tmp/"
    pids="$(pgrep -f -- "$pattern" 2>/dev/null)"
    for pid in $pids; do kill -TERM "$pid" 2>/dev/null; done
    for pid in $pids; do
        for i in $(seq 1 100); do
            ours "$pid" "$pattern" || break
            sleep 0.1
        done
        ours "$pid" "$pattern" && kill -KILL "$pid" 2>/dev/null
    done
fi
exit 0
