using LibGit2Sharp;
using MagentoCloud.Engine.Project;
using MagentoCloud.Engine.Transport;

namespace MagentoCloud.Engine.Git;

/// <summary>
/// A project remote over SSH, seen through a local bare mirror (<c>.magento/local/mirror.git</c>):
/// reads come from the mirror, fetched once when first read and again after a lost race; every
/// ref update is a receive-pack command with the expected old id, so the server, not the mirror,
/// decides who wins. New objects travel in the same session, as a pack of what the server lacks.
/// </summary>
internal sealed class RemoteMirror
{
    private const string Origin = "origin";
    private static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(60);

    private readonly object _freshLock = new();
    private bool _fresh;

    public RemoteMirror(string url, string directory, SshSettings settings)
    {
        Url = url;
        Directory = directory;
        Settings = settings;
        Remote = GitSshUrl.Parse(url);
    }

    public string Url { get; }

    public string Directory { get; }

    public SshSettings Settings { get; }

    public GitSshUrl Remote { get; }

    /// <summary>How many times this instance fetched (one per command, plus one per lost race).</summary>
    public int Fetches { get; private set; }

    /// <summary>Fetches unless this instance already did: the state is current when a command starts.</summary>
    public void EnsureFresh()
    {
        lock (_freshLock)
        {
            if (_fresh) return;
            Refresh();
        }
    }

    /// <summary>Fetches every branch, the state ref and the secrets ref, pruning branches deleted on the server.</summary>
    public void Refresh()
    {
        System.IO.Directory.CreateDirectory(Directory);
        using var held = RefLock.AcquireAsync(Directory, LockTimeout, CancellationToken.None).GetAwaiter().GetResult();
        Prepare();
        using var repo = new Repository(Directory);
        void Fetch() => Network(() => Commands.Fetch(repo, Origin,
            ["+refs/heads/*:refs/heads/*", $"+{ProjectRemote.StateRef}:{ProjectRemote.StateRef}", $"+{ProjectRemote.SecretsRef}:{ProjectRemote.SecretsRef}"],
            new FetchOptions { Prune = true, TagFetchMode = TagFetchMode.None }, "mirror"), "fetch from");
        try
        {
            Fetch();
        }
        catch (CloudException e) when (e.Id is CloudErrorId.HostUnreachable or CloudErrorId.GitFailed)
        {
            // A fetch only reads: one that lost its connection half-way goes again, on a fresh one.
            Fetch();
        }
        RequireReceiveChecks(repo);
        _fresh = true;
        Fetches++;
    }

    /// <summary>
    /// Compare-and-swap of one ref on the server. False when the server's ref was not at
    /// <paramref name="expected"/> (the mirror is then fetched again, so a re-read sees the winner).
    /// </summary>
    public async Task<bool> TryMoveRefAsync(string refName, string? expected, string? target, CancellationToken ct)
    {
        EnsureFresh();
        string? packDirectory = null;
        try
        {
            string? pack = null;
            if (target is not null && !ServerHas(target))
            {
                // The objects travel in the same receive-pack session as the compare-and-swap.
                packDirectory = Path.Combine(Directory, "cloud-outgoing", Guid.NewGuid().ToString("N"));
                using var repo = new Repository(Directory);
                pack = PackOfNewObjects.Write(repo, target, ServerRefs(repo), packDirectory);
            }
            if (!await TryUpdateAsync(refName, expected, target, null, ct, pack).ConfigureAwait(false)) return false;
        }
        finally
        {
            if (packDirectory is not null) try { System.IO.Directory.Delete(packDirectory, true); } catch (IOException) { }
        }
        using var held = await RefLock.AcquireAsync(Directory, LockTimeout, ct).ConfigureAwait(false);
        using (var repo = new Repository(Directory))
        {
            if (target is null) repo.Refs.Remove(refName);
            else repo.Refs.Add(refName, new ObjectId(target), "mirror: pushed", allowOverwrite: true);
        }
        return true;
    }

    private static IEnumerable<string> ServerRefs(Repository repo) =>
        repo.Refs.Where(r => r.CanonicalName.StartsWith("refs/heads/", StringComparison.Ordinal) || r.CanonicalName is ProjectRemote.StateRef or ProjectRemote.SecretsRef)
            .Select(r => r.CanonicalName).ToList();

