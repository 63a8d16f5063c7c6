namespace Sluice.Connectors.Abstractions.Table;

/// <summary>
/// The type of a connector or format option's value, as in Flink's <c>ConfigOption</c>s. Every value is written as a
/// string in the <c>WITH</c> clause; the type says how it is parsed and validated.
/// </summary>
public enum OptionType
{
    /// <summary>Any text.</summary>
    String,

    /// <summary><c>true</c> or <c>false</c> (case-insensitive).</summary>
    Boolean,

    /// <summary>A 32-bit integer.</summary>
    Int,

    /// <summary>A 64-bit integer.</summary>
    Long,

    /// <summary>A floating-point number.</summary>
    Double,

    /// <summary>
    /// A duration: a number and an optional unit (<c>ms</c> when omitted), for example <c>500</c>, <c>10 s</c>,
    /// <c>1min</c>, <c>2 h</c>, <c>1d</c>.
    /// </summary>
    Duration,

    /// <summary>
    /// A size in bytes: a number and an optional unit (bytes when omitted), for example <c>1024</c>, <c>64kb</c>,
    /// <c>128 mb</c>, <c>1gb</c> (powers of 1024, as in Flink).
    /// </summary>
    MemorySize,

    /// <summary>A single character; backslash escapes such as <c>\t</c> and <c>\u0001</c> are accepted.</summary>
    Char,

    /// <summary>One of a fixed list of words (<see cref="ConnectorOption.AllowedValues"/>), case-insensitive.</summary>
    Enum,
}
