namespace MagentoCloud.Engine.Runtime;

/// <summary>A redirect route as nginx serves it: requests for <see cref="Host"/> go to <see cref="To"/> plus their path, with <see cref="Code"/>.</summary>
public sealed record WebRedirect(string Host, string To, int Code);
