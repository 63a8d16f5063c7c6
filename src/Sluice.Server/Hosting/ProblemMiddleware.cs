using Microsoft.AspNetCore.Mvc;
using Sluice.Core.Errors;
using Sluice.Server.Security;
using Sluice.Sql;

namespace Sluice.Server.Hosting;

/// <summary>
/// Turns every failure of a request into RFC 7807 problem details (through <see cref="IProblemDetailsService"/>),
/// with secret values redacted: <see cref="ApiException"/> with its status; bad requests (unreadable JSON, too
/// large bodies) with theirs; SQL errors as 400 with their line and column; engine errors by domain (user 400,
/// external 502); anything else 500 with the request's trace id (and the details only in the log).
/// </summary>
internal sealed partial class ProblemMiddleware(RequestDelegate next, IProblemDetailsService problems, SecretStore secrets, ILogger<ProblemMiddleware> logger)
{
    /// <summary>Handles a request.</summary>
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            if (context.Request.ContentLength > context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize)
            {
                throw new ApiException(StatusCodes.Status413PayloadTooLarge, "Payload Too Large",
                    $"The request body has {context.Request.ContentLength} bytes; this server accepts at most {context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>()!.MaxRequestBodySize}.");
            }

            await next(context).ConfigureAwait(false);
            if (!context.Response.HasStarted && context.Response.StatusCode >= 400 && context.Response.ContentLength is null && context.Response.ContentType is null)
            {
                // A framework error without a body (a body that became too large while being read, a wrong method, ...).
                var status = context.Response.StatusCode;
                await problems.WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context,
                    ProblemDetails = new ProblemDetails
                    {
                        Status = status,
                        Title = Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status),
                        Instance = context.Request.Path,
                    },
                }).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away.
        }
#pragma warning disable CA1031 // Every failure becomes a problem response.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            if (context.Response.HasStarted)
            {
                LogFailed(logger, context.TraceIdentifier, secrets.Redact(ex.ToString()));
                return;
            }

            var problem = new ProblemDetails { Instance = context.Request.Path };
            switch (ex)
            {
                case ApiException api:
                    problem.Status = api.Status;
                    problem.Title = api.Title;
                    problem.Detail = secrets.Redact(api.Message);
                    foreach (var (key, value) in api.Extensions)
                    {
                        problem.Extensions[key] = value;
                    }

                    if (api.Status == StatusCodes.Status401Unauthorized)
                    {
                        context.Response.Headers.WWWAuthenticate = "Bearer";
                    }

                    break;
                case BadHttpRequestException bad:
                    problem.Status = bad.StatusCode;
                    problem.Title = bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? "Payload Too Large" : "Bad Request";
                    problem.Detail = secrets.Redact(bad.InnerException is System.Text.Json.JsonException json ? "The body is not valid JSON for this request: " + json.Message : bad.Message);
                    break;
                case SqlException sql:
                    problem.Status = StatusCodes.Status400BadRequest;
                    problem.Title = "Bad Request";
                    problem.Detail = secrets.Redact(sql.Message);
                    problem.Extensions["errors"] = new[] { new Contracts.SqlError(secrets.Redact(sql.Reason), sql.Line, sql.Column) };
                    break;
                case SluiceException { Domain: ErrorDomain.User } user:
                    problem.Status = StatusCodes.Status400BadRequest;
                    problem.Title = "Bad Request";
                    problem.Detail = secrets.Redact(user.Message);
                    break;
                case SluiceException { Domain: ErrorDomain.External } external:
                    problem.Status = StatusCodes.Status502BadGateway;
                    problem.Title = "Bad Gateway";
                    problem.Detail = secrets.Redact(external.Message);
                    break;
                default:
                    LogFailed(logger, context.TraceIdentifier, secrets.Redact(ex.ToString()));
                    problem.Status = StatusCodes.Status500InternalServerError;
                    problem.Title = "Internal Server Error";
                    problem.Detail = $"An internal error occurred; the server log has its details under the trace id {context.TraceIdentifier}.";
                    break;
            }

            problem.Extensions["traceId"] = context.TraceIdentifier;
            context.Response.Clear();
            context.Response.StatusCode = problem.Status!.Value;
            await problems.WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = null }).ConfigureAwait(false);
        }
    }

    [LoggerMessage(EventId = 500, Level = LogLevel.Error, Message = "Request {TraceId} failed: {Detail}")]
    private static partial void LogFailed(ILogger logger, string traceId, string detail);
}
