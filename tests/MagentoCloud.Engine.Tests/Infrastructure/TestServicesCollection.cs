namespace MagentoCloud.Engine.Tests.Infrastructure;

/// <summary>Tests that use the real sshd and MariaDB share one TestServices.</summary>
[CollectionDefinition(Name)]
public sealed class TestServicesCollection : ICollectionFixture<TestServices>
{
    public const string Name = "Test services";
}
