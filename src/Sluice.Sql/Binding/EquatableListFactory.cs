using Sluice.Sql.Ast;

namespace Sluice.Sql.Binding;

/// <summary>Creates <see cref="NodeList{T}"/> instances with type inference.</summary>
public static class NodeList
{
    /// <summary>A list of <paramref name="items"/>.</summary>
    public static NodeList<T> Of<T>(params T[] items) => items.Length == 0 ? NodeList<T>.Empty : new NodeList<T>(items);

    /// <summary>A list of <paramref name="items"/>.</summary>
    public static NodeList<T> From<T>(IEnumerable<T> items) => new(items);

    /// <summary>A list of <paramref name="items"/>.</summary>
    public static NodeList<T> ToNodeList<T>(this IEnumerable<T> items) => new(items);
}
