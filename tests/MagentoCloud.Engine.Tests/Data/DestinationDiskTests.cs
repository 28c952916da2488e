using MagentoCloud.Engine;
using MagentoCloud.Engine.Data;
using static MagentoCloud.Engine.Tests.Data.DatabaseTransferTests;

namespace MagentoCloud.Engine.Tests.Data;

/// <summary>A copy into a destination whose disk fills up (<see cref="SmallDiskServer"/>), from the shared local server.</summary>
[Collection(LocalServerCollection.Name)]
public sealed class DestinationDiskTests(LocalServerFixture server, SmallDiskServer disk) : IClassFixture<SmallDiskServer>
{
    [Fact]
    public async Task Destination_disk_filling_up_mid_import_fails_saying_so_and_leaves_the_destination_unchanged()
    {
        var source = await BigSourceAsync(server, "bigdisk");
        var destination = await disk.NewDatabaseAsync("dst");
        await SeedAsync(destination);
        var before = await FingerprintAsync(destination);

        var error = await Assert.ThrowsAsync<CloudException>(() => CopyAsync(source, destination, TableSelection.All, SanitizeRules.None));

        Assert.Equal(CloudErrorId.ImportFailed, error.Id);
        Assert.Contains("ran out of space", error.Message);
        Assert.Contains("is full", error.Message); // the server's own words,
        Assert.DoesNotContain("xxxxxxxxxx", error.Message); // not the rows of the statement that failed
        Assert.Equal(before, await FingerprintAsync(destination));
        Assert.Empty(await LeftoverSchemasAsync(destination));

        // Dropping the partial import gave its room back: a copy that fits goes through.
        var small = await server.NewDatabaseAsync("small");
        await SeedAsync(small);
        await CopyAsync(small, destination, TableSelection.All, SanitizeRules.None);
        Assert.Equal(await FingerprintAsync(small), await FingerprintAsync(destination));
    }

    [Fact]
    public async Task Destination_disk_filling_up_mid_import_of_a_dump_file_over_two_connections_fails_saying_so_and_leaves_the_destination_unchanged()
    {
        var source = await BigSourceAsync(server, "bigdiskfile");
        var plan = await DumpPlan.CreateAsync(source, TableSelection.All, CancellationToken.None);
        using var dump = new MemoryStream();
        await plan.WriteAsync(new DatabaseClient(new MagentoCloud.Engine.Transport.LocalTransport(), source), dump, CancellationToken.None);
        dump.Position = 0;
        var destination = await disk.NewDatabaseAsync("dstfile");
        await SeedAsync(destination);
        var before = await FingerprintAsync(destination);

        var error = await Assert.ThrowsAsync<CloudException>(() => DatabaseTransfer.ImportAsync(dump, destination,
            new DatabaseClient(new MagentoCloud.Engine.Transport.LocalTransport(), destination), SanitizeRules.None, "import", SilentObserver.Instance,
            CancellationToken.None, throttleLimit: 2));

        Assert.Equal(CloudErrorId.ImportFailed, error.Id);
        Assert.Contains("ran out of space", error.Message);
        Assert.Equal(before, await FingerprintAsync(destination));
        Assert.Empty(await LeftoverSchemasAsync(destination));
    }
}
