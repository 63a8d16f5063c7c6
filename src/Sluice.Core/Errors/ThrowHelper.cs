using System.Diagnostics.CodeAnalysis;

namespace Sluice.Core.Errors;

/// <summary>Throw helpers that keep <c>throw</c> out of hot methods so they stay small and inlinable.</summary>
public static class ThrowHelper
{
    /// <summary>Throws an <see cref="ArgumentOutOfRangeException"/>.</summary>
    [DoesNotReturn]
    public static void ThrowArgumentOutOfRange(string paramName, string message) =>
        throw new ArgumentOutOfRangeException(paramName, message);

    /// <summary>Throws an <see cref="InvalidOperationException"/>.</summary>
    [DoesNotReturn]
    public static void ThrowInvalidOperation(string message) => throw new InvalidOperationException(message);

    /// <summary>Throws a <see cref="StateException"/> for corrupt or unreadable data.</summary>
    [DoesNotReturn]
    public static void ThrowCorrupt(string message) => throw new StateException(message, ErrorDomain.External);
}
