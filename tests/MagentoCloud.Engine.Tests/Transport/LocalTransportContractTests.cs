using MagentoCloud.Engine.Transport;

namespace MagentoCloud.Engine.Tests.Transport;

public sealed class LocalTransportContractTests : TransportContract
{
    private static readonly string Root = Path.Combine(Path.GetTempPath(), "mc-transport-tests");

    protected override ITransport CreateTransport() => new LocalTransport();

    protected override string ScratchParent => Root;
}
