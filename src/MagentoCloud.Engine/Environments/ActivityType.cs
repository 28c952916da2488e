namespace MagentoCloud.Engine.Environments;

/// <summary>Activity type names, as Magento Cloud spells them.</summary>
public static class ActivityType
{
    public const string Push = "environment.push";
    public const string Branch = "environment.branch";
    public const string Merge = "environment.merge";
    public const string Synchronize = "environment.synchronize";
    public const string Redeploy = "environment.redeploy";
    public const string Rollback = "environment.rollback";
    public const string Activate = "environment.activate";
    public const string Deactivate = "environment.deactivate";
    public const string Delete = "environment.delete";
    public const string Update = "environment.update";
    public const string VariableCreate = "environment.variable.create";
    public const string VariableUpdate = "environment.variable.update";
    public const string VariableDelete = "environment.variable.delete";
    public const string ProjectVariableCreate = "project.variable.create";
    public const string ProjectVariableUpdate = "project.variable.update";
    public const string ProjectVariableDelete = "project.variable.delete";
    public const string ProjectCreate = "project.create";
    public const string ProjectVariableProtect = "project.variable.protect";
    public const string SampleData = "environment.sample_data";
    public const string DatabaseCopy = "environment.database.copy";
    public const string DatabaseExport = "environment.database.export";
    public const string DatabaseImport = "environment.database.import";
    public const string Backup = "environment.backup";
    public const string Restore = "environment.restore";
}
