using System.Text;
using System.Text.Json;
using MagentoCloud.Engine.Environments;

namespace MagentoCloud.Engine.Tests.Environments;

public sealed class VariableServiceTests
{
    [Fact]
    public async Task Effective_set_is_project_then_inheritable_ancestors_then_own()
    {
        using var p = await TestProject.CreateAsync();
        await p.Environments.BranchAsync("feature");
        await p.Variables.SetAsync("color", "project");
        await p.Variables.SetAsync("size", "project");
        await p.Variables.SetAsync("color", "master", "master");
        await p.Variables.SetAsync("secret-master", "m", "master", settings: new VariableSettings { Inheritable = false });
        await p.Variables.SetAsync("size", "own", "feature");
        await p.Variables.SetAsync("shape", "from-production", "production");

        var effective = p.Variables.Get(environment: "feature").ToDictionary(v => v.Name);

        Assert.Equal("master", effective["color"].Value);
        Assert.Equal("master", effective["color"].InheritedFrom);
        Assert.Equal("own", effective["size"].Value);
        Assert.Null(effective["size"].InheritedFrom);
        Assert.Equal(VariableLevel.Environment, effective["size"].Level);
        Assert.Equal("from-production", effective["shape"].Value); // production → staging → master → feature
        Assert.False(effective.ContainsKey("secret-master"));
        Assert.Equal(["color", "size"], p.Variables.Get(level: VariableLevel.Project).Select(v => v.Name));
        Assert.Equal(["size"], p.Variables.Get(environment: "feature", level: VariableLevel.Environment).Select(v => v.Name));
    }

    [Fact]
    public async Task Sensitive_values_are_hidden_in_output_and_never_logged()
    {
        using var p = await TestProject.CreateAsync();
        var set = await p.Variables.SetAsync("env:DB_PASSWORD", "hunter2-very-secret", "master",
            settings: new VariableSettings { Sensitive = true });
        Assert.Null(set.Value);
        Assert.True(set.IsSensitive);
        var got = p.Variables.Get("env:DB_PASSWORD", "master").Single();
        Assert.Null(got.Value);
        Assert.True(got.IsSensitive);
        Assert.All(p.Activities.List(), a => Assert.DoesNotContain("hunter2", a.Log + a.Description));
        // Hooks still get the real value.
        Assert.Equal("hunter2-very-secret", p.Variables.GetHookEnvironment("master", VariablePhase.Runtime)["DB_PASSWORD"]);
        var removed = await p.Variables.RemoveAsync("env:DB_PASSWORD", "master");
        Assert.Null(removed.Value);
        Assert.All(p.Activities.List(), a => Assert.DoesNotContain("hunter2", a.Log + a.Description));
    }

    [Fact]
    public async Task Removing_a_name_defined_at_both_levels_without_a_level_is_ambiguous()
    {
        using var p = await TestProject.CreateAsync();
        await p.Variables.SetAsync("mode", "p");
        await p.Variables.SetAsync("mode", "e", "master");
        var e = await Assert.ThrowsAsync<CloudException>(() => p.Variables.RemoveAsync("mode", "master"));
        Assert.Equal(CloudErrorId.VariableAmbiguous, e.Id);
        Assert.Contains("-Level", e.Message);
        await p.Variables.RemoveAsync("mode", "master", VariableLevel.Project);
        Assert.Equal("e", p.Variables.Get("mode", "master").Single().Value);
        Assert.Empty(p.Variables.Get(level: VariableLevel.Project));
    }

    [Fact]
    public async Task Removing_a_missing_variable_says_so()
    {
        using var p = await TestProject.CreateAsync();
        var e = await Assert.ThrowsAsync<CloudException>(() => p.Variables.RemoveAsync("nope"));
        Assert.Equal(CloudErrorId.VariableNotFound, e.Id);
    }

    [Fact]
    public async Task Hook_environment_maps_env_names_and_encodes_the_rest_as_base64_json()
    {
        using var p = await TestProject.CreateAsync();
        await p.Variables.SetAsync("env:COMPOSER_AUTH", "{\"a\":1}");
        await p.Variables.SetAsync("php:memory_limit", "1G", "master");
        await p.Variables.SetAsync("scd", "{\"threads\":4}", "master", settings: new VariableSettings { Json = true });
        await p.Variables.SetAsync("runtime-only", "r", "master", settings: new VariableSettings { VisibleBuild = false });
        await p.Variables.SetAsync("secret", "s3cr3t", "master", settings: new VariableSettings { Sensitive = true });

        var build = p.Variables.GetHookEnvironment("master", VariablePhase.Build);
        Assert.Equal("{\"a\":1}", build["COMPOSER_AUTH"]);
        var json = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(build["MAGENTO_CLOUD_VARIABLES"]))).RootElement;
        Assert.Equal("1G", json.GetProperty("php:memory_limit").GetString());
        Assert.Equal(4, json.GetProperty("scd").GetProperty("threads").GetInt32());
        Assert.Equal("s3cr3t", json.GetProperty("secret").GetString());
        Assert.False(json.TryGetProperty("runtime-only", out _));
        Assert.False(json.TryGetProperty("env:COMPOSER_AUTH", out _));

        var runtime = p.Variables.GetHookEnvironment("master", VariablePhase.Runtime);
        var runtimeJson = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(runtime["MAGENTO_CLOUD_VARIABLES"]))).RootElement;
        Assert.Equal("r", runtimeJson.GetProperty("runtime-only").GetString());
    }

    [Fact]
    public async Task Json_variable_with_invalid_json_is_refused_without_echoing_a_sensitive_value()
    {
        using var p = await TestProject.CreateAsync();
        var e = await Assert.ThrowsAsync<CloudException>(() => p.Variables.SetAsync("cfg", "{oops-secret", "master",
            settings: new VariableSettings { Json = true, Sensitive = true }));
        Assert.Equal(CloudErrorId.VariableInvalid, e.Id);
        Assert.DoesNotContain("oops-secret", e.Message);
        Assert.Empty(p.Variables.Get("cfg", "master"));
    }

    [Fact]
    public async Task Updating_keeps_flags_not_given_and_records_an_update_activity()
    {
        using var p = await TestProject.CreateAsync();
        await p.Variables.SetAsync("x", "1", "master", settings: new VariableSettings { VisibleBuild = false, Inheritable = false });
        var updated = await p.Variables.SetAsync("x", "2", "master");
        Assert.Equal("2", updated.Value);
        Assert.False(updated.VisibleBuild);
        Assert.False(updated.IsInheritable);
        Assert.Equal([ActivityType.VariableUpdate, ActivityType.VariableCreate],
            p.Activities.List(environment: "master", type: "environment.variable.*").Select(a => a.Type));
    }
}
