using System.Text;
using Sluice.Core.Errors;
using Sluice.Core.Types;

namespace Sluice.Sql.Physical.Expressions;

/// <summary>The user errors of failed casts and conversions, naming the value and the target type.</summary>
internal static class CastErrors
{
    public static SluiceException Invalid(ReadOnlySpan<byte> utf8, DataType target) =>
        new($"Cannot cast '{Encoding.UTF8.GetString(utf8)}' to {target.Nullable()}: it is not a valid value of that type.", ErrorDomain.User);

    public static SluiceException Invalid(string value, DataType target, string reason) =>
        new($"Cannot cast {value} to {target.Nullable()}: {reason}.", ErrorDomain.User);
}
