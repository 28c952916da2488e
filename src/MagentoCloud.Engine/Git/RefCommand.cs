namespace MagentoCloud.Engine.Git;

/// <summary>
/// One ref update as receive-pack takes it: move <paramref name="Ref"/> from <paramref name="Old"/>
/// (null: must not exist) to <paramref name="New"/> (null: delete). The server applies it only if
/// the ref is at <paramref name="Old"/> under its own lock, so it is a compare-and-swap by itself.
/// </summary>
public sealed record RefCommand(string Ref, string? Old, string? New);
