namespace MagentoCloud.Engine.Build;

/// <summary>
/// Build caches, kept per project between builds without any setting: Composer's download cache and
/// npm's, in <c>cache/composer</c> and <c>cache/npm</c> of the project's build folder (on the build
/// host, or <c>.magento/local/cache</c> for a build on this machine). A build with an unchanged
/// <c>composer.lock</c> then installs from the cache instead of downloading again. The caches are
/// not part of the slug key: they change how fast a build is, not what it makes.
/// </summary>
public static class BuildCaches
{
    /// <summary>The variables that point Composer and npm at the project's caches under <paramref name="folder"/>.</summary>
    public static IReadOnlyDictionary<string, string> Variables(string folder) => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["COMPOSER_CACHE_DIR"] = folder + "/cache/composer",
        ["npm_config_cache"] = folder + "/cache/npm",
    };
}
