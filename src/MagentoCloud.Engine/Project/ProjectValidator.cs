using MagentoCloud.Engine.Transport;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace MagentoCloud.Engine.Project;

/// <summary>
/// Checks a project's files the way Magento Cloud and ece-tools would before a build: YAML syntax,
/// unknown and mistyped keys, relationships to missing services, mounts, routes to missing
/// applications, ece-tools variables in the wrong stage or of the wrong type, config.php without
/// scopes, and topology hosts. Each problem is a <see cref="CloudFinding"/> with its place.
/// </summary>
public sealed partial class ProjectValidator
{
    private static readonly string[] AppKeys =
    [
        "name", "type", "build", "dependencies", "runtime", "relationships", "web", "disk", "mounts", "hooks",
        "crons", "variables", "access", "firewall", "resources", "size", "source", "timezone", "workers",
        "additional_hosts", "operations",
    ];
    private static readonly string[] BuildKeys = ["flavor", "caches"];
    private static readonly string[] BuildFlavors = ["none", "composer", "default"];
    private static readonly string[] RuntimeKeys = ["extensions", "disabled_extensions", "request_terminate_timeout", "sizing_hints", "xdebug"];
    private static readonly string[] HookKeys = ["build", "deploy", "post_deploy"];
    private static readonly string[] WebKeys = ["locations", "commands", "upstream", "move_to_root"];
    private static readonly string[] LocationKeys = ["root", "passthru", "index", "expires", "scripts", "allow", "rules", "headers", "request_buffering"];
    private static readonly string[] CronKeys = ["spec", "cmd", "commands", "shutdown_timeout", "timeout"];
    private static readonly string[] WorkerKeys = ["commands", "size", "disk", "mounts", "relationships", "variables", "access", "firewall", "resources", "runtime"];
    private static readonly string[] LongMountKeys = ["source", "source_path", "service"];
    private static readonly string[] ServiceKeys = ["type", "disk", "configuration", "size", "relationships", "resources"];
    private static readonly string[] ServiceTypes =
    [
        "mysql", "mariadb", "oracle-mysql", "redis", "redis-persistent", "valkey", "elasticsearch", "opensearch",
        "rabbitmq", "solr", "memcached", "varnish", "network-storage", "postgresql", "mongodb", "kafka",
        "chrome-headless", "influxdb", "vault-kms",
    ];
    private static readonly string[] RouteKeys = ["type", "upstream", "to", "code", "cache", "ssi", "redirects", "id", "primary", "attributes", "tls"];
    private static readonly string[] RouteCacheKeys = ["enabled", "default_ttl", "cookies", "headers"];
    private static readonly string[] EnvKeys = ["stage", "log"];
    private static readonly string[] LogHandlers = ["stream", "file", "email", "slack", "gelf", "syslog", "syslog_udp", "new_relic"];
    private static readonly string[] TopologyKeys = ["integration", "environments", "remote", "ssh", "build"];
    private static readonly string[] TopologyEnvironmentKeys = ["hosts", "root", "database", "url", "ssh", "health_check", "rollback_on_failure", "cron_host", "shared", "services", "build"];
    private static readonly string[] BuildHostKeys = ["host", "root", "ssh", "deploy_identity_file"];
    private static readonly string[] DatabaseKeys = ["host", "port", "name", "user", "password_env", "password_file"];
    private static readonly string[] SshKeys = ["identity_file", "known_hosts"];

    private readonly ProjectFiles _files;
    private readonly List<CloudFinding> _findings = [];

    private ProjectValidator(ProjectFiles files) => _files = files;

    /// <summary>The app and services files were read: the topology's services can be checked against them.</summary>
    private bool _relationshipsKnown;

    /// <summary>The findings of the topology file alone (it reads no other file).</summary>
    internal static IReadOnlyList<CloudFinding> ValidateTopology(YamlSource topology)
    {
        var validator = new ProjectValidator(null!);
        if (validator.Syntax(topology, required: false)) validator.CheckTopology(topology);
        return validator._findings;
    }

    /// <summary>Every finding, in file order: app, services, routes, env, topology, config.php.</summary>
    public static IReadOnlyList<CloudFinding> Validate(ProjectFiles files)
    {
        var validator = new ProjectValidator(files);
        validator.Run();
        return validator._findings;
    }

    /// <summary>The project's files, and on the local default whether this machine's PHP is the one they ask for.</summary>
    public static IReadOnlyList<CloudFinding> Validate(Workspace workspace)
    {
        var findings = Validate(workspace.Files);
        // Only where the topology file is absent (a broken one is a finding above, never an exception here).
        if (workspace.Files.TopologySource.Exists || workspace.Files.App.WebLocations.Count == 0) return findings;
        var appFile = Path.Combine(workspace.Root, AppConfig.File);
        return findings.Concat(Runtime.MachinePhp.Check(workspace.Files.App, File.Exists(appFile) ? File.ReadAllText(appFile) : null)).ToList();
    }

    private void Run()
    {
        var appOk = Syntax(_files.AppSource, required: true);
        var servicesOk = Syntax(_files.ServicesSource, required: false);
        Syntax(_files.RoutesSource, required: false);
        Syntax(_files.EnvSource, required: false);
        var topologyOk = Syntax(_files.TopologySource, required: false);

        if (appOk) CheckApp(_files.AppSource);
        if (servicesOk) CheckServices(_files.ServicesSource);
        // No services file means no services: every relationship then names a missing one.
        var servicesKnown = servicesOk || _files.ServicesSource is { SyntaxError: null, Root: null };
        if (appOk && servicesKnown) CheckRelationships(_files.AppSource);
        CheckRoutes(_files.RoutesSource, appOk);
        CheckEnv(_files.EnvSource);
        _relationshipsKnown = appOk && servicesKnown;
        if (topologyOk) CheckTopology(_files.TopologySource);
        CheckConfigPhp();
    }

