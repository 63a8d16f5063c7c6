namespace Sluice.Connectors.Abstractions.Table;

/// <summary>
/// Typed access to the options of one connector or format in a table's <c>WITH</c> clause. Keys are given without
/// the format prefix (<c>field-delimiter</c>); the reader adds <see cref="Prefix"/> (<c>csv.</c>, <c>value.json.</c>)
/// and falls back to the declared default of the matching <see cref="ConnectorOption"/>.
/// </summary>
/// <remarks>
/// A value that does not parse fails with a <see cref="TableOptionException"/> naming the option as written, e.g.
/// <c>Invalid value 'ab' for option 'csv.field-delimiter' of format 'csv': expected a single character ...</c>.
/// Immutable; thread-safe when the dictionary is not modified.
/// </remarks>
public sealed class OptionReader
{
    private readonly IReadOnlyDictionary<string, string> _options;

    /// <summary>Creates a reader.</summary>
    /// <param name="options">All options of the table (case-sensitive keys).</param>
    /// <param name="descriptor">The connector or format whose options are read (for defaults and messages).</param>
    /// <param name="prefix">The prefix of this format's keys (<c>csv.</c>); empty for a connector.</param>
    public OptionReader(IReadOnlyDictionary<string, string> options, ConnectorDescriptor descriptor, string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(descriptor);
        ArgumentNullException.ThrowIfNull(prefix);
        _options = options;
        Descriptor = descriptor;
        Prefix = prefix;
    }

    /// <summary>The connector or format whose options are read.</summary>
    public ConnectorDescriptor Descriptor { get; }

    /// <summary>The prefix added to every key (empty for a connector).</summary>
    public string Prefix { get; }

    /// <summary>All options of the table, with full keys.</summary>
    public IReadOnlyDictionary<string, string> All => _options;

    /// <summary>The key as written in the <c>WITH</c> clause: <see cref="Prefix"/> + <paramref name="key"/>.</summary>
    public string FullKey(string key) => Prefix + key;

    /// <summary>True when the table sets the option (its default does not count).</summary>
    public bool Contains(string key) => _options.ContainsKey(FullKey(key));

    /// <summary>The value set by the table, else the declared default, else null.</summary>
    public string? GetOptionalString(string key) =>
        _options.TryGetValue(FullKey(key), out var value) ? value : Descriptor.FindOption(key)?.DefaultValue;

    /// <summary>The value set by the table, else the declared default.</summary>
    /// <exception cref="TableOptionException">Neither is there (the option is required).</exception>
    public string GetString(string key) =>
        GetOptionalString(key) ?? throw new TableOptionException(
            $"Missing required option '{FullKey(key)}' for {Descriptor}.", FullKey(key), Descriptor.ToString());

    /// <summary>A boolean option (value or default); false when neither is there.</summary>
    public bool GetBoolean(string key) => Parse(key, OptionType.Boolean, static (string s, out bool v) => OptionValueParser.TryParseBoolean(s, out v)) ?? false;

    /// <summary>An INT option (value or default), or null.</summary>
    public int? GetOptionalInt32(string key) => Parse(key, OptionType.Int, static (string s, out int v) => OptionValueParser.TryParseInt32(s, out v));

    /// <summary>A BIGINT option (value or default), or null.</summary>
    public long? GetOptionalInt64(string key) => Parse(key, OptionType.Long, static (string s, out long v) => OptionValueParser.TryParseInt64(s, out v));

    /// <summary>A numeric option (value or default), or null.</summary>
    public double? GetOptionalDouble(string key) => Parse(key, OptionType.Double, static (string s, out double v) => OptionValueParser.TryParseDouble(s, out v));

    /// <summary>A duration option (value or default), or null.</summary>
    public TimeSpan? GetOptionalDuration(string key) =>
        Parse(key, OptionType.Duration, static (string s, out TimeSpan v) => OptionValueParser.TryParseDuration(s, out v));

    /// <summary>A size option in bytes (value or default), or null.</summary>
    public long? GetOptionalMemorySize(string key) =>
        Parse(key, OptionType.MemorySize, static (string s, out long v) => OptionValueParser.TryParseMemorySize(s, out v));

    /// <summary>A single-character option (value or default), or null.</summary>
    public char? GetOptionalChar(string key) => Parse(key, OptionType.Char, static (string s, out char v) => OptionValueParser.TryParseChar(s, out v));

    /// <summary>
    /// An enumeration option (value or default) in its declared spelling (matched case-insensitively), or null.
    /// </summary>
    public string? GetOptionalChoice(string key)
    {
        var value = GetOptionalString(key);
        if (value is null)
        {
            return null;
        }

        var option = Descriptor.FindOption(key);
        if (option is null || option.Type != OptionType.Enum)
        {
            return value;
        }

        return option.FindAllowed(value) ?? throw Invalid(key, value, option);
    }

    /// <summary>
    /// The values of the <c>#</c> segment of every option set by the table that matches <paramref name="template"/>
    /// (for <c>fields.#.kind</c>: the column names that have a <c>kind</c>), in key order.
    /// </summary>
    public IReadOnlyList<string> GetTemplateValues(string template)
    {
        var option = new ConnectorOption(template, OptionType.String, "");
        var hash = Array.IndexOf(option.Segments, "#");
        var result = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var key in _options.Keys)
        {
            if (key.StartsWith(Prefix, StringComparison.Ordinal) && option.Matches(key[Prefix.Length..]))
            {
                result.Add(key[Prefix.Length..].Split('.')[hash]);
            }
        }

        return [.. result];
    }

    private T? Parse<T>(string key, OptionType type, TryParser<T> parser)
        where T : struct
    {
        var value = GetOptionalString(key);
        if (value is null)
        {
            return null;
        }

        if (parser(value, out var result))
        {
            return result;
        }

        throw Invalid(key, value, Descriptor.FindOption(key) ?? new ConnectorOption(key, type, ""));
    }

    private TableOptionException Invalid(string key, string value, ConnectorOption option)
    {
        option.IsValidValue(value, out var expected);
        var fullKey = FullKey(key);
        return new TableOptionException($"Invalid value '{value}' for option '{fullKey}' of {Descriptor}: expected {expected}.",
            fullKey, Descriptor.ToString());
    }

    private delegate bool TryParser<T>(string text, out T value);
}
