using LibGit2Sharp;
using MagentoCloud.Engine;
using MagentoCloud.Engine.Configuration;
using MagentoCloud.Engine.Data;

namespace MagentoCloud.Engine.Tests.Configuration;

[Collection(StoreDatabaseCollection.Name)]
public sealed class ConfigurationServiceTests(StoreDatabaseFixture databases) : IDisposable
{
    private const string ModulesOnly = "<?php\nreturn [\n    'modules' => [\n        'Magento_Store' => 1,\n        'Magento_Theme' => 1\n    ]\n];\n";

    private readonly string _root = Directory.CreateTempSubdirectory("mc-config-wc-").FullName;

    private string ConfigPhp => Path.Combine(_root, "app", "etc", "config.php");
    private string EnvPhp => Path.Combine(_root, "app", "etc", "env.php");

    private async Task<DatabaseEndpoint> StoreAsync()
    {
        var endpoint = await databases.NewDatabaseAsync();
        await StoreDatabaseFixture.ExecuteAsync(endpoint, StoreTables.Store);
        return endpoint;
    }

    private ConfigurationService WorkingCopy(string? configPhp = ModulesOnly, bool ignoreEnvPhp = true)
    {
        Repository.Init(_root);
        File.WriteAllText(Path.Combine(_root, ".gitignore"), ignoreEnvPhp ? "/app/etc/env.php\n" : "");
        Directory.CreateDirectory(Path.GetDirectoryName(ConfigPhp)!);
        if (configPhp is not null) File.WriteAllText(ConfigPhp, configPhp);
        return new ConfigurationService(_root);
    }

    private static PhpArray Read(string path) => PhpArrayReader.ReadFile(path).Root;

    [Fact]
    public async Task Export_All_writes_every_setting_scopes_and_themes_and_keeps_modules()
    {
        var service = WorkingCopy();
        var export = await service.ExportAsync(await StoreAsync(), ConfigExportMode.All, whatIf: false, SilentObserver.Instance, default);

        var config = Read(ConfigPhp);
        Assert.Equal(["modules", "scopes", "system", "themes", "i18n", "admin_user"], config.Keys.Select(k => k.ToString()!).ToArray());
        Assert.Equal(1L, config.GetPath("modules/Magento_Store"));
        Assert.Equal("Wholesale", config.GetPath("scopes/websites/wholesale/name"));
        Assert.Equal("10", config.GetPath("scopes/websites/wholesale/sort_order"));
        Assert.Equal("wholesale_store", config.GetPath("scopes/groups/2/code"));
        Assert.Equal("B2B English", config.GetPath("scopes/stores/b2b/name"));
        Assert.Equal("Luma O'Brien \\ Sons", config.GetPath("system/default/general/store_information/name"));
        Assert.Equal("en_GB", config.GetPath("system/websites/base/general/locale/code"));
        Assert.Equal("1", config.GetPath("system/websites/wholesale/catalog/price/scope"));
        Assert.Equal("Bienvenue", config.GetPath("system/stores/french/design/header/welcome"));
        Assert.True((config.GetPath("system/default/general/region") as PhpArray)!.ContainsKey("state_required"));
        Assert.Equal("Magento/blank", ((config["themes"] as PhpArray)!["frontend/Magento/luma"] as PhpArray)!["parent_id"]);
        Assert.Equal("0", ((config["themes"] as PhpArray)!["frontend/Magento/luma"] as PhpArray)!["is_featured"]);
        var locales = Assert.IsType<PhpArray>(config.GetPath("admin_user/locale/code"));
        Assert.Equal(["en_US", "fr_FR"], locales.Select(l => (string)l.Value!).ToArray());

        // Secrets and environment-specific values are in env.php only.
        var text = File.ReadAllText(ConfigPhp);
        foreach (var secret in new[] { "bt-private-secret", "bt-merchant", "anet-key-secret", "ups-secret", "pp-secret", "shop.example.com", "b2b.example.com" })
            Assert.DoesNotContain(secret, text);
        var env = Read(EnvPhp);
        Assert.Equal("bt-private-secret", env.GetPath("system/default/payment/braintree/private_key"));
        Assert.Equal("anet-key-secret", env.GetPath("system/default/payment/authorizenet_acceptjs/trans_key"));
        Assert.Equal("ups-secret", env.GetPath("system/default/carriers/ups/password"));
        Assert.Equal("pp-secret", env.GetPath("system/websites/wholesale/payment/paypal_express/api_password"));
        Assert.Equal("https://b2b.example.com/", env.GetPath("system/stores/b2b/web/secure/base_url"));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, File.GetUnixFileMode(EnvPhp));

