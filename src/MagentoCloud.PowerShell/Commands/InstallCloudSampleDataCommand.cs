using System.Management.Automation;
using MagentoCloud.Engine.Data;
using MagentoCloud.PowerShell.Completion;

namespace MagentoCloud.PowerShell.Commands;

[Cmdlet(VerbsLifecycle.Install, "CloudSampleData", SupportsShouldProcess = true)]
[OutputType(typeof(CloudSampleData))]
public sealed class InstallCloudSampleDataCommand : CloudProjectCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("Name")]
    [ArgumentCompleter(typeof(EnvironmentNameCompleter))]
    public string Environment { get; set; } = "";

    [Parameter]
    [ValidateRange(0, 10_000_000)]
    public int Customers { get; set; } = 100;

    [Parameter]
    [ValidateRange(1, 10_000_000)]
    public int Products { get; set; } = 50;

    [Parameter]
    [ValidateRange(0, 100_000_000)]
    public int Orders { get; set; } = 200;

    [Parameter]
    public int Seed { get; set; } = 1;

    protected override void ProcessItem()
    {
        if (!ShouldProcess(Environment, $"Write a sample store ({Customers} customers, {Products} products, {Orders} orders) into its database")) return;
        var options = new SampleStoreOptions { Customers = Customers, Products = Products, Orders = Orders, Seed = Seed };
        WriteObject(Run((observer, token) => new SampleDataService(Workspace).InstallAsync(Environment, options, observer, token)));
    }
}
