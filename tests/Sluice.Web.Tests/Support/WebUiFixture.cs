using Microsoft.Extensions.Logging;
using Microsoft.Playwright;
using Sluice.Connectors.Abstractions.Table;
using Sluice.Connectors.Builtin.Blackhole;
using Sluice.Connectors.Builtin.Datagen;
using Sluice.Formats;
using Sluice.Server;
using Sluice.Testing;

namespace Sluice.Web.Tests.Support;

/// <summary>
/// Once per test run: builds the UI, starts a real Sluice server on a loopback port serving <c>web/dist</c> over a
/// temporary data directory, and launches Debian's Chromium (never a downloaded browser) through Playwright.
/// </summary>
public sealed class WebUiFixture : IAsyncLifetime
{
    /// <summary>Debian's Chromium, installed by build/install-test-deps.sh.</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    private readonly string _root = Path.Combine(Path.GetTempPath(), "sluice-web-tests-" + Guid.NewGuid().ToString("N"));
    private IPlaywright? _playwright;

    public string RepositoryRootPath { get; } = RepositoryRoot.Find(typeof(WebUiFixture).Assembly);

    public SluiceServer Server { get; private set; } = null!;

    public IBrowserContext Browser { get; private set; } = null!;

    public Uri Address => Server.Address;

    /// <summary>Where screenshots go: the test output always; <c>docs/images</c> too when UPDATE_SCREENSHOTS=1.</summary>
    public IEnumerable<string> ScreenshotPaths(string name)
    {
        yield return Path.Combine(_root, "screenshots", name + ".png");
        if (Environment.GetEnvironmentVariable("UPDATE_SCREENSHOTS") == "1")
        {
            yield return Path.Combine(RepositoryRootPath, "docs", "images", name + ".png");
        }
    }

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_root);
        await WebUiBuild.EnsureBuiltAsync(RepositoryRootPath);
        Server = await SluiceServer.StartAsync(ServerOptions(Path.Combine(_root, "data")));

        Assert.True(File.Exists(ChromiumPath), $"{ChromiumPath} is missing: run build/install-test-deps.sh (Debian package chromium)");
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchPersistentContextAsync(Path.Combine(_root, "chromium-profile"), new BrowserTypeLaunchPersistentContextOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync",
            ],
            ViewportSize = new ViewportSize { Width = 1440, Height = 900 },
            BaseURL = Server.Address.ToString(),
        });
        Browser.SetDefaultTimeout(30_000);
        Assertions.SetDefaultExpectTimeout(15_000); // generous: CI machines are shared
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }

        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>Options for a server over <paramref name="dataDirectory"/> serving the built UI.</summary>
    public SluiceServerOptions ServerOptions(string dataDirectory) => new(Registry)
    {
        Port = 0,
        DataDirectory = dataDirectory,
        StaticFilesDirectory = Path.Combine(RepositoryRootPath, "web", "dist"),
        ReconcileInterval = TimeSpan.FromMilliseconds(100),
        Console = TextWriter.Null,
        ConfigureLogging = logging => logging.ClearProviders(),
    };

    /// <summary>A fresh directory under the fixture's temporary root.</summary>
    public string NewDirectory(string name)
    {
        var path = Path.Combine(_root, name + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(path);
        return path;
    }

    private static ConnectorRegistry Registry() =>
        new ConnectorRegistry().AddStandardFormats().Add(new BlackholeTableFactory()).Add(new DatagenTableFactory());
}
