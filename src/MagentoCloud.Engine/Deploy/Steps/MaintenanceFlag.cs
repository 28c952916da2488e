namespace MagentoCloud.Engine.Deploy.Steps;

/// <summary>Magento's maintenance mode: <c>var/.maintenance.flag</c> in the new release and in the live one.</summary>
internal static class MaintenanceFlag
{
    public const string Path = "var/.maintenance.flag";

    /// <summary>Both releases: var is usually a shared mount (then it is one file), but not always.</summary>
    public static string Places(DeployContext context) =>
        $"{DeployHost.QuotedRelease(context.ReleaseId)} {DeployHost.CurrentLink}";

    /// <summary>Records the release first (<see cref="DeployHost.MaintenanceFile"/>): a deploy that dies now leaves a note of what to turn off.</summary>
    public static string OnScript(DeployContext context) =>
        $"printf '%s\\n' {Transport.ShellQuote.Quote(context.ReleaseId)} > {DeployHost.MaintenanceFile} && " +
        $"for r in {Places(context)}; do if [ -d \"$r\" ]; then mkdir -p \"$r/var\" && touch \"$r/{Path}\" || exit 1; fi; done";

    public static string OffScript(DeployContext context) =>
        $"for r in {Places(context)}; do rm -f \"$r/{Path}\" || exit 1; done && rm -f {DeployHost.MaintenanceFile}";
}
