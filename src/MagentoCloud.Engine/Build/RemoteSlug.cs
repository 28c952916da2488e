using MagentoCloud.Engine.Project;
using MagentoCloud.Engine.Transport;

namespace MagentoCloud.Engine.Build;

/// <summary>A slug kept on a build host: where it is and how to reach it, for sending it host to host.</summary>
/// <param name="Transport">The build host.</param>
/// <param name="ArchivePath">The archive on the build host.</param>
/// <param name="ProjectFolder">The project's folder on the build host (its slugs, caches, tools).</param>
/// <param name="Sha256">The archive's SHA-256, checked on every host it lands on.</param>
public sealed record RemoteSlug(ITransport Transport, string ArchivePath, string ProjectFolder, string Sha256, BuildHostTopology BuildHost);
