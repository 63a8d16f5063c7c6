namespace Sluice.Connectors.Abstractions.Table;

/// <summary>
/// One option a connector or format accepts in a table's <c>WITH</c> clause: its key, type, default, whether it is
/// required, and a description for the generated documentation. Immutable and thread-safe.
/// </summary>
/// <remarks>
/// <para><b>Keys</b> are case-sensitive, as in Flink. A format's option keys are written without the format prefix
/// (<c>field-delimiter</c>, not <c>csv.field-delimiter</c>); the prefix is added where the format is used.</para>
/// <para><b>Templates.</b> A key segment <c>#</c> stands for any one segment, usually a column name, as in Flink's
/// documentation: <c>fields.#.kind</c> matches <c>fields.id.kind</c>.</para>
/// </remarks>
public sealed class ConnectorOption
{
    /// <summary>Creates an option.</summary>
    /// <param name="key">The key (without a format prefix); a segment <c>#</c> matches any segment.</param>
    /// <param name="type">How the value is parsed.</param>
    /// <param name="description">One or two sentences for the documentation.</param>
    /// <param name="defaultValue">The value used when the option is not set (as written in SQL), or null.</param>
    /// <param name="isRequired">True when a table must set the option.</param>
    /// <param name="allowedValues">For <see cref="OptionType.Enum"/>: the accepted words.</param>
    /// <exception cref="ArgumentException">The key is empty, or an enumeration has no values.</exception>
    public ConnectorOption(string key, OptionType type, string description, string? defaultValue = null, bool isRequired = false,
        IReadOnlyList<string>? allowedValues = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        ArgumentNullException.ThrowIfNull(description);
        if (type == OptionType.Enum && (allowedValues is null || allowedValues.Count == 0))
        {
            throw new ArgumentException($"The enumeration option '{key}' needs its allowed values.", nameof(allowedValues));
        }

        Key = key;
        Type = type;
        Description = description;
        DefaultValue = defaultValue;
        IsRequired = isRequired;
        AllowedValues = allowedValues ?? [];
        Segments = key.Split('.');
        IsTemplate = Array.IndexOf(Segments, "#") >= 0;
    }

    /// <summary>The key, without a format prefix; may contain <c>#</c> segments (see the remarks).</summary>
    public string Key { get; }

    /// <summary>How the value is parsed.</summary>
    public OptionType Type { get; }

    /// <summary>The description for the documentation.</summary>
    public string Description { get; }

    /// <summary>The value used when the option is not set, or null when there is none.</summary>
    public string? DefaultValue { get; }

    /// <summary>True when a table must set the option.</summary>
    public bool IsRequired { get; }

    /// <summary>The accepted words of an <see cref="OptionType.Enum"/> option; empty for other types.</summary>
    public IReadOnlyList<string> AllowedValues { get; }

    /// <summary>True when the key has a <c>#</c> segment.</summary>
    public bool IsTemplate { get; }

    internal string[] Segments { get; }

    /// <summary>A required option.</summary>
    public static ConnectorOption Required(string key, OptionType type, string description) =>
        new(key, type, description, isRequired: true);

    /// <summary>An optional option, with its default (null when unset means "not configured").</summary>
    public static ConnectorOption Optional(string key, OptionType type, string description, string? defaultValue = null) =>
        new(key, type, description, defaultValue);

    /// <summary>An optional option whose value is one of <paramref name="allowedValues"/>.</summary>
    public static ConnectorOption Choice(string key, string description, string? defaultValue, params string[] allowedValues) =>
        new(key, OptionType.Enum, description, defaultValue, allowedValues: allowedValues);

    /// <summary>
    /// True when <paramref name="key"/> (without a format prefix) is this option's key, or matches its template.
    /// </summary>
    public bool Matches(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (!IsTemplate)
        {
            return string.Equals(key, Key, StringComparison.Ordinal);
        }

        var segments = key.Split('.');
        if (segments.Length != Segments.Length)
        {
            return false;
        }

        for (var i = 0; i < segments.Length; i++)
        {
            if (Segments[i] == "#" ? segments[i].Length == 0 : !string.Equals(segments[i], Segments[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Checks that <paramref name="value"/> parses as this option's type; otherwise returns false and says what was
    /// expected (for example <c>a duration such as '10 s'</c>).
    /// </summary>
    public bool IsValidValue(string value, out string expected)
    {
        ArgumentNullException.ThrowIfNull(value);
        expected = Type switch
        {
            OptionType.Boolean => "'true' or 'false'",
            OptionType.Int => "an integer (INT)",
            OptionType.Long => "an integer (BIGINT)",
            OptionType.Double => "a number",
            OptionType.Duration => "a duration such as '500 ms', '10 s', '5 min' or '1 h'",
            OptionType.MemorySize => "a size such as '1024', '64 kb', '128 mb' or '1 gb'",
            OptionType.Char => "a single character (or an escape such as '\\t')",
            OptionType.Enum => "one of " + string.Join(", ", AllowedValues.Select(v => $"'{v}'")),
            _ => "a string",
        };
        return Type switch
        {
            OptionType.Boolean => OptionValueParser.TryParseBoolean(value, out _),
            OptionType.Int => OptionValueParser.TryParseInt32(value, out _),
            OptionType.Long => OptionValueParser.TryParseInt64(value, out _),
            OptionType.Double => OptionValueParser.TryParseDouble(value, out _),
            OptionType.Duration => OptionValueParser.TryParseDuration(value, out _),
            OptionType.MemorySize => OptionValueParser.TryParseMemorySize(value, out _),
            OptionType.Char => OptionValueParser.TryParseChar(value, out _),
            OptionType.Enum => FindAllowed(value) is not null,
            _ => true,
        };
    }

    /// <summary>The canonical spelling of an enumeration value (matched case-insensitively), or null.</summary>
    internal string? FindAllowed(string value)
    {
        foreach (var allowed in AllowedValues)
        {
            if (string.Equals(allowed, value.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return allowed;
            }
        }

        return null;
    }

    /// <inheritdoc />
    public override string ToString() => $"{Key} ({Type})";
}
