using static MagentoCloud.Engine.Project.EnvVariableKind;

namespace MagentoCloud.Engine.Project;

/// <summary>The variables ece-tools knows (2002.1), with their types and the stages where each is read.</summary>
public static class EnvVariableCatalog
{
    private static readonly string[] All = ["global", "build", "deploy", "post-deploy"];
    private static readonly string[] GlobalBuildDeploy = ["global", "build", "deploy"];
    private static readonly string[] GlobalBuild = ["global", "build"];
    private static readonly string[] GlobalDeploy = ["global", "deploy"];
    private static readonly string[] Global = ["global"];
    private static readonly string[] Build = ["build"];
    private static readonly string[] Deploy = ["deploy"];
    private static readonly string[] PostDeploy = ["post-deploy"];

    private static readonly EnvVariableRule[] Rules =
    [
        new("VERBOSE_COMMANDS", EnvVariableKind.String, All, ["", "-v", "-vv", "-vvv"]),
        new("SCD_COMPRESSION_LEVEL", Integer, GlobalBuildDeploy, Minimum: 0, Maximum: 9),
        new("SCD_COMPRESSION_TIMEOUT", Integer, GlobalBuildDeploy),
        new("SCD_THREADS", Integer, GlobalBuildDeploy),
        new("SCD_MAX_EXECUTION_TIME", Integer, GlobalBuildDeploy),
        new("SCD_STRATEGY", EnvVariableKind.String, GlobalBuildDeploy, ["compact", "quick", "standard"]),
        new("SCD_MATRIX", EnvVariableKind.Array, GlobalBuildDeploy),
        new("SCD_NO_PARENT", EnvVariableKind.Boolean, GlobalBuildDeploy),
        new("SKIP_SCD", EnvVariableKind.Boolean, GlobalBuildDeploy),
        new("SCD_USE_BALER", EnvVariableKind.Boolean, GlobalBuild),
        new("SKIP_HTML_MINIFICATION", EnvVariableKind.Boolean, Global),
        new("SCD_ON_DEMAND", EnvVariableKind.Boolean, Global),
        new("ENABLE_EVENTING", EnvVariableKind.Boolean, Global),
        new("ENABLE_WEBHOOKS", EnvVariableKind.Boolean, Global),
        new("SKIP_COMPOSER_DUMP_AUTOLOAD", EnvVariableKind.Boolean, Build),
        new("ERROR_REPORT_DIR_NESTING_LEVEL", Integer, Build, Minimum: 0, Maximum: 32),
        new("QUALITY_PATCHES", EnvVariableKind.Array, Build),
        new("MIN_LOGGING_LEVEL", EnvVariableKind.String, Global,
            ["", "debug", "info", "notice", "warning", "error", "critical", "alert", "emergency"]),
        new("X_FRAME_CONFIGURATION", EnvVariableKind.String, Global),
        new("LOCK_PROVIDER", EnvVariableKind.String, GlobalDeploy, ["db", "file"]),
        new("REDIS_USE_SLAVE_CONNECTION", EnvVariableKind.Boolean, GlobalDeploy),
        new("MYSQL_USE_SLAVE_CONNECTION", EnvVariableKind.Boolean, GlobalDeploy),
        new("UPDATE_URLS", EnvVariableKind.Boolean, GlobalDeploy),
        new("FORCE_UPDATE_URLS", EnvVariableKind.Boolean, GlobalDeploy),
        new("CLEAN_STATIC_FILES", EnvVariableKind.Boolean, GlobalDeploy),
        new("SPLIT_DB", EnvVariableKind.Array, GlobalDeploy),
        new("ENABLE_GOOGLE_ANALYTICS", EnvVariableKind.Boolean, GlobalDeploy),
        new("SEARCH_CONFIGURATION", EnvVariableKind.Array, Deploy),
        new("ELASTICSUITE_CONFIGURATION", EnvVariableKind.Array, Deploy),
        new("QUEUE_CONFIGURATION", EnvVariableKind.Array, Deploy),
        new("CACHE_CONFIGURATION", EnvVariableKind.Array, Deploy),
        new("SESSION_CONFIGURATION", EnvVariableKind.Array, Deploy),
        new("DATABASE_CONFIGURATION", EnvVariableKind.Array, Deploy),
        new("RESOURCE_CONFIGURATION", EnvVariableKind.Array, Deploy),
        new("CRON_CONSUMERS_RUNNER", EnvVariableKind.Array, Deploy),
        new("REMOTE_STORAGE", EnvVariableKind.Array, Deploy),
        new("REDIS_BACKEND", EnvVariableKind.String, Deploy,
            ["Cm_Cache_Backend_Redis", @"\Magento\Framework\Cache\Backend\Redis", @"\Magento\Framework\Cache\Backend\RemoteSynchronizedCache"]),
        new("CONSUMERS_WAIT_FOR_MAX_MESSAGES", EnvVariableKind.Boolean, Deploy),
        new("GENERATED_CODE_SYMLINK", EnvVariableKind.Boolean, Deploy),
        new("WARM_UP_PAGES", EnvVariableKind.Array, PostDeploy),
        new("TTFB_TESTED_PAGES", EnvVariableKind.Array, PostDeploy),
        new("WARM_UP_CONCURRENCY", Integer, PostDeploy),
        new("DEPLOYED_MAGENTO_VERSION_FROM_GIT", EnvVariableKind.String, Global),
        new("DEPLOY_FROM_GIT_OPTIONS", EnvVariableKind.Array, Global),
    ];

    private static readonly Dictionary<string, EnvVariableRule> ByName = Rules.ToDictionary(r => r.Name, StringComparer.Ordinal);

    public static IReadOnlyCollection<EnvVariableRule> Variables => Rules;

    public static EnvVariableRule? Find(string name) => ByName.GetValueOrDefault(name);
}
