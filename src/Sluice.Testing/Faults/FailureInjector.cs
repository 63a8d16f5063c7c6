namespace Sluice.Testing.Faults;

/// <summary>
/// Injects failures at named points with a seeded probability, up to a budget, so crash tests are
/// reproducible from their seed. Thread-safe.
/// </summary>
public sealed class FailureInjector
{
    private readonly object _lock = new();
    private readonly Random _random;
    private readonly Dictionary<string, double> _probabilities = [];
    private readonly Dictionary<string, int> _injected = [];
    private int _remaining;

    /// <summary>Creates an injector that fails at most <paramref name="maxFailures"/> times.</summary>
    public FailureInjector(int seed, int maxFailures)
    {
        _random = new Random(seed);
        _remaining = maxFailures;
    }

    /// <summary>Arms <paramref name="point"/> to fail with probability <paramref name="probability"/> per call.</summary>
    public FailureInjector Arm(string point, double probability)
    {
        lock (_lock)
        {
            _probabilities[point] = probability;
        }

        return this;
    }

    /// <summary>Failures injected so far, per point.</summary>
    public IReadOnlyDictionary<string, int> Injected
    {
        get
        {
            lock (_lock)
            {
                return new Dictionary<string, int>(_injected);
            }
        }
    }

    /// <summary>All failures injected so far.</summary>
    public int TotalInjected
    {
        get
        {
            lock (_lock)
            {
                return _injected.Values.Sum();
            }
        }
    }

    /// <summary>Throws an <see cref="InjectedFailureException"/> if the dice say so.</summary>
    public void MaybeFail(string point)
    {
        lock (_lock)
        {
            if (_remaining <= 0 || !_probabilities.TryGetValue(point, out var p) || _random.NextDouble() >= p)
            {
                return;
            }

            _remaining--;
            _injected[point] = _injected.GetValueOrDefault(point) + 1;
        }

        throw new InjectedFailureException(point);
    }
}
