using System.Text;
using MagentoCloud.Engine.Deploy;
using MagentoCloud.Engine.Project;
using MagentoCloud.Engine.Transport;

namespace MagentoCloud.Engine.Runtime;

/// <summary>
/// An environment's web runtime (nginx and PHP-FPM), as it runs on each of its hosts, started and
/// supervised as the deploying user with no system configuration touched. Each host is driven by
/// one shell script per operation, the same over the local transport and SSH. A pid counts only when
/// the process's command line names our configuration file.
/// </summary>
public sealed record WebRuntime
{
    public required string Environment { get; init; }

    /// <summary>Host names the environment answers to.</summary>
    public required IReadOnlyList<string> ServerNames { get; init; }

    /// <summary>The nginx that serves the environment on a host.</summary>
    public required Func<DeployHost, NginxServer> Server { get; init; }

    /// <summary><c>address:port</c> the host's nginx listens on.</summary>
    public required Func<DeployHost, string> Listen { get; init; }

    public required IReadOnlyList<WebLocation> Locations { get; init; }

    /// <summary>Redirect routes served beside the environment's site.</summary>
    public IReadOnlyList<WebRedirect> Redirects { get; init; } = [];

    /// <summary>The PHP version <c>type: php:X.Y</c> asks for; the host's nearest php-fpm is used when it lacks it.</summary>
    public string? PhpVersion { get; init; }

    /// <summary><c>runtime.extensions</c> of the application: a host's PHP that lacks one is reported.</summary>
    public IReadOnlyList<string> PhpExtensions { get; init; } = [];

    /// <summary>True when the whole nginx belongs to this environment (an SSH host): stopping the environment stops it.</summary>
    public bool OwnsServer { get; init; }

    public PhpFpmPool Pool(DeployHost host) => new(Environment, host.Root);

    public WebSite Site(DeployHost host, string release)
    {
        var server = Server(host);
        return new WebSite
        {
            Environment = Environment,
            ServerNames = ServerNames,
            Listen = Listen(host),
            EnvironmentRoot = host.Root,
            PhpSocket = Pool(host).Link,
            LogFolder = server.LogFolder(Environment),
            Redirects = Redirects,
        };
    }

