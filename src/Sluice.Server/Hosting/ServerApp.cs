using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.FileProviders;
using Sluice.Server.Deployments;
using Sluice.Server.Endpoints;
using Sluice.Server.Metrics;
using Sluice.Server.Security;
using Sluice.Server.SqlTools;
using Sluice.Server.Storage;

namespace Sluice.Server.Hosting;

/// <summary>Builds the server's <see cref="WebApplication"/>: services, Kestrel, middleware and endpoints.</summary>
internal static class ServerApp
{
    /// <summary>Builds the application (not started).</summary>
    public static WebApplication Build(SluiceServerOptions options, ServerPaths paths, MetadataStore store, bool offLoopback)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = paths.DataDirectory });
        if (options.ConfigureLogging is { } configure)
        {
            builder.Logging.ClearProviders();
            configure(builder.Logging);
        }

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = options.MaxRequestBodySize;
            kestrel.Listen(Address(options.Bind), options.Port, listen =>
            {
                if (options.CertificatePath is { } certificate)
                {
                    listen.UseHttps(LoadCertificate(certificate, options.CertificateKeyPath, options.CertificatePassword));
                }
            });
        });

        var services = builder.Services;
        services.Configure<JsonOptions>(json => ServerJson.Configure(json.SerializerOptions));
        services.Configure<RouteHandlerOptions>(route => route.ThrowOnBadRequest = true);
        services.AddProblemDetails();
        services.AddSingleton(options);
        services.AddSingleton(paths);
        services.AddSingleton(options.Time);
        services.AddSingleton(store);
        services.AddSingleton(sp => new SecretStore(store, SecretStore.LoadKey(options.SecretKey, paths.DataDirectory), options.Time));
        services.AddSingleton<TokenService>();
        services.AddSingleton(sp => new AccessPolicy(sp.GetRequiredService<TokenService>(), offLoopback || options.RequireAuthentication));
        services.AddSingleton(new PathPolicy(options.FileRoots ?? (offLoopback ? [Path.Combine(paths.DataDirectory, "files")] : null)));
        services.AddSingleton(sp => new JobLauncher(options.Registry, options.Time, sp.GetRequiredService<PathPolicy>()));
        services.AddSingleton<DeploymentEvents>();
        services.AddSingleton<Reconciler>();
        services.AddSingleton<DeploymentService>();
        services.AddSingleton<PrometheusExporter>();
        services.AddSingleton(sp => new SqlWorkbench(options.Registry, sp.GetRequiredService<SecretStore>(), store, sp.GetRequiredService<PathPolicy>(), options.Time));

        var app = builder.Build();
        app.UseMiddleware<ProblemMiddleware>();
        if (paths.StaticFilesDirectory is { } staticFiles)
        {
            var files = new PhysicalFileProvider(staticFiles);
            app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
            app.UseStaticFiles(new StaticFileOptions { FileProvider = files });
        }

        app.UseRouting();
        app.UseMiddleware<AuthorizationMiddleware>();
        foreach (var operation in ApiOperations.All)
        {
            var endpoint = app.MapMethods(operation.Path, [operation.Method], operation.Handler).WithName(operation.OperationId);
            if (operation.Role is { } role)
            {
                endpoint.WithMetadata(new RequiredRole(role));
            }
        }

        app.Map("/api/{**rest}", (HttpContext context) =>
            throw ApiException.NotFound($"There is no endpoint {context.Request.Method} {context.Request.Path}."));
        if (paths.StaticFilesDirectory is { } root && File.Exists(Path.Combine(root, "index.html")))
        {
            app.MapFallbackToFile("index.html", new StaticFileOptions { FileProvider = new PhysicalFileProvider(root) });
        }

        return app;
    }

    /// <summary>True when <paramref name="bind"/> is a loopback address (or <c>localhost</c>).</summary>
    public static bool IsLoopback(string bind) =>
        string.Equals(bind, "localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(bind, out var address) && IPAddress.IsLoopback(address));

    private static IPAddress Address(string bind) =>
        string.Equals(bind, "localhost", StringComparison.OrdinalIgnoreCase) ? IPAddress.Loopback
        : bind is "*" or "+" ? IPAddress.Any
        : IPAddress.TryParse(bind, out var address) ? address
        : throw new Core.Errors.SluiceException($"--bind '{bind}' is not an IP address (use e.g. 127.0.0.1, 0.0.0.0 or ::).", Core.Errors.ErrorDomain.User);

    private static X509Certificate2 LoadCertificate(string path, string? keyPath, string? password)
    {
        var extension = Path.GetExtension(path);
        if (extension.Equals(".pfx", StringComparison.OrdinalIgnoreCase) || extension.Equals(".p12", StringComparison.OrdinalIgnoreCase))
        {
            return X509CertificateLoader.LoadPkcs12FromFile(path, password);
        }

        return X509Certificate2.CreateFromPemFile(path, keyPath);
    }
}
