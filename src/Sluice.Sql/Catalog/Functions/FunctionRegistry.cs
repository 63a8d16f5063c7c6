namespace Sluice.Sql.Catalog.Functions;

/// <summary>
/// Functions by name, case-insensitively: the built-ins plus user-defined functions, which may not shadow a
/// built-in. Not thread-safe.
/// </summary>
public sealed class FunctionRegistry
{
    private readonly Dictionary<string, FunctionDefinition> _byName = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Creates a registry holding <paramref name="builtIns"/>.</summary>
    public FunctionRegistry(IEnumerable<FunctionDefinition> builtIns)
    {
        ArgumentNullException.ThrowIfNull(builtIns);
        foreach (var function in builtIns)
        {
            _byName.Add(function.Name, function);
        }
    }

    /// <summary>Every function, ordered by name.</summary>
    public IEnumerable<FunctionDefinition> All => _byName.Values.OrderBy(f => f.Name, StringComparer.Ordinal);

    /// <summary>The function named <paramref name="name"/>, or null.</summary>
    public FunctionDefinition? Find(string name) => _byName.GetValueOrDefault(name);

    /// <summary>Adds or replaces a user-defined function.</summary>
    /// <exception cref="ArgumentException">A built-in function has that name.</exception>
    public void Register(FunctionDefinition function)
    {
        ArgumentNullException.ThrowIfNull(function);
        if (_byName.TryGetValue(function.Name, out var existing) && existing.IsBuiltIn)
        {
            throw new ArgumentException($"'{function.Name}' is a built-in function.", nameof(function));
        }

        _byName[function.Name] = function;
    }

    /// <summary>Removes a user-defined function; false when there is none of that name.</summary>
    /// <exception cref="ArgumentException">The name is that of a built-in function.</exception>
    public bool Remove(string name)
    {
        if (_byName.TryGetValue(name, out var existing) && existing.IsBuiltIn)
        {
            throw new ArgumentException($"'{name}' is a built-in function.", nameof(name));
        }

        return _byName.Remove(name);
    }
}
