using Sluice.Connectors.Abstractions.Formats;
using Sluice.Core.Schemas;

namespace Sluice.Connectors.Abstractions.Table;

/// <summary>
/// Creates decoders and encoders of one row format (<c>csv</c>, <c>json</c>, ...), chosen by a connector's
/// <c>'format'</c>, <c>'key.format'</c> or <c>'value.format'</c> option. Stateless and thread-safe.
/// </summary>
/// <remarks>
/// The format's options are declared in its <see cref="ITableFactory.Descriptor"/> without prefix and read through
/// an <see cref="OptionReader"/> whose prefix is the one the table uses (<c>csv.</c>, <c>value.json.</c>), so that
/// errors name the key as written.
/// </remarks>
public interface IFormatFactory : ITableFactory
{
    /// <summary>The row kinds its decoders produce: insert-only for plain formats, all kinds for changelog formats.</summary>
    ChangelogMode ChangelogMode { get; }

    /// <summary>Creates a decoder of rows of <paramref name="schema"/>.</summary>
    /// <exception cref="TableOptionException">An option is invalid, or the schema has a type the format cannot read.</exception>
    IBatchDecoder CreateDecoder(Schema schema, OptionReader options);

    /// <summary>Creates an encoder of rows of <paramref name="schema"/> (one record per row, each ending in <c>\n</c>).</summary>
    /// <exception cref="TableOptionException">An option is invalid, or the schema has a type the format cannot write.</exception>
    IBatchEncoder CreateEncoder(Schema schema, OptionReader options);
}
