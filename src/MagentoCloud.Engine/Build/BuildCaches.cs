namespace MagentoCloud.Engine.Build;

/// <summary>
/// Build caches, kept per project between builds without any setting: Composer's download cache and
/// npm's, in <c>cache/composer</c> and <c>cache/npm</c> of the project's build folder (on the build
/// host, or <c>.magento/local/cache</c> for a build on this machine). A build with an unchanged
/// <c>composer.lock</c> then installs from the cache instead of downloading again. The caches are
/// not part of the slug key: they change how fast a build is, not what it makes. On a build host,
/// <c>cache/vendor</c> also keeps <c>vendor/</c> as Composer installed it, by the hash of
/// <c>composer.json</c> and <c>composer.lock</c> (see <see cref="VendorScript"/>).
/// </summary>
public static class BuildCaches
{
    /// <summary>vendor/ copies a build host keeps, the newest by use.</summary>
    public const int KeptVendors = 3;

    /// <summary>
    /// A POSIX script, run in the checkout on a build host: <c>composer install</c>, with <c>vendor/</c> as
    /// an installed <c>composer.json</c> and <c>composer.lock</c> left it (before any build hook touched it)
    /// copied first from <paramref name="vendorCache"/> when the two files are unchanged, so Composer finds
    /// everything installed. The copies are reflinks where the file system has them (btrfs, XFS: no data
    /// copied), full copies elsewhere; never hard links, since a build hook that patches vendor/ in place
    /// would change the cache. A project without a composer.lock, or whose vendor folder is elsewhere, just installs.
    /// </summary>
    public static string VendorScript(string vendorCache)
    {
        var cache = Transport.ShellQuote.Quote(vendorCache);
        return
            "mc_vendor=; [ -f composer.lock ] && mc_vendor=" + cache + "/$(cat composer.json composer.lock | sha256sum | cut -d' ' -f1)\n" +
            "if [ -n \"$mc_vendor\" ] && [ -d \"$mc_vendor\" ] && [ ! -e vendor ]; then\n" +
            "  cp -a --reflink=auto \"$mc_vendor\" vendor 2>/dev/null || { rm -rf vendor; cp -a \"$mc_vendor\" vendor; } && touch \"$mc_vendor\" && echo 'vendor/ restored from the build cache: composer.json and composer.lock are unchanged.'\n" +
            "fi\n" +
            "echo 'Running composer install --no-dev --no-interaction.'\n" +
            "composer install --no-dev --no-interaction --no-progress || exit $?\n" +
            "if [ -n \"$mc_vendor\" ] && [ ! -d \"$mc_vendor\" ] && [ -d vendor ]; then\n" +
            $"  mkdir -p {cache} && rm -rf \"$mc_vendor.tmp\" && {{ cp -a --reflink=auto vendor \"$mc_vendor.tmp\" 2>/dev/null || {{ rm -rf \"$mc_vendor.tmp\"; cp -a vendor \"$mc_vendor.tmp\"; }}; }} && mv \"$mc_vendor.tmp\" \"$mc_vendor\" || rm -rf \"$mc_vendor.tmp\"\n" +
            $"  ls -td {cache}/*/ | tail -n +{KeptVendors + 1} | while IFS= read -r old; do rm -rf \"$old\"; done\n" +
            "fi\n" +
            "exit 0";
    }

    /// <summary>The variables that point Composer and npm at the project's caches under <paramref name="folder"/>.</summary>
    public static IReadOnlyDictionary<string, string> Variables(string folder) => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["COMPOSER_CACHE_DIR"] = folder + "/cache/composer",
        ["npm_config_cache"] = folder + "/cache/npm",
    };
}
