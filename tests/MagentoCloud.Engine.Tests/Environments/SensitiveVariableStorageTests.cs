using MagentoCloud.Engine.Environments;
using MagentoCloud.Engine.Git;

namespace MagentoCloud.Engine.Tests.Environments;

/// <summary>Whoever can fetch the project remote cannot read a sensitive value, current or past.</summary>
public sealed class SensitiveVariableStorageTests
{
    [Fact]
    public async Task Sensitive_values_are_encrypted_off_the_history_and_a_changed_one_cannot_be_fetched()
    {
        using var p = await TestProject.CreateAsync();
        var first = "first-" + Guid.NewGuid().ToString("N");
        var second = "second-" + Guid.NewGuid().ToString("N");
        var removed = "removed-" + Guid.NewGuid().ToString("N");
        await p.Variables.SetAsync("env:DB_PASSWORD", first, "master", settings: new VariableSettings { Sensitive = true });
        var firstStored = new SecretStore(p.Remote).Read()[SecretStore.KeyOf("master", "env:DB_PASSWORD")];
        await p.Variables.SetAsync("env:DB_PASSWORD", second, "master");
        await p.Variables.SetAsync("token", removed, settings: new VariableSettings { Sensitive = true });
        await p.Variables.RemoveAsync("token");

        Assert.Equal(second, p.Variables.GetHookEnvironment("master", VariablePhase.Runtime)["DB_PASSWORD"]);
        Assert.Null(Assert.Single(p.Variables.Get("env:DB_PASSWORD", "master")).Value);

        // What anyone who can fetch gets: a mirror clone, every object in it.
        var clone = Path.Combine(p.Root, "..", Path.GetFileName(p.Root) + "-fetched.git");
        try
        {
            // Through Git's transport (a local clone would copy the object files, unreachable ones too).
            Git(null, "clone", "--quiet", "--mirror", "--no-local", "file://" + p.Remote.GitDirectory, clone);
            var everything = Git(clone, "cat-file", "--batch-all-objects", "--batch");
            Assert.Contains(ProjectRemote.SecretsRef, Git(clone, "for-each-ref"));
            foreach (var secret in new[] { first, second, removed, firstStored })
                Assert.DoesNotContain(secret, everything);
            Assert.Equal("1", Git(clone, "rev-list", "--count", ProjectRemote.SecretsRef).Trim());
        }
        finally
        {
            Directory.Delete(clone, recursive: true);
        }

        // The key is outside the project, readable by its owner only, and named in the state by its id.
        var keyId = p.Store.Read(s => s.Project!.SecretKeyId)!;
        var keyFile = ProjectKey.PathFor(p.Store.Read(s => s.Project!.Id), keyId);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));
        Assert.DoesNotContain(File.ReadAllText(keyFile).Trim(), Git(p.Remote.GitDirectory, "cat-file", "--batch-all-objects", "--batch"));
        File.Delete(keyFile);
        var missing = Assert.Throws<CloudException>(() => p.Variables.GetHookEnvironment("master", VariablePhase.Build));
        Assert.Equal(CloudErrorId.SecretKeyMissing, missing.Id);
        Assert.Contains(keyId, missing.Message);
    }

    [Fact]
    public async Task Protect_rewrites_an_old_projects_history_without_its_sensitive_values_and_rotates_the_key()
    {
        using var p = await TestProject.CreateAsync();
        var legacy = "legacy-" + Guid.NewGuid().ToString("N");
        var echoed = "echoed-" + Guid.NewGuid().ToString("N");
        var operatorPassword = "operator-" + Guid.NewGuid().ToString("N");
        // As older versions stored them: the value in clear in the record, and once echoed into an activity's log.
        await p.Store.UpdateAsync("old-style variable", s => s.Get("master").Variables.Add(new VariableRecord
        {
            Name = "env:API_KEY", Value = echoed, Sensitive = true, CreatedAt = DateTimeOffset.Now, UpdatedAt = DateTimeOffset.Now,
        }), CancellationToken.None);
        await p.Activities.RecordAsync(ActivityType.Redeploy, "master", "deploy", _ => [$"  | key is {echoed}", $"  | op={operatorPassword}"], CancellationToken.None);
        await p.Store.UpdateAsync("old-style change", s => s.Get("master").Variables[0].Value = legacy, CancellationToken.None);
        Assert.Contains(echoed, Git(p.Remote.GitDirectory, "log", "-p", ProjectRemote.StateRef));

        var protection = await new VariableProtection(p.Store).ProtectAsync(newKey: false, [operatorPassword], SilentObserver.Instance, CancellationToken.None);
        Assert.True(protection.Pruned);
        Assert.Equal(1, protection.SensitiveValues);
        Assert.Equal(3, protection.ValuesRemoved);
        Assert.True(protection.CommitsRewritten >= 3);
        Assert.Equal(legacy, p.Variables.GetHookEnvironment("master", VariablePhase.Runtime)["API_KEY"]);
        // Neither the history nor any object left in the remote's files holds either value.
        var log = Git(p.Remote.GitDirectory, "log", "-p", ProjectRemote.StateRef);
        Assert.Contains($"key is {SecretMask.Mask}", log);
        var objects = Git(p.Remote.GitDirectory, "cat-file", "--batch-all-objects", "--batch");
        Assert.DoesNotContain(legacy, objects);
        Assert.DoesNotContain(echoed, objects);
        Assert.DoesNotContain(operatorPassword, objects);
        Assert.Single(p.Activities.List(type: ActivityType.ProjectVariableProtect));

        // A new key: the value is encrypted again, and the old key file (which opens nothing now) is gone.
        var rotated = await new VariableProtection(p.Store).ProtectAsync(newKey: true, [], SilentObserver.Instance, CancellationToken.None);
        Assert.True(rotated.KeyRotated);
        Assert.NotEqual(protection.KeyId, rotated.KeyId);
        Assert.False(File.Exists(protection.KeyPath));
        Assert.Equal(rotated.KeyId, ProjectKey.KeyIdOf(Assert.Single(new SecretStore(p.Remote).Read()).Value));
        Assert.Equal(legacy, p.Variables.GetHookEnvironment("master", VariablePhase.Runtime)["API_KEY"]);
    }

    private static string Git(string? gitDirectory, params string[] arguments) => Tests.Git.GitCli.Run(gitDirectory, arguments);
}
