namespace MagentoCloud.Engine.Project;

/// <summary>
/// A writable folder that survives deploys: <c>"var": "shared:files/var"</c>, or the long form
/// <c>{source: local, source_path: var}</c>. <see cref="SourcePath"/> is the folder under the
/// environment's shared files.
/// </summary>
public sealed record Mount(string Path, string Source, string SourcePath);
