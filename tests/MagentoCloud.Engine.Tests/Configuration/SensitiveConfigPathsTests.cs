using MagentoCloud.Engine;
using MagentoCloud.Engine.Configuration;

namespace MagentoCloud.Engine.Tests.Configuration;

public sealed class SensitiveConfigPathsTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("mc-sensitive-").FullName;

    [Theory]
    [InlineData("web/secure/base_url", true)]
    [InlineData("web/unsecure/base_link_url", true)]
    [InlineData("web/secure/base_media_url", true)]
    [InlineData("payment/braintree/private_key", true)]
    [InlineData("payment/braintree/merchant_id", true)]
    [InlineData("payment/paypal_express/api_password", true)]
    [InlineData("carriers/fedex/meter_number", true)]
    [InlineData("carriers/ups/password", true)]
    [InlineData("system/smtp/host", true)]
    [InlineData("google/analytics/account", true)]
    [InlineData("paypal/wpp/api_signature", true)]
    [InlineData("general/locale/code", false)]
    [InlineData("payment/checkmo/active", false)]
    [InlineData("web/secure/use_in_frontend", false)]
    [InlineData("carriers/ups/active", false)]
    public void Built_in_list_covers_secrets_and_environment_specific_paths(string path, bool sensitive)
    {
        Assert.Equal(sensitive, SensitiveConfigPaths.Default.IsSensitive(path));
    }

    [Fact]
    public void Project_file_extends_the_built_in_list()
    {
        Directory.CreateDirectory(Path.Combine(_root, ".magento"));
        File.WriteAllText(Path.Combine(_root, ".magento", "config-sensitive.yaml"), "sensitive:\n  - acme/api/*\n  - vendor/feed/endpoint\n");

        var paths = SensitiveConfigPaths.ForProject(_root);

        Assert.True(paths.IsSensitive("acme/api/whatever"));
        Assert.True(paths.IsSensitive("vendor/feed/endpoint"));
        Assert.True(paths.IsSensitive("payment/braintree/private_key"));
        Assert.False(paths.IsSensitive("vendor/feed/enabled"));
    }

    [Fact]
    public void Project_file_that_is_not_a_list_is_a_clear_error()
    {
        Directory.CreateDirectory(Path.Combine(_root, ".magento"));
        File.WriteAllText(Path.Combine(_root, ".magento", "config-sensitive.yaml"), "sensitive: acme/api/key\n");

        var e = Assert.Throws<CloudException>(() => SensitiveConfigPaths.ForProject(_root));

        Assert.Equal(CloudErrorId.ConfigInvalid, e.Id);
        Assert.Contains(".magento/config-sensitive.yaml", e.Message);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