    /// <summary>
    /// Makes the host serve <paramref name="release"/>: its pool running, the site written and nginx
    /// running with it (reloaded gracefully when it already ran), other releases' pools stopped.
    /// Returns what it said (which php-fpm it used, what it started).
    /// </summary>
    public async Task<IReadOnlyList<string>> StartAsync(DeployHost host, string release, CancellationToken cancellationToken)
    {
        var server = Server(host);
        var site = Site(host, release);
        var script = PoolScript(host, release, DeployHost.RuntimeFile);
        // nginx's files are written, tested and reloaded only when their sum changed: the common
        // deploy (a new release behind the same site) touches none of them.
        var nginxConfig = server.RenderConfig(site.Listen);
        var siteConfig = NginxSite.Render(site, Locations);
        var sum = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(
            string.Join("\0", nginxConfig, NginxServer.FastCgiConfig, NginxServer.MimeTypes, siteConfig))))[..32];
        script.Append("SITE=").Append(ShellQuote.Quote(server.SiteFile(Environment))).Append('\n');
        script.Append("SUM=").Append(sum).Append("\nCHANGED=\nhave=\n");
        script.Append("read -r have < \"$SITE.sum\" 2>/dev/null || true\n");
        script.Append("if [ \"$have\" != \"$SUM\" ] || [ ! -f \"$SITE\" ]; then\n");
        script.Append("mkdir -p \"$W/sites\" \"$W/tmp\" ").Append(ShellQuote.Quote(site.LogFolder)).Append('\n');
        WriteFile(script, server.ConfigFile, nginxConfig, onlyWhenChanged: true);
        WriteFile(script, server.Folder + "/fastcgi.conf", NginxServer.FastCgiConfig, onlyWhenChanged: true);
        WriteFile(script, server.Folder + "/mime.types", NginxServer.MimeTypes, onlyWhenChanged: true);
        script.Append("if [ \"$(id -u)\" = 0 ]; then echo \"user $(id -un) $(id -gn);\" > \"$W/user.conf.tmp\"; else : > \"$W/user.conf.tmp\"; fi\n");
        script.Append("install_changed \"$W/user.conf\"\n");
        // The site goes in last, through nginx -t: a bad site never replaces a good one.
        WriteFile(script, server.SiteFile(Environment) + ".new", siteConfig);
        script.Append("fi\n");
        script.Append(InstallSite);
        script.Append(SwitchSocket);
        script.Append(StartNginx);
        script.Append(StopOtherPools);
        return await RunAsync(host, script, site.Listen, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Starts <paramref name="release"/>'s PHP-FPM pool (when it does not run) with the next deploy's runtime variables,
    /// without serving it: a deploy starts it while its hooks run, so the switch finds it ready. Returns what it said.
    /// </summary>
    public Task<IReadOnlyList<string>> StartPoolAsync(DeployHost host, string release, CancellationToken cancellationToken) =>
        RunAsync(host, PoolScript(host, release, DeployHost.NextRuntimeFile), "", cancellationToken);

    /// <summary>Stops <paramref name="release"/>'s pool, unless it is the one nginx sends requests to (a deploy that failed before its switch).</summary>
    public async Task StopPoolAsync(DeployHost host, string release, CancellationToken cancellationToken)
    {
        var pool = Pool(host);
        var script = new StringBuilder(Functions);
        script.Append("RUN=").Append(ShellQuote.Quote(pool.RunFolder)).Append('\n');
        script.Append("SOCKDIR=").Append(ShellQuote.Quote(pool.SocketFolder)).Append('\n');
        script.Append("R=").Append(ShellQuote.Quote(release)).Append('\n');
        script.Append("""
            [ "$(readlink "$SOCKDIR/php.sock" 2>/dev/null)" = "php-$R.sock" ] && exit 0
            if ours "$RUN/php-fpm-$R.pid" "$RUN/php-fpm-$R.conf"; then kill -QUIT "$pid" 2>/dev/null && wait_gone "$pid"; fi
            rm -f "$RUN/php-fpm-$R.conf" "$RUN/php-fpm-$R.pid" "$SOCKDIR/php-$R.sock"

            """);
        var result = await host.RunAsync(script.ToString(), cancellationToken: cancellationToken).ConfigureAwait(false);
        if (result.ExitCode is not 0 and not DeployHost.NoRoot)
            throw Failure(host, "", result);
    }

    /// <summary>The script that starts a release's pool when it does not run, its variables read from <paramref name="runtimeFile"/> (else runtime.env).</summary>
    private StringBuilder PoolScript(DeployHost host, string release, string runtimeFile)
    {
        var pool = Pool(host);
        var script = new StringBuilder("set -e\numask 077\n");
        script.Append(Functions);
        script.Append("W=").Append(ShellQuote.Quote(Server(host).Folder)).Append('\n');
        script.Append("RUN=").Append(ShellQuote.Quote(pool.RunFolder)).Append('\n');
        script.Append("SOCKDIR=").Append(ShellQuote.Quote(pool.SocketFolder)).Append('\n');
        script.Append("R=").Append(ShellQuote.Quote(release)).Append('\n');
        script.Append("ENVROOT=").Append(ShellQuote.Quote(host.Root)).Append('\n');
        script.Append("ENVFILE=\"$ENVROOT\"/").Append(ShellQuote.Quote(runtimeFile)).Append("\n[ -f \"$ENVFILE\" ] || ENVFILE=\"$ENVROOT/")
            .Append(DeployHost.RuntimeFile).Append("\"\n");
        script.Append("[ -d \"$RUN\" ] && [ -d \"$SOCKDIR\" ] || mkdir -p \"$RUN\" \"$SOCKDIR\"\n");
        script.Append("pool_base() {\ncat <<'MC_POOL_EOF'\n").Append(pool.RenderConfig(release)).Append("MC_POOL_EOF\n}\n");
        script.Append(HostPhp.Variables(PhpVersion, PhpExtensions)).Append(HostPhp.ChooseScript);
        script.Append(StartPool);
        return script;
    }

    private async Task<IReadOnlyList<string>> RunAsync(DeployHost host, StringBuilder script, string listen, CancellationToken cancellationToken)
    {
        var result = await host.RunAsync(script.ToString(), cancellationToken: cancellationToken).ConfigureAwait(false);
        if (result.ExitCode != 0)
            throw Failure(host, listen, result);
        return result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(l => l.StartsWith("MC: ", StringComparison.Ordinal)).Select(l => l[4..]).ToList();
    }

    /// <summary>Stops the environment's pools, removes its site (nginx reloads, or stops when nothing is left) and its runtime files.</summary>
    public async Task StopAsync(DeployHost host, CancellationToken cancellationToken)
    {
        var server = Server(host);
        var pool = Pool(host);
        var script = new StringBuilder(Functions);
        script.Append("W=").Append(ShellQuote.Quote(server.Folder)).Append('\n');
        script.Append("RUN=").Append(ShellQuote.Quote(pool.RunFolder)).Append('\n');
        script.Append("SOCKDIR=").Append(ShellQuote.Quote(pool.SocketFolder)).Append('\n');
        script.Append("R=\nSITE=").Append(ShellQuote.Quote(server.SiteFile(Environment))).Append('\n');
        script.Append("OWNS=").Append(OwnsServer ? "1" : "").Append('\n');
        script.Append(StopSite);
        script.Append(StopOtherPools);
        script.Append("rm -rf \"$RUN\"\n");
        var result = await host.RunAsync(script.ToString(), cancellationToken: cancellationToken).ConfigureAwait(false);
        if (result.ExitCode is not 0 and not DeployHost.NoRoot)
            throw Failure(host, "", result);
    }

    /// <summary>Whether the host serves the environment: nginx runs with its site, and the live release's pool runs.</summary>
    public async Task<bool> IsRunningAsync(DeployHost host, CancellationToken cancellationToken)
    {
        var server = Server(host);
        var pool = Pool(host);
        var script = new StringBuilder(Functions);
        script.Append("R=$(readlink current 2>/dev/null) || exit 1\nR=${R#releases/}\n");
        script.Append("ours ").Append(ShellQuote.Quote(server.PidFile)).Append(' ').Append(ShellQuote.Quote(server.ConfigFile)).Append(" || exit 1\n");
        script.Append("[ -f ").Append(ShellQuote.Quote(server.SiteFile(Environment))).Append(" ] || exit 1\n");
        script.Append("[ \"$(readlink ").Append(ShellQuote.Quote(pool.Link)).Append(")\" = \"php-$R.sock\" ] || exit 1\n");
        script.Append("ours \"").Append(pool.RunFolder).Append("/php-fpm-$R.pid\" \"").Append(pool.RunFolder).Append("/php-fpm-$R.conf\"\n");
        var result = await host.RunAsync(script.ToString(), cancellationToken: cancellationToken).ConfigureAwait(false);
        return result.ExitCode == 0;
    }

    private CloudException Failure(DeployHost host, string listen, CloudCommandResult result)
    {
        var error = result.Error.Trim();
        var port = listen.Contains(':') ? listen[(listen.LastIndexOf(':') + 1)..] : listen;
        if (error.Contains("Address already in use", StringComparison.Ordinal))
            return new CloudException(CloudErrorId.PortInUse,
                $"{host.Name}: port {port} ({listen}) is in use by another program, so nginx cannot serve {Environment} there. " +
                (OwnsServer
                    ? $"Stop that program on {host.Name} (e.g. find it with: ss -ltnp 'sport = :{port}'), or give the environment another port in the url of .magento/topology.yaml, then deploy again."
                    : $"Stop that program (e.g. find it with: ss -ltnp 'sport = :{port}'), or write another port into .magento/local/web/port, then run Start-CloudLocalRuntime."), listen);
        return new CloudException(CloudErrorId.WebRuntimeFailed,
            $"{host.Name}: starting the web runtime of {Environment} failed (exit {result.ExitCode}): {Tail(error)}", host.Name);
    }

    private static string Tail(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return string.Join(" | ", lines.TakeLast(4));
    }

    private static void WriteFile(StringBuilder script, string path, string content, bool onlyWhenChanged = false)
    {
        var delimiter = "MC_EOF_" + Guid.NewGuid().ToString("N");
        script.Append("cat > ").Append(ShellQuote.Quote(path + ".tmp")).Append(" <<'").Append(delimiter).Append("'\n")
            .Append(content).Append(content.EndsWith('\n') ? "" : "\n").Append(delimiter).Append('\n');
        if (onlyWhenChanged)
            script.Append("install_changed ").Append(ShellQuote.Quote(path)).Append('\n');
        else
            script.Append("mv -f ").Append(ShellQuote.Quote(path + ".tmp")).Append(' ').Append(ShellQuote.Quote(path)).Append('\n');
    }

    /// <summary>ours PIDFILE CONF: true (and $pid set) when the pid file names a live process whose command line names CONF.</summary>
    internal const string Functions = """
        ours() {
            pid=
            { read -r pid < "$1"; } 2>/dev/null || [ -n "$pid" ] || return 1
            # The command line's arguments are NUL-separated; a path is matched within one of them.
            [ -n "$pid" ] && grep -qaF -- "$2" "/proc/$pid/cmdline" 2>/dev/null
        }
        program() {
            for n in "$@"; do
                for d in $(IFS=:; echo $PATH) /usr/sbin /usr/local/sbin /usr/bin; do
                    if [ -x "$d/$n" ]; then echo "$d/$n"; return 0; fi
                done
            done
            return 1
        }
        # away: a server (or a waiting helper) leaves the environment's folder, so the deploy's search for the
        # environment's crons, which looks at every process working there, never counts it (paths are absolute then).
        away() {
            case "$RUN:${W:-/}" in /*:/*) cd / ;; esac
        }
        install_changed() {
            if cmp -s "$1.tmp" "$1"; then rm -f "$1.tmp"; else mv -f "$1.tmp" "$1"; CHANGED=1; fi
        }
        # reload_nginx PID: a reload is done when the old workers are gone; only then does every request see the new sites.
        reload_nginx() {
            old=$(ps -o pid= --ppid "$1" 2>/dev/null | tr '\n' ' ')
            kill -HUP "$1"
            wait_gone $old
        }
        # wait_gone PID...: up to 5 s for the processes to end.
        wait_gone() {
            i=0
            while [ $i -lt 100 ]; do
                left=""
                for p in "$@"; do kill -0 "$p" 2>/dev/null && left=1; done
                [ -z "$left" ] && return 0
                sleep 0.05; i=$((i + 1))
            done
        }

        """;

    private const string StartPool = """
        POOL="$RUN/php-fpm-$R.conf"
        if ! ours "$RUN/php-fpm-$R.pid" "$POOL"; then
            [ -f "$ENVFILE" ] || { echo "The environment has no runtime variables (runtime.env): deploy it again." >&2; exit 1; }
            RELENV="$ENVROOT/releases/$R/.magento/release.env"; [ -f "$RELENV" ] || RELENV=/dev/null
            FLAG=""; [ "$(id -u)" = 0 ] && FLAG=-R
            { pool_base; sed -n 's/^export \([A-Za-z_][A-Za-z0-9_]*\)=.*/env[\1] = $\1/p' "$ENVFILE" "$RELENV"; } > "$POOL"
            rm -f "$SOCKDIR/php-$R.sock"
            if ! ( . "$ENVFILE"; . "$RELENV"; MC_RUN_USER=$(id -un); MC_RUN_GROUP=$(id -gn); export MC_RUN_USER MC_RUN_GROUP; away
                   exec setsid "$FPM" $FLAG -y "$POOL" </dev/null >>"$RUN/php-fpm.log" 2>&1 ); then
                tail -n 5 "$RUN/php-fpm.log" >&2; exit 1
            fi
            echo "MC: started PHP-FPM for release $R"
        fi

        """;

    private const string InstallSite = """
        NGINX=$(program nginx) || { echo "nginx is not installed on this host (looked on PATH and in /usr/sbin). Install it (Debian: apt-get install nginx)." >&2; exit 2; }
        # Logs stay bounded: past 8 MiB a log becomes .1 (the one before goes); the servers reopen them.
        ROTATED=$(find "$W/logs" "$RUN" -name '*.log' -size +8M -print -exec mv -f {} {}.1 \; 2>/dev/null) || true
        if [ ! -f "$SITE.new" ]; then
            :
        elif cmp -s "$SITE.new" "$SITE"; then
            rm -f "$SITE.new"; echo "$SUM" > "$SITE.sum"
        else
            CHANGED=1
            if [ -f "$SITE" ]; then cp -f "$SITE" "$SITE.previous"; fi
            mv -f "$SITE.new" "$SITE"
            if ! "$NGINX" -t -q -p "$W" -e "$W/logs/error.log" -c "$W/nginx.conf" 2>"$W/test.log"; then
                if [ -f "$SITE.previous" ]; then mv -f "$SITE.previous" "$SITE"; else rm -f "$SITE"; fi
                grep -v '^$' "$W/test.log" >&2; exit 3
            fi
            rm -f "$SITE.previous"; echo "$SUM" > "$SITE.sum"
        fi

        """;

    private const string StartNginx = """
        if [ -n "$ROTATED" ]; then
            if ours "$W/nginx.pid" "$W/nginx.conf"; then kill -USR1 "$pid"; fi
            if ours "$RUN/php-fpm-$R.pid" "$RUN/php-fpm-$R.conf"; then kill -USR1 "$pid"; fi
        fi
        if ours "$W/nginx.pid" "$W/nginx.conf" && [ -z "$CHANGED" ]; then
            echo "MC: nginx unchanged"
        elif ours "$W/nginx.pid" "$W/nginx.conf"; then
            reload_nginx "$pid"
            echo "MC: nginx reloaded"
        else
            if ! ( away; exec setsid "$NGINX" -p "$W" -e "$W/logs/error.log" -c "$W/nginx.conf" </dev/null >>"$W/logs/start.log" 2>&1 ); then
                tail -n 3 "$W/logs/start.log" >&2; exit 4
            fi
            echo "MC: nginx started"
        fi

        """;

    /// <summary>nginx connects through php.sock: pointed at the release's socket by rename, so a request finds one pool or the other, never none.</summary>
    private const string SwitchSocket = """
        if [ "$(readlink "$SOCKDIR/php.sock" 2>/dev/null)" != "php-$R.sock" ]; then
            ln -sfn "php-$R.sock" "$SOCKDIR/php.sock.new"
            mv -fT "$SOCKDIR/php.sock.new" "$SOCKDIR/php.sock"
            echo "MC: PHP-FPM socket switched to release $R"
        fi

        """;

    private const string StopOtherPools = """
        for c in "$RUN"/php-fpm-*.conf; do
            [ -e "$c" ] || continue
            g=${c##*/php-fpm-}; g=${g%.conf}
            [ "$g" = "$R" ] && continue
            if ours "$RUN/php-fpm-$g.pid" "$c"; then
                if [ -n "$R" ]; then
                    # A request that found the old socket just before the switch is answered before its pool stops.
                    ( away; sleep 1; tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$c" && kill -QUIT "$pid" ) </dev/null >/dev/null 2>&1 &
                else
                    # Stopping: the pool ends before this returns, so nothing answers afterwards.
                    kill -QUIT "$pid" 2>/dev/null && wait_gone "$pid"
                fi
            fi
            rm -f "$c" "$c.base" "$RUN/php-fpm-$g.pid" "$SOCKDIR/php-$g.sock"
        done
        [ -n "$R" ] || rm -f "$SOCKDIR/php.sock"

        """;

    private const string StopSite = """
        rm -f "$SITE" "$SITE.sum"
        if ours "$W/nginx.pid" "$W/nginx.conf"; then
            if [ -n "$OWNS" ] || ! ls "$W/sites/"*.conf >/dev/null 2>&1; then
                kill -QUIT "$pid"
                wait_gone "$pid"
            else
                reload_nginx "$pid"
            fi
        fi

        """;
}
