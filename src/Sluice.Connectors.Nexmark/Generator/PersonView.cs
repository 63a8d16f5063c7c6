namespace Sluice.Connectors.Nexmark.Generator;

/// <summary>
/// A generated person as the generator hands it to an <see cref="INexmarkEventWriter"/>: numbers, and strings as UTF-8
/// bytes that are only valid during the call (they point into the generator's scratch space and shared tables).
/// </summary>
public readonly ref struct PersonView
{
    /// <summary>The person's id (1000 + a dense counter).</summary>
    public long Id { get; init; }

    /// <summary>"First Last".</summary>
    public ReadOnlySpan<byte> Name { get; init; }

    /// <summary>The e-mail address.</summary>
    public ReadOnlySpan<byte> EmailAddress { get; init; }

    /// <summary>Four groups of four digits.</summary>
    public ReadOnlySpan<byte> CreditCard { get; init; }

    /// <summary>A US city.</summary>
    public ReadOnlySpan<byte> City { get; init; }

    /// <summary>A two-letter US state.</summary>
    public ReadOnlySpan<byte> State { get; init; }

    /// <summary>The event time in epoch milliseconds.</summary>
    public long DateTime { get; init; }

    /// <summary>Padding towards the average person size.</summary>
    public ReadOnlySpan<byte> Extra { get; init; }
}
