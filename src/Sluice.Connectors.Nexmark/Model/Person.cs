using Sluice.Connectors.Nexmark.Generator;

namespace Sluice.Connectors.Nexmark.Model;

/// <summary>A new person (see <see cref="PersonView"/> for the fields).</summary>
public sealed record Person(long Id, string Name, string EmailAddress, string CreditCard, string City, string State, long DateTime, string Extra)
    : NexmarkEvent(DateTime)
{
    /// <inheritdoc />
    public override NexmarkEventType Type => NexmarkEventType.Person;
}
