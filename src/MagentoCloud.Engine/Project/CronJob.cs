namespace MagentoCloud.Engine.Project;

/// <summary>A cron of <c>crons:</c>: its name, crontab spec and shell command.</summary>
public sealed record CronJob(string Name, string Spec, string Command);
