namespace MagentoCloud.Engine.Configuration;

/// <summary>A PHP array file as read: its array and the layout to write it back in.</summary>
public sealed record PhpArrayFile(PhpArray Root, PhpArrayLayout Layout);
