using MagentoCloud.HelpBuilder;

if (args.Length != 2)
{
    Console.Error.WriteLine("usage: HelpBuilder <help markdown folder> <output MAML path, e.g. .../en-US/MagentoCloud.PowerShell.dll-Help.xml>");
    return 2;
}
try
{
    var commands = HelpFile.Build(args[0], args[1]);
    Console.WriteLine($"HelpBuilder: {commands.Count} cmdlet help pages -> {args[1]}");
    return 0;
}
catch (HelpFormatException e)
{
    foreach (var problem in e.Problems) Console.Error.WriteLine($"error HELP001: {problem}");
    return 1;
}
catch (Exception e) when (e is IOException or UnauthorizedAccessException)
{
    Console.Error.WriteLine($"error HELP002: {e.Message}");
    return 1;
}
