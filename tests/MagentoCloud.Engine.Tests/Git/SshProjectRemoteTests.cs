using LibGit2Sharp;
using MagentoCloud.Engine.Environments;
using MagentoCloud.Engine.Git;
using MagentoCloud.Engine.Project;

namespace MagentoCloud.Engine.Tests.Git;

public sealed class SshProjectRemoteTests
{
    [Fact]
    public async Task Project_over_ssh_is_created_branched_merged_and_listed()
    {
        var path = SshGitServer.NewRepositoryPath();
        var url = SshGitServer.UrlFor(path);
        var root = await SshGitServer.CreateProjectAsync(url);
        try
        {
            var workspace = Workspace.Open(root);
            Assert.True(workspace.State.Remote.IsSsh);
            var names = workspace.Environments.List().Select(e => e.Name).Order().ToList();
            Assert.Equal(["master", "production", "staging"], names);

            await workspace.Environments.BranchAsync("feature");
            Assert.Equal(1, workspace.State.Remote.Fetches);

            // The server itself holds the branch and the state, not just the mirror.
            using (var server = new Repository(path))
            {
                Assert.NotNull(server.Branches["feature"]);
                Assert.NotNull(server.Refs[ProjectRemote.StateRef]);
                Assert.Empty(server.Refs.FromGlob("refs/cloud-incoming/*"));
            }

            var other = Workspace.Open(root);
            Assert.Contains(other.Environments.List(), e => e.Name == "feature");
        }
        finally
        {
            SshGitServer.Delete(root);
            SshGitServer.Delete(path);
        }
    }
}
