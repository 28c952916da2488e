namespace MagentoCloud.Engine.Build;

/// <summary>Turns a commit into a slug, or finds the one built from the same inputs: on this machine or on a build host.</summary>
public interface ISlugBuilder
{
    Task<BuildResult> BuildAsync(BuildRequest request, IOperationObserver observer, CancellationToken cancellationToken);
}
