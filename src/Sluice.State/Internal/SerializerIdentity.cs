using Sluice.Core.Serialization;

namespace Sluice.State.Internal;

/// <summary>Decides whether two serializers are the same for state registration.</summary>
internal static class SerializerIdentity
{
    /// <summary>
    /// The same instance, or the same runtime type with the same version. Serializers are stateless, so two instances
    /// of one type are interchangeable.
    /// </summary>
    public static bool Same<T>(ITypeSerializer<T> a, ITypeSerializer<T> b) =>
        ReferenceEquals(a, b) || (a.GetType() == b.GetType() && a.Version == b.Version);
}
