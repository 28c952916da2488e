namespace MagentoCloud.Engine.Project;

/// <summary>The value type ece-tools expects of a <c>.magento.env.yaml</c> variable.</summary>
public enum EnvVariableKind
{
    String,
    Integer,
    Boolean,
    Array,
}
