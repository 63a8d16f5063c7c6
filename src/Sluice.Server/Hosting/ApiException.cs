namespace Sluice.Server.Hosting;

/// <summary>
/// A request that cannot be served, with the HTTP status and title it is reported with as RFC 7807 problem details.
/// Thrown by endpoint handlers; the problem-details middleware turns it into the response.
/// </summary>
internal sealed class ApiException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ApiException(int status, string title, string detail)
        : base(detail)
    {
        Status = status;
        Title = title;
    }

    /// <summary>The HTTP status.</summary>
    public int Status { get; }

    /// <summary>The problem's short title.</summary>
    public string Title { get; }

    /// <summary>Extra members of the problem details (for example the SQL errors with their positions).</summary>
    public IDictionary<string, object?> Extensions { get; } = new Dictionary<string, object?>();

    /// <summary>404: the named resource does not exist.</summary>
    public static ApiException NotFound(string what) => new(StatusCodes.Status404NotFound, "Not Found", what);

    /// <summary>400: the request is invalid.</summary>
    public static ApiException BadRequest(string detail) => new(StatusCodes.Status400BadRequest, "Bad Request", detail);

    /// <summary>409: the resource is not in a state that allows the request.</summary>
    public static ApiException Conflict(string detail) => new(StatusCodes.Status409Conflict, "Conflict", detail);
}
