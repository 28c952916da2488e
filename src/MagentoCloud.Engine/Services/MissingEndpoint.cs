namespace MagentoCloud.Engine.Services;

/// <summary>A relationship whose service has no server for an environment, and the topology lines that would give it one.</summary>
public sealed record MissingEndpoint(string Relationship, string Service, string Type, string TopologyLines)
{
    public string Describe(string environment) =>
        $"Relationship '{Relationship}' ({Type}) has no server for {environment}. Point it at one in .magento/topology.yaml:\n{TopologyLines}";
}
