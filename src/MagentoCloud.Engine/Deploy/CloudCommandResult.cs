namespace MagentoCloud.Engine.Deploy;

/// <summary>A command's result on one host, as Invoke-CloudCommand returns it.</summary>
public sealed class CloudCommandResult
{
    public string Host { get; set; } = "";

    public int ExitCode { get; set; }

    public string Output { get; set; } = "";

    public string Error { get; set; } = "";

    public TimeSpan Duration { get; set; }

    public override string ToString() => $"{Host}: exit {ExitCode}";
}
