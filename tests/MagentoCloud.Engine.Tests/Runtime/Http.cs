namespace MagentoCloud.Engine.Tests.Runtime;

/// <summary>Requests to a local nginx on loopback with the Host header of the site asked for.</summary>
public static class Http
{
    private static readonly HttpClient Client = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseProxy = false })
    {
        Timeout = TimeSpan.FromSeconds(20),
    };

    public static async Task<(int Status, string Body, HttpResponseMessage Response)> GetAsync(int port, string host, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{port}{path}");
        request.Headers.Host = host;
        var response = await Client.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(), response);
    }
}
