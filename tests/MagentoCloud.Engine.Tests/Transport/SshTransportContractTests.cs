using MagentoCloud.Engine.Tests.Infrastructure;
using MagentoCloud.Engine.Transport;

namespace MagentoCloud.Engine.Tests.Transport;

[Collection(TestServicesCollection.Name)]
public sealed class SshTransportContractTests(TestServices services) : TransportContract
{
    protected override ITransport CreateTransport() => new SshTransport(services.Connection(1));

    protected override string ScratchParent => services.HostRoots[1];
}
