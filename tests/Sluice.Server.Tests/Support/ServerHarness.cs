using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Sluice.Connectors.Abstractions.Table;
using Sluice.Connectors.Builtin.Blackhole;
using Sluice.Connectors.Builtin.Datagen;
using Sluice.Connectors.Files.Source;
using Sluice.Formats;
using Sluice.Server.Hosting;

namespace Sluice.Server.Tests.Support;

/// <summary>
/// A real Sluice server on a loopback port over a temporary data directory, with an HTTP client, a captured log,
/// and polling helpers. Restart keeps the data directory.
/// </summary>
internal sealed class ServerHarness : IAsyncDisposable
{
    private readonly Func<SluiceServerOptions, SluiceServerOptions>? _configure;
    private SluiceServer? _server;

    private ServerHarness(string root, Func<SluiceServerOptions, SluiceServerOptions>? configure)
    {
        Root = root;
        _configure = configure;
    }

    public string Root { get; }

    public string DataDirectory => Path.Combine(Root, "data");

    public CapturedLog Log { get; } = new();

    public StringWriter Console { get; } = new();

    public HttpClient Http { get; private set; } = null!;

    public SluiceServer Server => _server!;

    public static async Task<ServerHarness> StartAsync(Func<SluiceServerOptions, SluiceServerOptions>? configure = null)
    {
        var root = Path.Combine(Path.GetTempPath(), "sluice-server-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        var harness = new ServerHarness(root, configure);
        await harness.StartServerAsync();
        return harness;
    }

    public static ConnectorRegistry Registry() =>
        new ConnectorRegistry().AddStandardFormats().Add(new BlackholeTableFactory()).Add(new DatagenTableFactory()).Add(new FileSystemTableFactory());

    public SluiceServerOptions Options()
    {
        var options = new SluiceServerOptions(Registry)
        {
            Port = 0,
            DataDirectory = DataDirectory,
            StaticFilesDirectory = Path.Combine(Root, "no-ui"),
            ReconcileInterval = TimeSpan.FromMilliseconds(100),
            Console = Console,
            ConfigureLogging = logging => logging.AddProvider(Log).SetMinimumLevel(LogLevel.Debug),
        };
        return _configure is null ? options : _configure(options);
    }

    public async Task StartServerAsync()
    {
        _server = await SluiceServer.StartAsync(Options());
        Http?.Dispose();
        Http = Client(null);
    }

    public async Task RestartAsync()
    {
        await _server!.StopAsync();
        await StartServerAsync();
    }

    public HttpClient Client(string? token, HttpMessageHandler? handler = null)
    {
        var client = handler is null ? new HttpClient() : new HttpClient(handler);
        client.BaseAddress = _server!.Address;
        client.Timeout = TimeSpan.FromSeconds(60);
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    public static JsonSerializerOptions Json => ServerJson.Options;

    public async Task<JsonNode> GetJsonAsync(string path, HttpClient? client = null)
    {
        using var response = await (client ?? Http).GetAsync(new Uri(path, UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }

    public async Task<(HttpStatusCode Status, JsonNode? Body)> SendAsync(HttpMethod method, string path, object? body = null, HttpClient? client = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType(), options: Json);
        }

        using var response = await (client ?? Http).SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : TryParse(text));
    }

    public async Task<JsonNode> SendOkAsync(HttpMethod method, string path, object? body = null, HttpClient? client = null)
    {
        var (status, json) = await SendAsync(method, path, body, client);
        Assert.True((int)status is >= 200 and < 300, $"{method} {path}: {(int)status} {json?.ToJsonString()}");
        return json!;
    }

    /// <summary>Polls <paramref name="condition"/> until it holds (generous timeout), failing with <paramref name="what"/> and the last state.</summary>
    public static async Task<T> WaitForAsync<T>(Func<Task<T>> probe, Func<T, bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        T last = await probe();
        while (!condition(last))
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out waiting for {what}; last: {(last is JsonNode n ? n.ToJsonString() : last?.ToString())}");
            }

            await Task.Delay(50);
            last = await probe();
        }

        return last;
    }

    public Task<JsonNode> WaitForPhaseAsync(string id, string phase, TimeSpan? timeout = null) =>
        WaitForAsync(() => GetJsonAsync($"/api/v1/deployments/{id}"), d => (string?)d["status"]!["phase"] == phase, $"deployment {id} to be {phase}", timeout);

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        Http?.Dispose();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static JsonNode? TryParse(string text)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return JsonValue.Create(text);
        }
    }
}
