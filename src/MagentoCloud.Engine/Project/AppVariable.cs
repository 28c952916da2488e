namespace MagentoCloud.Engine.Project;

/// <summary>
/// A variable of <c>variables:</c>, named as Magento Cloud names it: <c>env:NAME</c>,
/// <c>php:memory_limit</c>, or a plain name. The value is a string, list or dictionary.
/// </summary>
public sealed record AppVariable(string Name, object? Value)
{
    /// <summary>Variables named <c>env:X</c> become the plain environment variable X.</summary>
    public string? EnvironmentVariableName => Name.StartsWith("env:", StringComparison.Ordinal) ? Name[4..] : null;
}
