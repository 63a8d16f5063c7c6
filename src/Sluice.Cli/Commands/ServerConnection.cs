using System.CommandLine;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Sluice.Cli.Commands;

/// <summary>
/// The options every command that talks to a server shares (<c>--server URL</c>, <c>--token TOKEN</c>, defaulting to
/// the environment variables <c>SLUICE_SERVER</c> and <c>SLUICE_TOKEN</c>), and the HTTP calls: JSON in and out,
/// RFC 7807 problems turned into <see cref="ServerCallException"/> with the server's detail.
/// </summary>
internal sealed class ServerConnection
{
    /// <summary>The server when neither <c>--server</c> nor <c>SLUICE_SERVER</c> names one.</summary>
    public const string DefaultServer = "http://127.0.0.1:8081";

    /// <summary><c>--server</c>.</summary>
    public Option<string?> Server { get; } = new("--server")
    {
        Description = $"The server's URL (default: $SLUICE_SERVER, else {DefaultServer}).",
        HelpName = "URL",
    };

    /// <summary><c>--token</c>.</summary>
    public Option<string?> Token { get; } = new("--token")
    {
        Description = "An API token (default: $SLUICE_TOKEN); needed when the server requires authentication.",
        HelpName = "TOKEN",
    };

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(Server);
        command.Options.Add(Token);
    }

    /// <summary>An HTTP client for the parsed options.</summary>
    public HttpClient CreateClient(ParseResult result)
    {
        var server = result.GetValue(Server) ?? Environment.GetEnvironmentVariable("SLUICE_SERVER") ?? DefaultServer;
        if (!Uri.TryCreate(server.EndsWith('/') ? server : server + "/", UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new ServerCallException($"--server '{server}' is not an http(s) URL.");
        }

        var client = new HttpClient { BaseAddress = uri, Timeout = TimeSpan.FromMinutes(5) };
        var token = result.GetValue(Token) ?? Environment.GetEnvironmentVariable("SLUICE_TOKEN");
        if (!string.IsNullOrWhiteSpace(token))
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Trim());
        }

        return client;
    }

    /// <summary>Sends a request and returns the JSON answer.</summary>
    /// <exception cref="ServerCallException">The server is unreachable or answered with an error.</exception>
    public static async Task<JsonNode?> SendAsync(HttpClient client, HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(path.TrimStart('/'), UriKind.Relative));
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType());
        }

        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new ServerCallException($"Cannot reach the server at {client.BaseAddress}: {ex.Message}");
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            JsonNode? json = null;
            try
            {
                json = text.Length == 0 ? null : JsonNode.Parse(text);
            }
            catch (JsonException)
            {
                // Not JSON: reported below when it is an error.
            }

            if (!response.IsSuccessStatusCode)
            {
                var detail = (string?)json?["detail"] ?? (string?)json?["title"] ?? text;
                var errors = json?["errors"] is JsonArray list
                    ? string.Concat(list.Select(e => $"\n  line {e?["line"]}, column {e?["column"]}: {e?["message"]}"))
                    : "";
                throw new ServerCallException($"The server answered {(int)response.StatusCode} {response.ReasonPhrase}: {detail}{errors}");
            }

            return json;
        }
    }
}
