using MagentoCloud.Engine.Data;
using MagentoCloud.Engine.Project;

namespace MagentoCloud.Engine.Tests.Project;

/// <summary>A test on a new project from the template on the local default; its private MariaDB is stopped and its folder removed afterwards.</summary>
public abstract class LocalShopTest : IAsyncLifetime
{
    protected string Folder { get; } = Path.Combine(Directory.CreateTempSubdirectory("mc-shop-").FullName, "shop");

    protected Workspace Workspace { get; private set; } = null!;

    public virtual async Task InitializeAsync() =>
        Workspace = await Workspace.CreateAsync(Folder, "Shop", SilentObserver.Instance, CancellationToken.None);

    public virtual async Task DisposeAsync()
    {
        await new LocalDatabaseServer(Workspace.LocalDirectory).StopAsync(CancellationToken.None);
        Environments.TestProject.DeleteKeys(Workspace.State.Read(s => s.Project?.Id));
        try { Directory.Delete(Path.GetDirectoryName(Folder)!, recursive: true); } catch (IOException) { }
    }
}