        Assert.Equal(ConfigExportMode.All, export.Mode);
        Assert.Equal(9, export.SensitiveSettings);
        Assert.Equal(16, export.Settings);
        Assert.Equal(10, export.Scopes);
        Assert.Contains("system/default/general/locale/code", export.Added);
        Assert.Empty(export.Removed);

        // The file is in Magento's layout: reading and writing it back changes nothing.
        var file = PhpArrayReader.ReadFile(ConfigPhp);
        Assert.Equal(File.ReadAllText(ConfigPhp), PhpArrayWriter.Write(file.Root, file.Layout));
    }

    [Fact]
    public async Task Export_Minimal_keeps_the_scd_dump_set_and_sends_secrets_to_env_php()
    {
        var service = WorkingCopy();
        var export = await service.ExportAsync(await StoreAsync(), ConfigExportMode.Minimal, whatIf: false, SilentObserver.Instance, default);

        var config = Read(ConfigPhp);
        Assert.Equal(["modules", "scopes", "system", "admin_user"], config.Keys.Select(k => k.ToString()!).ToArray());
        var defaults = ConfigDumpLeaves(config, "system/default");
        Assert.Equal(
            ["advanced/modules_disable_output/Magento_Newsletter", "dev/css/minify_files", "dev/js/merge_files", "dev/static/sign",
             "dev/template/minify_html", "general/locale/code"],
            defaults.Order(StringComparer.Ordinal).ToArray());
        Assert.Equal(["general/locale/code"], ConfigDumpLeaves(config, "system/websites/base"));
        Assert.Equal(["general/locale/code"], ConfigDumpLeaves(config, "system/websites/wholesale"));
        Assert.Equal(["general/locale/code"], ConfigDumpLeaves(config, "system/stores/french"));
        Assert.Null(config.GetPath("system/stores/admin"));
        Assert.Equal(6 + 3, export.Settings);
        Assert.Equal("ups-secret", Read(EnvPhp).GetPath("system/default/carriers/ups/password"));
        Assert.DoesNotContain("secret", File.ReadAllText(ConfigPhp));
    }

    private static string[] ConfigDumpLeaves(PhpArray config, string path)
    {
        var list = new List<string>();
        void Walk(PhpArray array, string prefix)
        {
            foreach (var (k, v) in array)
            {
                var p = prefix.Length == 0 ? k.ToString()! : prefix + "/" + k;
                if (v is PhpArray a) Walk(a, p); else list.Add(p);
            }
        }
        Walk((PhpArray)config.GetPath(path)!, "");
        return list.ToArray();
    }

    [Fact]
    public async Task WhatIf_reports_the_change_and_writes_nothing()
    {
        var service = WorkingCopy();
        var export = await service.ExportAsync(await StoreAsync(), ConfigExportMode.All, whatIf: true, SilentObserver.Instance, default);

        Assert.True(export.WhatIf);
        Assert.Contains("scopes/stores/b2b/name", export.Added);
        Assert.Equal(ModulesOnly, File.ReadAllText(ConfigPhp));
        Assert.False(File.Exists(EnvPhp));
    }

    // An ops engineer's env.php, saved as ISO-8859-1: the export adds its sensitive settings and must not touch the rest.
    private static readonly byte[] Latin1EnvPhp =
    [
        .. "<?php\n// Zugangsdaten f"u8, 0xFC, .. "r die Datenbank\nreturn [\n    'db' => [\n        'connection' => [\n            'default' => [\n"u8,
        .. "                'password' => 'Caf"u8, 0xE9, .. "-"u8, 0xFC, .. "ber',\n                'username' => \"shop\\x5fuser\"\n"u8,
        .. "            ]\n        ]\n    ]\n];\n"u8,
    ];

    [Fact]
    public async Task Export_writes_back_env_php_values_it_does_not_own_byte_for_byte_whatever_their_encoding()
    {
        var service = WorkingCopy();
        File.WriteAllBytes(EnvPhp, Latin1EnvPhp);

        await service.ExportAsync(await StoreAsync(), ConfigExportMode.All, whatIf: false, SilentObserver.Instance, default);

        var written = File.ReadAllBytes(EnvPhp);
        byte[] password = [.. "'password' => 'Caf"u8, 0xE9, .. "-"u8, 0xFC, .. "ber',"u8];
        Assert.True(written.AsSpan().IndexOf(password) > 0, "the ISO-8859-1 password is not in env.php byte for byte");
        Assert.True(written.AsSpan().StartsWith(Latin1EnvPhp.AsSpan(0, 40)), "the header comment changed");
        Assert.True(written.AsSpan().IndexOf("'username' => \"shop\\x5fuser\""u8) > 0, "an unchanged value lost its spelling");
        Assert.True(written.AsSpan().IndexOf("\uFFFD"u8) < 0, "env.php holds U+FFFD");
        Assert.Equal("ups-secret", Read(EnvPhp).GetPath("system/default/carriers/ups/password"));
    }

    [Fact]
    public async Task Export_with_no_sensitive_setting_leaves_an_env_php_it_cannot_read_alone()
    {
        var service = WorkingCopy();
        const string env = "<?php\nreturn [\n    'db' => [\n        'password' => getenv('DB_PASSWORD')\n    ]\n];\n";
        File.WriteAllText(EnvPhp, env);
        var endpoint = await StoreAsync();
        await StoreDatabaseFixture.ExecuteAsync(endpoint,
            "DELETE FROM core_config_data WHERE path LIKE 'payment/%' OR path LIKE 'carriers/%' OR path LIKE 'web/%'");

        var export = await service.ExportAsync(endpoint, ConfigExportMode.All, false, SilentObserver.Instance, default);

        Assert.Equal((0, null), (export.SensitiveSettings, export.EnvPath));
        Assert.Equal(env, File.ReadAllText(EnvPhp));

        // With sensitive settings to write, the file must be read: a clear error, and nothing written.
        await StoreDatabaseFixture.ExecuteAsync(endpoint, "INSERT INTO core_config_data (scope, scope_id, path, value) VALUES ('default', 0, 'carriers/ups/password', 'x')");
        var before = File.ReadAllText(ConfigPhp);
        var e = await Assert.ThrowsAsync<CloudException>(() => service.ExportAsync(endpoint, ConfigExportMode.All, false, SilentObserver.Instance, default));
        Assert.Equal(CloudErrorId.ConfigInvalid, e.Id);
        Assert.Contains("app/etc/env.php, line 4", e.Message);
        Assert.Equal(before, File.ReadAllText(ConfigPhp));
    }

    [PhpFact]
    public async Task PHP_reads_the_exported_files_as_the_module_does()
    {
        var service = WorkingCopy();
        File.WriteAllBytes(EnvPhp, Latin1EnvPhp);
        var endpoint = await StoreAsync();
        await StoreDatabaseFixture.ExecuteAsync(endpoint,
            "UPDATE core_config_data SET value = 'Caf\u00e9 \\\\ \\'quoted\\' \U0001F600' WHERE path = 'general/store_information/name'");

        await service.ExportAsync(endpoint, ConfigExportMode.All, whatIf: false, SilentObserver.Instance, default);

        var env = Php.Leaves(EnvPhp);
        Assert.Equal("s:" + Convert.ToHexString([.. "Caf"u8, 0xE9, .. "-"u8, 0xFC, .. "ber"u8]).ToLowerInvariant(), env["db/connection/default/password"]);
        Assert.Equal(PhpArrayFileTests.Leaves(Read(EnvPhp)), env);
        var config = Php.Leaves(ConfigPhp);
        Assert.Equal(PhpArrayFileTests.Leaves(Read(ConfigPhp)), config);
        Assert.Equal("s:" + Convert.ToHexString("Café \\ 'quoted' 😀"u8).ToLowerInvariant(), config["system/default/general/store_information/name"]);
    }

    [Fact]
    public async Task Second_export_after_a_change_reports_it_as_changed_and_removed()
    {
        var service = WorkingCopy();
        var endpoint = await StoreAsync();
        await service.ExportAsync(endpoint, ConfigExportMode.All, false, SilentObserver.Instance, default);
        await StoreDatabaseFixture.ExecuteAsync(endpoint,
            "UPDATE core_config_data SET value = '36' WHERE path = 'catalog/frontend/grid_per_page'; DELETE FROM core_config_data WHERE path = 'design/header/welcome'");

        var export = await service.ExportAsync(endpoint, ConfigExportMode.All, false, SilentObserver.Instance, default);

        Assert.Equal(["system/default/catalog/frontend/grid_per_page"], export.Changed);
        Assert.Equal(["system/stores/french/design/header/welcome"], export.Removed);
        Assert.Empty(export.Added);
    }

    [Fact]
    public async Task Export_refuses_to_write_env_php_that_Git_tracks_and_leaves_config_php_untouched()
    {
        var service = WorkingCopy();
        File.WriteAllText(EnvPhp, "<?php\nreturn [\n    'MAGE_MODE' => 'developer'\n];\n");
        using (var repository = new Repository(_root)) Commands.Stage(repository, "app/etc/env.php", new StageOptions { IncludeIgnored = true });

        var e = await Assert.ThrowsAsync<CloudException>(() =>
            service.ExportAsync(StoreAsync().Result, ConfigExportMode.All, false, SilentObserver.Instance, default));

        Assert.Equal(CloudErrorId.ConfigFileTracked, e.Id);
        Assert.Contains("git rm --cached app/etc/env.php", e.Message);
        Assert.Equal(ModulesOnly, File.ReadAllText(ConfigPhp));
    }

    [Fact]
    public async Task Setting_whose_scope_id_names_no_store_is_a_clear_error_and_config_php_is_untouched()
    {
        var service = WorkingCopy();
        var endpoint = await StoreAsync();
        await StoreDatabaseFixture.ExecuteAsync(endpoint, "INSERT INTO core_config_data (config_id, scope, scope_id, path, value) VALUES (900, 'stores', 42, 'general/locale/code', 'de_DE')");

        var e = await Assert.ThrowsAsync<CloudException>(() => service.ExportAsync(endpoint, ConfigExportMode.All, false, SilentObserver.Instance, default));

        Assert.Equal(CloudErrorId.ConfigScopeNotFound, e.Id);
        Assert.Contains("row 900", e.Message);
        Assert.Contains("scope_id 42", e.Message);
        Assert.Contains("general/locale/code", e.Message);
        Assert.Contains("DELETE FROM core_config_data WHERE config_id = 900", e.Message);
        Assert.Equal(ModulesOnly, File.ReadAllText(ConfigPhp));
    }

    [Fact]
    public async Task Unreachable_database_is_a_clear_error_and_config_php_is_untouched()
    {
        var service = WorkingCopy();
        var nowhere = new DatabaseEndpoint { Host = "127.0.0.1", Port = 9, Database = "main", User = "magento", Password = "x" };

        var e = await Assert.ThrowsAsync<CloudException>(() => service.ExportAsync(nowhere, ConfigExportMode.All, false, SilentObserver.Instance, default));

        Assert.Equal(CloudErrorId.DatabaseUnavailable, e.Id);
        Assert.Contains("magento@127.0.0.1:9/main", e.Message);
        Assert.DoesNotContain("Password", e.Message);
        Assert.Equal(ModulesOnly, File.ReadAllText(ConfigPhp));
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(ConfigPhp)!));
    }

    [Fact]
    public async Task Malformed_config_php_is_an_error_with_its_line_and_is_left_untouched()
    {
        const string broken = "<?php\nreturn [\n    'modules' => [\n        'Magento_Store' => MAGENTO_ON,\n    ],\n];\n";
        var service = WorkingCopy(broken);

        var e = await Assert.ThrowsAsync<CloudException>(() => service.ExportAsync(StoreAsync().Result, ConfigExportMode.All, false, SilentObserver.Instance, default));

        Assert.Equal(CloudErrorId.ConfigInvalid, e.Id);
        Assert.Contains("app/etc/config.php, line 4, column 28", e.Message);
        Assert.Equal(broken, File.ReadAllText(ConfigPhp));
    }

    [Fact]
    public async Task Export_then_apply_to_another_database_then_compare_finds_no_difference()
    {
        var service = WorkingCopy();
        var source = await StoreAsync();
        var target = await databases.NewDatabaseAsync();
        await service.ExportAsync(source, ConfigExportMode.All, false, SilentObserver.Instance, default);

        var before = await service.CompareAsync(target, null, source, null, default);
        Assert.Contains(before, d => d.Path == "scopes/stores/b2b/name" && d.Reference == "B2B English" && d.Value is null
                                     && d.Status == ConfigDifferenceStatus.MissingInEnvironment);

        var applied = await ConfigurationService.ApplyAsync(target, ConfigPhp, SilentObserver.Instance, default);
        Assert.Equal(13, applied.Inserted); // 3 websites, 3 groups, 4 stores, 3 themes
        var again = await ConfigurationService.ApplyAsync(target, ConfigPhp, SilentObserver.Instance, default);
        Assert.False(again.Changed);
        Assert.Equal(13, again.Unchanged);

        Assert.Empty(await service.CompareAsync(target, null, source, null, default));
        Assert.Empty(await service.CompareWithFileAsync(source, ConfigPhp, default));
        Assert.Equal("0", (await StoreDatabaseFixture.ScalarAsync(target, "SELECT store_id FROM store WHERE code = 'admin'"))!.ToString());
        Assert.Equal("2", (await StoreDatabaseFixture.ScalarAsync(target,
            "SELECT p.theme_id FROM theme t JOIN theme p ON p.theme_id = t.parent_id WHERE t.theme_path = 'Magento/luma'"))!.ToString());
    }

    [Fact]
    public async Task Compare_shows_each_differing_setting_and_hides_sensitive_values()
    {
        var service = WorkingCopy(configPhp: null);
        var reference = await StoreAsync();
        var other = await StoreAsync();
        await StoreDatabaseFixture.ExecuteAsync(other,
            "UPDATE core_config_data SET value = 'changed-secret' WHERE path = 'carriers/ups/password';" +
            "UPDATE core_config_data SET value = 'fr_CA' WHERE scope = 'stores' AND path = 'general/locale/code';" +
            "DELETE FROM core_config_data WHERE path = 'catalog/frontend/grid_per_page'");

        var differences = await service.CompareAsync(other, null, reference, null, default);

        Assert.Equal(3, differences.Count);
        var password = Assert.Single(differences, d => d.Path == "carriers/ups/password");
        Assert.Equal(CloudConfigDifference.Hidden, password.Reference);
        Assert.Equal(CloudConfigDifference.Hidden, password.Value);
        Assert.Equal(ConfigDifferenceStatus.Different, password.Status);
        var locale = Assert.Single(differences, d => d.Path == "general/locale/code");
        Assert.Equal((ConfigScope.Stores, "french", "fr_FR", "fr_CA"), (locale.Scope, locale.ScopeCode, locale.Reference, locale.Value));
        var grid = Assert.Single(differences, d => d.Path == "catalog/frontend/grid_per_page");
        Assert.Null(grid.Value);
        Assert.Equal(("24", ConfigDifferenceStatus.MissingInEnvironment), (grid.Reference, grid.Status));
    }

    [Fact]
    public async Task Export_writes_a_theme_as_its_path_as_app_config_dump_does_and_compare_matches_themes_by_path()
    {
        var service = WorkingCopy();
        var endpoint = await StoreAsync();
        await StoreDatabaseFixture.ExecuteAsync(endpoint, "INSERT INTO core_config_data (scope, scope_id, path, value) VALUES " +
            "('stores', 2, 'design/theme/theme_id', '2'), ('websites', 2, 'design/theme/theme_id', '99')");

        await service.ExportAsync(endpoint, ConfigExportMode.All, false, SilentObserver.Instance, default);

        var config = Read(ConfigPhp);
        Assert.Equal("frontend/Magento/luma", config.GetPath("system/default/design/theme/theme_id"));
        Assert.Equal("frontend/Magento/blank", config.GetPath("system/stores/french/design/theme/theme_id"));
        Assert.Equal("99", config.GetPath("system/websites/wholesale/design/theme/theme_id")); // no such theme: left as it is
        Assert.Empty(await service.CompareWithFileAsync(endpoint, ConfigPhp, default));

        // Another environment where Luma has another id: the same theme, so no difference.
        var other = await StoreAsync();
        await StoreDatabaseFixture.ExecuteAsync(other, "SET foreign_key_checks = 0; UPDATE theme SET theme_id = 7 WHERE theme_id = 3; " +
            "UPDATE core_config_data SET value = '7' WHERE path = 'design/theme/theme_id'");
        Assert.DoesNotContain(await service.CompareAsync(other, null, await StoreAsync(), null, default), d => d.Path == "design/theme/theme_id");
        await StoreDatabaseFixture.ExecuteAsync(other, "UPDATE core_config_data SET value = '2' WHERE path = 'design/theme/theme_id'");
        var theme = Assert.Single(await service.CompareWithFileAsync(other, ConfigPhp, default), d => d.Path == "design/theme/theme_id" && d.Scope == ConfigScope.Default);
        Assert.Equal(("frontend/Magento/luma", "frontend/Magento/blank"), (theme.Reference, theme.Value));
    }

    [Fact]
    public async Task Minimal_export_after_All_leaves_config_php_as_scd_dump_does_keeping_only_sections_no_export_writes()
    {
        var service = WorkingCopy("<?php\nreturn [\n    'modules' => [\n        'Magento_Store' => 1\n    ],\n    'vendor_section' => [\n        'kept' => '1'\n    ]\n];\n");
        var endpoint = await StoreAsync();
        await service.ExportAsync(endpoint, ConfigExportMode.All, false, SilentObserver.Instance, default);
        Assert.NotNull(Read(ConfigPhp)["themes"]);

        var export = await service.ExportAsync(endpoint, ConfigExportMode.Minimal, false, SilentObserver.Instance, default);

        var config = Read(ConfigPhp);
        Assert.Equal(["modules", "vendor_section", "scopes", "system", "admin_user"], config.Keys.Select(k => k.ToString()!).ToArray());
        Assert.Contains("themes/frontend/Magento/luma/theme_path", export.Removed);
        Assert.Contains("i18n", export.Removed);
        Assert.Contains("system/default/catalog/frontend/grid_per_page", export.Removed);
        Assert.Equal("1", config.GetPath("vendor_section/kept"));
    }

    [Fact]
    public async Task Compare_with_a_file_tells_a_null_setting_from_a_missing_one_and_compares_only_the_structure_the_file_holds()
    {
        var service = WorkingCopy(configPhp: null);
        var endpoint = await StoreAsync();
        var file = Path.Combine(_root, "one-setting.php");
        File.WriteAllText(file, "<?php\nreturn [\n    'system' => [\n        'default' => [\n            'catalog' => [\n                'search' => [\n                    'engine' => null\n                ]\n            ],\n" +
                                "            'general' => [\n                'region' => [\n                    'state_required' => null\n                ],\n                'locale' => [\n                    'code' => 'en_US'\n                ]\n            ]\n        ]\n    ]\n];\n");

        var differences = await service.CompareWithFileAsync(endpoint, file, default);

        // The database sets state_required to NULL too, and general/locale/code alike; it does not set the engine at all.
        var engine = Assert.Single(differences);
        Assert.Equal(("catalog/search/engine", null, null, ConfigDifferenceStatus.MissingInEnvironment),
            (engine.Path, engine.Reference, engine.Value, engine.Status));

        // A file with an empty themes section but every theme in the database: those differ, scopes are still not compared.
        File.WriteAllText(file, "<?php\nreturn [\n    'themes' => [\n        'frontend/Magento/luma' => [\n            'theme_path' => 'Magento/luma'\n        ]\n    ]\n];\n");
        differences = await service.CompareWithFileAsync(endpoint, file, default);
        Assert.DoesNotContain(differences, d => d.Path.StartsWith("scopes/", StringComparison.Ordinal));
        Assert.Contains(differences, d => d.Path == "themes/frontend/Magento/blank/theme_path" && d.Status == ConfigDifferenceStatus.MissingInReference);
    }

    [Fact]
    public async Task An_empty_array_in_config_php_is_no_setting()
    {
        var service = WorkingCopy("<?php\nreturn [\n    'system' => [\n        'default' => [\n            'web' => [],\n            'catalog' => [\n                'frontend' => [\n                    'grid_per_page' => '12',\n                    'list_mode' => []\n                ]\n            ]\n        ]\n    ]\n];\n");

        var settings = await service.GetAsync(await StoreAsync(), null, null, null, default);

        Assert.DoesNotContain(settings, s => s.Path is "web" or "catalog/frontend/list_mode");
        Assert.All(settings.Where(s => s.IsLocked), s => Assert.Matches("^[^/]+(/[^/]+){2,}$", s.Path));
        Assert.Single(settings, s => s.Path == "catalog/frontend/grid_per_page" && s.IsLocked);
    }

    [Fact]
    public async Task Effective_value_follows_Magentos_precedence_and_locked_settings_are_refused()
    {
        var service = WorkingCopy("<?php\nreturn [\n    'system' => [\n        'default' => [\n            'catalog' => [\n                'frontend' => [\n                    'grid_per_page' => '12'\n                ]\n            ]\n        ]\n    ]\n];\n");
        File.WriteAllText(EnvPhp, "<?php\nreturn [\n    'system' => [\n        'default' => [\n            'general' => [\n                'locale' => [\n                    'code' => 'de_DE'\n                ]\n            ]\n        ]\n    ]\n];\n");
        var endpoint = await StoreAsync();
        var variables = new Dictionary<string, string>
        {
            ["CONFIG__STORES__FRENCH__DESIGN__HEADER__WELCOME"] = "Salut",
            ["CONFIG__DEFAULT__GENERAL__LOCALE__CODE"] = "nl_NL",
            ["PATH"] = "/usr/bin",
        };

        var all = await service.GetAsync(endpoint, variables, null, null, default);

        var grid = Assert.Single(all, s => s.Path == "catalog/frontend/grid_per_page");
        Assert.Equal(("12", ConfigSource.ConfigPhp, true, "app/etc/config.php"), (grid.Value, grid.Source, grid.IsLocked, grid.LockedBy));
        var locale = Assert.Single(all, s => s.Path == "general/locale/code" && s.Scope == ConfigScope.Default);
        Assert.Equal(("nl_NL", ConfigSource.EnvironmentVariable), (locale.Value, locale.Source));
        var welcome = Assert.Single(all, s => s.Path == "design/header/welcome");
        Assert.Equal(("Salut", ConfigSource.EnvironmentVariable, "french"), (welcome.Value, welcome.Source, welcome.ScopeCode));
        var key = Assert.Single(all, s => s.Path == "payment/braintree/private_key");
        Assert.True(key.IsSensitive);
        Assert.Null(key.Value);
        Assert.Equal(ConfigSource.Database, key.Source);

        var filtered = await service.GetAsync(endpoint, variables, "web/*/base_url", ConfigScope.Stores, default);
        Assert.Equal(["admin", "b2b"], filtered.Select(s => s.ScopeCode!).ToArray());

        var e = await Assert.ThrowsAsync<CloudException>(() =>
            service.SetAsync(endpoint, variables, "catalog/frontend/grid_per_page", "48", ConfigScope.Default, null, default));
        Assert.Equal(CloudErrorId.ConfigLocked, e.Id);
        Assert.Contains("app/etc/config.php", e.Message);
    }

    [Fact]
    public async Task Set_and_remove_change_the_database_as_config_set_does()
    {
        var service = WorkingCopy();
        var endpoint = await StoreAsync();

        var set = await service.SetAsync(endpoint, null, "general/locale/code", "it_IT", ConfigScope.Stores, "b2b", default);
        Assert.Equal(("it_IT", ConfigSource.Database), (set.Value, set.Source));
        await service.SetAsync(endpoint, null, "general/locale/code", "es_ES", ConfigScope.Stores, "b2b", default);
        Assert.Equal("es_ES", await StoreDatabaseFixture.ScalarAsync(endpoint,
            "SELECT value FROM core_config_data WHERE scope = 'stores' AND scope_id = 3 AND path = 'general/locale/code'"));

        await service.RemoveAsync(endpoint, null, "general/locale/code", ConfigScope.Stores, "b2b", default);
        Assert.Null(await StoreDatabaseFixture.ScalarAsync(endpoint,
            "SELECT value FROM core_config_data WHERE scope = 'stores' AND scope_id = 3 AND path = 'general/locale/code'"));

        var missing = await Assert.ThrowsAsync<CloudException>(() =>
            service.RemoveAsync(endpoint, null, "general/locale/code", ConfigScope.Stores, "b2b", default));
        Assert.Equal(CloudErrorId.ConfigSettingNotFound, missing.Id);
        var unknown = await Assert.ThrowsAsync<CloudException>(() =>
            service.SetAsync(endpoint, null, "general/locale/code", "de_DE", ConfigScope.Stores, "nowhere", default));
        Assert.Equal(CloudErrorId.ConfigScopeNotFound, unknown.Id);
        Assert.Contains("'nowhere'", unknown.Message);
    }

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