    // ---- syntax ------------------------------------------------------------------------------

    private bool Syntax(YamlSource source, bool required)
    {
        if (!source.Exists)
        {
            if (required)
                Add(FindingSeverity.Error, "MissingFile", source, null,
                    $"{source.RelativePath} does not exist; every project needs it.",
                    "Create it, or start from the blank site with New-CloudProject.");
            return false;
        }
        if (source.SyntaxError is { } e)
        {
            _findings.Add(e is YamlLimitException
                ? new CloudFinding(FindingSeverity.Error, "YamlLimit", source.RelativePath,
                    (int)e.Start.Line, (int)e.Start.Column, $"{source.RelativePath} is refused: {InnerMessage(e)}",
                    "Write the values out plainly: no aliases that repeat other aliases, no deep nesting.")
                : new CloudFinding(FindingSeverity.Error, "YamlSyntax", source.RelativePath,
                    (int)e.Start.Line, (int)e.Start.Column, $"YAML syntax error: {InnerMessage(e)}",
                    "Fix the YAML at this place (indentation, an unclosed quote or bracket, a tab)."));
            return false;
        }
        if (source.Root is null) return false; // empty file: nothing configured
        if (source.Root is not YamlMappingNode)
        {
            Add(FindingSeverity.Error, "WrongType", source, source.Root,
                $"{source.RelativePath} must hold a mapping of keys, not {source.Root.Describe()}.");
            return false;
        }
        return true;
    }

