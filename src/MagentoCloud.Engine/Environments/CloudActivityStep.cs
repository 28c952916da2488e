namespace MagentoCloud.Engine.Environments;

/// <summary>One named step of an activity (a deploy's "Upload release", say) with its time and result.</summary>
public sealed class CloudActivityStep
{
    public string Name { get; set; } = "";

    public TimeSpan Duration { get; set; }

    public ActivityResult Result { get; set; }
}
