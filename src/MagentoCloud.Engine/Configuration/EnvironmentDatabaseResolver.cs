using MagentoCloud.Engine.Data;

namespace MagentoCloud.Engine.Configuration;

/// <summary>How the configuration services reach an environment's database from this machine (disposed after use).</summary>
public delegate Task<EnvironmentDatabase> EnvironmentDatabaseResolver(string environment, IOperationObserver observer, CancellationToken cancellationToken);
