namespace MagentoCloud.Engine.Environments;

/// <summary>Which hooks a variable set is for: build sees VisibleBuild variables, deploy and post_deploy VisibleRuntime.</summary>
public enum VariablePhase
{
    Build,
    Runtime,
}