    /// <summary>
    /// Sends the update (and the deletion of <paramref name="incoming"/>) to receive-pack. False for
    /// a lost race; a refusal for any other reason (a hook, permissions) throws PushRejected.
    /// </summary>
    public async Task<bool> TryUpdateAsync(string refName, string? expected, string? target, string? incoming, CancellationToken ct,
        string? pack = null)
    {
        var commands = new List<RefCommand> { new(refName, expected, target) };
        if (incoming is not null) commands.Add(new RefCommand(incoming, target, null));
        IReadOnlyDictionary<string, string?> verdicts;
        try
        {
            verdicts = await SendAsync(commands, pack, ct).ConfigureAwait(false);
        }
        catch (CloudException e) when (e.Id == CloudErrorId.HostUnreachable)
        {
            // The connection dropped with the verdict unread: the server's ref says whether the
            // update landed. Still at expected, it did not, and it is sent once more.
            Refresh();
            var landed = ServerRef(refName);
            if (string.Equals(landed, target, StringComparison.OrdinalIgnoreCase)) return true;
            if (!string.Equals(landed, expected, StringComparison.OrdinalIgnoreCase)) return false;
            verdicts = await SendAsync(commands, pack, ct).ConfigureAwait(false);
        }
        if (verdicts.TryGetValue(refName, out var reason) && reason is null) return true;
        Refresh();
        if (!string.Equals(ServerRef(refName), expected, StringComparison.OrdinalIgnoreCase)) return false; // someone else won
        throw new CloudException(CloudErrorId.PushRejected,
            $"The project remote {Url} refused to move {refName}: {reason ?? "no verdict"}. " +
            "Check the server's hooks and the account's write permission on the repository.", refName);
    }

    private async Task<IReadOnlyDictionary<string, string?>> SendAsync(List<RefCommand> commands, string? pack, CancellationToken ct)
    {
        using var context = GitSshContext.Use(Settings);
        await using var peer = RemoteProcess.Start(HostConnections.Connect(Remote.Host, Settings), "git-receive-pack", Remote.Path);
        return await ReceivePack.UpdateAsync(peer, commands, pack, ct).ConfigureAwait(false);
    }

    /// <summary>Where the mirror (as last fetched) has <paramref name="refName"/>; null when absent.</summary>
    private string? ServerRef(string refName)
    {
        using var repo = new Repository(Directory);
        return repo.Refs[refName]?.ResolveToDirectReference()?.TargetIdentifier;
    }

    /// <summary>Pushes one refspec through <paramref name="remote"/> of <paramref name="repo"/> (the mirror or a working copy).</summary>
    public void Push(Repository repo, string remote, string refspec)
    {
        string? failure = null;
        Network(() => repo.Network.Push(repo.Network.Remotes[remote], refspec,
            new PushOptions { OnPushStatusError = e => failure = $"{e.Reference}: {e.Message}" }), "push to");
        if (failure is not null)
            throw new CloudException(CloudErrorId.PushRejected,
                $"The project remote {Url} refused the objects sent ({failure}). Check the server's disk space and permissions.", Url);
    }

    /// <summary>Whether a server ref (as last fetched) points at <paramref name="commit"/>: nothing to send then.</summary>
    private bool ServerHas(string commit)
    {
        using var repo = new Repository(Directory);
        return repo.Refs.Any(r => r.ResolveToDirectReference()?.TargetIdentifier == commit);
    }

    /// <summary>Runs a libgit2 network call with this remote's SSH settings; the engine's own errors come through whole.</summary>
    public void Network(Action call, string what)
    {
        using var context = GitSshContext.Use(Settings);
        try
        {
            call();
        }
        catch (LibGit2SharpException e)
        {
            throw context.Failure ?? new CloudException(CloudErrorId.GitFailed,
                $"Cannot {what} the project remote {Url}: {e.Message} Check the URL and that the repository exists on the host.", Url, e);
        }
    }

    /// <summary>Set in the mirror once the server's repository was asked to check what it receives.</summary>
    private const string ReceiveChecksAsked = "cloud.receiveChecksAsked";

    /// <summary>
    /// Turns on the server's receive checks (receive.fsckObjects) of a remote made before the module
    /// set them at creation, once per mirror: then a plain <c>git push</c> of a tree Git refuses
    /// (an entry named <c>../x</c>) is refused by the server too. A server that does not let this
    /// account change its configuration keeps its own; the module's own checks still apply.
    /// </summary>
    private void RequireReceiveChecks(Repository mirror)
    {
        if (mirror.Config.Get<bool>(ReceiveChecksAsked, ConfigurationLevel.Local)?.Value == true) return;
        var at = Remote.Path.StartsWith('-') ? "./" + Remote.Path : Remote.Path;
        HostConnections.Connect(Remote.Host, Settings)
            .RunAsync(CommandRequest.Command("git", "-C", at, "config", ProjectRemote.ReceiveChecks, "true"), CancellationToken.None)
            .GetAwaiter().GetResult();
        mirror.Config.Set(ReceiveChecksAsked, true, ConfigurationLevel.Local);
    }

    /// <summary>Creates the mirror on first use and points its origin at the URL (under the mirror's lock).</summary>
    private void Prepare()
    {
        if (!Repository.IsValid(Directory)) Repository.Init(Directory, isBare: true);
        using var repo = new Repository(Directory);
        var origin = repo.Network.Remotes[Origin];
        if (origin is null) repo.Network.Remotes.Add(Origin, Url, "+refs/heads/*:refs/heads/*");
        else if (origin.Url != Url) repo.Network.Remotes.Update(Origin, r => r.Url = Url);
    }
}
