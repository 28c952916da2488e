namespace MagentoCloud.Engine.Data;

/// <summary>How big a sample store to make, and from which seed.</summary>
public sealed record SampleStoreOptions
{
    public int Customers { get; init; } = 100;

    public int Products { get; init; } = 50;

    public int Orders { get; init; } = 200;

    /// <summary>The same seed (and the same AsOf) gives the same rows, byte for byte.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>
    /// The store's "now": orders and visits fall in the year before it. Fixed by default so that a seed
    /// alone reproduces the data.
    /// </summary>
    public DateTime AsOf { get; init; } = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    internal void Validate()
    {
        if (Customers < 1 || Products < 1 || Orders < 0)
            throw new CloudException(
                CloudErrorId.InvalidArgument,
                $"A sample store needs at least one customer and one product, and no negative order count " +
                $"(got Customers {Customers}, Products {Products}, Orders {Orders}).",
                target: nameof(SampleStoreOptions));
    }
}
