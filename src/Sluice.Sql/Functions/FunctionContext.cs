namespace Sluice.Sql.Functions;

/// <summary>
/// What <see cref="UserDefinedFunction.Open"/> receives (Flink's <c>FunctionContext</c>): the job parameters, which
/// are the session configuration (<c>SET 'key' = 'value'</c>) when the function is opened. Immutable.
/// </summary>
public sealed class FunctionContext
{
    /// <summary>Creates a context.</summary>
    /// <param name="jobParameters">The job parameters.</param>
    public FunctionContext(IReadOnlyDictionary<string, string> jobParameters)
    {
        ArgumentNullException.ThrowIfNull(jobParameters);
        JobParameters = jobParameters;
    }

    /// <summary>A context without parameters.</summary>
    public static FunctionContext Empty { get; } = new(new Dictionary<string, string>());

    /// <summary>Every job parameter.</summary>
    public IReadOnlyDictionary<string, string> JobParameters { get; }

    /// <summary>The parameter <paramref name="key"/>, or <paramref name="defaultValue"/> when it is not set.</summary>
    public string? GetJobParameter(string key, string? defaultValue)
    {
        ArgumentNullException.ThrowIfNull(key);
        return JobParameters.TryGetValue(key, out var value) ? value : defaultValue;
    }
}