    private static string InnerMessage(Exception e)
    {
        // YamlDotNet wraps the scanner's message with its own position; keep the plainest one.
        var message = (e.InnerException ?? e).Message;
        return PositionPrefix().Replace(message, "").Trim();
    }

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\):\s*")]
    private static partial Regex PositionPrefix();

    // ---- .magento.app.yaml ---------------------------------------------------------------------

    private void CheckApp(YamlSource src)
    {
        var root = src.Mapping!;
        Keys(src, root, "", AppKeys, FindingSeverity.Error);
        Required(src, root, "", "name", "type");
        Str(src, root.Child("name"), "name");
        if (Str(src, root.Child("type"), "type") is { } type && !Regex.IsMatch(type, @"^[a-z]+:\d+(\.\d+)*$"))
            Add(FindingSeverity.Error, "WrongType", src, root.Child("type"),
                $"type '{type}' is not '<runtime>:<version>'.", "Write it like 'php:8.3'.");

        if (Map(src, root.Child("build"), "build") is { } build)
        {
            Keys(src, build, "build", BuildKeys, FindingSeverity.Error);
            if (Str(src, build.Child("flavor"), "build.flavor") is { } flavor && !BuildFlavors.Contains(flavor))
                Add(FindingSeverity.Error, "WrongType", src, build.Child("flavor"),
                    $"build.flavor '{flavor}' is not one of {string.Join(", ", BuildFlavors)}.", "Magento projects use 'none' and run composer in the build hook.");
        }
        if (Map(src, root.Child("dependencies"), "dependencies") is { } deps)
            foreach (var (kind, _, packages) in deps.Entries())
                Map(src, packages, $"dependencies.{kind}");
        if (Map(src, root.Child("runtime"), "runtime") is { } runtime)
        {
            Keys(src, runtime, "runtime", RuntimeKeys, FindingSeverity.Error);
            List(src, runtime.Child("extensions"), "runtime.extensions");
        }
        if (Map(src, root.Child("relationships"), "relationships") is { } rels)
            foreach (var (name, _, value) in rels.Entries())
                Str(src, value, $"relationships.{name}");
        CheckWeb(src, root.Child("web"));
        Int(src, root.Child("disk"), "disk");
        CheckMounts(src, root.Child("mounts"));
        if (Map(src, root.Child("hooks"), "hooks") is { } hooks)
        {
            Keys(src, hooks, "hooks", HookKeys, FindingSeverity.Error);
            foreach (var key in HookKeys) Str(src, hooks.Child(key), $"hooks.{key}");
        }
        CheckCrons(src, root.Child("crons"));
        CheckWorkers(src, root.Child("workers"));
        Map(src, root.Child("variables"), "variables");
    }

    private void CheckWeb(YamlSource src, YamlNode? node)
    {
        if (Map(src, node, "web") is not { } web) return;
        Keys(src, web, "web", WebKeys, FindingSeverity.Error);
        if (Map(src, web.Child("locations"), "web.locations") is not { } locations) return;
        foreach (var (path, keyNode, value) in locations.Entries())
        {
            if (!path.StartsWith('/'))
                Add(FindingSeverity.Error, "WrongType", src, keyNode, $"web location '{path}' must start with '/'.");
            if (Map(src, value, $"web.locations.{path}") is { } location)
            {
                Keys(src, location, $"web.locations.{path}", LocationKeys, FindingSeverity.Error);
                CheckLocation(src, path, location);
            }
        }
    }

    private static readonly string[] RuleKeys = ["allow", "expires", "passthru", "scripts", "headers"];

    /// <summary>What nginx would refuse, or what would serve files from outside the application.</summary>
    private void CheckLocation(YamlSource src, string path, YamlMappingNode location)
    {
        var where = $"web.locations.{path}";
        if (location.Child("root") is { } rootNode && rootNode.Text() is { } root &&
            (root.StartsWith('/') || root.Replace('\\', '/').Split('/').Contains("..")))
            Add(FindingSeverity.Error, "WebLocation", src, rootNode, $"{where}.root '{root}' leaves the application.",
                "Give a folder inside the application, relative to it (e.g. pub).");
        CheckLocationSettings(src, where, location);
        if (location.Child("rules") is not { } rulesNode) return;
        if (Map(src, rulesNode, $"{where}.rules") is not { } rules) return;
        foreach (var (pattern, keyNode, ruleValue) in rules.Entries())
        {
            try
            {
                _ = new Regex(pattern);
            }
            catch (ArgumentException e)
            {
                Add(FindingSeverity.Error, "WebLocation", src, keyNode, $"rule '{pattern}' of {where} is not a regular expression nginx can compile: {e.Message}",
                    "Fix the pattern (quote it in YAML if it holds ':' or '#').");
            }
            if (Map(src, ruleValue, $"{where}.rules.{pattern}") is not { } rule) continue;
            foreach (var (key, ruleKeyNode, _) in rule.Entries().Where(e => !RuleKeys.Contains(e.Key)))
                Add(FindingSeverity.Error, "WebLocation", src, ruleKeyNode, $"'{key}' is not a key of a rule of {where}.",
                    Nearest(key, RuleKeys) ?? $"Known keys: {string.Join(", ", RuleKeys)}.");
            CheckLocationSettings(src, $"{where}.rules.{pattern}", rule);
        }
    }

    private void CheckLocationSettings(YamlSource src, string where, YamlMappingNode settings)
    {
        if (settings.Child("passthru") is { } passthruNode && passthruNode.Boolean() is null && passthruNode.Text() is { } passthru &&
            (!passthru.StartsWith('/') || passthru.Split('/').Contains("..")))
            Add(FindingSeverity.Error, "WebLocation", src, passthruNode, $"{where}.passthru '{passthru}' is not a URL path inside the application.",
                "Write a path starting with '/', e.g. /index.php.");
        if (settings.Child("expires") is { } expiresNode)
        {
            try
            {
                Runtime.NginxSite.Expires(expiresNode.Text());
            }
            catch (CloudException e)
            {
                Add(FindingSeverity.Error, "WebLocation", src, expiresNode, $"{where}.expires: {e.Message}");
            }
        }
        if (settings.Child("headers") is YamlMappingNode headers)
            foreach (var (name, nameNode, value) in headers.Entries())
                if (!name.All(c => char.IsAsciiLetterOrDigit(c) || c == '-') || (value.Text() ?? "").Any(c => c == '$' || char.IsControl(c)))
                    Add(FindingSeverity.Error, "WebLocation", src, nameNode, $"header '{name}' of {where} cannot be sent as written.",
                        "Use letters, digits and '-' in its name, and no '$' or line break in its value.");
    }

    private void CheckMounts(YamlSource src, YamlNode? node)
    {
        if (Map(src, node, "mounts") is not { } mounts) return;
        foreach (var (path, keyNode, value) in mounts.Entries())
        {
            if (MountPath.Problem(path) is { } why)
            {
                Add(FindingSeverity.Error, "BadMount", src, keyNode,
                    $"mount path '{path}' is refused because {why}; it must be a folder inside the application, relative (e.g. 'var').");
                continue;
            }
            if (AppConfig.MountSourceText(value) is { } source && MountPath.Problem(source) is { } sourceWhy)
            {
                Add(FindingSeverity.Error, "BadMount", src, value,
                    $"the source of mount '{path}', '{source}', is refused because {sourceWhy}; it must be a folder under the environment's shared files, relative.",
                    $"Write it as \"{path}\": \"shared:files/{path}\".");
                continue;
            }
            if (value is YamlMappingNode map)
            {
                Keys(src, map, $"mounts.{path}", LongMountKeys, FindingSeverity.Error);
                if (AppConfig.ParseMount(path, value) is null)
                    Add(FindingSeverity.Error, "BadMount", src, value,
                        $"mount '{path}' needs source 'local' (or 'service') and a source_path.",
                        $"Write it as \"{path}\": \"shared:files/{path}\" or {{source: local, source_path: {path}}}.");
            }
            else if (AppConfig.ParseMount(path, value) is null)
            {
                Add(FindingSeverity.Error, "BadMount", src, value,
                    $"mount '{path}' is '{value.Text() ?? value.Describe()}', not 'shared:files/<folder>'.",
                    $"Write it as \"{path}\": \"shared:files/{path}\".");
            }
        }
    }

    private void CheckCrons(YamlSource src, YamlNode? node)
    {
        if (Map(src, node, "crons") is not { } crons) return;
        foreach (var (name, keyNode, value) in crons.Entries())
        {
            if (Map(src, value, $"crons.{name}") is not { } cron) continue;
            Keys(src, cron, $"crons.{name}", CronKeys, FindingSeverity.Error);
            if (cron.Child("spec") is null)
                Add(FindingSeverity.Error, "MissingKey", src, keyNode, $"cron '{name}' has no spec.", "Add spec: \"*/5 * * * *\" (crontab syntax).");
            else if (Str(src, cron.Child("spec"), $"crons.{name}.spec") is { } spec && !IsCronSpec(spec))
                Add(FindingSeverity.Error, "WrongType", src, cron.Child("spec"),
                    $"cron '{name}' spec '{spec}' is not a crontab line of five fields.", "Write it like \"*/5 * * * *\".");
            if (cron.Child("cmd") is null && cron.Child("commands") is null)
                Add(FindingSeverity.Error, "MissingKey", src, keyNode, $"cron '{name}' has no cmd.", "Add cmd: \"php bin/magento cron:run\".");
            else Str(src, cron.Child("cmd"), $"crons.{name}.cmd");
        }
    }

    private void CheckWorkers(YamlSource src, YamlNode? node)
    {
        if (Map(src, node, "workers") is not { } workers) return;
        foreach (var (name, keyNode, value) in workers.Entries())
        {
            if (Map(src, value, $"workers.{name}") is not { } worker) continue;
            Keys(src, worker, $"workers.{name}", WorkerKeys, FindingSeverity.Error);
            var commands = Map(src, worker.Child("commands"), $"workers.{name}.commands");
            if (commands?.Child("start") is { } start) Str(src, start, $"workers.{name}.commands.start");
            else Add(FindingSeverity.Error, "MissingKey", src, keyNode, $"worker '{name}' has no commands.start, so it would never run.",
                    "Add commands: {start: \"php bin/magento queue:consumers:start <consumer>\"}.");
            foreach (var (key, ignoredNode, _) in worker.Entries())
                if (key != "commands" && WorkerKeys.Contains(key))
                    Add(FindingSeverity.Notice, "IgnoredWorkerKey", src, ignoredNode,
                        $"worker '{name}' sets '{key}', which is ignored here: workers run on every host of the environment with the application's mounts, relationships and variables.");
        }
    }

    private static bool IsCronSpec(string spec) =>
        spec.StartsWith('@') || spec.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length == 5;

    // ---- .magento/services.yaml ----------------------------------------------------------------

    private void CheckServices(YamlSource src)
    {
        foreach (var (name, keyNode, value) in src.Mapping!.Entries())
        {
            if (Map(src, value, name) is not { } service) continue;
            Keys(src, service, name, ServiceKeys, FindingSeverity.Error);
            if (service.Child("type") is null)
            {
                Add(FindingSeverity.Error, "MissingKey", src, keyNode, $"service '{name}' has no type.", "Add type: \"<service>:<version>\", e.g. type: \"mysql:10.6\".");
                continue;
            }
            if (Str(src, service.Child("type"), $"{name}.type") is not { } type) continue;
            var colon = type.IndexOf(':');
            var kind = colon < 0 ? type : type[..colon];
            if (colon < 0 || colon == type.Length - 1)
                Add(FindingSeverity.Error, "WrongType", src, service.Child("type"),
                    $"service '{name}' type '{type}' has no version.", $"Write it as '{kind}:<version>', e.g. 'mysql:10.6'.");
            if (!ServiceTypes.Contains(kind))
                Add(FindingSeverity.Warning, "UnknownServiceType", src, service.Child("type"),
                    $"service '{name}' is of type '{kind}', which Magento Cloud does not offer.", Nearest(kind, ServiceTypes));
            Int(src, service.Child("disk"), $"{name}.disk");
            Map(src, service.Child("configuration"), $"{name}.configuration");
        }
    }

    private void CheckRelationships(YamlSource src)
    {
        if (src.Mapping!.Child("relationships") is not YamlMappingNode rels) return;
        foreach (var (name, _, value) in rels.Entries())
        {
            if (AppConfig.ParseRelationship(name, value.Text()) is not { } rel) continue;
            var service = _files.Service(rel.Service);
            if (service is null)
            {
                if (rel.Service == _files.App.Name) continue; // an application may name itself
                var known = _files.Services.Select(s => s.Name).ToArray();
                Add(FindingSeverity.Error, "UnknownService", src, value,
                    $"relationship '{name}' names service '{rel.Service}', which {ProjectFiles.ServicesFile} does not define" +
                    (known.Length > 0 ? $" (it has {string.Join(", ", known)})." : "."),
                    Nearest(rel.Service, known) ?? $"Add service '{rel.Service}' to {ProjectFiles.ServicesFile}, or correct the name.");
            }
            else if (rel.Endpoint is { } endpoint && !service.Endpoints.Contains(endpoint))
            {
                Add(FindingSeverity.Error, "UnknownEndpoint", src, value,
                    $"relationship '{name}' names endpoint '{endpoint}' of service '{rel.Service}' ({service.Type}), which offers {string.Join(", ", service.Endpoints)}.",
                    $"Write it as \"{rel.Service}:{service.Endpoints.First()}\".");
            }
        }
    }

    // ---- .magento/routes.yaml ------------------------------------------------------------------

    private void CheckRoutes(YamlSource src, bool appOk)
    {
        if (src.Mapping is not { } routes) return;
        foreach (var (url, keyNode, value) in routes.Entries())
        {
            if (!url.StartsWith("http://", StringComparison.Ordinal) && !url.StartsWith("https://", StringComparison.Ordinal))
                Add(FindingSeverity.Error, "RouteUrl", src, keyNode,
                    $"route '{url}' does not start with http:// or https://.", "Write it like \"https://{default}/\".");
            if (Map(src, value, url) is not { } route) continue;
            Keys(src, route, url, RouteKeys, FindingSeverity.Error);
            var type = Str(src, route.Child("type"), $"{url}.type");
            if (route.Child("type") is null)
                Add(FindingSeverity.Error, "MissingKey", src, keyNode, $"route '{url}' has no type.", "Add type: upstream (or redirect).");
            else if (type is not null and not "upstream" and not "redirect")
                Add(FindingSeverity.Error, "WrongType", src, route.Child("type"), $"route '{url}' type '{type}' is not upstream or redirect.");
            if (type == "upstream")
            {
                var upstream = Str(src, route.Child("upstream"), $"{url}.upstream");
                if (route.Child("upstream") is null)
                    Add(FindingSeverity.Error, "RouteUpstream", src, keyNode, $"route '{url}' is of type upstream but names no upstream.",
                        $"Add upstream: \"{AppNameOr("mymagento")}:http\".");
                else if (upstream is not null && appOk && _files.App.Name.Length > 0)
                {
                    var parts = upstream.Split(':');
                    if (parts[0] != _files.App.Name)
                        Add(FindingSeverity.Error, "RouteUpstream", src, route.Child("upstream"),
                            $"route '{url}' sends to application '{parts[0]}', but the application is named '{_files.App.Name}' in {AppConfig.File}.",
                            $"Write upstream: \"{_files.App.Name}:http\".");
                    else if (parts.Length > 1 && parts[1] != "http")
                        Add(FindingSeverity.Error, "RouteUpstream", src, route.Child("upstream"),
                            $"route '{url}' names endpoint '{parts[1]}'; an application's only endpoint is 'http'.",
                            $"Write upstream: \"{_files.App.Name}:http\".");
                }
            }
            else if (type == "redirect" && Str(src, route.Child("to"), $"{url}.to") is null)
            {
                Add(FindingSeverity.Error, "MissingKey", src, keyNode, $"route '{url}' is a redirect but has no 'to'.", "Add to: \"https://{default}/\".");
            }
            if (Map(src, route.Child("cache"), $"{url}.cache") is { } cache)
            {
                Keys(src, cache, $"{url}.cache", RouteCacheKeys, FindingSeverity.Error);
                Bool(src, cache.Child("enabled"), $"{url}.cache.enabled");
            }
            if (Map(src, route.Child("ssi"), $"{url}.ssi") is { } ssi)
            {
                Keys(src, ssi, $"{url}.ssi", ["enabled"], FindingSeverity.Error);
                Bool(src, ssi.Child("enabled"), $"{url}.ssi.enabled");
            }
        }
    }

    private string AppNameOr(string fallback) => _files.App.Name.Length > 0 ? _files.App.Name : fallback;

    // ---- .magento.env.yaml ---------------------------------------------------------------------

    private void CheckEnv(YamlSource src)
    {
        if (src.Mapping is not { } root) return;
        Keys(src, root, "", EnvKeys, FindingSeverity.Error);
        if (Map(src, root.Child("log"), "log") is { } log)
            foreach (var (handler, keyNode, value) in log.Entries())
            {
                if (!LogHandlers.Contains(handler))
                    Add(FindingSeverity.Warning, "UnknownKey", src, keyNode, $"log handler '{handler}' is not one ece-tools knows.", Nearest(handler, LogHandlers));
                Map(src, value, $"log.{handler}");
            }
        if (Map(src, root.Child("stage"), "stage") is not { } stages) return;
        foreach (var (stage, stageKey, value) in stages.Entries())
        {
            if (!EnvConfig.Stages.Contains(stage))
            {
                Add(FindingSeverity.Error, "UnknownKey", src, stageKey,
                    $"stage '{stage}' is not one of {string.Join(", ", EnvConfig.Stages)}.", Nearest(stage, EnvConfig.Stages));
                continue;
            }
            if (Map(src, value, $"stage.{stage}") is not { } variables) continue;
            foreach (var (name, nameNode, v) in variables.Entries())
                CheckEnvVariable(src, stage, name, nameNode, v);
        }
    }

    private void CheckEnvVariable(YamlSource src, string stage, string name, YamlNode nameNode, YamlNode value)
    {
        var rule = EnvVariableCatalog.Find(name);
        if (rule is null)
        {
            Add(FindingSeverity.Warning, "UnknownEnvVariable", src, nameNode,
                $"'{name}' in stage {stage} is not an ece-tools variable; ece-tools ignores it.",
                Nearest(name, EnvVariableCatalog.Variables.Select(r => r.Name).ToArray()));
            return;
        }
        if (!rule.Stages.Contains(stage))
            Add(FindingSeverity.Error, "EnvVariableStage", src, nameNode,
                $"{name} is not read in stage {stage}; ece-tools allows it only in {string.Join(", ", rule.Stages)}.",
                $"Move it under stage: {string.Join(" or ", rule.Stages)}.");

        if (value is YamlScalarNode { Tag.IsEmpty: false } tagged && tagged.Tag.Value == "!php/const") return; // a PHP constant, resolved by ece-tools
        var ok = rule.Kind switch
        {
            EnvVariableKind.Integer => value.Integer() is not null,
            EnvVariableKind.Boolean => value.Boolean() is not null,
            EnvVariableKind.Array => value is YamlMappingNode or YamlSequenceNode,
            _ => value is YamlScalarNode s && !YamlNodes.IsNull(s) && s.Boolean() is null,
        };
        if (!ok)
        {
            var example = rule.Kind switch
            {
                EnvVariableKind.Integer => $"{name}: {rule.Minimum ?? 1}",
                EnvVariableKind.Boolean => $"{name}: true (unquoted)",
                EnvVariableKind.Array => $"{name}: {{ ... }} (a mapping; add _merge: true to merge with the defaults)",
                _ => $"{name}: '{rule.AllowedValues?.FirstOrDefault(v => v.Length > 0) ?? "value"}'",
            };
            Add(FindingSeverity.Error, "EnvVariableType", src, value,
                $"{name} must be {Article(rule.Kind)}, not {value.Describe()}.", $"Write it like {example}.");
            return;
        }
        if (rule.Kind == EnvVariableKind.Integer && value.Integer() is { } i &&
            (i < rule.Minimum || i > rule.Maximum))
            Add(FindingSeverity.Error, "EnvVariableValue", src, value,
                $"{name} is {i}; it must be from {rule.Minimum} to {rule.Maximum}.");
        if (rule.AllowedValues is { } allowed && value.Text() is var text && !allowed.Contains(text ?? ""))
            Add(FindingSeverity.Error, "EnvVariableValue", src, value,
                $"{name} is '{text}'; it must be one of {string.Join(", ", allowed.Select(a => $"'{a}'"))}.",
                Nearest(text ?? "", allowed.Where(a => a.Length > 0).ToArray()));
    }

    private static string Article(EnvVariableKind kind) => kind switch
    {
        EnvVariableKind.Integer => "an integer",
        EnvVariableKind.Array => "an array (a mapping or a list)",
        EnvVariableKind.Boolean => "a boolean",
        _ => "a string",
    };

    // ---- .magento/topology.yaml ----------------------------------------------------------------

    private void CheckTopology(YamlSource src)
    {
        if (src.Mapping is not { } root) return;
        Keys(src, root, "", TopologyKeys, FindingSeverity.Error);
        if (Map(src, root.Child("integration"), "integration") is { } integration)
        {
            Keys(src, integration, "integration", ["limit"], FindingSeverity.Error);
            if (Int(src, integration.Child("limit"), "integration.limit") is < 1)
                Add(FindingSeverity.Error, "WrongType", src, integration.Child("limit"), "integration.limit must be 1 or more.");
        }
        Str(src, root.Child("remote"), "remote");
        if (Map(src, root.Child("ssh"), "ssh") is { } remoteSsh)
            Keys(src, remoteSsh, "ssh", SshKeys, FindingSeverity.Error);
        CheckBuildHost(src, root.Child("build"), "build");
        if (Map(src, root.Child("environments"), "environments") is not { } environments) return;
        foreach (var (name, keyNode, value) in environments.Entries())
        {
            var where = $"environments.{name}";
            if (Map(src, value, where) is not { } env) continue;
            Keys(src, env, where, TopologyEnvironmentKeys, FindingSeverity.Error);
            if (List(src, env.Child("hosts"), $"{where}.hosts") is { } hosts)
            {
                foreach (var host in hosts.Children)
                {
                    if (!SshHost.TryParse(host.Text(), out _, out var problem))
                        Add(FindingSeverity.Error, "BadTopologyHost", src, host,
                            $"host '{host.Text() ?? host.Describe()}' of {name} cannot be read: {problem}",
                            "Write it as user@host, user@host:port or \"user@[ipv6]:port\" (quoted).");
                }
                if (hosts.Children.Count > 0 && env.Child("root") is null)
                    Add(FindingSeverity.Error, "MissingKey", src, keyNode,
                        $"{name} has hosts but no root: the folder its releases live in on each host.",
                        "Add root: /srv/magento/{environment}.");
            }
            Str(src, env.Child("root"), $"{where}.root");
            if (Map(src, env.Child("shared"), $"{where}.shared") is { } shared)
            {
                Keys(src, shared, $"{where}.shared", ["path", "mounts"], FindingSeverity.Error);
                if (Str(src, shared.Child("path"), $"{where}.shared.path") is not { } sharedPath || !sharedPath.StartsWith('/'))
                    Add(FindingSeverity.Error, "WrongType", src, shared.Child("path") ?? shared,
                        $"{name}'s shared storage needs path: the absolute folder every host mounts it at.", "Add path: /mnt/shared/{environment}.");
                if (List(src, shared.Child("mounts"), $"{where}.shared.mounts") is { } sharedMounts)
                    foreach (var m in sharedMounts.Children) Str(src, m, $"{where}.shared.mounts[]");
            }
            if (_files is not null && (env.Child("hosts") as YamlDotNet.RepresentationModel.YamlSequenceNode)?.Children.Count > 1)
            {
                // Read from the entry itself: the topology as a whole may be broken (reported above).
                var sharedMounts = (env.Child("shared").Child("mounts") as YamlDotNet.RepresentationModel.YamlSequenceNode)?.Children.Select(m => m.Text()?.Trim('/')).ToList();
                bool Shared(string path) => env.Child("shared").Child("path").Text() is not null && (sharedMounts is null || sharedMounts.Contains(path.Trim('/')));
                foreach (var mount in _files.App.Mounts.Where(m => m.Path.Trim('/') is "pub/media" or "app/etc" && !Shared(m.Path)))
                    Add(FindingSeverity.Warning, "PerHostMount", src, keyNode,
                        $"{name} runs on {((YamlDotNet.RepresentationModel.YamlSequenceNode)env.Child("hosts")!).Children.Count} hosts but its mount {mount.Path} is per host: " +
                        (mount.Path.Trim('/') == "pub/media" ? "an image uploaded through one host is missing on the others." : "each host keeps its own env.php (a deploy copies the deploy hook's one to every host)."),
                        "Put it on storage every host shares: shared: {path: /mnt/shared/{environment}} in its entry.");
            }
            if (Str(src, env.Child("cron_host"), $"{where}.cron_host") is { } cronHost &&
                !(env.Child("hosts") as YamlDotNet.RepresentationModel.YamlSequenceNode)?.Children.Any(h =>
                    h.Text() == cronHost || (SshHost.TryParse(h.Text() ?? "", out var parsed) && parsed!.HostName == cronHost)) == true)
                Add(FindingSeverity.Error, "UnknownHost", src, env.Child("cron_host"), $"cron_host '{cronHost}' of {name} is not one of its hosts.",
                    "Name one of the hosts listed under hosts (its address, or the whole entry).");
            if (Str(src, env.Child("url"), $"{where}.url") is { } url &&
                !(Uri.TryCreate(url.Replace("{environment}", "x"), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
                Add(FindingSeverity.Error, "WrongType", src, env.Child("url"), $"url '{url}' of {name} is not an http(s) URL.", "Write it like https://www.example.com/.");
            if (Map(src, env.Child("database"), $"{where}.database") is { } db)
            {
                foreach (var (key, dbKey, _) in db.Entries())
                    if (key is "password" or "pass" or "passwd")
                        Add(FindingSeverity.Error, "SecretInFile", src, dbKey,
                            $"{name}'s database password is written in {Topology.File}, which is in Git.",
                            "Remove it; name the environment variable that holds it (password_env: PROD_DB_PASSWORD) or a file outside Git (password_file: ~/.magento-prod-db).");
                Keys(src, db, $"{where}.database", DatabaseKeys.Concat(["password", "pass", "passwd"]).ToArray(), FindingSeverity.Error);
                Int(src, db.Child("port"), $"{where}.database.port");
                foreach (var key in new[] { "host", "name", "user", "password_env", "password_file" })
                    Str(src, db.Child(key), $"{where}.database.{key}");
            }
            if (Map(src, env.Child("ssh"), $"{where}.ssh") is { } ssh)
                Keys(src, ssh, $"{where}.ssh", SshKeys, FindingSeverity.Error);
            CheckBuildHost(src, env.Child("build"), $"{where}.build");
            CheckTopologyServices(src, name, keyNode, env, where);
        }
        if (_relationshipsKnown) CheckSharedRedis(src, environments);
    }

    /// <summary>
    /// ece-tools uses databases 0, 1 and 2 of a Redis server whoever else uses it: two environments on one
    /// server read each other's sessions and cache. So does every Integration environment under one
    /// <c>development</c> entry, unless its host names <c>{environment}</c>.
    /// </summary>
    private void CheckSharedRedis(YamlSource src, YamlMappingNode environments)
    {
        var seen = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, _, value) in environments.Entries())
        {
            foreach (var (service, _, entry) in (value.Child("services") as YamlMappingNode).Entries())
            {
                if (_files.Service(service) is not { } defined || Services.ServiceFamilies.Of(defined) != Services.ServiceFamily.Redis) continue;
                if (entry.Child("host").Text() is not { } host) continue;
                var address = $"{host}:{entry.Child("port").Text() ?? "6379"}";
                if (name == "development" && !host.Contains("{environment}", StringComparison.Ordinal))
                    Add(FindingSeverity.Warning, "SharedRedis", src, entry.Child("host"),
                        $"every Integration environment would use the Redis server {address} ('{service}'), and see the others' sessions and cache.",
                        "Give each its own server: a host that names {environment}, or an entry per environment.");
                if (seen.TryGetValue(address, out var other) && other != name)
                    Add(FindingSeverity.Error, "SharedRedis", src, entry.Child("host"),
                        $"{name} and {other} use the same Redis server {address} ('{service}'): ece-tools uses its databases 0, 1 and 2 for each, so they would share sessions and cache.",
                        "Give each environment a Redis server of its own.");
                seen.TryAdd(address, name);
            }
        }
    }

    /// <summary>
    /// An environment's servers for its services: their shape, a type or version that services.yaml does
    /// not ask for, and, on hosts, a relationship whose service has no server (an error on Production and
    /// Staging, whose deploys then fail; a warning elsewhere, where it is left out).
    /// </summary>
    private void CheckTopologyServices(YamlSource src, string name, YamlNode keyNode, YamlMappingNode env, string where)
    {
        var services = Map(src, env.Child("services"), $"{where}.services");
        foreach (var (service, serviceKey, value) in services.Entries())
        {
            var at = $"{where}.services.{service}";
            if (Map(src, value, at) is not { } entry) continue;
            foreach (var (key, node, _) in entry.Entries())
                if (key is "password" or "pass" or "passwd")
                    Add(FindingSeverity.Error, "SecretInFile", src, node, $"{name}'s {service} password is written in {Topology.File}, which is in Git.",
                        "Remove it; name the environment variable that holds it (password_env) or a file outside Git (password_file).");
            Keys(src, entry, at, ServiceEndpointSettings.Keys.Concat(["password", "pass", "passwd"]).ToArray(), FindingSeverity.Error);
            Int(src, entry.Child("port"), $"{at}.port");
            Int(src, entry.Child("management_port"), $"{at}.management_port");
            foreach (var key in ServiceEndpointSettings.Keys.Where(k => k is not ("port" or "management_port")))
                Str(src, entry.Child(key), $"{at}.{key}");
            if (entry.Child("host") is null)
                Add(FindingSeverity.Error, "MissingKey", src, serviceKey, $"{at} has no host.", "Add host: <the server's address as the environment's hosts reach it>.");
            if (!_relationshipsKnown) continue;
            if (_files.Service(service) is not { } defined)
            {
                Add(FindingSeverity.Warning, "UnknownService", src, serviceKey,
                    $"{at} names service '{service}', which {ProjectFiles.ServicesFile} does not define.",
                    Nearest(service, _files.Services.Select(x => x.Name).ToArray()) ?? "Remove it, or correct the name.");
                continue;
            }
            if (entry.Child("type").Text() is { } type && !type.Equals(defined.Type, StringComparison.OrdinalIgnoreCase))
                Add(FindingSeverity.Warning, "ServiceTypeMismatch", src, entry.Child("type"),
                    $"{name}'s server for '{service}' is {type}, but {ProjectFiles.ServicesFile} asks for {defined.Type}.",
                    "Point it at a server of the type the application expects, or change the service's type.");
            if (entry.Child("version").Text() is { } version && defined.Version is { } wanted && version != wanted)
                Add(FindingSeverity.Warning, "ServiceVersionMismatch", src, entry.Child("version"),
                    $"{name}'s server for '{service}' is version {version}, but {ProjectFiles.ServicesFile} asks for {defined.Type}:{wanted}.",
                    "Upgrade the server, or write the version it runs in services.yaml.");
        }
        if (!_relationshipsKnown || env.Child("hosts") is not YamlSequenceNode { Children.Count: > 0 }) return;
        var severity = name is "production" or "staging" ? FindingSeverity.Error : FindingSeverity.Warning;
        foreach (var relationship in _files.App.Relationships)
        {
            if (_files.Service(relationship.Service) is not { } service) continue;
            if (Services.ServiceFamilies.Of(service) == Services.ServiceFamily.Database || services.Child(service.Name) is not null) continue;
            Add(severity, "NoServiceEndpoint", src, keyNode,
                $"relationship '{relationship.Name}' ({service.Type}) has no server for {name}: " +
                (severity == FindingSeverity.Error ? "its deploys fail." : "it is left out of MAGENTO_CLOUD_RELATIONSHIPS."),
                "Add to " + Topology.File + ":\n" + Services.EnvironmentServices.TopologyLines(name, service));
        }
    }

    /// <summary><c>build:</c> (top level or an environment's): the build host, its root, how to reach it.</summary>
    private void CheckBuildHost(YamlSource src, YamlNode? node, string where)
    {
        if (Map(src, node, where) is not { } build) return;
        Keys(src, build, where, BuildHostKeys, FindingSeverity.Error);
        if (Str(src, build.Child("host"), $"{where}.host") is { } host && !SshHost.TryParse(host, out _, out var problem))
            Add(FindingSeverity.Error, "BadTopologyHost", src, build.Child("host"), $"build host '{host}' cannot be read: {problem}",
                "Write it as user@host or user@host:port.");
        else if (build.Child("host") is null)
            Add(FindingSeverity.Error, "MissingKey", src, build, $"{where} names no host.", "Add host: builder@build.example.com.");
        Str(src, build.Child("root"), $"{where}.root");
        Str(src, build.Child("deploy_identity_file"), $"{where}.deploy_identity_file");
        if (Map(src, build.Child("ssh"), $"{where}.ssh") is { } ssh)
            Keys(src, ssh, $"{where}.ssh", SshKeys, FindingSeverity.Error);
    }

    // ---- app/etc/config.php --------------------------------------------------------------------

    private void CheckConfigPhp()
    {
        // With static content deployed at deploy time or on demand, scopes are not needed in the build.
        var build = _files.Env.EffectiveVariables("build");
        if (IsTrue(_files.Env.StageVariables("global").GetValueOrDefault("SCD_ON_DEMAND")) ||
            IsTrue(build.GetValueOrDefault("SKIP_SCD")))
            return;

        var path = Path.Combine(_files.Root, "app", "etc", "config.php");
        var text = File.Exists(path) ? File.ReadAllText(path) : null;
        if (text is not null && ScopesKey().IsMatch(text)) return;
        _findings.Add(new CloudFinding(
            text is null ? FindingSeverity.Notice : FindingSeverity.Warning, "NoScopesInConfig", ProjectFiles.ConfigPhpFile, 0, 0,
            text is null
                ? $"{ProjectFiles.ConfigPhpFile} does not exist, so static content cannot be deployed during the build; it will be deployed during the deploy, with the site in maintenance."
                : $"{ProjectFiles.ConfigPhpFile} has no 'scopes', so static content cannot be deployed during the build; it will be deployed during the deploy, with the site in maintenance.",
            "Export the configuration from a deployed environment with Export-CloudConfig and commit app/etc/config.php."));
    }

    private static bool IsTrue(object? value) => value is string s && s.Equals("true", StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex(@"['""]scopes['""]\s*=>")]
    private static partial Regex ScopesKey();

    // ---- shape helpers -------------------------------------------------------------------------

    private void Keys(YamlSource src, YamlMappingNode map, string where, IReadOnlyCollection<string> known, FindingSeverity severity)
    {
        foreach (var (key, keyNode, _) in map.Entries())
        {
            if (known.Contains(key)) continue;
            Add(severity, "UnknownKey", src, keyNode,
                where.Length == 0 ? $"'{key}' is not a key of {src.RelativePath}." : $"'{key}' is not a key of {where}.",
                Nearest(key, known) ?? $"Known keys: {string.Join(", ", known)}.");
        }
    }

    private void Required(YamlSource src, YamlMappingNode map, string where, params string[] keys)
    {
        foreach (var key in keys)
            if (map.Child(key) is null)
                Add(FindingSeverity.Error, "MissingKey", src, where.Length == 0 ? null : map,
                    $"{src.RelativePath} has no '{key}'{(where.Length == 0 ? "" : $" in {where}")}.", $"Add {key}: ...");
    }

    private YamlMappingNode? Map(YamlSource src, YamlNode? node, string where) => Shape<YamlMappingNode>(src, node, where, "a mapping");

    private YamlSequenceNode? List(YamlSource src, YamlNode? node, string where) => Shape<YamlSequenceNode>(src, node, where, "a list");

    private T? Shape<T>(YamlSource src, YamlNode? node, string where, string expected) where T : YamlNode
    {
        if (node is null or YamlScalarNode { Value: null or "" or "~" or "null" } && node is not T) return null;
        if (node is T t) return t;
        Add(FindingSeverity.Error, "WrongType", src, node, $"{where} must be {expected}, not {node!.Describe()}.");
        return null;
    }

    private string? Str(YamlSource src, YamlNode? node, string where)
    {
        if (node is null) return null;
        if (node is YamlScalarNode s) return YamlNodes.IsNull(s) ? null : s.Value;
        Add(FindingSeverity.Error, "WrongType", src, node, $"{where} must be a string, not {node.Describe()}.");
        return null;
    }

    private int? Int(YamlSource src, YamlNode? node, string where)
    {
        if (node is null) return null;
        if (node.Integer() is { } i) return i;
        Add(FindingSeverity.Error, "WrongType", src, node, $"{where} must be an integer, not {node.Describe()}.");
        return null;
    }

    private bool? Bool(YamlSource src, YamlNode? node, string where)
    {
        if (node is null) return null;
        if (node.Boolean() is { } b) return b;
        Add(FindingSeverity.Error, "WrongType", src, node, $"{where} must be true or false, not {node.Describe()}.");
        return null;
    }

    private void Add(FindingSeverity severity, string code, YamlSource src, YamlNode? node, string message, string? suggestion = null) =>
        _findings.Add(new CloudFinding(severity, code, src.RelativePath,
            node is null ? 0 : (int)node.Start.Line, node is null ? 0 : (int)node.Start.Column, message, suggestion));

    /// <summary>"Did you mean X?" for a near miss: a different case, or up to two letters off.</summary>
    private static string? Nearest(string word, IReadOnlyCollection<string> candidates)
    {
        var best = candidates
            .Select(c => (c, d: c.Equals(word, StringComparison.OrdinalIgnoreCase) ? 0 : Distance(word.ToLowerInvariant(), c.ToLowerInvariant())))
            .Where(x => x.d <= Math.Max(1, Math.Min(2, word.Length / 3)))
            .OrderBy(x => x.d).FirstOrDefault();
        return best.c is null ? null : $"Did you mean '{best.c}'?";
    }

    private static int Distance(string a, string b)
    {
        var row = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var previous = row[0];
            row[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var current = row[j];
                row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), previous + (a[i - 1] == b[j - 1] ? 0 : 1));
                previous = current;
            }
        }
        return row[b.Length];
    }
}
