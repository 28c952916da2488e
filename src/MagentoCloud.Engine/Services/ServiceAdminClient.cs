using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace MagentoCloud.Engine.Services;

/// <summary>
/// HTTP requests to a service's administration API (RabbitMQ's management API, OpenSearch's REST API) with
/// basic authentication. The password travels in the request header only.
/// </summary>
public sealed class ServiceAdminClient : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly HttpClient _http;
    private readonly string _what;

    public ServiceAdminClient(string scheme, string host, int port, string? user, string? password, string what)
    {
        _what = what;
        _http = new HttpClient { BaseAddress = new UriBuilder(scheme, host, port).Uri, Timeout = Timeout };
        if (user is not null)
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
                Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
    }

    /// <summary>The status and body of a request; a refused connection or a timeout is a <see cref="CloudException"/> naming the server.</summary>
    public async Task<(HttpStatusCode Status, string Body)> SendAsync(HttpMethod method, string pathAndQuery, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await _http.SendAsync(new HttpRequestMessage(method, pathAndQuery), cancellationToken).ConfigureAwait(false);
            return (response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
        }
        catch (HttpRequestException e)
        {
            throw new CloudException(CloudErrorId.ServiceUnavailable, $"{_what} did not answer ({e.Message}).", _what, e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new CloudException(CloudErrorId.ServiceUnavailable, $"{_what} did not answer within {Timeout.TotalSeconds:0} seconds.", _what, e);
        }
    }

    /// <summary>A refusal as a sentence: what was asked, the status and the start of the server's answer.</summary>
    public CloudException Refused(string what, HttpStatusCode status, string body) => new(CloudErrorId.ServiceUnavailable,
        $"{_what} refused to {what}: {(int)status} {status}{(body.Length == 0 ? "" : ": " + body[..Math.Min(200, body.Length)])}" +
        (status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden ? " (give admin_username and admin_password_file in .magento/topology.yaml a user allowed to)" : ""),
        _what);

    public void Dispose() => _http.Dispose();
}
