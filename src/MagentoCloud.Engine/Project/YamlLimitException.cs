using YamlDotNet.Core;

namespace MagentoCloud.Engine.Project;

/// <summary>
/// A YAML text passed one of <see cref="YamlReader"/>'s limits. A <see cref="YamlException"/>, so
/// every reader that reports syntax errors with their place reports this one the same way.
/// </summary>
public sealed class YamlLimitException : YamlException
{
    public YamlLimitException(Mark start, Mark end, string reason) : base(start, end, reason) => Reason = reason;

    /// <summary>Why, without the position prefix; <see cref="YamlException.Start"/> says where.</summary>
    public string Reason { get; }

    public override string Message => Reason;
}
