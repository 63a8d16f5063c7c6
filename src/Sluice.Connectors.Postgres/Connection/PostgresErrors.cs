using Npgsql;
using Sluice.Core.Errors;

namespace Sluice.Connectors.Postgres.Connection;

/// <summary>Classifies PostgreSQL failures and retries transient ones with backoff.</summary>
internal static class PostgresErrors
{
    /// <summary>
    /// True for failures worth retrying: lost connections, serialization failures and deadlocks (Npgsql's
    /// <see cref="NpgsqlException.IsTransient"/>), never constraint violations or other permanent errors.
    /// </summary>
    public static bool IsTransient(Exception exception) => exception switch
    {
        PostgresException pg => pg.IsTransient || pg.SqlState is PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected
            or PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CannotConnectNow,
        NpgsqlException npgsql => npgsql.IsTransient || npgsql.InnerException is IOException or System.Net.Sockets.SocketException,
        IOException or System.Net.Sockets.SocketException or TimeoutException => true,
        _ => false,
    };

    /// <summary>Wraps a failure into a <see cref="ConnectorException"/> saying what was being done.</summary>
    public static ConnectorException Wrap(string connector, string what, Exception exception)
    {
        var detail = exception is PostgresException pg ? $"{pg.MessageText} (SQLSTATE {pg.SqlState}{(pg.Detail is null ? "" : "; " + pg.Detail)})" : exception.Message;
        var transient = IsTransient(exception);
        return new ConnectorException(connector, $"{what} failed: {detail}",
            transient ? ErrorDomain.External : ErrorDomain.User, transient ? RetryHint.WithBackoff : RetryHint.None, exception);
    }

    /// <summary>
    /// Runs <paramref name="action"/>, retrying up to <paramref name="maxRetries"/> times on transient failures with
    /// exponential backoff (100 ms, 200 ms, ...; at most 5 s) measured by <paramref name="time"/>;
    /// <paramref name="reset"/> runs before each retry (e.g. to drop a broken connection).
    /// </summary>
    public static T Retry<T>(Func<T> action, int maxRetries, TimeProvider time, Action reset, string connector, string what)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return action();
            }
            catch (Exception ex) when (ex is NpgsqlException or IOException or System.Net.Sockets.SocketException or TimeoutException)
            {
                if (!IsTransient(ex) || attempt >= maxRetries)
                {
                    throw Wrap(connector, what, ex);
                }

                reset();
                var delay = TimeSpan.FromMilliseconds(Math.Min(5000, 100 * (1 << Math.Min(attempt, 10))));
                Task.Delay(delay, time).GetAwaiter().GetResult();
            }
        }
    }
}
