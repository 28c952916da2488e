namespace MagentoCloud.PowerShell.Tests.Infrastructure;

/// <summary>A small, valid project folder in a temporary directory, removed on dispose.</summary>
public sealed class TestProject : IDisposable
{
    private TestProject(string path) => Path = path;

    public string Path { get; }

    public static TestProject Create()
    {
        var path = Directory.CreateTempSubdirectory("mc-pstest-").FullName;
        Write(path, ".magento.app.yaml", """
            name: mymagento
            type: php:8.3
            build:
              flavor: none
            relationships:
              database: "mysql:mysql"
            mounts:
              "var": "shared:files/var"
            hooks:
              build: |
                set -e
                echo built > build.txt
              deploy: |
                echo deployed
            web:
              locations:
                "/":
                  root: "pub"
                  passthru: "/index.php"
            disk: 2048
            """);
        Write(path, ".magento/services.yaml", """
            mysql:
              type: mysql:10.6
              disk: 2048
            """);
        Write(path, ".magento/routes.yaml", """
            "http://{default}/":
              type: upstream
              upstream: "mymagento:http"
            "https://{default}/":
              type: upstream
              upstream: "mymagento:http"
            """);
        Write(path, "app/etc/config.php", """
            <?php
            return [
                'modules' => [
                    'Magento_Store' => 1,
                ],
                'scopes' => [
                    'websites' => [
                        'admin' => ['website_id' => '0', 'code' => 'admin', 'name' => 'Admin', 'sort_order' => '0', 'default_group_id' => '0', 'is_default' => '0'],
                    ],
                ],
            ];
            """);
        return new TestProject(path);
    }

    /// <summary>Breaks .magento/services.yaml's syntax; returns the project path.</summary>
    public string WithBrokenYaml()
    {
        Write(Path, ".magento/services.yaml", "mysql:\n  type: [unclosed\n");
        return Path;
    }

    private static void Write(string root, string relative, string text)
    {
        var file = System.IO.Path.Combine(root, relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(file)!);
        File.WriteAllText(file, text + "\n");
    }

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { }
    }
}
