using Sluice.Connectors.Abstractions.Table;

namespace Sluice.Testing.Conformance;

/// <summary>
/// The option part of the connector conformance kit: a bad value of an option is rejected when the source or sink is
/// created, with a <see cref="TableOptionException"/> that names the option, never accepted or failing later.
/// </summary>
public static class OptionConformance
{
    /// <summary>Checks that creating the source with <paramref name="option"/> = <paramref name="badValue"/> fails naming the option.</summary>
    /// <exception cref="ConformanceException">The source was created, or the error does not name the option.</exception>
    public static void RejectsBadSourceOption(ConnectorRegistry registry, TableContext context, string option, string badValue)
    {
        ArgumentNullException.ThrowIfNull(registry);
        Check(() => registry.CreateSource(With(context, option, badValue)), option, badValue);
    }

    /// <summary>Checks that creating the sink with <paramref name="option"/> = <paramref name="badValue"/> fails naming the option.</summary>
    /// <exception cref="ConformanceException">The sink was created, or the error does not name the option.</exception>
    public static void RejectsBadSinkOption(ConnectorRegistry registry, TableContext context, string option, string badValue)
    {
        ArgumentNullException.ThrowIfNull(registry);
        Check(() => registry.CreateSink(With(context, option, badValue)), option, badValue);
    }

    private static TableContext With(TableContext context, string option, string value)
    {
        ArgumentNullException.ThrowIfNull(context);
        var options = new Dictionary<string, string>(context.Options, StringComparer.Ordinal) { [option] = value };
        return new TableContext(context.TableName, context.Schema, options)
        {
            PrimaryKey = context.PrimaryKey,
            MetadataColumns = context.MetadataColumns,
            SessionTimeZone = context.SessionTimeZone,
            Clock = context.Clock,
        };
    }

    private static void Check(Action create, string option, string badValue)
    {
        try
        {
            create();
        }
        catch (TableOptionException error)
        {
            if (error.OptionKey != option && !error.Message.Contains($"'{option}'", StringComparison.Ordinal))
            {
                throw new ConformanceException($"The error for '{option}' = '{badValue}' does not name the option: {error.Message}", error);
            }

            return;
        }

        throw new ConformanceException($"Option '{option}' = '{badValue}' was accepted; expected a {nameof(TableOptionException)} naming it.");
    }
}
