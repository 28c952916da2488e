using MagentoCloud.Engine.Data;

namespace MagentoCloud.Engine.Configuration;

/// <summary>How the configuration services reach an environment's database from this machine.</summary>
public delegate Task<DatabaseEndpoint> EnvironmentDatabaseResolver(string environment, IOperationObserver observer, CancellationToken cancellationToken);
