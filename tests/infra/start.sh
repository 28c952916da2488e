#!/usr/bin/env bash
# Starts the real services one test run needs, on loopback only, all state under STATE_DIR:
# three OpenSSH sshd (127.0.0.1-3, one shared port) standing in for a 3-node cluster, and one
# MariaDB server. Writes STATE_DIR/services.env for the tests. Stop with stop.sh STATE_DIR.
set -euo pipefail

if [[ $# -ne 1 || -z "$1" ]]; then
    echo "usage: $0 STATE_DIR" >&2
    exit 2
fi
mkdir -p "$1"
STATE_DIR="$(cd "$1" && pwd)"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
HOSTS=(127.0.0.1 127.0.0.2 127.0.0.3)
SSH_DIR="$STATE_DIR/ssh"
DB_DIR="$STATE_DIR/mariadb"
ENV_FILE="$STATE_DIR/services.env"
USER_NAME="$(id -un)"

log() { echo "start.sh: $*" >&2; }
die() { echo "start.sh: error: $*" >&2; exit 1; }

# Only one start at a time per state directory (the daemons must not inherit fd 9).
exec 9>"$STATE_DIR/.lock"
flock 9

alive() { # pidfile pattern: true when the pid in the file runs and its command line names pattern
    local pidfile="$1" pattern="$2" pid
    [[ -s "$pidfile" ]] || return 1
    pid="$(cat "$pidfile")"
    [[ "$pid" =~ ^[0-9]+$ ]] || return 1
    [[ -r "/proc/$pid/cmdline" ]] || return 1
    tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "$pattern"
}

all_running() {
    [[ -s "$ENV_FILE" ]] || return 1
    local h
    for h in "${HOSTS[@]}"; do
        alive "$SSH_DIR/sshd-$h.pid" "$SSH_DIR/sshd-$h.conf" || return 1
    done
    alive "$DB_DIR/mariadbd.pid" "$DB_DIR/data"
}

if all_running; then
    log "services already running for $STATE_DIR (source $ENV_FILE)"
    exit 0
fi
# A half-started or dead earlier run: clear it out and start fresh.
flock -u 9
bash "$HERE/stop.sh" "$STATE_DIR" >/dev/null 2>&1 || true
flock 9
rm -rf "$SSH_DIR" "$DB_DIR" "$STATE_DIR/hosts" "$ENV_FILE"

# --- packages -------------------------------------------------------------------------------
need_packages=()
[[ -x /usr/sbin/sshd ]] || need_packages+=(openssh-server)
command -v mariadbd >/dev/null 2>&1 || [[ -x /usr/sbin/mariadbd ]] || need_packages+=(mariadb-server)
command -v mariadb >/dev/null 2>&1 || need_packages+=(mariadb-client)
command -v ssh-keygen >/dev/null 2>&1 || need_packages+=(openssh-client)
# Every active environment is served by nginx and PHP-FPM; the test shop connects with PDO.
{ [[ -x /usr/sbin/nginx ]] || command -v nginx >/dev/null 2>&1; } || need_packages+=(nginx)
compgen -G '/usr/sbin/php-fpm*' >/dev/null || command -v php-fpm >/dev/null 2>&1 || need_packages+=(php-fpm)
php -m 2>/dev/null | grep -qi '^pdo_mysql$' || need_packages+=(php-mysql)
# The deploy's health check requests each route with curl.
command -v curl >/dev/null 2>&1 || need_packages+=(curl)
# The report page is checked in a headless browser.
command -v chromium >/dev/null 2>&1 || need_packages+=(chromium)
# Config files are checked against PHP itself (tests skip, saying so, without it).
command -v php >/dev/null 2>&1 || need_packages+=(php-cli)
# Builds on the build host run Composer.
command -v composer >/dev/null 2>&1 || need_packages+=(composer)
# The local default's private Redis per environment, and the hooks that talk to it (redis-cli).
{ command -v redis-server >/dev/null 2>&1 && command -v redis-cli >/dev/null 2>&1; } || need_packages+=(redis-server redis-tools)
# Deploys to the SSH test hosts install crons into the user's crontab (no cron daemon is started).
command -v crontab >/dev/null 2>&1 || need_packages+=(cron)
# The local default's private RabbitMQ node (a vhost per environment).
[[ -x /usr/lib/rabbitmq/bin/rabbitmq-server ]] || need_packages+=(rabbitmq-server)
if ((${#need_packages[@]})); then
    [[ " ${need_packages[*]} " == *" chromium "* ]] && need_packages+=(fonts-dejavu-core)
    log "installing ${need_packages[*]}"
    bash "$HERE/../../build/install-packages.sh" "${need_packages[@]}" || die "missing packages (${need_packages[*]})"
fi
MARIADBD="$(command -v mariadbd || echo /usr/sbin/mariadbd)"

# --- ports -----------------------------------------------------------------------------------
port_in_use() {
    local port="$1" h
    if command -v ss >/dev/null 2>&1; then
        [[ -n "$(ss -Htln "( sport = :$port )" 2>/dev/null)" ]]
        return
    fi
    for h in "${HOSTS[@]}"; do
        (exec 3<>"/dev/tcp/$h/$port") 2>/dev/null && return 0
    done
    return 1
}
free_port() {
    local port i
    for i in $(seq 1 200); do
        port=$((20000 + RANDOM % 40000))
        port_in_use "$port" || { echo "$port"; return; }
    done
    die "no free TCP port found"
}

# --- ssh -------------------------------------------------------------------------------------
mkdir -p "$SSH_DIR" "$STATE_DIR/hosts"
chmod 700 "$SSH_DIR"
[[ -d /run/sshd ]] || { mkdir -p /run/sshd && chmod 755 /run/sshd; }

ssh-keygen -q -t ed25519 -N '' -C "magentocloud-test-client" -f "$SSH_DIR/id_ed25519"
cp "$SSH_DIR/id_ed25519.pub" "$SSH_DIR/authorized_keys"
chmod 600 "$SSH_DIR/authorized_keys"
for h in "${HOSTS[@]}"; do
    ssh-keygen -q -t ed25519 -N '' -C "magentocloud-test-host-$h" -f "$SSH_DIR/host-$h"
    mkdir -p "$STATE_DIR/hosts/$h"
done
SFTP_SERVER=internal-sftp

write_sshd_config() { # host port
    local h="$1" port="$2"
    cat >"$SSH_DIR/sshd-$h.conf" <<CONF
# Private test sshd for $h; nothing here touches the machine's own sshd.
ListenAddress $h
Port $port
HostKey $SSH_DIR/host-$h
PidFile $SSH_DIR/sshd-$h.pid
AuthorizedKeysFile $SSH_DIR/authorized_keys
AllowUsers $USER_NAME
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin prohibit-password
UsePAM no
StrictModes no
PrintMotd no
PrintLastLog no
UseDNS no
X11Forwarding no
# Local forwarding only: the engine reaches an environment's database through an SSH tunnel via its first host.
AllowTcpForwarding local
MaxSessions 64
MaxStartups 64:30:128
LoginGraceTime 30
# INFO: the reason sshd gives when it drops a connection ("Disconnecting user ...") is logged at INFO.
LogLevel INFO
Subsystem sftp $SFTP_SERVER
CONF
}

start_sshd() { # host -> 0 when listening
    local h="$1"
    /usr/sbin/sshd -f "$SSH_DIR/sshd-$h.conf" -E "$SSH_DIR/sshd-$h.log" 9>&- || return 1
    local i
    for i in $(seq 1 50); do
        alive "$SSH_DIR/sshd-$h.pid" "$SSH_DIR/sshd-$h.conf" && return 0
        sleep 0.1
    done
    return 1
}

SSH_PORT=""
for attempt in 1 2 3 4 5; do
    port="$(free_port)"
    ok=1
    for h in "${HOSTS[@]}"; do
        write_sshd_config "$h" "$port"
        if ! start_sshd "$h"; then ok=0; break; fi
    done
    if ((ok)); then SSH_PORT="$port"; break; fi
    log "sshd could not listen on port $port (attempt $attempt); trying another"
    bash "$HERE/stop.sh" "$STATE_DIR" --ssh-only >/dev/null 2>&1 || true
done
[[ -n "$SSH_PORT" ]] || die "sshd did not start; see $SSH_DIR/sshd-*.log"

: >"$SSH_DIR/known_hosts"
for h in "${HOSTS[@]}"; do
    printf '[%s]:%s %s\n' "$h" "$SSH_PORT" "$(cut -d' ' -f1,2 "$SSH_DIR/host-$h.pub")" >>"$SSH_DIR/known_hosts"
done

# --- mariadb ---------------------------------------------------------------------------------
mkdir -p "$DB_DIR/data" "$DB_DIR/tmp"
DB_SOCKET="$DB_DIR/mariadbd.sock"
mariadb-install-db --no-defaults --user="$USER_NAME" --datadir="$DB_DIR/data" --tmpdir="$DB_DIR/tmp" \
    --auth-root-authentication-method=socket --skip-test-db \
    >"$DB_DIR/install.log" 2>&1 || die "mariadb-install-db failed; see $DB_DIR/install.log"

start_mariadbd() { # port -> 0 when it answers
    local port="$1" i
    setsid "$MARIADBD" --no-defaults --user="$USER_NAME" --datadir="$DB_DIR/data" --tmpdir="$DB_DIR/tmp" \
        --socket="$DB_SOCKET" --port="$port" --bind-address=127.0.0.1 --skip-name-resolve \
        --pid-file="$DB_DIR/mariadbd.pid" --log-error="$DB_DIR/error.log" \
        --innodb-buffer-pool-size=64M --max-connections=200 --max-allowed-packet=256M \
        --character-set-server=utf8mb4 --collation-server=utf8mb4_general_ci \
        </dev/null >>"$DB_DIR/stdout.log" 2>&1 9>&- &
    local pid=$!
    for i in $(seq 1 300); do
        if ! kill -0 "$pid" 2>/dev/null; then return 1; fi
        if mariadb --no-defaults -S "$DB_SOCKET" -u root -N -e 'SELECT 1' >/dev/null 2>&1; then
            echo "$pid" >"$DB_DIR/mariadbd.pid"
            return 0
        fi
        sleep 0.1
    done
    kill "$pid" 2>/dev/null || true
    return 1
}

DB_PORT=""
for attempt in 1 2 3 4 5; do
    port="$(free_port)"
    [[ "$port" != "$SSH_PORT" ]] || continue
    if start_mariadbd "$port"; then DB_PORT="$port"; break; fi
    log "mariadbd did not start on port $port (attempt $attempt)"
done
[[ -n "$DB_PORT" ]] || die "mariadbd did not start; see $DB_DIR/error.log"

DB_USER=mctest
DB_PASSWORD="$(tr -dc 'A-Za-z0-9' </dev/urandom | head -c 24 || true)"
# SQL goes over stdin so the password never shows on a command line.
mariadb --no-defaults -S "$DB_SOCKET" -u root <<SQL
CREATE USER '$DB_USER'@'127.0.0.1' IDENTIFIED BY '$DB_PASSWORD';
CREATE USER '$DB_USER'@'localhost' IDENTIFIED BY '$DB_PASSWORD';
GRANT ALL PRIVILEGES ON *.* TO '$DB_USER'@'127.0.0.1' WITH GRANT OPTION;
GRANT ALL PRIVILEGES ON *.* TO '$DB_USER'@'localhost' WITH GRANT OPTION;
SQL
# The test user must answer over TCP; the password reaches the client through its environment.
MYSQL_PWD="$DB_PASSWORD" mariadb --no-defaults -h 127.0.0.1 -P "$DB_PORT" -u "$DB_USER" -N -e 'SELECT 1' >/dev/null \
    || die "test user cannot log in over TCP"

# --- services.env ----------------------------------------------------------------------------
umask 077
host_roots=()
for h in "${HOSTS[@]}"; do host_roots+=("$STATE_DIR/hosts/$h"); done
q() { local s="$1"; printf "'%s'" "${s//\'/\'\\\'\'}"; } # single-quoted for sh
{
    echo "# Services for one test run; written by start.sh. Holds a password: keep it 0600."
    echo "export MC_TEST_SSH_HOSTS=$(q "${HOSTS[*]}")"
    echo "export MC_TEST_SSH_PORT=$(q "$SSH_PORT")"
    echo "export MC_TEST_SSH_USER=$(q "$USER_NAME")"
    echo "export MC_TEST_SSH_KEY=$(q "$SSH_DIR/id_ed25519")"
    echo "export MC_TEST_SSH_KNOWN_HOSTS=$(q "$SSH_DIR/known_hosts")"
    echo "export MC_TEST_HOST_ROOTS=$(q "${host_roots[*]}")"
    echo "export MC_TEST_DB_HOST=$(q 127.0.0.1)"
    echo "export MC_TEST_DB_PORT=$(q "$DB_PORT")"
    echo "export MC_TEST_DB_SOCKET=$(q "$DB_SOCKET")"
    echo "export MC_TEST_DB_USER=$(q "$DB_USER")"
    echo "export MC_TEST_DB_PASSWORD=$(q "$DB_PASSWORD")"
} >"$ENV_FILE.tmp"
chmod 600 "$ENV_FILE.tmp"
mv "$ENV_FILE.tmp" "$ENV_FILE"

log "ssh on ${HOSTS[*]} port $SSH_PORT; mariadb on 127.0.0.1:$DB_PORT; source $ENV_FILE"
